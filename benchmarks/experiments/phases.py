"""Where the real build's CPU time goes, phase by phase (no profiler overhead).

Replays ``graph.build.build`` step by step with timers: reading tables, the loaders'
record generation, assembly merges, each resolution pass, and the SQLite write split into
its statements. Usage: python benchmarks/experiments/phases.py [PATH ...]
"""

from __future__ import annotations

import gc
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from graph.assemble import Assembly
from graph.build import discover
from graph.resolve import passes
from graph.store import sqlite_write as sw
from loaders import tabular
from loaders.registry import recognise

ROOT = Path(__file__).resolve().parents[2]
paths = [Path(p) for p in sys.argv[1:]] or [ROOT.parent / "shared" / "data" / "ofsted"]
t: Counter = Counter()
start = time.process_time()
sources = [s for s in discover(paths) if not s.path.name.lower().startswith("readme")]
t["discover"] += time.process_time() - start

# 1. reading tables alone (what every loader starts with)
for s in sources:
    if s.path.suffix == ".csv":
        a = time.process_time()
        tabular.read_table(s.path)
        t["read_table (csv module)"] += time.process_time() - a

# 2. loaders: records generated (includes a second read_table inside load)
assembly = Assembly()
records_total = Counter()
all_records = []
for s in sources:
    a = time.process_time()
    module = recognise(s)
    if module is None:
        continue
    records = list(module.load(s))
    t["load (read + records)"] += time.process_time() - a
    all_records.append(records)
    for r in records:
        records_total[type(r).__name__] += 1
t["load minus read_table"] = t["load (read + records)"] - t["read_table (csv module)"]

# 3. assembly
a = time.process_time()
for records in all_records:
    for r in records:
        assembly.add(r)
t["assemble (merge records)"] += time.process_time() - a

# 4. resolution passes
for step in passes():
    a = time.process_time()
    step(assembly, [])
    t[f"resolve: {step.__name__}"] += time.process_time() - a

# 5. the SQLite write, statement by statement (mirrors write_store)
import hashlib  # noqa: E402

from graph.model import model  # noqa: E402
from graph.store.sqlite_schema import INDEXES, TABLES, view_statements  # noqa: E402

tmp = Path(tempfile.mkdtemp()) / "g.sqlite"
con = sqlite3.connect(tmp)
con.execute("PRAGMA journal_mode=OFF")
con.execute("PRAGMA synchronous=OFF")
con.execute("PRAGMA page_size=8192")
con.executescript(TABLES)
digest = hashlib.sha256()
for label, rows, sql in (
        ("nodes", lambda: sw._node_rows(assembly, digest), "INSERT INTO nodes VALUES (?,?,?,?)"),
        ("edges", lambda: sw._edge_rows(assembly, digest), "INSERT INTO edges VALUES (?,?,?,?,?)"),
        ("search", lambda: sw.search_rows(assembly), "INSERT INTO search VALUES (?,?,?)"),
        ("provenance", lambda: sw._prov_rows(assembly),
         "INSERT INTO provenance VALUES (?,?,?,?,?,?,?)")):
    a = time.process_time()
    produced = list(rows())
    b = time.process_time()
    con.executemany(sql, produced)
    c = time.process_time()
    t[f"write: {label} rows (python: json, sha256)"] += b - a
    t[f"write: {label} insert (sqlite)"] += c - b
    records_total[f"rows:{label}"] = len(produced)
a = time.process_time()
con.executescript(INDEXES)
for statement in view_statements(model()):
    con.execute(statement)
con.commit()
t["write: indexes + views + commit"] += time.process_time() - a
con.close()
total = sum(v for k, v in t.items() if k not in ("load (read + records)",))
print(f"{'phase':45} {'seconds':>8} {'share':>6}")
for k, v in t.items():
    print(f"{k:45} {v:8.3f} {v / total:6.1%}")
print(f"{'total (sum of phases)':45} {total:8.3f}")
print(dict(records_total))
print(f"store file {tmp.stat().st_size / 2**20:.1f} MiB; gc counts {gc.get_count()}")
