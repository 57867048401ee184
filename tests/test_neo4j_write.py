"""Unit tests of OUR driver layer (graph/store/neo4j_write.py): batching, parameters,
order of writes and retries, against the driver's own interfaces.

No Neo4j runs here, and nothing below pretends one does: ``RecordingSession`` implements
only the methods our code calls on a ``neo4j.Session`` (``execute_write``,
``execute_read``, the context manager) and ``neo4j.ManagedTransaction`` (``run``), with
the driver's signatures (checked below); it records each statement and its parameters and
answers a MERGE batch with the row count Neo4j's ``RETURN count(…) AS written`` would
give. Transient failures are the driver's own exception classes. Whether Neo4j accepts
the statements is checked by its parser (tests/test_neo4j_cypher_text.py) and, where a
Neo4j is reachable, by tests/test_neo4j_live.py.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from typing import Any

import neo4j
import pytest
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired
from neo4j.exceptions import TransientError as Neo4jTransientError

from graph.errors import StoreError
from graph.model import model
from graph.store import neo4j_schema as ns
from graph.store.neo4j_write import (
    Neo4jWriter,
    RetryPolicy,
    chunks,
    is_retryable,
    push,
    run_with_retries,
)
from tests.test_export_fixture_graph import HOSTILE, hostile_store


class RecordingResult:
    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records

    def single(self, strict: bool = False) -> dict[str, Any] | None:
        return self.records[0] if self.records else None

    def consume(self) -> None:
        return None

    def __iter__(self):
        return iter(self.records)


class RecordingTx:
    def __init__(self, log: list, answer: Callable) -> None:
        self.log, self.answer = log, answer

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kwparameters: Any):
        self.log.append((query, parameters))
        return RecordingResult(self.answer(query, parameters or {}))


def default_answer(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    if "AS written" in query:
        return [{"written": len(params["rows"])}]
    return []


class RecordingSession:
    """A stand-in for neo4j.Session: records statements, can fail first."""

    def __init__(self, log: list, answer: Callable = default_answer,
                 failures: list[BaseException] | None = None) -> None:
        self.log, self.answer, self.failures = log, answer, failures if failures else []
        self.calls = 0

    def __enter__(self) -> RecordingSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def _run(self, fn, *args, **kwargs):
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return fn(RecordingTx(self.log, self.answer), *args, **kwargs)

    def execute_write(self, transaction_function, *args, **kwargs):
        return self._run(transaction_function, *args, **kwargs)

    def execute_read(self, transaction_function, *args, **kwargs):
        return self._run(transaction_function, *args, **kwargs)


def test_recording_classes_have_the_driver_signatures():
    for ours, theirs in ((RecordingSession.execute_write, neo4j.Session.execute_write),
                         (RecordingSession.execute_read, neo4j.Session.execute_read),
                         (RecordingTx.run, neo4j.ManagedTransaction.run),
                         (RecordingResult.single, neo4j.Result.single),
                         (RecordingResult.consume, neo4j.Result.consume)):
        assert list(inspect.signature(ours).parameters) == list(
            inspect.signature(theirs).parameters), ours


def writer_for(session: RecordingSession, **kwargs) -> tuple[Neo4jWriter, list[float]]:
    sleeps: list[float] = []
    policy = RetryPolicy(sleep=sleeps.append)
    return Neo4jWriter(lambda: session, policy=policy, **kwargs), sleeps


# -- batching --------------------------------------------------------------------------
def test_batches_of_the_requested_size():
    log: list = []
    writer, _ = writer_for(RecordingSession(log), batch_size=1000)
    rows = [{"id": f"home:SC{i:06d}", "props": {"id": f"home:SC{i:06d}"}} for i in range(2500)]
    assert writer.write_nodes("Home", rows) == 2500
    assert [len(params["rows"]) for _, params in log] == [1000, 1000, 500]
    assert {query for query, _ in log} == {ns.node_merge_query("Home")}
    assert [r["id"] for _, p in log for r in p["rows"]] == [r["id"] for r in rows]
    assert list(chunks([], 3)) == [] and list(chunks(range(4), 3)) == [[0, 1, 2], [3]]
    with pytest.raises(ValueError):
        Neo4jWriter(lambda: None, batch_size=0)


def test_a_batch_neo4j_did_not_fully_write_is_an_error():
    log: list = []
    short = RecordingSession(log, answer=lambda q, p: [{"written": len(p["rows"]) - 1}])
    writer, _ = writer_for(short)
    with pytest.raises(StoreError, match="wrote 1 of 2 rows"):
        writer.write_nodes("Home", [{"id": "home:a", "props": {}}, {"id": "home:b", "props": {}}])


def test_relationships_are_grouped_by_type_and_endpoint_labels():
    log: list = []
    writer, _ = writer_for(RecordingSession(log), batch_size=2)
    edges = [{"id": f"OF:inspection:{i}->{dst}", "type": "OF", "src": f"inspection:{i}",
              "dst": dst, "props": {}} for i, dst in
             enumerate(["home:SC1", "council:derby", "home:SC2", "home:SC3"])]
    assert writer.write_relationships(edges) == 4
    queries = [q for q, _ in log]
    assert queries == [ns.rel_merge_query("OF", "Inspection", "Home"),
                       ns.rel_merge_query("OF", "Inspection", "Home"),
                       ns.rel_merge_query("OF", "Inspection", "Council")]
    assert writer.report.relationships == {"OF": 4}


# -- the whole push, on the hostile fixture ---------------------------------------------
@pytest.fixture(scope="module")
def pushed(tmp_path_factory):
    log: list = []
    with hostile_store(tmp_path_factory.mktemp("push") / "store") as store:
        writer, _ = writer_for(RecordingSession(log), batch_size=3)
        report = push(store, writer)
        counts = store.counts()
    return log, report, counts


def test_push_writes_schema_then_nodes_then_relationships_then_meta(pushed):
    log, report, counts = pushed
    queries = [q for q, _ in log]
    kinds = []
    for q in queries:
        kind = ("schema" if q.startswith("CREATE ") else "node" if "MERGE (n:" in q
                else "rel" if "MERGE (a)-[" in q else "ids" if "AS id" in q
                else "mark" if "push_in_progress" in q else q)
        if not kinds or kinds[-1] != kind:
            kinds.append(kind)
    assert kinds == ["schema", "mark", "node", "rel", "node", "ids", "node"]
    assert queries[: len(ns.schema_statements())] == ns.schema_statements()
    assert f"MERGE (n:{ns.META_LABEL}" in queries[-1]
    assert report.nodes == counts["nodes"] and report.relationships == counts["relationships"]
    assert report.questions == 1 and report.dangling == []


def test_values_travel_only_as_parameters(pushed):
    log, _, _ = pushed
    labels = set(model().labels) | set(model().relationships) | set(ns.BOOKKEEPING_LABELS)
    for query, _ in log:
        for text in [h for h in HOSTILE if len(h) > 3] + ["SC036243", "helen", "derby"]:
            assert text.lower() not in query.lower(), (text, query)
        for name in __import__("re").findall(r"[:(\[]([A-Z][A-Za-z_]+)[ {)|\]]", query):
            assert name in labels, (name, query)


def test_parameters_follow_the_storage_contract(pushed):
    log, _, _ = pushed
    rows = {r["id"]: r["props"] for q, p in log if "AS written" in q for r in p["rows"]}
    home = rows["home:SC036243"]
    assert home["id"] == "home:SC036243"
    assert home["registration_date"] == dt.date(2004, 2, 12)
    assert isinstance(home["status_by_year"], str) and HOSTILE[9] in home["status_by_year"]
    assert home["aliases"] == HOSTILE and home["places"] == 4 and home["named_only"] is False
    assert len(home["prov_source"]) == len(home["prov_quote"]) == len(home["prov_confidence"]) == 2
    assert home["prov_quote"] == ["", HOSTILE[8]] and home["prov_locator"][1] == HOSTILE[6]
    move = rows["STAFF_MOVE:home:SC036243->home:SC488596|person:helen-o-hara-smith"]
    assert move["earliest"] == dt.date(2020, 1, 23) and move["id"].startswith("STAFF_MOVE:")
    assert all(v is not None for props in rows.values() for v in props.values())
    question = rows["same_person:person:helen-o-hara-smith->person:unnamed:SC488596:2019-11"]
    assert question["score"] == 0.62 and HOSTILE[4] in question["evidence"]
    assert rows[ns.META_ID]["content_hash"] and "meta" in rows[ns.META_ID]


def test_prune_deletes_only_what_the_build_no_longer_has():
    log: list = []

    def answer(query, params):
        if query == ns.node_ids_query("Home"):
            return [{"id": "home:SC1"}, {"id": "home:OLD1"}, {"id": "home:OLD2"}]
        if query == ns.rel_ids_query("RUNS"):
            return [{"id": "RUNS:x->home:OLD1|"}]
        return default_answer(query, params)

    writer, _ = writer_for(RecordingSession(log, answer), batch_size=1)
    writer.prune({"Home": {"home:SC1"}}, {})
    deletes = [(q, p["ids"]) for q, p in log if "DELETE" in q]
    assert (ns.rel_delete_query("RUNS"), ["RUNS:x->home:OLD1|"]) in deletes
    assert [ids for q, ids in deletes if q == ns.node_delete_query("Home")] == [
        ["home:OLD1"], ["home:OLD2"]]
    assert writer.report.pruned_nodes == 2 and writer.report.pruned_relationships == 1


def test_dangling_relationships_are_left_out_and_reported(tmp_path):
    from graph.records import Edge
    from graph.store import EmbeddedStore, write_store
    from tests.test_export_fixture_graph import PROV, hostile_assembly

    a = hostile_assembly()
    a.add(Edge("IS_COUNCIL", "provider:o-brien-care", "council:nowhere", {}, PROV))
    write_store(a, tmp_path, {})
    log: list = []
    with EmbeddedStore(tmp_path) as store:
        report = push(store, writer_for(RecordingSession(log))[0])
    assert report.dangling == ["IS_COUNCIL:provider:o-brien-care->council:nowhere"]
    assert not any("council:nowhere" in str(p) for _, p in log)


# -- retries ---------------------------------------------------------------------------
def client_error(code: str = "Neo.ClientError.Statement.SyntaxError") -> Neo4jError:
    return Neo4jError._hydrate_neo4j(code=code, message="refused")


@pytest.mark.parametrize("failure", [
    Neo4jTransientError("deadlock"),
    Neo4jError._hydrate_neo4j(code="Neo.TransientError.Transaction.DeadlockDetected",
                              message="deadlock"),
    ServiceUnavailable("no route"),
    SessionExpired("expired"),
])
def test_transient_errors_are_retried_with_backoff(failure):
    log: list = []
    session = RecordingSession(log, failures=[failure, failure])
    writer, sleeps = writer_for(session)
    assert writer.write_nodes("Home", [{"id": "home:SC1", "props": {"id": "home:SC1"}}]) == 1
    assert sleeps == [0.5, 1.0] and session.calls == 3 and writer.report.retries == 2
    assert len(log) == 1  # the failed attempts never reached a transaction


@pytest.mark.parametrize("failure", [client_error(), AuthError("bad credentials"),
                                     client_error("Neo.ClientError.Schema.ConstraintValidationFailed")])
def test_other_errors_are_raised_at_once(failure):
    session = RecordingSession([], failures=[failure])
    writer, sleeps = writer_for(session)
    with pytest.raises(type(failure)):
        writer.write_nodes("Home", [{"id": "home:SC1", "props": {}}])
    assert sleeps == [] and session.calls == 1
    assert not is_retryable(failure)


def test_retries_give_up_after_the_last_attempt():
    sleeps: list[float] = []
    failures = [Neo4jTransientError(f"busy {i}") for i in range(10)]
    session = RecordingSession([], failures=failures)
    policy = RetryPolicy(attempts=4, first_delay=0.25, max_delay=0.6, sleep=sleeps.append)
    seen: list[int] = []
    with pytest.raises(Neo4jTransientError, match="busy 3"):
        run_with_retries(lambda: session, lambda s: s.execute_write(lambda tx: None), policy,
                         on_retry=lambda attempt, exc, delay: seen.append(attempt))
    assert sleeps == [0.25, 0.5, 0.6] and seen == [1, 2, 3] and session.calls == 4


def test_a_session_that_cannot_open_is_retried():
    opened: list[int] = []

    def open_session():
        opened.append(1)
        if len(opened) < 3:
            raise ServiceUnavailable("connection refused")
        return RecordingSession([])

    sleeps: list[float] = []
    result = run_with_retries(open_session, lambda s: "ok", RetryPolicy(sleep=sleeps.append))
    assert result == "ok" and len(opened) == 3 and sleeps == [0.5, 1.0]
