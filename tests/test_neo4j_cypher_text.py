"""Every statement the Neo4j driver layer sends, checked with Neo4j's own parser.

The writer's statements come from ``graph.store.neo4j_schema``; the reader's are
collected by running each ``Neo4jStore`` method against a recording driver (it returns no
rows: these are tests of the text, not of Neo4j)."""

from __future__ import annotations

import pytest

from graph.model import model
from graph.store import neo4j_schema as ns
from graph.store.neo4j_store import Neo4jStore
from tests import cypher_parser
from tests.cypher_parser import install_hint, lint_cypher
from tests.test_neo4j_write import RecordingSession


class RecordingDriver:
    """Implements the one driver method Neo4jStore calls: ``session(**config)``."""

    def __init__(self) -> None:
        self.log: list = []
        self.configs: list[dict] = []

    def session(self, **config):
        self.configs.append(config)
        return RecordingSession(self.log, answer=lambda q, p: [])

    def close(self) -> None:
        pass


def writer_statements() -> list[str]:
    m = model()
    out = list(ns.schema_statements())
    for label in [*m.labels, *ns.BOOKKEEPING_LABELS]:
        out += [ns.node_merge_query(label), ns.node_ids_query(label), ns.node_delete_query(label)]
    for rel in m.relationships.values():
        out += [ns.rel_ids_query(rel.name), ns.rel_delete_query(rel.name)]
        out += [ns.rel_merge_query(rel.name, a, b) for a in sorted(rel.from_labels)
                for b in sorted(rel.to_labels)]
    out.append(f"MATCH (m:{ns.META_LABEL} {{id: $id}}) SET m.push_in_progress = true")
    return out


def reader_statements() -> tuple[list[str], RecordingDriver]:
    driver = RecordingDriver()
    store = Neo4jStore(driver, "neo4j")
    store.meta()
    store.counts()
    store.questions()
    store.questions("open")
    for node_id in ("home:SC036243", "person:x", "nolabel:x"):
        store.node(node_id)
        store.provenance(node_id)
    store.provenance("RUNS:provider:p->home:SC1|2004-02-12")
    list(store.nodes())
    list(store.nodes("Inspection"))
    list(store.edges())
    list(store.edges("OF", dst="home:SC036243"))
    list(store.edges(src="person:x"))
    list(store.edges("MANAGED", src="person:x", dst="home:SC1"))
    store.search_terms()
    return [q for q, _ in driver.log], driver


def lint(statements):
    if not cypher_parser.cypher_parser_available():
        pytest.fail(f"Neo4j's Cypher parser is not installed; run: {install_hint()}")
    return lint_cypher(statements, exact=True)


def test_every_writer_statement_parses():
    statements = writer_statements()
    assert len(statements) > 100
    results = lint(statements)
    bad = [f"{statements[r.index]}: {r.errors}" for r in results if r.errors or r.warnings]
    assert not bad, "\n".join(bad)


def test_every_reader_statement_parses_and_reads():
    statements, driver = reader_statements()
    assert len(statements) > 20
    assert not any("nolabel" in s for s in statements)  # an unknown prefix asks nothing
    results = lint(statements)
    bad = [f"{statements[r.index]}: {r.errors}" for r in results if r.errors or r.warnings]
    assert not bad, "\n".join(bad)
    import neo4j

    assert {c["default_access_mode"] for c in driver.configs} == {neo4j.READ_ACCESS}
    assert {c["database"] for c in driver.configs} == {"neo4j"}
