"""Copy a graph into Neo4j: constraints and indexes first, then nodes, then relationships,
in ``UNWIND $rows … MERGE`` batches keyed on constraint-backed IDs.

Everything is idempotent: nodes are MERGEd on ``(label {id})`` and relationships on their
endpoints plus ``[type {id}]``, and ``SET x = row.props`` replaces the properties whole, so
pushing the same build twice leaves one copy, and pushing a newer build updates it. With
``prune`` (the default) nodes and relationships of the schema's labels and types that the
pushed graph no longer has are deleted afterwards, so the database mirrors the build.
The ``BuildMeta`` node is written last: its ``content_hash`` names a complete push.

Values travel only as parameters; labels and types are checked against the schema before
they are written into a statement (``graph.store.neo4j_schema``).

Each batch runs in its own managed transaction (``Session.execute_write``, which retries
transient failures itself); a batch that still fails on a transient error
(``TransientError``, ``ServiceUnavailable``, ``SessionExpired``) is retried in a fresh
session with exponential backoff (:class:`RetryPolicy`). Re-running a batch is safe because
it only MERGEs.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.exceptions import TransientError as Neo4jTransientError

from graph.errors import StoreError
from graph.model import Model, model
from graph.store import neo4j_schema as ns

#: Exceptions a batch is retried on (besides any the driver marks retryable).
RETRYABLE = (Neo4jTransientError, ServiceUnavailable, SessionExpired)

SessionFactory = Callable[[], AbstractContextManager[Any]]
Progress = Callable[[str, int], None]


def is_retryable(exc: BaseException) -> bool:
    """True for transient errors: worth trying again later."""
    if isinstance(exc, RETRYABLE):
        return True
    if isinstance(exc, (Neo4jError, DriverError)):
        return bool(exc.is_retryable())
    return False


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry a batch: ``attempts`` tries in all, waiting
    ``first_delay`` seconds, then twice that, and so on up to ``max_delay``."""

    attempts: int = 5
    first_delay: float = 0.5
    max_delay: float = 8.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        return min(self.max_delay, self.first_delay * 2 ** (attempt - 1))


def run_with_retries(open_session: SessionFactory, work: Callable[[Any], Any],
                     policy: RetryPolicy = RetryPolicy(),
                     on_retry: Callable[[int, BaseException, float], None] | None = None) -> Any:
    """``work(session)`` in a fresh session; retried on transient errors, others raised."""
    for attempt in itertools.count(1):
        try:
            with open_session() as session:
                return work(session)
        except (Neo4jError, DriverError) as exc:
            if not is_retryable(exc) or attempt >= policy.attempts:
                raise
            delay = policy.delay(attempt)
            if on_retry is not None:
                on_retry(attempt, exc, delay)
            policy.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


# -- transaction functions (run inside Session.execute_write / execute_read) --------------
def _written(tx: Any, query: str, params: dict[str, Any]) -> int:
    record = tx.run(query, params).single()
    return int(record["written"]) if record is not None else 0


def _consume(tx: Any, query: str, params: dict[str, Any]) -> None:
    tx.run(query, params).consume()


def _ids(tx: Any, query: str, params: dict[str, Any]) -> list[str]:
    return [record["id"] for record in tx.run(query, params)]


def chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of at most ``size`` items."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@dataclass
class PushReport:
    """What a push wrote: rows per label and type, what it pruned, and how long it took."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    questions: int = 0
    pruned_nodes: int = 0
    pruned_relationships: int = 0
    dangling: list[str] = field(default_factory=list)
    retries: int = 0
    seconds: float = 0.0


class Neo4jWriter:
    """Writes batches through sessions from ``open_session`` (e.g. ``driver.session``)."""

    def __init__(self, open_session: SessionFactory, *, batch_size: int = 1000,
                 policy: RetryPolicy = RetryPolicy(), progress: Progress | None = None,
                 on_retry: Callable[[int, BaseException, float], None] | None = None,
                 schema: Model | None = None) -> None:
        if batch_size < 1:
            raise ValueError("batch size must be at least 1")
        self.open_session = open_session
        self.batch_size = batch_size
        self.policy = policy
        self.progress = progress or (lambda phase, n: None)
        self.model = schema or model()
        self.report = PushReport()
        self._on_retry = on_retry

    def _retry(self, attempt: int, exc: BaseException, delay: float) -> None:
        self.report.retries += 1
        if self._on_retry is not None:
            self._on_retry(attempt, exc, delay)

    def _write(self, fn: Callable[..., Any], query: str, params: dict[str, Any]) -> Any:
        return run_with_retries(self.open_session,
                                lambda s: s.execute_write(fn, query, params),
                                self.policy, self._retry)

    def _read_ids(self, query: str) -> list[str]:
        return run_with_retries(self.open_session,
                                lambda s: s.execute_read(_ids, query, {}),
                                self.policy, self._retry)

    def write_batches(self, query: str, rows: Iterable[dict[str, Any]], phase: str) -> int:
        """Run ``query`` once per batch of ``rows`` (as ``$rows``); every row must be written."""
        total = 0
        for batch in chunks(rows, self.batch_size):
            written = self._write(_written, query, {"rows": batch})
            if written != len(batch):
                raise StoreError(f"{phase}: Neo4j wrote {written} of {len(batch)} rows "
                                 f"(an endpoint is missing?) in: {query}")
            total += written
            self.progress(phase, len(batch))
        return total

    # -- the steps of a push, in order --------------------------------------------------
    def create_schema(self) -> None:
        """Constraints, then indexes (each in its own transaction; all ``IF NOT EXISTS``)."""
        for statement in ns.schema_statements(self.model):
            self._write(_consume, statement, {})
            self.progress("schema", 1)

    def mark_pushing(self) -> None:
        """Flag the BuildMeta node (if any) while a push is under way."""
        self._write(_consume, f"MATCH (m:{ns.META_LABEL} {{id: $id}}) "
                    "SET m.push_in_progress = true", {"id": ns.META_ID})

    def write_nodes(self, label: str, rows: Iterable[dict[str, Any]]) -> int:
        n = self.write_batches(ns.node_merge_query(label), rows, "nodes")
        self.report.nodes[label] = self.report.nodes.get(label, 0) + n
        return n

    def write_relationships(self, edges: Iterable[dict[str, Any]]) -> int:
        """Edges ({id, type, src, dst, props}) grouped by type and endpoint labels."""
        pending: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        total = 0

        def flush(key: tuple[str, str, str]) -> int:
            rows, pending[key] = pending[key], []
            n = self.write_batches(ns.rel_merge_query(*key), rows, "relationships")
            self.report.relationships[key[0]] = self.report.relationships.get(key[0], 0) + n
            return n

        for edge in edges:
            key = (edge["type"], self.model.label_of_id(edge["src"]),
                   self.model.label_of_id(edge["dst"]))
            pending[key].append({k: edge[k] for k in ("id", "src", "dst", "props")})
            if len(pending[key]) >= self.batch_size:
                total += flush(key)
        for key in list(pending):
            if pending[key]:
                total += flush(key)
        return total

    def write_questions(self, questions: Iterable[dict[str, Any]]) -> int:
        rows = ({"id": q["id"], "props": ns.question_props(q)} for q in questions)
        self.report.questions = self.write_batches(
            ns.node_merge_query(ns.QUESTION_LABEL), rows, "questions")
        return self.report.questions

    def prune(self, keep_nodes: dict[str, set[str]], keep_rels: dict[str, set[str]]) -> None:
        """Delete nodes and relationships of the schema's labels and types (and Questions)
        whose IDs are not in ``keep_*``: read the IDs, then delete the rest in batches."""
        for rel_type in sorted(self.model.relationships):
            stale = sorted(set(self._read_ids(ns.rel_ids_query(rel_type)))
                           - keep_rels.get(rel_type, set()))
            for batch in chunks(stale, self.batch_size):
                self._write(_consume, ns.rel_delete_query(rel_type), {"ids": batch})
                self.report.pruned_relationships += len(batch)
        for label in [*sorted(self.model.labels), ns.QUESTION_LABEL]:
            stale = sorted(set(self._read_ids(ns.node_ids_query(label)))
                           - keep_nodes.get(label, set()))
            for batch in chunks(stale, self.batch_size):
                self._write(_consume, ns.node_delete_query(label), {"ids": batch})
                self.report.pruned_nodes += len(batch)

    def write_meta(self, meta: dict[str, Any]) -> None:
        """The BuildMeta node, last: replaces its properties (clearing push_in_progress)."""
        rows = [{"id": ns.META_ID, "props": ns.meta_props(meta)}]
        self.write_batches(ns.node_merge_query(ns.META_LABEL), rows, "meta")


# -- reading a store into rows ----------------------------------------------------------
def node_row(node: dict[str, Any], prov: list[dict[str, Any]], m: Model) -> dict[str, Any]:
    """A node dict (as ``GraphReader.node`` gives it) and its provenance as a MERGE row."""
    props = {k: v for k, v in node.items() if k not in ("id", "label")}
    return {"id": node["id"],
            "props": {"id": node["id"], **ns.to_neo4j_props(node["label"], props, m),
                      **ns.prov_lists(prov)}}


def edge_row(edge: dict[str, Any], prov: list[dict[str, Any]], m: Model) -> dict[str, Any]:
    """An edge dict (as ``GraphReader.edges`` gives it) and its provenance as a MERGE row."""
    props = {k: v for k, v in edge.items() if k not in ("id", "type", "src", "dst")}
    return {"id": edge["id"], "type": edge["type"], "src": edge["src"], "dst": edge["dst"],
            "props": {"id": edge["id"], **ns.to_neo4j_props(edge["type"], props, m),
                      **ns.prov_lists(prov)}}


def push(reader: Any, writer: Neo4jWriter, *, prune: bool = True) -> PushReport:
    """Copy everything ``reader`` (a :class:`graph.store.base.GraphReader`) holds.

    A relationship whose endpoint is not a node of the graph cannot exist in Neo4j: it is
    left out and its ID listed in ``report.dangling``."""
    started = time.monotonic()
    m = writer.model
    writer.create_schema()
    writer.mark_pushing()
    keep_nodes: dict[str, set[str]] = defaultdict(set)
    keep_rels: dict[str, set[str]] = defaultdict(set)
    for label in sorted(m.labels):
        def rows(label: str = label) -> Iterator[dict[str, Any]]:
            for node in reader.nodes(label):
                keep_nodes[label].add(node["id"])
                yield node_row(node, reader.provenance(node["id"]), m)
        writer.write_nodes(label, rows())

    present = set().union(*keep_nodes.values())

    def edges() -> Iterator[dict[str, Any]]:
        for rel_type in sorted(m.relationships):
            for edge in reader.edges(rel_type):
                if edge["src"] not in present or edge["dst"] not in present:
                    writer.report.dangling.append(edge["id"])  # cannot exist in Neo4j
                    continue
                keep_rels[rel_type].add(edge["id"])
                yield edge_row(edge, reader.provenance(edge["id"]), m)
    writer.write_relationships(edges())
    questions = reader.questions()
    keep_nodes[ns.QUESTION_LABEL] = {q["id"] for q in questions}
    writer.write_questions(questions)
    if prune:
        writer.prune(keep_nodes, keep_rels)
    writer.write_meta(reader.meta())
    writer.report.seconds = time.monotonic() - started
    return writer.report
