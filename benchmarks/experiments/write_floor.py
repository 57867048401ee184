"""What writing a store of this shape costs at the least, whatever the code before it.

Takes an existing store's rows (nodes, edges, provenance, search), then times only the
irreducible steps a build must repeat: JSON-encoding every node's and edge's properties
(sorted keys, as the content hash needs), hashing them, and inserting every row into a
fresh SQLite file with its indexes. Then the same with provenance kept once per entity
and file instead of once per row, and with sources and rules as small integers.

Usage: python benchmarks/experiments/write_floor.py STORE
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from graph.store.sqlite_schema import INDEXES, TABLES

store = Path(sys.argv[1]) / "graph.sqlite"
src = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
nodes = [(i, lab, cap, json.loads(p)) for i, lab, cap, p in
         src.execute("SELECT id, label, caption, props FROM nodes")]
edges = [(i, t, s, d, json.loads(p)) for i, t, s, d, p in
         src.execute("SELECT id, type, src, dst, props FROM edges")]
prov = src.execute("SELECT * FROM provenance").fetchall()
search = src.execute("SELECT * FROM search").fetchall()
src.close()


def timed(label: str, fn) -> float:
    started = time.process_time()
    fn()
    spent = time.process_time() - started
    print(f"{label:58} {spent:7.3f} s")
    return spent


def encode():
    digest = hashlib.sha256()
    out = []
    for i, lab, cap, p in nodes:
        text = json.dumps(p, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        digest.update(f"N\t{i}\t{lab}\t{text}\n".encode())
        out.append((i, lab, cap, text))
    for i, t, s, d, p in edges:
        text = json.dumps(p, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        digest.update(f"E\t{i}\t{s}\t{d}\t{text}\n".encode())
        out.append((i, t, s, d, text))
    return out


encoded: list = []
rows_n = [r for r in encode() if len(r) == 4]
rows_e = [r for r in encode() if len(r) == 5]


def insert(provenance):
    path = Path(tempfile.mkdtemp()) / "g.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA page_size=8192")
    con.executescript(TABLES)
    con.executemany("INSERT INTO nodes VALUES (?,?,?,?)", rows_n)
    con.executemany("INSERT INTO edges VALUES (?,?,?,?,?)", rows_e)
    con.executemany("INSERT INTO search VALUES (?,?,?)", search)
    con.executemany("INSERT INTO provenance VALUES (?,?,?,?,?,?,?)", provenance)
    con.executescript(INDEXES)
    con.commit()
    con.close()
    insert.size = path.stat().st_size / 2 ** 20


print(f"{len(nodes)} nodes, {len(edges)} edges, {len(prov)} provenance rows, "
      f"{len(search)} search rows")
total = timed("JSON-encode + SHA-256 of every node and edge", encode)
total += timed("insert everything + indexes (provenance per row)", lambda: insert(prov))
print(f"{'  store size':58} {insert.size:7.1f} MiB")
per_file: dict = {}
for owner, _seq, source, locator, quote, rule, conf in prov:
    per_file.setdefault((owner, source, rule), (owner, len(per_file), source, locator, quote,
                                                rule, conf))
slim = list(per_file.values())
timed(f"insert everything + indexes ({len(slim)} rows: per entity+file)", lambda: insert(slim))
print(f"{'  store size':58} {insert.size:7.1f} MiB")
print(f"{'floor of the write as built today':58} {total:7.3f} s")
