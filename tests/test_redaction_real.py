"""``export --redact`` on the real people: a store built from the seed documents (every
Person of the real graph comes from them) exported in every format through the command
line holds none of their names, nor any of their surnames as a word; the pseudonyms are
the same in two runs with one key and differ with another key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.build import build
from graph.exports import FORMATS, SUFFIXES
from graph.ids import slug
from graph.names import parse_person
from graph.store import EmbeddedStore
from tests.security_fixture import run_main


def exported_text(path: Path) -> str:
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    return "".join(f.read_text(encoding="utf-8") for f in files)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, seeds_dir) -> tuple[Path, list[str], list[str]]:
    store = tmp_path_factory.mktemp("redact-real") / "store"
    assert build([seeds_dir], store).swapped
    with EmbeddedStore(store) as reader:
        named = [p for p in reader.nodes("Person") if not p.get("unnamed")]
        ids = {p["id"] for p in named}
        written = [e["as_written"] for e in reader.edges("MENTIONS")
                   if e["dst"] in ids and e.get("as_written")]
    names = sorted({p["name"] for p in named} | set(written))
    surnames = sorted({parse_person(p["name"]).surname for p in named})
    assert len(named) >= 10 and "Smith" in surnames  # the real people are there
    return store, names + sorted({slug(n) for n in names}), surnames


def export(store: Path, fmt: str, out: Path, key: str, capsys, monkeypatch) -> str:
    monkeypatch.setenv("INSPECTION_GRAPH_REDACT_KEY", key)
    code, output = run_main(["export", fmt, "--redact", "-o", str(out), "--store", str(store)],
                            capsys, monkeypatch)
    assert code == 0, output
    return exported_text(out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_real_name_or_surname_leaves_in_any_format(fmt, seed_store, tmp_path, capsys,
                                                      monkeypatch):
    store, names, surnames = seed_store
    suffix = SUFFIXES[fmt]
    plain_out = tmp_path / f"plain{suffix}"
    code, _ = run_main(["export", fmt, "-o", str(plain_out), "--store", str(store)],
                       capsys, monkeypatch)
    assert code == 0 and "Helen Smith" in exported_text(plain_out)  # the test can fail
    first = export(store, fmt, tmp_path / f"a{suffix}", "key one", capsys, monkeypatch)
    for name in names:  # as written, any case, and folded into keys ("helen-smith")
        assert name.casefold() not in first.casefold(), name
    for surname in surnames:
        assert not re.search(rf"\b{re.escape(surname)}\b", first), surname
    again = export(store, fmt, tmp_path / f"b{suffix}", "key one", capsys, monkeypatch)
    other = export(store, fmt, tmp_path / f"c{suffix}", "key two", capsys, monkeypatch)
    tags = set(re.findall(r"Person ([0-9a-f]{6,})", first))
    assert tags and tags == set(re.findall(r"Person ([0-9a-f]{6,})", again))
    assert not tags & set(re.findall(r"Person ([0-9a-f]{6,})", other))
