"""Crash safety at test-suite scale (the full run on the real data is
``benchmarks/crash_test.py``; its figures are in docs/reliability.md).

kill -9 during builds (at stratified random moments, and at chosen points of the write)
leaves a store that opens and is exactly the previous graph or the new one; kill -9
during judgement writes loses no judgement completed before it; readers during a build,
the explorer among them, only ever see a whole graph.
"""

from __future__ import annotations

import random
import shutil
import signal
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.crash_test import (
    crash_builds,
    kill_in_write,
    kill_judge_cli,
    kill_judgement_loop,
    readers_during_build,
    timed_build,
)
from graph.store.verify import verify_store
from tests.ofsted_fixtures import home_row, write_snapshot

ROOT = Path(__file__).resolve().parents[1]
HOMES = (4000, 3900)  # the two input sets: each build changes the graph


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> tuple[list[list[Path]], list[str], float, Path]:
    """Two input sets, their graphs' hashes, the slower build's time, and a store."""
    root = tmp_path_factory.mktemp("crash")
    sets = []
    for n in HOMES:
        rows = [home_row(f"SC{i:06d}", event=str(20_000_000 + i), la=("Derby", "Kent")[i % 2],
                         owner=f"Owner {i % 40} Ltd") for i in range(1, n + 1)]
        sets.append([write_snapshot(root / str(n) / "provider_at_march_2019.csv", rows)])
    store = root / "store"
    timings = [timed_build(s, store) for s in reversed(sets)]
    return sets, [timings[1][1], timings[0][1]], [timings[1][0], timings[0][0]], store


@pytest.mark.slow
def test_builds_killed_at_random_leave_the_previous_or_the_new_graph(inputs):
    sets, hashes, durations, store = inputs
    results = crash_builds(sets, hashes, store, durations, kills=5, rng=random.Random(11))
    assert all(r["as_expected"] for r in results), results
    assert sum(r["killed"] for r in results) == 5
    assert max(r["delay_s"] for r in results) > 0.7 * min(durations)  # late ones too


@pytest.mark.slow
@pytest.mark.parametrize("point", ["mid-rows", "before-commit", "before-rename",
                                   "after-rename"])
def test_a_build_killed_in_its_write(inputs, point):
    sets, hashes, _, store = inputs
    target = 1 if verify_store(store).content_hash == hashes[0] else 0
    result = kill_in_write(sets[target], store, point, hashes[target])
    assert result["killed"] and result["exit"] == -signal.SIGKILL
    assert result["as_expected"], result
    assert result["after"] == (hashes[target] if point == "after-rename" else result["before"])


@pytest.mark.slow
def test_judgements_survive_kills(tmp_path):
    rng = random.Random(5)
    loops = [kill_judgement_loop(tmp_path, rng.uniform(0.4, 0.8), f"loop{n}")
             for n in range(3)]
    assert all(r["parses"] and not r["lost"] for r in loops), loops
    assert sum(r["completed"] for r in loops) > 10  # the kills came mid-stream
    completed: list[str] = []
    clis = [kill_judge_cli(tmp_path, delay, f"cli {n}", completed)
            for n, delay in enumerate((0.2, 5.0))]
    assert all(r["parses"] and not r["lost"] for r in clis), clis
    assert clis[-1]["finished"] and clis[-1]["held"] > sum(r["completed"] for r in loops)


@pytest.mark.slow
def test_readers_and_the_explorer_see_a_whole_graph_during_a_build(inputs, monkeypatch):
    sets, hashes, _, store = inputs
    shutil.rmtree(store / "documents", ignore_errors=True)
    target = 1 if verify_store(store).content_hash == hashes[0] else 0
    monkeypatch.setenv("INSPECTION_GRAPH_STORE", str(store))
    monkeypatch.delenv("INSPECTION_GRAPH_BACKEND", raising=False)
    shown: list[str] = []

    def explorer_reads() -> None:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        assert not at.exception, [e.value for e in at.exception]
        shown.append({m.label: m.value for m in at.metric}["Active homes"])

    result = readers_during_build(sets[target], store, hashes[target], explorer_reads)
    assert not result["bad"], result["bad"]
    assert result["final_is_new"] and result["saw_old"] and result["reads"] >= 4
    assert shown and set(shown) <= {f"{n:,}" for n in HOMES} | {str(n) for n in HOMES}


def test_the_harness_can_fail(tmp_path):
    """A store whose rows do not match its recorded hash is caught (so the checks above
    are not vacuous)."""
    import sqlite3

    from graph.build import build

    write_snapshot(tmp_path / "in" / "s.csv", [home_row("SC000001"), home_row("SC000002")])
    build([tmp_path / "in"], tmp_path / "store")
    con = sqlite3.connect(tmp_path / "store" / "graph.sqlite")
    con.execute("DELETE FROM nodes WHERE id = 'home:SC000002'")
    con.commit()
    con.close()
    check = verify_store(tmp_path / "store")
    assert not check.ok and "content hash" in check.problems[0]
