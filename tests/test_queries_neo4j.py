"""Live Neo4j: each catalog query's Cypher, run on a real Neo4j holding the fixture graph
(tests/test_queries_fixture.py), gives exactly the rows of the embedded implementation.

Runs only where NEO4J_URI is set (with NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE as
needed). It pushes the fixture graph into that database, replacing what is there, so
point it at a scratch database.
"""

from __future__ import annotations

import math
import os

import pytest

from queries.catalog import catalog, run
from tests.test_queries_fixture import DOC, P2, build_fixture_store

pytestmark = pytest.mark.neo4j

CASES = [
    ("staff-moves", {}), ("staff-moves", {"council": "Walsall", "from": "2020-01-23"}),
    ("staff-moves", {"person": P2}), ("staff-moves", {"provider": "Acme Care Ltd"}),
    ("move-chains", {}), ("move-chains", {"home": "SC000003"}),
    ("move-chains", {"home": "SC000003", "max_length": 2}),
    ("move-chains", {"person": "Dee Four"}),
    ("paths-between", {"from": "SC000003", "to": "SC000004"}),
    ("paths-between", {"from": "SC000005", "to": "SC000001"}),
    ("ratings-around-moves", {}), ("ratings-around-moves", {"home": "SC000002"}),
    ("people-at-failing-homes", {}), ("people-at-failing-homes", {"min_homes": 1}),
    ("people-at-failing-homes", {"during": "during", "link": "managed"}),
    ("provider-league", {"year": 2020}), ("provider-league", {"year": 2019}),
    ("provider-league", {"year": 2020, "settings": "all", "limit": 2}),
    ("provider-league", {"year": 2020, "council": "Walsall"}),
    ("provider-league", {"year": 2020, "region": "West Midlands"}),
    ("council-overview", {"council": "Derby"}),
    ("council-overview", {"council": "Walsall", "settings": "all"}),
    ("home-timeline", {"home": "SC000001"}), ("home-timeline", {"home": "SC000008"}),
    ("verify-claims", {}), ("verify-claims", {"document": DOC, "status": "not found"}),
    ("verify-claims", {"home": "SC000020"}),
]


def test_every_query_has_a_live_case():
    assert {name for name, _ in CASES} == {q.name for q in catalog()}


def _clean(value):
    """NaN (a missing confidence in Neo4j's lists) compares equal to itself here."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    if not os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI is not set: the live Neo4j comparison needs a Neo4j 5 server")
    try:
        from graph.store.neo4j_store import Neo4jStore
        from graph.store.neo4j_write import Neo4jWriter, push
    except ImportError as exc:
        pytest.skip(f"the Neo4j backend is not installed here: {exc}")
    embedded = build_fixture_store(tmp_path_factory.mktemp("queries-neo4j"))
    neo4j = Neo4jStore.from_settings()
    push(embedded, Neo4jWriter(lambda: neo4j.session(write=True)))
    yield embedded, neo4j
    neo4j.close()
    embedded.close()


@pytest.mark.parametrize(("name", "params"), CASES,
                         ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_neo4j_rows_equal_embedded_rows(stores, name, params):
    embedded, neo4j = stores
    expected = run(embedded, name, params)
    got = run(neo4j, name, params)
    assert got.params == expected.params
    assert _clean(got.rows) == _clean(expected.rows)
    assert (got.entities, got.relationships) == (expected.entities, expected.relationships)
