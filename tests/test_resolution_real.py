"""What the documents add to the real graph (../shared/data/ofsted + ../shared/seeds): the
Derby story as STAFF_MOVE paths, Home B's URN resolved from the blog's own evidence, the
Walsall report tied to the statistics' provider, councils' visits, and people kept apart."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from cli import app
from graph.errors import Ambiguous
from queries.entities import describe


def show(store_dir, *args: str) -> dict:
    """``inspection-graph show ... --json`` run in this process (the real command)."""
    result = CliRunner().invoke(app, ["show", *args, "--json", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _moves_from(graph: nx.MultiDiGraph, start: str) -> list[list[tuple]]:
    """Every time-respecting STAFF_MOVE walk from ``start`` (each step on or after the one
    before), as lists of (src, dst, props)."""
    walks = []

    def extend(path: list[tuple]) -> None:
        here = path[-1][1] if path else start
        steps = [(u, v, d) for u, v, d in graph.out_edges(here, data=True)
                 if d["type"] == "STAFF_MOVE" and (not path or d["sort_date"] >= path[-1][2][
                     "sort_date"])]
        if not steps and path:
            walks.append(list(path))
        for step in steps:
            if all(step[:2] != p[:2] for p in path):
                extend([*path, step])

    extend([])
    return walks


def test_derby_story_is_a_time_ordered_path_c_to_a_to_b(real_store):
    moves = nx.MultiDiGraph()
    moves.add_edges_from((e["src"], e["dst"], e["id"], e) for e in real_store.edges("STAFF_MOVE"))
    (walk,) = _moves_from(moves, "home:SC488596")
    assert [(u, v) for u, v, _ in walk] == [("home:SC488596", "home:SC036243"),
                                           ("home:SC036243", "home:SC036019")]
    first, second = (d for _, _, d in walk)
    assert (first["earliest"], second["earliest"]) == ("2019-11-12", "2020-01-23")
    assert first["quote"] == "The Manager of this Home has since moved to Home A (SC036243)"
    assert "Interim manager was then moved to Home B (SC036109) after 23 January 2020" in \
        second["quote"] and "The Manager from Home A (SC 36243) was moved to this Home" in \
        second["quote"]
    for move in (first, second):
        assert move["derived_from"] == "stated" and move["document"].startswith("document:")
        person = real_store.node(move["person"])
        assert person["unnamed"] is True and person["description"]
        assert real_store.provenance(move["person"])
    assert "the manager of SC488596" in real_store.node(first["person"])["description"]


def test_show_home_a_moves_in_and_out(real_store_dir):
    page = show(real_store_dir, "SC 36243")
    (moved_in,) = page["moves_in"]
    (moved_out,) = page["moves_out"]
    assert (moved_in["from"], moved_in["to"], moved_in["earliest"], moved_in["role"]) == (
        "SC488596", "SC036243", "2019-11-12", "manager")
    assert (moved_out["from"], moved_out["to"], moved_out["earliest"], moved_out["role"]) == (
        "SC036243", "SC036019", "2020-01-23", "interim manager")
    for move in (moved_in, moved_out):
        assert {"from", "to", "date", "person", "role", "quote", "document"} <= set(move)
        assert move["person"].startswith("unnamed") and move["quote"]
    managers = [p for p in page["people"] if p["relationship"] == "MANAGED"]
    assert any(p["moved_in"] and p["from_earliest"] == "2019-10-29" for p in managers)
    assert {m["document"] for m in page["mentions"]} == {moved_in["document"]}


def test_home_b_urn_resolved_from_the_documents_own_evidence(real_store):
    assert real_store.node("home:SC036109") is None
    home_b = real_store.node("home:SC036019")
    assert "SC036109" in home_b["urns_as_written"] and "Home B" in home_b["aliases"]
    (match,) = home_b["urn_matches"]
    assert match["decided_by"] == "resolver" and match["confidence"] >= 0.8
    evidence = " | ".join(match["evidence"])
    assert "one transposition" in evidence and "10095674" in evidence and "council" in evidence
    claims = {e["date"]: e for e in real_store.edges("CLAIMS", dst="home:SC036019")}
    assert claims["2019-07-02"]["urn_as_written"] == "SC036109"
    questions = [q for q in real_store.questions() if q["kind"] == "unknown_urn"
                 and q["evidence"]["as_written"] == "SC036109"]
    applied = [q for q in questions if q["evidence"]["applied"]]
    assert [q["candidate"] for q in applied] == ["home:SC036019"]
    assert len(questions) > 1 and all(q["status"] == "open" for q in questions)
    assert all(q["score"] < applied[0]["score"] for q in questions if q not in applied)


def test_unnamed_newcomer_is_asked_about_not_merged(real_store):
    moved_in = [e for e in real_store.edges("MANAGED", dst="home:SC036243") if e.get("moved_in")]
    (newcomer,) = [e["src"] for e in moved_in]
    mover = next(e["person"] for e in real_store.edges("STAFF_MOVE", src="home:SC488596"))
    assert newcomer != mover and real_store.node(newcomer) and real_store.node(mover)
    asked = {(q["subject"], q["candidate"]) for q in real_store.questions()
             if q["kind"] == "same_person"}
    assert (newcomer, mover) in asked


def test_walsall_report_joins_the_statistics(real_store):
    page = describe(real_store, "home:SC368032")
    assert [p["id"] for p in page["providers"]] == ["provider:constant-child-care"]
    provider = real_store.node("provider:constant-child-care")
    assert provider["name"] == "Constant Child Care Ltd"
    assert "Constant Child Care Limited" in provider["names"] and provider["address"]
    people = {(p["name"], p["relationship"]) for p in page["people"]}
    assert ("Barry Edwards", "RESPONSIBLE_FOR") in people
    visit = next(i for i in page["inspections"] if i["date"] == "2020-09-08")
    assert (visit["type"], visit["end_date"], visit["inspectors"]) == (
        "Assurance visit", "2020-09-09", ["Shazana Jamal"])
    assert any(p["name"] == "Shazana Jamal" and p["inspection"] == visit["id"]
               for p in page["people"] if p["relationship"] == "INSPECTED")
    assert sorted((r["regulation_number"], r["due_date"]) for r in page["requirements"])[:2] \
        == [(5, "2020-10-25"), (6, "2020-10-25")] and len(page["requirements"]) == 10
    assert any(v.get("as_written") == "Post Vacant" for v in page["manager_vacant"])
    assert not [n for n in real_store.nodes("Person") if "vacant" in n["name"].casefold()]


def test_council_visits_and_news(real_store):
    derby = [e["src"] for e in real_store.edges("OF", dst="council:derby")]
    (visit,) = [real_store.node(i) for i in derby]
    assert (visit["type"], visit["start_date"], visit["end_date"]) == (
        "Focused visit", "2021-06-30", "2021-07-01")
    inspectors = sorted(real_store.node(e["src"])["name"]
                        for e in real_store.edges("INSPECTED", dst=visit["id"]))
    assert inspectors == ["Dominic Stevens", "Julie Knight", "Nick Bennison"]
    (news,) = [real_store.node(e["src"]) for e in real_store.edges("OF", dst="council:derbyshire")]
    assert news["overall"] == "requires improvement to be good" and news["overall_score"] == 2
    assert [c["score"] for c in real_store.edges("CLAIMS", dst="council:derbyshire")] == [2]


def test_named_homes_stay_named_until_judged(real_store):
    named = {n["name"]: n for n in real_store.nodes("Home") if n.get("named_only")}
    assert set(named) == {"Queensferry Gardens", "Coronation Avenue", "Cricklewood",
                          "Moorfields", "Bute Walk", "The Lighthouse"}
    assert all(n["in_registry"] is False and "urn" not in n for n in named.values())
    open_names = {q["evidence"]["as_written"] for q in real_store.questions()
                  if q["kind"] == "unresolved_home_name"}
    assert open_names == set(named)
    page = describe(real_store, "home:named:derby:queensferry-gardens")
    assert [(p["name"], p["role"], p["observed"]) for p in page["people"]] == [
        ("Helen Smith", "manager", ["2012-12-04"])]


def test_mr_smith_and_helen_smith_stay_two_people(real_store):
    smiths = {n["name"]: n for n in real_store.nodes("Person") if "Smith" in n["name"]}
    assert set(smiths) == {"Mr Smith", "Helen Smith"}
    ids = {n["id"] for n in smiths.values()}
    assert not [q for q in real_store.questions() if {q["subject"], q["candidate"]} == ids]


@pytest.mark.parametrize("name,label", [("Barry Edwards", "Person"),
                                        ("Constant Child Care Limited", "Provider"),
                                        ("Derbyshire", "Council"), ("Julie Knight", "Person")])
def test_show_finds_people_providers_and_councils_by_name(real_store_dir, name, label):
    page = show(real_store_dir, name)
    assert page["label"] == label
    if name == "Julie Knight":
        assert [i["date"] for i in page["inspected"]] == ["2021-06-30"]


def test_show_an_ambiguous_name_lists_the_candidates(real_store_dir):
    result = CliRunner().invoke(app, ["show", "Smith", "--store", str(real_store_dir)])
    assert isinstance(result.exception, Ambiguous)
    assert "Mr Smith" in str(result.exception) and "Helen Smith" in str(result.exception)
