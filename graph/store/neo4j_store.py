"""Read the graph from Neo4j through the same protocol as the embedded store.

:class:`Neo4jStore` implements :class:`graph.store.base.GraphReader` (``meta``, ``counts``,
``node``, ``nodes``, ``edges``, ``provenance``, ``search_terms``, ``questions``,
``close``) and gives dicts shaped exactly like :class:`graph.store.EmbeddedStore`'s:
``{"id", "label", **props}`` for nodes, ``{"id", "type", "src", "dst", **props}`` for
relationships, ISO date strings, parsed JSON, sorted keys, provenance apart. So entity
pages and named queries run unchanged on either backend. ``run_cypher`` runs a read-only
query (READ access mode, a read transaction) with parameters and returns plain dicts, with
Neo4j dates and times as ISO strings.

Settings come from :mod:`graph.settings` (``NEO4J_URI``, ``NEO4J_USER``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``, environment or ``.env``). Credentials are
handed to the driver and never printed: :func:`display_uri` strips any user info from
a URI before it appears in a message. The layout is ``graph.store.neo4j_schema``'s.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any
from urllib.parse import urlsplit

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError

from graph.errors import SchemaError, StoreError
from graph.model import model
from graph.store import neo4j_schema as ns
from graph.store.sqlite_schema import SEARCH_PROPS

USER_AGENT = "inspection-graph"


def display_uri(uri: str) -> str:
    """A URI fit to print: scheme, host and port only (no user, password or query).

    >>> display_uri("neo4j://neo4j:secret@db.example:7687?policy=x")
    'neo4j://db.example:7687'
    """
    try:
        parts = urlsplit(uri)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(unparseable URI)"
    return f"{parts.scheme}://{host}{port}"


def open_driver(uri: str, user: str | None, password: str | None, *,
                verify: bool = True) -> neo4j.Driver:
    """A driver for ``uri``; with ``verify`` it connects once, or raises :class:`StoreError`
    with what to do (never with the credentials, nor the driver's text, which can quote
    the URI)."""
    logging.getLogger("neo4j").addHandler(logging.NullHandler())  # no stray stderr lines
    shown = display_uri(uri)
    try:
        auth = (user or "neo4j", password) if password else None
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, user_agent=USER_AGENT,
                                            connection_timeout=10.0,
                                            max_transaction_retry_time=15.0)
    except (ConfigurationError, ValueError):
        raise StoreError(f"NEO4J_URI {shown} is not a usable Neo4j URI: write it as "
                         "neo4j://HOST:7687 (or bolt://, neo4j+s://), with the user and "
                         "password in NEO4J_USER and NEO4J_PASSWORD, not in the URI") from None
    if verify:
        try:
            driver.verify_connectivity()
        except AuthError:
            driver.close()
            raise StoreError(f"Neo4j at {shown} refused the credentials: check NEO4J_USER "
                             "and NEO4J_PASSWORD (environment or .env)") from None
        except (DriverError, Neo4jError, OSError) as exc:
            driver.close()
            raise StoreError(
                f"cannot reach Neo4j at {shown} ({type(exc).__name__}): start it with "
                "`docker compose up -d neo4j`, or point NEO4J_URI at a running Neo4j 5"
            ) from None
    return driver


def _fetch(tx: Any, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    return [record.data() for record in tx.run(query, params)]


class Neo4jStore:
    """A Neo4j database laid out by ``neo4j_schema``, read through the GraphReader protocol."""

    backend = "neo4j"

    def __init__(self, driver: neo4j.Driver, database: str | None = "neo4j",
                 uri: str = "") -> None:
        self.driver = driver
        self.database = database
        self.uri = display_uri(uri) if uri else ""
        self.model = model()

    @classmethod
    def from_settings(cls, uri: str | None = None, *, verify: bool = True) -> Neo4jStore:
        """Connect with the NEO4J_* settings (``uri`` overrides NEO4J_URI)."""
        from graph import settings

        uri = uri or settings.get("neo4j_uri")
        if not uri:
            raise StoreError("NEO4J_URI is not set: set it (e.g. neo4j://localhost:7687) in "
                             "the environment or .env, or unset INSPECTION_GRAPH_BACKEND")
        driver = open_driver(uri, settings.get("neo4j_user"), settings.get("neo4j_password"),
                             verify=verify)
        return cls(driver, settings.get("neo4j_database"), uri)

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def session(self, *, write: bool = False) -> AbstractContextManager[neo4j.Session]:
        """A session on the configured database (READ access unless ``write``)."""
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self.driver.session(database=self.database, default_access_mode=mode)

    def _read(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            with self.session() as session:
                return session.execute_read(_fetch, query, params or {})
        except (DriverError, Neo4jError) as exc:
            raise StoreError(f"Neo4j at {self.uri or 'the configured URI'}: "
                             f"{type(exc).__name__}: {exc}") from None

    def run_cypher(self, cypher: str, params: dict[str, Any] | None = None
                   ) -> list[dict[str, Any]]:
        """Run a read-only query; rows as dicts, temporal values as ISO strings."""
        return [ns.normalise(row) for row in self._read(cypher, params)]

    # -- bookkeeping -----------------------------------------------------------------------
    def meta(self) -> dict[str, Any]:
        """The meta of the build last pushed ({} if none; ``push_in_progress`` if unfinished)."""
        rows = self._read(f"MATCH (m:{ns.META_LABEL} {{id: $id}}) RETURN m {{.*}} AS m",
                          {"id": ns.META_ID})
        if not rows:
            return {}
        raw = rows[0]["m"]
        meta = json.loads(raw.get("meta") or "{}")
        if raw.get("push_in_progress"):
            meta["push_in_progress"] = True
        return meta

    def _union_counts(self, parts: list[str]) -> dict[str, int]:
        rows = self._read(" UNION ALL ".join(parts)) if parts else []
        return {r["k"]: r["c"] for r in sorted(rows, key=lambda r: r["k"]) if r["c"]}

    def counts(self) -> dict[str, dict[str, int]]:
        nodes = [f"MATCH (n:{ns.quote_name(label)}) RETURN '{label}' AS k, count(n) AS c"
                 for label in sorted(self.model.labels)]
        rels = [f"MATCH ()-[r:{ns.quote_name(t)}]->() RETURN '{t}' AS k, count(r) AS c"
                for t in sorted(self.model.relationships)]
        return {"nodes": self._union_counts(nodes), "relationships": self._union_counts(rels)}

    def questions(self, status: str | None = None) -> list[dict[str, Any]]:
        where = " WHERE q.status = $status" if status else ""
        rows = self._read(f"MATCH (q:{ns.QUESTION_LABEL}){where} RETURN q {{.*}} AS q",
                          {"status": status})
        out = [ns.question_from_props(r["q"]) for r in rows]
        # as SQLite orders them: kind, score descending with nulls last, id
        out.sort(key=lambda q: (q["kind"], q["score"] is None, -(q["score"] or 0), q["id"]))
        return out

    # -- entities -------------------------------------------------------------------------
    def _label_of(self, node_id: str) -> str | None:
        try:
            return self.model.label_of_id(node_id)
        except SchemaError:
            return None

    def _node(self, label: str, raw: dict[str, Any]) -> dict[str, Any]:
        return {"id": raw["id"], "label": label,
                **ns.from_neo4j_props(label, raw, self.model)}

    def node(self, node_id: str) -> dict[str, Any] | None:
        label = self._label_of(node_id)
        if label is None:
            return None
        rows = self._read(f"MATCH (n:{ns.quote_name(label)} {{id: $id}}) RETURN n {{.*}} AS n",
                          {"id": node_id})
        return self._node(label, rows[0]["n"]) if rows else None

    def nodes(self, label: str | None = None) -> Iterator[dict[str, Any]]:
        labels = [ns.check_label(label, self.model)] if label else sorted(self.model.labels)
        out = []
        for name in labels:
            rows = self._read(f"MATCH (n:{ns.quote_name(name)}) RETURN n {{.*}} AS n")
            out.extend(self._node(name, r["n"]) for r in rows)
        out.sort(key=lambda n: n["id"])
        return iter(out)

    def edges(self, rel_type: str | None = None, *, src: str | None = None,
              dst: str | None = None) -> Iterator[dict[str, Any]]:
        types = [ns.check_type(rel_type, self.model)] if rel_type else sorted(
            self.model.relationships)
        ends = []
        for end, value in (("a", src), ("b", dst)):
            if value is None:
                ends.append(f"({end})")
                continue
            label = self._label_of(value)
            if label is None:
                return iter(())
            ends.append(f"({end}:{ns.quote_name(label)} {{id: ${end}}})")
        rel = "|".join(ns.quote_name(t) for t in types)
        rows = self._read(f"MATCH {ends[0]}-[r:{rel}]->{ends[1]} "
                          "RETURN r {.*} AS r, type(r) AS type, a.id AS src, b.id AS dst",
                          {"a": src, "b": dst})
        out = [{"id": row["r"]["id"], "type": row["type"], "src": row["src"], "dst": row["dst"],
                **ns.from_neo4j_props(row["type"], row["r"], self.model)} for row in rows]
        out.sort(key=lambda e: e["id"])
        return iter(out)

    def provenance(self, owner: str) -> list[dict[str, Any]]:
        prefix = owner.split(":", 1)[0]
        lists = ", ".join(f"x.{key} AS {key}" for key in ns.PROV_KEYS)
        if prefix in self.model.relationships:
            query = f"MATCH ()-[x:{ns.quote_name(prefix)} {{id: $id}}]->() RETURN {lists}"
        else:
            label = self._label_of(owner)
            if label is None:
                return []
            query = f"MATCH (x:{ns.quote_name(label)} {{id: $id}}) RETURN {lists}"
        rows = self._read(query, {"id": owner})
        return ns.prov_from_lists(rows[0]) if rows else []

    def search_terms(self) -> list[tuple[str, str, str]]:
        """(id, label, term) for every name, alias and URN, as the embedded store lists them."""
        projection = ", ".join(f".{ns.quote_name(p)}" for p in SEARCH_PROPS)
        out: list[tuple[str, str, str]] = []
        for label in sorted(self.model.labels):
            rows = self._read(f"MATCH (n:{ns.quote_name(label)}) "
                              f"RETURN n.id AS id, n {{{projection}}} AS p")
            for row in sorted(rows, key=lambda r: r["id"]):
                terms: dict[str, None] = {}
                for prop in SEARCH_PROPS:
                    value = row["p"].get(prop)
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, str) and item.strip():
                            terms[item.strip()] = None
                out.extend((row["id"], label, term) for term in terms)
        out.sort(key=lambda t: t[0])
        return out
