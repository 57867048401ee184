"""The Neo4j storage contract (graph/store/neo4j_schema.py): names, constraints, and values
converted for Neo4j and back into exactly what the embedded store gives.

Reading back is checked on every node and relationship of the real graph: each value is
converted as it is sent, then as the driver hands it back (a DATE arrives as
``neo4j.time.Date``, a list as a list), then with ``from_neo4j_props``, and must equal the
embedded store's dict."""

from __future__ import annotations

import datetime as dt
import math

import neo4j.time
import pytest

from graph.errors import SchemaError
from graph.model import model
from graph.store import neo4j_schema as ns


def as_driver_returns(value):
    """What the driver gives back for a value it was sent (DATE → neo4j.time.Date)."""
    if isinstance(value, dt.date):
        return neo4j.time.Date.from_native(value)
    if isinstance(value, list):
        return [as_driver_returns(v) for v in value]
    return value


def round_trip(owner: str, props: dict) -> dict:
    sent = ns.to_neo4j_props(owner, props)
    return ns.from_neo4j_props(owner, {k: as_driver_returns(v) for k, v in sent.items()})


def test_names_come_from_the_schema_only():
    assert ns.check_label("Home") == "Home" and ns.check_type("RUNS") == "RUNS"
    for bad in ("Home) DETACH DELETE (n", "home", "Nope"):
        with pytest.raises(SchemaError):
            ns.check_label(bad)
    with pytest.raises(SchemaError):
        ns.node_merge_query("Home`) MATCH (x")
    with pytest.raises(SchemaError):
        ns.rel_merge_query("RUNS]->() DELETE x //", "Provider", "Home")
    assert ns.quote_name("a`b") == "`a``b`"


def test_a_constraint_for_every_label_and_an_index_for_every_indexed_property():
    m = model()
    statements = ns.schema_statements()
    for label in [*m.labels, *ns.BOOKKEEPING_LABELS]:
        assert (f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) "
                f"REQUIRE n.id IS UNIQUE") in statements
    indexed = [(lbl.name, p.name) for lbl in m.labels.values() for p in
               lbl.properties.values() if p.index]
    assert indexed and all(f"FOR (n:{a}) ON (n.{b})" in " ".join(statements) for a, b in indexed)
    for rel in m.relationships:
        assert f"FOR ()-[r:{rel}]-() ON (r.id)" in " ".join(statements)
    constraints = [i for i, s in enumerate(statements) if s.startswith("CREATE CONSTRAINT")]
    assert constraints == list(range(len(constraints)))  # constraints first


def test_values_by_type():
    sent = ns.to_neo4j_props("Home", {"urn": "SC1", "places": 4, "registration_date": "2004-02-12",
                                      "status_by_year": {"2019": "Active"}, "aliases": ["A"],
                                      "named_only": True, "closure_date": None,
                                      "first_seen": "2019"})
    assert sent == {"urn": "SC1", "places": 4, "registration_date": dt.date(2004, 2, 12),
                    "status_by_year": '{"2019":"Active"}', "aliases": ["A"], "named_only": True,
                    "first_seen": "2019"}  # not an ISO day: stays a string


def test_provenance_lists_round_trip_with_missing_values():
    prov = [{"source": "f", "locator": "line 2", "quote": "", "rule": "r", "confidence": 1.0},
            {"source": "d", "locator": None, "quote": "q", "rule": None, "confidence": None}]
    lists = ns.prov_lists(prov)
    assert lists["prov_locator"] == ["line 2", ""] and math.isnan(lists["prov_confidence"][1])
    back = ns.prov_from_lists(lists)
    assert back[0] == prov[0]
    assert back[1] == {"source": "d", "locator": "", "quote": "q", "rule": "", "confidence": None}


def test_questions_and_meta():
    q = {"id": "q1", "kind": "same_person", "subject": "person:a", "candidate": None,
         "score": 0.5, "evidence": {"why": "x"}, "status": "open"}
    props = ns.question_props(q)
    assert "candidate" not in props and props["evidence"] == '{"why":"x"}'
    assert ns.question_from_props(props) == q
    meta = ns.meta_props({"content_hash": "abc", "inputs": ["a"], "judgements": 0})
    assert meta["id"] == ns.META_ID and meta["content_hash"] == "abc"
    assert '"inputs":["a"]' in meta["meta"]


def test_normalise_turns_neo4j_temporal_values_into_iso_strings():
    value = {"d": neo4j.time.Date(2019, 1, 8), "l": [neo4j.time.DateTime(2019, 1, 8, 10, 30)],
             "n": 1}
    assert ns.normalise(value) == {"d": "2019-01-08", "l": ["2019-01-08T10:30:00.000000000"],
                                   "n": 1}


@pytest.mark.slow
def test_every_real_node_and_relationship_reads_back_as_the_embedded_store_has_it(real_store):
    """Except explicit nulls, which Neo4j cannot store: they read back as absent."""
    checked = 0
    for node in real_store.nodes():
        props = {k: v for k, v in node.items() if k not in ("id", "label")}
        present = {k: v for k, v in props.items() if v is not None}
        assert round_trip(node["label"], props) == present, node["id"]
        checked += 1
    for edge in real_store.edges():
        props = {k: v for k, v in edge.items() if k not in ("id", "type", "src", "dst")}
        present = {k: v for k, v in props.items() if v is not None}
        assert round_trip(edge["type"], props) == present, edge["id"]
        checked += 1
    assert checked == sum(map(sum, (c.values() for c in real_store.counts().values())))
