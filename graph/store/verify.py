"""Check that a store holds one whole graph: SQLite finds the file sound, and the nodes and
relationships in it hash to the ``content_hash`` its build recorded (the hash is taken
over every row as ``write_store`` wrote it, so a graph missing or changing a single row
does not match).

Used by the crash tests: after a build is killed, the store must open and be exactly the
previous graph or the new one.

>>> import tempfile, pathlib
>>> from graph.assemble import Assembly
>>> from graph.records import Node, Provenance
>>> from graph.store.sqlite_write import write_store
>>> a = Assembly()
>>> a.add(Node("Home", "home:SC036243", {"urn": "SC036243"}, Provenance("f", "row 2")))
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> meta = write_store(a, d, {})
>>> check = verify_store(d)
>>> check.ok, check.content_hash == meta["content_hash"], check.nodes
(True, True, 1)
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from graph.store.sqlite_write import STORE_FILE


@dataclass
class StoreCheck:
    """What :func:`verify_store` found: ``ok`` when the file is sound and complete."""

    ok: bool
    content_hash: str | None
    recomputed: str | None
    nodes: int = 0
    relationships: int = 0
    problems: list[str] = field(default_factory=list)


def content_digest(con: sqlite3.Connection) -> tuple[str, int, int]:
    """(SHA-256 over every node and relationship as ``write_store`` hashes them, nodes,
    relationships), read through ``con``."""
    digest = hashlib.sha256()
    nodes = sorted(con.execute("SELECT id, label, props FROM nodes"))
    for node_id, label, props in nodes:
        digest.update(f"N\t{node_id}\t{label}\t{props}\n".encode())
    edges = sorted(con.execute("SELECT id, src, dst, props FROM edges"))
    for edge_id, src, dst, props in edges:
        digest.update(f"E\t{edge_id}\t{src}\t{dst}\t{props}\n".encode())
    return digest.hexdigest(), len(nodes), len(edges)


def check_connection(con: sqlite3.Connection) -> StoreCheck:
    """Verify the graph an open connection reads (it may be an old file a build replaced)."""
    problems = []
    try:
        quick = [row[0] for row in con.execute("PRAGMA quick_check")]
        if quick != ["ok"]:
            problems.append("SQLite quick_check: " + "; ".join(quick[:3]))
        meta = {k: json.loads(v) for k, v in con.execute("SELECT key, value FROM meta")}
        recorded = meta.get("content_hash")
        recomputed, nodes, relationships = content_digest(con)
    except sqlite3.DatabaseError as exc:
        return StoreCheck(False, None, None, problems=[*problems, f"unreadable: {exc}"])
    if recorded != recomputed:
        problems.append(f"content hash {recorded} recorded, {recomputed} found")
    return StoreCheck(not problems, recorded, recomputed, nodes, relationships, problems)


def verify_store(store_dir: Path | str) -> StoreCheck:
    """Open ``store_dir/graph.sqlite`` read-only and check it (see the module docstring)."""
    path = Path(store_dir) / STORE_FILE
    if not path.is_file():
        return StoreCheck(False, None, None, problems=[f"no {STORE_FILE} in {store_dir}"])
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return check_connection(con)
    finally:
        con.close()
