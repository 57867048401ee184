"""Read the embedded store: entities, relationships, provenance, and a networkx view.

The store is opened read-only; every change goes through a build, which replaces the file
atomically. A reader keeps the graph it opened even while a new one is swapped in.

>>> import tempfile, pathlib
>>> from graph.assemble import Assembly
>>> from graph.records import Node, Provenance
>>> from graph.store.sqlite_write import write_store
>>> a = Assembly()
>>> a.add(Node("Home", "home:SC036243", {"urn": "SC036243"}, Provenance("f", "row 2")))
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = write_store(a, d, {})
>>> s = EmbeddedStore(d)
>>> s.node("home:SC036243")["urn"], s.counts()["nodes"]
('SC036243', {'Home': 1})
>>> s.provenance("home:SC036243")[0]["locator"]
'row 2'
"""

from __future__ import annotations

import contextlib
import gc
import json
import sqlite3
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx

from graph.errors import StoreError
from graph.store.sqlite_schema import FORMAT_VERSION
from graph.store.sqlite_write import STORE_FILE


def _node(row: tuple) -> dict[str, Any]:
    return {"id": row[0], "label": row[1], **json.loads(row[2])}


def _edge(row: tuple) -> dict[str, Any]:
    return {"id": row[0], "type": row[1], "src": row[2], "dst": row[3], **json.loads(row[4])}


class EmbeddedStore:
    """The embedded graph store in ``store_dir/graph.sqlite``, opened read-only."""

    backend = "embedded"

    def __init__(self, store_dir: Path | str) -> None:
        self.dir = Path(store_dir)
        self.path = self.dir / STORE_FILE
        if not self.path.is_file():
            raise StoreError(
                f"no graph in {self.dir}: build one with `inspection-graph build PATH ...`"
            )
        try:
            self.con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                       check_same_thread=False)
            version = self.meta().get("format_version")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a readable graph store: {exc}") from None
        if version != FORMAT_VERSION:
            raise StoreError(f"{self.path} has store format {version!r}, this tool reads "
                             f"{FORMAT_VERSION!r}: rebuild it with `inspection-graph build`")

    def close(self) -> None:
        self.con.close()
        if self.__dict__.pop("_froze", False):
            gc.unfreeze()  # what it loaded can be collected again once unreferenced

    @contextlib.contextmanager
    def long_lived(self) -> Iterator[None]:
        """Make objects that live as long as this store (its networkx graph, the query
        index) with the cyclic GC paused, then freeze them out of its scans.

        Millions of such objects at scale 10: loading paid for repeated full collections
        over them, and every later full collection rescanned them all, a multi-second
        pause in the middle of some query (docs/benchmarks.md). ``close`` unfreezes.
        """
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            gc.freeze()
            self._froze = True
            if was_enabled:
                gc.enable()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- bookkeeping ---------------------------------------------------------------------
    def meta(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self.con.execute("SELECT key, value FROM meta")}

    def counts(self) -> dict[str, dict[str, int]]:
        nodes = dict(self.con.execute(
            "SELECT label, count(*) FROM nodes GROUP BY label ORDER BY 1"))
        rels = dict(self.con.execute("SELECT type, count(*) FROM edges GROUP BY type ORDER BY 1"))
        return {"nodes": nodes, "relationships": rels}

    def sources(self) -> list[dict[str, Any]]:
        cur = self.con.execute("SELECT * FROM sources ORDER BY path")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur]

    def rejects(self, source: str | None = None) -> list[dict[str, str]]:
        sql, args = "SELECT source, locator, reason FROM rejects", ()
        if source:
            sql, args = sql + " WHERE source = ?", (source,)
        return [dict(zip(("source", "locator", "reason"), r, strict=True))
                for r in self.con.execute(sql, args)]

    def notices(self) -> list[dict[str, str]]:
        return [dict(zip(("source", "locator", "message"), r, strict=True))
                for r in self.con.execute("SELECT source, locator, message FROM notices")]

    def questions(self, status: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, kind, subject, candidate, score, evidence, status FROM questions"
        args: tuple = ()
        if status:
            sql, args = sql + " WHERE status = ?", (status,)
        keys = ("id", "kind", "subject", "candidate", "score", "evidence", "status")
        out = []
        for row in self.con.execute(sql + " ORDER BY kind, score DESC, id", args):
            item = dict(zip(keys, row, strict=True))
            item["evidence"] = json.loads(item["evidence"] or "{}")
            out.append(item)
        return out

    # -- entities ------------------------------------------------------------------------
    def node(self, node_id: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT id, label, props FROM nodes WHERE id = ?",
                               (node_id,)).fetchone()
        return _node(row) if row else None

    def nodes(self, label: str | None = None) -> Iterator[dict[str, Any]]:
        if label is None:
            cur = self.con.execute("SELECT id, label, props FROM nodes ORDER BY id")
        else:
            cur = self.con.execute("SELECT id, label, props FROM nodes WHERE label = ? "
                                   "ORDER BY id", (label,))
        return map(_node, cur)

    def edges(self, rel_type: str | None = None, *, src: str | None = None,
              dst: str | None = None) -> Iterator[dict[str, Any]]:
        clauses, args = [], []
        for column, value in (("type", rel_type), ("src", src), ("dst", dst)):
            if value is not None:
                clauses.append(f"{column} = ?")
                args.append(value)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        cur = self.con.execute(f"SELECT id, type, src, dst, props FROM edges{where} ORDER BY id",
                               args)
        return map(_edge, cur)

    def provenance(self, owner: str) -> list[dict[str, Any]]:
        keys = ("source", "locator", "quote", "rule", "confidence")
        cur = self.con.execute("SELECT source, locator, quote, rule, confidence FROM provenance "
                               "WHERE owner = ? ORDER BY seq", (owner,))
        return [dict(zip(keys, row, strict=True)) for row in cur]

    def search_terms(self) -> list[tuple[str, str, str]]:
        """(id, label, term) for every name, alias and URN an entity can be found by."""
        return self.con.execute("SELECT id, label, term FROM search").fetchall()

    def sql(self, query: str, params: tuple | dict = ()) -> list[tuple]:
        """Run a read-only SQL query (the connection cannot write)."""
        return self.con.execute(query, params).fetchall()

    # -- networkx --------------------------------------------------------------------------
    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The whole graph as a networkx MultiDiGraph (loaded once, then cached).

        Node attributes: ``label`` and the properties; edge keys are relationship IDs,
        edge attributes ``type`` and the properties.
        """
        g = nx.MultiDiGraph()
        loads = json.loads
        with self.long_lived():
            g.add_nodes_from(
                (row[0], {"label": row[1], **loads(row[2])})
                for row in self.con.execute("SELECT id, label, props FROM nodes")
            )
            g.add_edges_from(
                (row[2], row[3], row[0], {"type": row[1], **loads(row[4])})
                for row in self.con.execute("SELECT id, type, src, dst, props FROM edges")
            )
        return g
