"""Every input of the bad-inputs corpus (tests/bad_inputs/MANIFEST.yaml) through the real
command line, on a copy of a store built from a good file: the documented exit code, a
message naming the file and the reason, never a traceback; a refused input leaves the
store byte for byte as it was; what loads is in the graph, and what was rejected is in the
store's ``rejects`` table with its line.

The builds run two at a time in subprocesses (one per case, each on its own store copy).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.build import build
from graph.store import EmbeddedStore
from tests.bad_inputs.make import manifest, materialise
from tests.ofsted_fixtures import home_row, write_snapshot

ROOT = Path(__file__).resolve().parents[1]
CASES = manifest()
ENV = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1"}
ENV.pop("INSPECTION_GRAPH_BACKEND", None)


@dataclass
class Outcome:
    code: int
    output: str
    store: Path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a store folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True,
                          text=True, env=ENV, cwd=ROOT, timeout=timeout)


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    """A store built from one good file: what every refused input must leave untouched."""
    root = tmp_path_factory.mktemp("bad-inputs-base")
    write_snapshot(root / "good" / "provider_at_march_2019.csv",
                   [home_row("SC000001"), home_row("SC000002", event="10049676")])
    assert build([root / "good"], root / "store").exit_code == 0
    return root / "store"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory, base_store) -> dict[str, Outcome]:
    root = tmp_path_factory.mktemp("bad-inputs")

    def run(case: dict) -> tuple[str, Outcome]:
        folder = materialise(case, root / "inputs")
        store = root / "stores" / case["case"]
        shutil.copytree(base_store, store)
        proc = run_cli("build", str(folder), "--store", str(store), "-q")
        return case["case"], Outcome(proc.returncode, proc.stdout + proc.stderr, store)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(pool.map(run, CASES))


def stored_text(store: EmbeddedStore) -> str:
    """Everything the store holds, as text (for "this must not be anywhere")."""
    tables = ("nodes", "edges", "provenance", "search", "rejects", "notices", "sources",
              "questions", "meta")
    return "\n".join(repr(row) for t in tables for row in store.sql(f"SELECT * FROM {t}"))


def stored_strings(store: EmbeddedStore) -> list[str]:
    """Every string value in the graph: properties (nested too) and provenance."""
    out: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for (props,) in store.sql("SELECT props FROM nodes UNION ALL SELECT props FROM edges"):
        walk(json.loads(props))
    for row in store.sql("SELECT source, locator, quote FROM provenance"):
        walk(list(row))
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_bad_input(case, outcomes, base_store):
    got = outcomes[case["case"]]
    assert "Traceback" not in got.output and "internal error" not in got.output, got.output
    assert got.code == case["exit"], got.output
    names = [f"{case['case']}/{name}" for name in case.get("files") or [case["file"]]]
    assert any(name in got.output for name in names), got.output
    for fragment in case.get("says", []):
        assert fragment in got.output, got.output
    if case["exit"] == 2:
        assert "the previous graph is untouched" in got.output
        assert snapshot(got.store) == snapshot(base_store)
        return
    with EmbeddedStore(got.store) as store:
        assert set(names) & set(store.meta()["sources"])  # the new graph is built from it
        if "rows" in case:
            (source,) = store.sources()
            assert [source["rows_read"], source["rows_used"], source["rows_rejected"]] \
                == case["rows"]
        rejected = {r["locator"] for r in store.rejects() if r["source"] in names}
        assert rejected == set(case.get("rejects", [])), store.rejects()
        for node_id in case.get("nodes", []):
            assert store.node(node_id), node_id
        for node_id, values in (case.get("values") or {}).items():
            node = store.node(node_id)
            assert node, node_id
            assert {k: node.get(k) for k in values} == values
        everything = stored_text(store)
        assert "\\x00" not in everything and "\x00" not in everything
        for text in case.get("absent", []):
            assert text not in everything, text
        strings = stored_strings(store)
        for text in case.get("verbatim", []):
            assert any(text in s for s in strings), text


def test_the_corpus_is_small_and_every_committed_file_is_used():
    files = ROOT / "tests" / "bad_inputs" / "files"
    used = {n for c in CASES for n in c.get("files") or [c["file"]]}
    committed = {p.name for p in files.iterdir()}
    assert committed <= used, committed - used
    assert sum(p.stat().st_size for p in files.iterdir()) < 64_000
    assert len({c["case"] for c in CASES}) == len(CASES)
