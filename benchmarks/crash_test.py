"""Crash safety: kill -9 builds and curated-judgement writes at random moments, and read
the store while builds run; print the figures (docs/reliability.md quotes them).

    python benchmarks/crash_test.py [--kills 20] [--seed 7] [--json results.json]

1. Builds: an uninterrupted build of each input set is timed and its content hash noted
   (builds are deterministic). Then ``--kills`` builds, alternating between the two input
   sets so each would change the graph, are started with the real command line and sent
   SIGKILL at stratified random moments over the whole build (start-up, loading,
   resolution, writing, the rename). After each kill the store must open, pass SQLite's
   check, hash to the content hash its meta records, and that hash must be the previous
   graph's or the new one's. Four more builds are killed at chosen points of the write:
   mid-rows, before the rename, just after it.
2. Judgements: SIGKILL during ``inspection-graph judge ... --no-rebuild``, and during a
   tight loop of ``graph.curation.add_judgement`` in a subprocess; the file must parse and
   hold every judgement completed before the kill.
3. Readers: a store opened before a build, and stores opened again and again while it
   runs, must each read one whole graph (hash = recorded hash), the old or the new.

The test-suite runs the same functions at a smaller scale (tests/test_crash_safety.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.measure import shown  # noqa: E402
from graph import curation  # noqa: E402
from graph.store.sqlite_write import TMP_PREFIX  # noqa: E402
from graph.store.verify import check_connection, verify_store  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "INSPECTION_GRAPH_BACKEND"}

#: A build that kills itself at a chosen point of the write (a real SIGKILL, placed).
WRITE_KILLER = r"""
import os, signal, sys
from graph.store import sqlite_write as w

point, argv = sys.argv[1], sys.argv[2:]
real_replace = os.replace

def die():
    os.kill(os.getpid(), signal.SIGKILL)

if point == "mid-rows":
    rows = w._edge_rows
    def _edge_rows(assembly, digest):
        for n, row in enumerate(rows(assembly, digest)):
            if n == 1000:
                die()
            yield row
    w._edge_rows = _edge_rows
elif point in ("before-rename", "after-rename"):
    def replace(src, dst):
        if str(dst).endswith("graph.sqlite") and point == "before-rename":
            die()
        real_replace(src, dst)
        if str(dst).endswith("graph.sqlite"):
            die()
    os.replace = replace
elif point == "before-commit":
    connect = w.sqlite3.connect
    class Dying:
        def __init__(self, con): self.con = con
        def __getattr__(self, name): return getattr(self.con, name)
        def commit(self): die()
    w.sqlite3 = type("m", (), {"connect": staticmethod(lambda *a, **k: Dying(connect(*a, **k)))})
from cli import main
sys.argv = ["inspection-graph", *argv]
main()
"""

#: Appends judgements one after another, printing each one's name once it is recorded.
JUDGE_LOOP = r"""
import sys
from pathlib import Path
from graph.curation import add_judgement
path = Path(sys.argv[1])
for n in range(1_000_000):
    add_judgement(path, "alias", {"name": f"{sys.argv[2]} {n}", "urn": "SC000001"},
                  who="crash-test", why=f"loop {n}")
    print(f"{sys.argv[2]} {n}", flush=True)
"""


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli", *args]


def build_command(inputs: list[Path], store: Path) -> list[str]:
    return cli("build", *map(str, inputs), "--store", str(store), "-q")


def timed_build(inputs: list[Path], store: Path) -> tuple[float, str]:
    """Build without interruption: (seconds, content hash)."""
    started = time.perf_counter()
    subprocess.run(build_command(inputs, store), env=ENV, cwd=ROOT, capture_output=True,
                   check=False)
    seconds = time.perf_counter() - started
    check = verify_store(store)
    assert check.ok, check.problems
    return seconds, check.content_hash or ""


def wait(proc: subprocess.Popen, seconds: float) -> None:
    """Wait ``seconds``, or until the process ends."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and proc.poll() is None:
        time.sleep(min(0.01, max(0.0, deadline - time.perf_counter())))


def kill(proc: subprocess.Popen) -> int:
    """SIGKILL the process if it still runs; its exit code (``-9`` when killed)."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    return proc.wait()


def phase_of(store: Path, proc: subprocess.Popen) -> str:
    """Where a running build is, seen from outside: writing once its temporary file exists."""
    if proc.poll() is not None:
        return "finished"
    return "writing" if list(store.glob(f"{TMP_PREFIX}{proc.pid}.*")) else "loading"


def kill_build(command: list[str], store: Path, delay: float) -> dict:
    """Start ``command`` (a build), SIGKILL it after ``delay`` seconds, check the store."""
    before = verify_store(store).content_hash
    proc = subprocess.Popen(command, env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    wait(proc, delay)
    phase = phase_of(store, proc)
    code = kill(proc)
    started = time.perf_counter()
    check = verify_store(store)
    return {"delay_s": round(delay, 2), "phase": phase, "killed": code == -signal.SIGKILL,
            "exit": code, "ok": check.ok, "problems": check.problems, "before": before,
            "after": check.content_hash, "check_s": round(time.perf_counter() - started, 2),
            "stale_temporaries": len(list(store.glob(TMP_PREFIX + "*")))}


def crash_builds(sets: list[list[Path]], hashes: list[str], store: Path,
                 durations: list[float], kills: int, rng: random.Random) -> list[dict]:
    """Builds SIGKILLed at stratified random moments of their run, until ``kills`` of them
    were killed (a build that finishes first is recorded, not counted); each aims at the
    input set the store does not hold, so the previous and the new graph differ."""
    results: list[dict] = []
    while sum(r["killed"] for r in results) < kills and len(results) < 2 * kills:
        stratum = sum(r["killed"] for r in results)
        target = 1 if verify_store(store).content_hash == hashes[0] else 0
        delay = durations[target] * 0.98 * (stratum + rng.random()) / kills
        result = kill_build(build_command(sets[target], store), store, delay)
        result["new"] = hashes[target]
        result["as_expected"] = result["ok"] and result["after"] in (result["before"],
                                                                    hashes[target])
        results.append(result)
    return results


def kill_in_write(inputs: list[Path], store: Path, point: str, new_hash: str) -> dict:
    """A build that SIGKILLs itself at ``point`` of the write; check the store after."""
    command = [sys.executable, "-c", WRITE_KILLER, point,
               "build", *map(str, inputs), "--store", str(store), "-q"]
    result = kill_build(command, store, delay=600)
    result["point"], result["new"] = point, new_hash
    result["as_expected"] = result["ok"] and result["killed"] and result["after"] == (
        new_hash if point == "after-rename" else result["before"])
    return result


def judgement_file_check(path: Path, completed: list[str]) -> dict:
    """The file parses and names every judgement completed before the kill."""
    try:
        names = {j.get("name") for j in curation.read_judgements(path)}
    except Exception as exc:  # a torn file is exactly what this looks for
        return {"parses": False, "error": f"{type(exc).__name__}: {exc}", "lost": completed}
    lost = [name for name in completed if name not in names]
    return {"parses": True, "held": len(names), "lost": lost}


def kill_judgement_loop(store: Path, delay: float, tag: str) -> dict:
    """SIGKILL a subprocess appending judgements in a tight loop after ``delay`` s."""
    path = curation.judgements_path(store)
    proc = subprocess.Popen([sys.executable, "-c", JUDGE_LOOP, str(path), tag], env=ENV,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    time.sleep(delay)
    kill(proc)
    out, _ = proc.communicate()
    completed = out.split("\n")[:-1]  # printed once recorded; a cut last line is not
    return {"delay_s": round(delay, 2), "completed": len(completed),
            **judgement_file_check(path, completed)}


def kill_judge_cli(store: Path, delay: float, name: str, completed: list[str]) -> dict:
    """SIGKILL ``inspection-graph judge alias NAME ... --no-rebuild`` after ``delay`` s."""
    proc = subprocess.Popen(cli("judge", "alias", name, "SC000001", "--why", "crash test",
                                "--who", "crash-test", "--no-rebuild", "--store", str(store)),
                            env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    wait(proc, delay)
    if kill(proc) == 0:
        completed.append(name)
    return {"delay_s": round(delay, 2), "finished": bool(completed and completed[-1] == name),
            **judgement_file_check(curation.judgements_path(store), completed)}


def readers_during_build(inputs: list[Path], store: Path, new_hash: str,
                         on_read=None) -> dict:
    """Read the store while a build replaces it: one reader opened before, fresh readers
    opened over and over; every read must be one whole graph, the old or the new."""
    from graph.store import EmbeddedStore

    old = verify_store(store).content_hash
    early = EmbeddedStore(store)
    reads, bad, seen = 0, [], set()
    proc = subprocess.Popen(build_command(inputs, store), env=ENV, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        running = proc.poll() is None
        before = check_connection(early.con)  # the file it opened, replaced or not
        fresh = verify_store(store)  # whatever graph.sqlite is now
        reads += 2
        seen.update((before.content_hash, fresh.content_hash))
        if not before.ok or before.content_hash != old:
            bad.append(["the reader opened before the build:", *before.problems])
        if not fresh.ok or fresh.content_hash not in (old, new_hash):
            bad.append(["a reader opened during the build:", *fresh.problems])
        if on_read is not None:
            on_read()
        if not running:
            break
    early.close()
    final = verify_store(store).content_hash
    return {"reads": reads, "bad": bad, "saw_old": old in seen, "saw_new": new_hash in seen,
            "final_is_new": final == new_hash, "exit": proc.returncode}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--judge-kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    ofsted, seeds = args.data / "data" / "ofsted", args.data / "seeds"
    sets = [[ofsted, seeds], [ofsted]]
    work = Path(tempfile.mkdtemp(prefix="crash-test-"))
    store = work / "store"
    figures: dict = {"seed": args.seed, "inputs": [[shown(p) for p in s] for s in sets]}

    print("calibrating: two uninterrupted builds ...", flush=True)
    timings = [timed_build(s, store) for s in (sets[1], sets[0])]
    hashes = [timings[1][1], timings[0][1]]
    durations = [timings[1][0], timings[0][0]]
    figures["build_s"] = [round(t, 2) for t in durations]
    print(f"  builds take {figures['build_s']} s; hashes {[h[:12] for h in hashes]}")

    started = time.perf_counter()
    builds = crash_builds(sets, hashes, store, durations, args.kills, rng)
    figures["builds"] = builds
    figures["builds_s"] = round(time.perf_counter() - started, 1)
    print(f"\n{sum(r['killed'] for r in builds)} builds killed at random, "
          f"{sum(not r['killed'] for r in builds)} finished first ({figures['builds_s']} s):")
    print(f"  {'delay s':>8} {'phase':>9} {'killed':>6} {'store':>9} {'check s':>7}")
    for r in builds:
        state = ("new" if r["after"] == r["new"] and r["after"] != r["before"] else
                 "previous" if r["after"] == r["before"] else "OTHER")
        print(f"  {r['delay_s']:>8} {r['phase']:>9} {r['killed']!s:>6} {state:>9} "
              f"{r['check_s']:>7}" + ("" if r["as_expected"] else f"  FAIL {r['problems']}"))

    writes = []
    for point in ("mid-rows", "before-commit", "before-rename", "after-rename"):
        current = verify_store(store).content_hash
        target = 1 if current == hashes[0] else 0
        writes.append(kill_in_write(sets[target], store, point, hashes[target]))
    figures["write_points"] = writes
    print("\nbuilds killed at chosen points of the write:")
    for r in writes:
        state = "new" if r["after"] == r["new"] else "previous"
        print(f"  {r['point']:>14}: store holds the {state} graph, "
              f"{'as expected' if r['as_expected'] else 'FAIL'}")

    judged = work / "judgements"  # its own folder: these judgements are not for the graph
    loops = [kill_judgement_loop(judged, rng.uniform(0.3, 1.5), f"loop{n}")
             for n in range(args.judge_kills)]
    completed: list[str] = []
    clis = [kill_judge_cli(judged, rng.uniform(0.05, 0.8), f"cli {n}", completed)
            for n in range(args.judge_kills)]
    figures["judgement_loops"], figures["judge_cli"] = loops, clis
    print(f"\njudgements: {len(loops)} add_judgement loops killed, "
          f"{sum(r['completed'] for r in loops)} judgements completed before the kills, "
          f"lost {sum(len(r['lost']) for r in loops)}, file unparseable "
          f"{sum(not r['parses'] for r in loops)} times")
    print(f"  {len(clis)} `judge` commands killed ({sum(r['finished'] for r in clis)} had "
          f"finished), lost {sum(len(r['lost']) for r in clis)}, unparseable "
          f"{sum(not r['parses'] for r in clis)} times")

    current = verify_store(store).content_hash
    target = 1 if current == hashes[0] else 0
    readers = readers_during_build(sets[target], store, hashes[target])
    figures["readers"] = readers
    print(f"\nreaders during a build: {readers['reads']} reads, {len(readers['bad'])} bad; "
          f"saw the old graph {readers['saw_old']}, the new {readers['saw_new']}")

    failures = (sum(not r["as_expected"] for r in builds + writes)
                + sum(bool(r["lost"]) or not r["parses"] for r in loops + clis)
                + len(readers["bad"]))
    figures["failures"] = failures
    print(f"\nfailures: {failures}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
