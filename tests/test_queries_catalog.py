"""The catalog as data: every query complete and documented (purpose, parameters with help,
an example, a Cypher file), and clear errors for unknown queries and parameters, bad
dates, numbers and choices, and unknown URNs (with the nearest matches)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.errors import NotFound, ParameterError
from queries.catalog import catalog, get_query, run
from queries.params import TYPES
from tests.test_queries_fixture import DERBY, B
from tests.test_queries_fixture import store as store

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "docs" / "queries.md"]
REQUIRED = ["staff-moves", "move-chains", "paths-between", "ratings-around-moves",
            "people-at-failing-homes", "provider-league", "council-overview", "home-timeline",
            "verify-claims"]


def test_catalog_has_the_issue_queries():
    assert [q.name for q in catalog()] == REQUIRED


@pytest.mark.parametrize("query", catalog(), ids=lambda q: q.name)
def test_every_query_is_complete(query):
    assert query.title and len(query.description) > 60
    assert query.cypher_path.is_file() and query.cypher.strip()
    assert query.example.startswith(f"inspection-graph query {query.name}")
    for param in query.params:
        assert param.type in TYPES and param.help, param
        if param.type == "choice":
            assert param.default in param.choices
        else:
            assert not param.choices
    fn = query.function()
    assert callable(fn) and fn.__module__.startswith("queries.")
    assert (fn.__module__ and __import__(fn.__module__, fromlist=["x"]).__doc__), \
        "the implementation's module explains its rules"


@pytest.mark.parametrize("query", catalog(), ids=lambda q: q.name)
def test_every_query_is_documented(query):
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        section = re.search(rf"^#+ `?{re.escape(query.name)}`?.*?(?=^#+ |\Z)", text,
                            re.MULTILINE | re.DOTALL)
        assert section, f"{doc.name} has no section for {query.name}"
        body = section.group(0)
        assert query.example in body, f"{doc.name}: {query.name} lacks its example"
        for param in query.params:
            assert f"`{param.name}`" in body, f"{doc.name}: {query.name} lacks `{param.name}`"


@pytest.mark.parametrize("query", catalog(), ids=lambda q: q.name)
def test_example_parameters_are_declared(query):
    for key in re.findall(r"--param (\w+)=", query.example):
        query.param(key)


def test_unknown_query_names_the_near_ones(store):
    with pytest.raises(NotFound, match=r"no query 'staff-move'.*did you mean: staff-moves"):
        run(store, "staff-move")


@pytest.mark.parametrize(("name", "params", "message"), [
    ("move-chains", {"hom": "SC000001"}, r"no parameter 'hom'; did you mean 'home'"),
    ("staff-moves", {"from": "2019-13-01"}, r"parameter from: '2019-13-01' is not a real date"),
    ("staff-moves", {"to": "1 Jan 2020"}, r"parameter to: '1 Jan 2020' is not a date"),
    ("move-chains", {"limit": "many"}, r"parameter limit: 'many' is not a whole number"),
    ("move-chains", {"max_length": "11"}, r"11 is above the most allowed value 10"),
    ("provider-league", {"settings": "schools"}, r"'schools' is not one of"),
    ("provider-league", {"region": "Wessex"}, r"no home is in region 'Wessex'"),
    ("home-timeline", {}, r"needs parameter 'home'"),
    ("paths-between", {"from": "SC000001", "to": "SC 1"}, r"two different homes"),
])
def test_parameter_errors(store, name, params, message):
    with pytest.raises(ParameterError, match=message):
        run(store, name, params)


def test_unknown_urn_lists_the_nearest(store):
    with pytest.raises(NotFound, match=r"no home with URN SC000010") as caught:
        run(store, "home-timeline", {"home": "SC 10"})
    assert any("SC000001" in s for s in caught.value.suggestions)


def test_unknown_entities(store):
    with pytest.raises(NotFound, match=r"no council called 'Derbyshire'"):
        run(store, "council-overview", {"council": "Derbyshire"})
    with pytest.raises(NotFound, match=r"no person called"):
        run(store, "staff-moves", {"person": "Nobody Atall"})


def test_references_resolve_to_ids(store):
    assert run(store, "home-timeline", {"home": "SC000020"}).params["home"] == B  # as written
    assert run(store, "home-timeline", {"home": B}).params["home"] == B
    assert run(store, "council-overview", {"council": "Derby City Council"}).params[
        "council"] == DERBY
    assert get_query("verify-claims").param("status").parse(None, "no-record") == "no record"
