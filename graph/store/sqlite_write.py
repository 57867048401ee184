"""Write an assembled graph to the embedded store atomically.

The new graph is written to a temporary file beside ``graph.sqlite``, flushed to disk, then
renamed over it in one step: a failed or killed build leaves the previous graph as it was,
and a reader that has the old file open keeps reading the old graph.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.assemble import Assembly
from graph.model import model
from graph.store.sqlite_schema import (
    FORMAT_VERSION,
    INDEXES,
    SEARCH_PROPS,
    TABLES,
    view_statements,
)

STORE_FILE = "graph.sqlite"
TMP_PREFIX = ".graph.sqlite."


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _props(props: dict[str, Any]) -> str:
    """Properties as stored: JSON, with no nulls (absent and null mean the same)."""
    return _dumps({k: v for k, v in props.items() if v is not None})


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temporaries(store_dir: Path) -> None:
    """Delete temporary files left by builds that were killed."""
    for tmp in store_dir.glob(TMP_PREFIX + "*"):
        pid = tmp.name.removeprefix(TMP_PREFIX).split(".", 1)[0]
        alive = pid.isdigit() and _pid_alive(int(pid))
        if not alive or int(pid) == os.getpid():
            with contextlib.suppress(OSError):
                tmp.unlink()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _node_rows(assembly: Assembly, digest) -> Iterable[tuple[str, str, str | None, str]]:
    captions = {name: label.caption for name, label in assembly.model.labels.items()}
    for node_id in sorted(assembly.nodes):
        node = assembly.nodes[node_id]
        props = _props(node.props)
        digest.update(f"N\t{node_id}\t{node.kind}\t{props}\n".encode())
        caption = node.props.get(captions[node.kind]) or node.props.get("name")
        yield node_id, node.kind, None if caption is None else str(caption), props


def _edge_rows(assembly: Assembly, digest) -> Iterable[tuple[str, str, str, str, str]]:
    for edge_id in sorted(assembly.edges):
        edge = assembly.edges[edge_id]
        props = _props(edge.props)
        digest.update(f"E\t{edge_id}\t{edge.src}\t{edge.dst}\t{props}\n".encode())
        yield edge_id, edge.kind, edge.src, edge.dst, props


def _prov_rows(assembly: Assembly) -> Iterable[tuple]:
    for table in (assembly.nodes, assembly.edges):
        for owner in sorted(table):
            for seq, p in enumerate(table[owner].prov):
                yield owner, seq, p.source, p.locator, p.quote, p.rule, p.confidence


def search_rows(assembly: Assembly) -> Iterable[tuple[str, str, str]]:
    """(id, label, term) for every searchable value of every node."""
    for node_id in sorted(assembly.nodes):
        node = assembly.nodes[node_id]
        terms: dict[str, None] = {}
        for prop in SEARCH_PROPS:
            value = node.props.get(prop)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and item.strip():
                    terms[item.strip()] = None
        for term in terms:
            yield node_id, node.kind, term


def write_store(assembly: Assembly, store_dir: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """Write ``assembly`` as ``store_dir/graph.sqlite``, replacing any previous graph atomically.

    Returns the meta written, including ``content_hash``: a SHA-256 over every node and
    relationship, so a report can cite exactly which build it used.
    """
    store_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(store_dir)
    tmp = store_dir / f"{TMP_PREFIX}{os.getpid()}.tmp"
    digest = hashlib.sha256()
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA page_size=8192")
        con.executescript(TABLES)
        con.executemany("INSERT INTO nodes VALUES (?,?,?,?)", _node_rows(assembly, digest))
        con.executemany("INSERT INTO edges VALUES (?,?,?,?,?)", _edge_rows(assembly, digest))
        con.executemany("INSERT INTO search VALUES (?,?,?)", search_rows(assembly))
        con.executemany("INSERT INTO provenance VALUES (?,?,?,?,?,?,?)", _prov_rows(assembly))
        con.executemany(
            "INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?,?,?)",
            [(s.source, s.kind, s.rows_read, s.rows_used, s.rows_rejected, s.blank_rows,
              _dumps(s.detail)) for s in assembly.summaries],
        )
        con.executemany("INSERT INTO rejects VALUES (?,?,?)",
                        [(r.source, r.locator, r.reason) for r in assembly.rejects])
        con.executemany("INSERT INTO notices VALUES (?,?,?)",
                        [(n.source, n.locator, n.message) for n in assembly.notices])
        con.executemany(
            "INSERT OR REPLACE INTO questions VALUES (?,?,?,?,?,?,?)",
            [(q["id"], q["kind"], q["subject"], q["candidate"], q["score"],
              _dumps(q["evidence"]), q["status"]) for q in assembly.questions],
        )
        con.executescript(INDEXES)
        for statement in view_statements(model()):
            con.execute(statement)
        full_meta = {**meta, "format_version": FORMAT_VERSION, "content_hash": digest.hexdigest()}
        con.executemany("INSERT INTO meta VALUES (?,?)",
                        [(k, _dumps(v)) for k, v in sorted(full_meta.items())])
        con.commit()
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, store_dir / STORE_FILE)
    _fsync_dir(store_dir)
    return full_meta
