"""The explorer's read helpers (queries/explorer_*.py) on the fixture graph, and the
doctests of the explorer's own modules (not collected by the default test paths)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from graph.store import EmbeddedStore
from queries import explorer_entities, explorer_moves, explorer_overview
from queries.explorer_common import home_summary, latest_judgement
from queries.explorer_evidence import documents_by_path, source_file, source_row
from tests.test_explorer_pages import BLOG, CSV19, fixture_store  # noqa: F401 (fixture)


@pytest.fixture()
def store(fixture_store):  # noqa: F811
    with EmbeddedStore(fixture_store) as reader:
        yield reader


def test_overview_tables_and_filters(store):
    tables = explorer_overview.sector_tables(store)
    assert {h["id"] for h in tables["homes"]} >= {"home:SC036243", "home:SC111111"}
    everything = explorer_overview.summarise(tables)
    assert everything["metrics"]["homes"] == 5
    homes = explorer_overview.summarise(tables, childrens_homes=True)
    assert homes["metrics"] == {"homes": 4, "homes_ever": 4, "providers": 2, "councils": 2,
                                "below_good": 2}
    derby = explorer_overview.summarise(tables, council="council:derby")
    assert [p["provider"] for p in derby["providers"]] == ["Derby City Council"]
    years = {(r["year"], r["band"]): r["count"] for r in derby["by_year"]}
    assert years[(2019, "Good")] == 3 and years[(2020, "Declined in effectiveness")] == 1
    choices = explorer_overview.filters(tables)
    assert choices["regions"] == ["East Midlands", "South East"]


def test_latest_judgement_ignores_interim_outcomes(store):
    assert latest_judgement(store, "home:SC036109") == ("Good", "2019-07-02")
    summary = home_summary(store, "home:SC036243")
    assert (summary["council"], summary["provider"], summary["latest"]) == (
        "Derby", "Derby City Council", "Requires improvement")


def test_person_view_places_judgements_around_each_tenure(store):
    view = explorer_entities.person_view(store, "person:jane-doe")
    first, second = view["tenures"]
    assert (first["home_id"], first["start"], first["end"]) == (
        "home:SC036243", "2018-01-01", "2020-01-23")
    assert {i["date"]: i["phase"] for i in first["inspections"]} == {
        "2019-01-08": "during", "2019-12-10": "during"}
    assert {i["date"]: i["phase"] for i in second["inspections"]} == {
        "2019-07-02": "before", "2020-01-23": "before"}
    assert [m["to_id"] for m in view["moves"]] == ["home:SC036109"]
    assert explorer_entities.person_view(store, "home:SC036243") is None


def test_provider_and_council_views(store):
    acme = explorer_entities.provider_view(store, "provider:acme-care")
    assert [h["id"] for h in acme["homes"]] == ["home:SC111111"]
    assert [p["name"] for p in acme["people"]] == ["John Smith"]
    assert acme["councils"][0]["council"] == "Kent"
    derby = explorer_entities.council_view(store, "council:derby")
    assert len(derby["homes"]) == 3 and len(derby["own_homes"]) == 3
    assert [i["type"] for i in derby["inspections"]] == ["Focused visit"]


def test_document_view_and_claims_check(store):
    view = explorer_entities.document_view(store, "document:blog")
    assert [m["as_written"] for m in view["mentions"]] == ["Home A"]
    assert len(view["moves"]) == 2
    assert [(c["date"], c["judgement"]) for c in view["claims"]] == [("2019-01-08", "GOOD")]
    checked = explorer_entities.check_claims(
        [*view["claims"], {"date": "2019-10-29", "judgement": "Inadequate"},
         {"date": "2019-12-11", "judgement": "Inadequate"}],
        [{"date": "2019-01-08", "overall": "Good"},
         {"date": "2019-12-10", "overall": "Requires improvement to be good"}])
    assert [c["check"] for c in checked] == ["agrees", "no record", "differs"]


def test_moves_filter_chain_and_paths(store):
    moves = explorer_moves.all_moves(store)
    homes = explorer_moves.homes_of_moves(store, moves)
    assert [m["person"] for m in moves] == ["J Doe", "Jane Doe"]  # time order
    assert moves[1]["evidence"][0]["quote"].startswith("The recently appointed")
    assert explorer_moves.filter_moves(moves, homes, council="council:kent") == []
    assert len(explorer_moves.filter_moves(moves, homes, start="2020-01-01")) == 1
    chain = explorer_moves.chain_from(moves, "home:SC488596")
    assert [m["to_id"] for m in chain] == ["home:SC036243", "home:SC036109"]
    paths = explorer_moves.paths_between(moves, "home:SC488596", "home:SC036109")
    assert [[m["to_id"] for m in p] for p in paths] == [["home:SC036243", "home:SC036109"]]
    assert explorer_moves.paths_between(moves, "home:SC036109", "home:SC488596") == []


def test_evidence_leads_back_to_the_row(tmp_path, store):
    folder = tmp_path / "ofsted" / "provider-level"
    folder.mkdir(parents=True)
    (folder / "provider_at_march_2019.csv").write_text("title\nURN,Sector\nSC036243,LA\n")
    path = source_file([str(tmp_path / "ofsted")], None, CSV19)
    assert source_row(path, "line 3") == "SC036243,LA"
    assert source_row(path, "line 99") is None
    assert source_file([str(tmp_path / "ofsted")], None, "ofsted/missing.csv") is None
    assert documents_by_path(store)[BLOG] == "document:blog"


@pytest.mark.parametrize("module", ["explorer.state", "explorer.review", "explorer.upload",
                                    "explorer.widgets",
                                    "queries.explorer_common", "queries.explorer_moves"])
def test_doctests(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0 and result.attempted > 0
