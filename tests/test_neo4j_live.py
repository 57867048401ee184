"""Live tests against a real Neo4j 5: they run wherever NEO4J_URI is set (e.g. after
``docker compose up -d neo4j`` with NEO4J_URI=neo4j://localhost:7687 and NEO4J_PASSWORD
from .env), and are skipped, saying why, everywhere else. None can run on the machines
this project is developed on (no Docker engine, no Neo4j server).

They replace the schema's nodes in the configured database, so they refuse (skip) when
it holds a pushed build other than the test fixture, unless NEO4J_TEST_ALLOW_WIPE=1.
"""

from __future__ import annotations

import os

import pytest

from graph import settings
from graph.errors import StoreError
from graph.store import neo4j_schema as ns
from tests.test_export_fixture_graph import expected_counts, hostile_store

pytestmark = pytest.mark.neo4j

if not settings.get("neo4j_uri"):
    pytest.skip("no live Neo4j: NEO4J_URI is not set (none can run on this machine; "
                "`docker compose up -d neo4j` and set NEO4J_URI to run these)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def neo4j_store():
    from graph.store.neo4j_store import Neo4jStore

    store = Neo4jStore.from_settings()
    meta = store.meta()
    if meta and meta.get("inputs") != ["fixture"] and os.environ.get(
            "NEO4J_TEST_ALLOW_WIPE") != "1":
        store.close()
        pytest.skip(f"the database holds a pushed build ({meta.get('content_hash', '?')[:16]}); "
                    "set NEO4J_TEST_ALLOW_WIPE=1 to let the live tests replace it")
    yield store
    store.close()


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    with hostile_store(tmp_path_factory.mktemp("live") / "store") as store:
        yield store


def wipe(neo4j_store) -> None:
    labels = "|".join([*sorted(neo4j_store.model.labels), *ns.BOOKKEEPING_LABELS])
    with neo4j_store.session(write=True) as session:
        session.run(f"MATCH (n:{labels}) DETACH DELETE n").consume()


def push_into(neo4j_store, reader, batch_size: int = 4, **kwargs):
    from graph.store.neo4j_write import Neo4jWriter, push

    writer = Neo4jWriter(lambda: neo4j_store.session(write=True), batch_size=batch_size)
    return push(reader, writer, **kwargs)


def total(neo4j_store) -> tuple[int, int]:
    rows = neo4j_store.run_cypher("MATCH (n) WITH count(n) AS n MATCH ()-[r]->() "
                                  "RETURN n, count(r) AS r")
    return rows[0]["n"], rows[0]["r"]


def test_pushing_twice_leaves_one_copy(neo4j_store, fixture_store):
    wipe(neo4j_store)
    first = push_into(neo4j_store, fixture_store)
    after_first = (neo4j_store.counts(), total(neo4j_store))
    second = push_into(neo4j_store, fixture_store)
    assert neo4j_store.counts() == fixture_store.counts() == after_first[0]
    assert total(neo4j_store) == after_first[1]
    assert first.nodes == second.nodes and second.pruned_nodes == 0
    names = {r["name"] for r in neo4j_store.run_cypher("SHOW CONSTRAINTS YIELD name")}
    assert {"home_id", "person_id", "buildmeta_id"} <= names


def test_reading_neo4j_gives_what_the_embedded_store_gives(neo4j_store, fixture_store):
    from queries.entities import describe

    push_into(neo4j_store, fixture_store)
    assert neo4j_store.meta() == fixture_store.meta()
    assert neo4j_store.questions() == fixture_store.questions()
    assert neo4j_store.search_terms() == [tuple(t) for t in fixture_store.search_terms()]
    assert list(neo4j_store.nodes()) == list(fixture_store.nodes())
    assert list(neo4j_store.edges()) == list(fixture_store.edges())
    for node in fixture_store.nodes():
        assert neo4j_store.node(node["id"]) == node
        assert neo4j_store.provenance(node["id"]) == fixture_store.provenance(node["id"])
        assert list(neo4j_store.edges(src=node["id"])) == list(fixture_store.edges(src=node["id"]))
        assert describe(neo4j_store, node["id"]) == describe(fixture_store, node["id"])  # show
    for edge in fixture_store.edges():
        assert neo4j_store.provenance(edge["id"]) == fixture_store.provenance(edge["id"])


def test_run_cypher_reads_with_iso_dates(neo4j_store, fixture_store):
    push_into(neo4j_store, fixture_store)
    rows = neo4j_store.run_cypher("MATCH (h:Home {id: $id}) RETURN h.registration_date AS d, "
                                  "h.aliases AS a", {"id": "home:SC036243"})
    assert rows == [{"d": "2004-02-12", "a": fixture_store.node("home:SC036243")["aliases"]}]
    with pytest.raises(StoreError, match=r"(?i)access mode|writ"):
        neo4j_store.run_cypher("CREATE (:Home {id: 'nope'})")


def test_pruning_removes_what_the_build_dropped(neo4j_store, fixture_store, tmp_path):
    from graph.store import EmbeddedStore, write_store
    from tests.test_export_fixture_graph import hostile_assembly

    push_into(neo4j_store, fixture_store)
    smaller = hostile_assembly()
    del smaller.nodes["requirement:10049675:1"]
    del smaller.edges["REQUIRES:inspection:10049675->requirement:10049675:1"]
    write_store(smaller, tmp_path, {"inputs": ["fixture"]})
    with EmbeddedStore(tmp_path) as store:
        report = push_into(neo4j_store, store)
        assert neo4j_store.counts() == store.counts()
    assert report.pruned_nodes == 1 and report.pruned_relationships == 1


def test_the_cypher_export_recreates_the_graph_and_reruns_without_duplicates(
        neo4j_store, fixture_store, tmp_path):
    from graph.exports import export
    from graph.exports.base import ExportContext

    export(fixture_store, "cypher", tmp_path / "g.cypher", ExportContext(meta=fixture_store.meta()))
    statements = [line[:-1] for line in (tmp_path / "g.cypher").read_text("utf-8").split("\n")
                  if line.endswith(";") and not line.startswith("//")]
    wipe(neo4j_store)
    for _ in range(2):
        with neo4j_store.session(write=True) as session:
            for statement in statements:
                session.run(statement).consume()
        assert neo4j_store.counts() == fixture_store.counts()
    for node in fixture_store.nodes():
        assert neo4j_store.node(node["id"]) == node
        assert neo4j_store.provenance(node["id"]) == fixture_store.provenance(node["id"])


@pytest.mark.slow
def test_the_real_graph_pushes_with_stats_counts(neo4j_store, real_store):
    report = push_into(neo4j_store, real_store, batch_size=1000)
    try:
        assert neo4j_store.counts() == expected_counts(real_store)
    finally:
        wipe(neo4j_store)  # leave no real build behind for the next run to refuse
    assert len(report.dangling) == sum(real_store.counts()["relationships"].values()) - sum(
        expected_counts(real_store)["relationships"].values())
