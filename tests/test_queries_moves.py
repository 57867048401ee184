"""staff-moves, move-chains, paths-between and ratings-around-moves on the fixture graph
(tests/test_queries_fixture.py): time order, filters, time-respecting chains (a step
dated before the previous one never chains; same-day steps do; undated moves never
chain), paths both ways, and the judgements around each move."""

from __future__ import annotations

import pytest

from queries.catalog import run
from tests.test_queries_fixture import DOC, P2, A, B, C, D, claim_id, move_id
from tests.test_queries_fixture import store as store


def ids(rows, key="move_id"):
    return [r[key] for r in rows]


def steps(row):
    return [s["move_id"] for s in row["steps"]]


def test_staff_moves_in_time_order_with_quotes_and_evidence(store):
    rows = run(store, "staff-moves").rows
    assert ids(rows) == [move_id(m) for m in ("m3", "m1", "m2", "m4", "m7", "m6", "m5")]
    first = rows[1]
    assert (first["from_home"], first["to_home"], first["person"]) == (
        "SC000003", "SC000001", "Pat One")
    assert (first["date"], first["earliest"], first["latest"], first["sort_date"]) == (
        None, "2019-11-12", "2019-12-10", "2019-11-12")
    assert first["quote"] == "The Manager of this Home has since moved to Home A"
    assert first["document_id"] == DOC
    assert first["evidence"][0]["quote"] == first["quote"]
    assert first["evidence"][0]["source"] == DOC
    assert rows[2]["person"] == "Interim manager of Home A"  # no name on the move: the node's


@pytest.mark.parametrize(("params", "expected"), [
    ({"council": "Walsall"}, ["m4", "m7", "m6", "m5"]),
    ({"provider": "Acme Care Ltd"}, ["m4", "m7", "m6", "m5"]),
    ({"person": P2}, ["m2", "m6"]),
    ({"from": "2020-01-23"}, ["m2", "m4", "m7", "m6"]),
    ({"from": "2019-11-01", "to": "2020-01-22"}, ["m1"]),
    ({"council": "Derby", "to": "2019-12-31"}, ["m3", "m1"]),
])
def test_staff_moves_filters(store, params, expected):
    assert ids(run(store, "staff-moves", params).rows) == [move_id(m) for m in expected]


def test_chains_from_a_home_are_time_respecting(store):
    rows = run(store, "move-chains", {"home": "SC000003"}).rows
    # m3 (B→C, 2019-06-01) never follows m2 (A→B, 2020-01-23): dated before it.
    assert [steps(r) for r in rows] == [[move_id(m) for m in ("m1", "m2", "m6")],
                                        [move_id(m) for m in ("m1", "m4", "m7")]]
    top = rows[0]
    assert top["homes"] == ["SC000003", "SC000001", "SC000002", "SC000004"]
    assert (top["length"], top["start"], top["end"], top["truncated"]) == (
        3, "2019-11-12", "2021-03-01", False)
    assert top["people"] == ["Pat One", "Interim manager of Home A"]
    # how sure each step's order is: bounds prove m2 after m1; m6 rests on sort dates
    assert [s["order"] for s in top["steps"]] == [None, "after", "by sort date"]
    # a same-day step chains (m4 and m7 both on 2020-01-23)
    assert [s["order"] for s in rows[1]["steps"]] == [None, "after", "same day"]


def test_chains_without_a_home_start_where_nothing_earlier_leads_in(store):
    rows = run(store, "move-chains").rows
    assert [steps(r) for r in rows] == [
        [move_id(m) for m in ("m3", "m1", "m2", "m6")],
        [move_id(m) for m in ("m3", "m1", "m4", "m7")],
        [move_id("m5")],  # undated: a chain of its own, never part of another
    ]


def test_chains_through_a_person_and_truncation(store):
    rows = run(store, "move-chains", {"person": "Dee Four"}).rows
    assert [steps(r) for r in rows] == [[move_id(m) for m in ("m3", "m1", "m4", "m7")]]
    cut = run(store, "move-chains", {"home": "SC000003", "max_length": "2"}).rows
    assert [(steps(r), r["truncated"]) for r in cut] == [
        ([move_id("m1"), move_id("m2")], True), ([move_id("m1"), move_id("m4")], True)]
    assert len(run(store, "move-chains", {"limit": "1"}).rows) == 1


def test_paths_between_both_ways_shortest_first(store):
    rows = run(store, "paths-between", {"from": "SC000003", "to": "SC000004"}).rows
    assert [(r["direction"], steps(r)) for r in rows] == [
        ("backward", [move_id("m7")]),
        ("forward", [move_id("m1"), move_id("m4")]),
        ("forward", [move_id(m) for m in ("m1", "m2", "m6")]),
    ]
    assert rows[1]["people"] == ["Pat One", "Dee Four"]
    assert rows[1]["steps"][1]["date"] == "2020-01-23"
    assert run(store, "paths-between", {"from": "SC000005", "to": "SC000001"}).rows == []
    short = run(store, "paths-between", {"from": "SC000003", "to": "SC000004", "max_hops": 2})
    assert [r["length"] for r in short.rows] == [1, 2]


def test_ratings_around_the_move_into_home_a(store):
    rows = {r["move_id"]: r for r in run(store, "ratings-around-moves").rows}
    into_a = rows[move_id("m1")]["destination"]
    assert into_a["before"]["judgement"] == "INADEQUATE"  # a document's claim, no record
    assert (into_a["before"]["date"], into_a["before"]["source"]) == ("2019-10-29", "document")
    assert into_a["before"]["id"] == claim_id("c2")
    assert (into_a["after"]["date"], into_a["after"]["event"], into_a["after"]["source"]) == (
        "2019-12-10", "1002", "statistics")
    assert (into_a["change"], into_a["direction"]) == (1, "better")
    # the origin's interim judgement on the day of the move counts as before it
    from_c = rows[move_id("m1")]["origin"]
    assert (from_c["before"]["judgement"], from_c["after"]) == ("Declined in effectiveness",
                                                                 None)
    assert from_c["change"] is None
    a_to_b = rows[move_id("m2")]
    assert a_to_b["origin"]["before"]["event"] == "1002"
    assert (a_to_b["destination"]["before"]["event"], a_to_b["destination"]["after"]["event"],
            a_to_b["destination"]["change"], a_to_b["destination"]["direction"]) == (
        "1003", "1008", -1, "worse")
    # a claim the record covers (c7 contradicts 1003) is not a judgement of its own
    assert all(j["kind"] == "inspection" for j in (a_to_b["destination"]["before"],
                                                   a_to_b["destination"]["after"]))
    undated = rows[move_id("m5")]
    assert undated["origin"] == {"before": None, "after": None, "change": None,
                                 "direction": None}


def test_ratings_around_moves_filter_by_home(store):
    rows = run(store, "ratings-around-moves", {"home": "SC000002"}).rows
    assert ids(rows) == [move_id(m) for m in ("m3", "m2", "m6")]
    assert all(B in (r["from_id"], r["to_id"]) for r in rows)


def test_results_list_the_entities_and_relationships_they_touch(store):
    result = run(store, "move-chains", {"home": "SC000003", "limit": 1})
    assert {A, B, C, D, "person:pat-one", P2, DOC} <= set(result.entities)
    assert result.relationships == sorted(move_id(m) for m in ("m1", "m2", "m6"))
    assert result.as_dict()["query"] == "move-chains"
    assert result.params == {"home": C, "person": None, "max_length": 10, "limit": 1}
