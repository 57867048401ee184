"""verify-claims, people-at-failing-homes, provider-league, council-overview and
home-timeline on the fixture graph (tests/test_queries_fixture.py)."""

from __future__ import annotations

from queries.catalog import run
from tests.test_queries_fixture import (
    ACME,
    CLAIMS,
    DERBY,
    DOC,
    LA,
    NAMED,
    P1,
    P2,
    RI,
    A,
    B,
    C,
    claim_id,
    move_id,
)
from tests.test_queries_fixture import store as store


def test_verify_claims_gives_every_claim_a_status(store):
    rows = {r["claim_id"]: r for r in run(store, "verify-claims").rows}
    assert set(rows) == {claim_id(c[0]) for c in CLAIMS}
    status = {key: rows[claim_id(key)]["status"] for key, *_ in CLAIMS}
    assert status == {"c1": "matches", "c2": "not found", "c3": "matches", "c4": "matches",
                      "c5": "not found", "c6": "matches", "c7": "contradicts",
                      "c8": "matches", "c9": "no record", "c10": "no record",
                      "c11": "no record"}
    c1 = rows[claim_id("c1")]
    assert (c1["record"]["event"], c1["record"]["date"], c1["record"]["days_away"]) == (
        "1001", "2019-01-08", 0)
    assert c1["quote"] == "At the 8 Jan 2019 inspection it was rated GOOD"
    assert c1["document_id"] == DOC and c1["evidence"][0]["source"] == DOC
    # the 2016-18 last-day convention: a claim two days before the recorded last day
    assert rows[claim_id("c8")]["record"]["event"] == "1004"
    # a month-precision claim meets an inspection in that month
    assert rows[claim_id("c3")]["record"]["event"] == "1002"
    contradicted = rows[claim_id("c7")]
    assert (contradicted["record"]["judgement"], contradicted["record"]["event"]) == (
        "Good", "1003")
    not_found = rows[claim_id("c2")]
    assert [(c["event"], c["days_away"]) for c in not_found["candidates"]] == [
        ("1002", 42), ("1001", 294)]
    assert rows[claim_id("c5")]["note"].endswith("full inspections only, not interim ones")
    assert rows[claim_id("c9")]["subject_label"] == "Council"
    assert rows[claim_id("c10")]["subject"] == "Queensferry Gardens"


def test_verify_claims_follows_urn_resolution(store):
    rows = run(store, "verify-claims", {"home": "SC000020"}).rows  # B as a document wrote it
    assert {r["subject_id"] for r in rows} == {B}
    assert {(r["urn_as_written"], r["urn"]) for r in rows} == {("SC000020", "SC000002")}


def test_verify_claims_filters(store):
    assert {r["status"] for r in run(store, "verify-claims", {"status": "not-found"}).rows} \
        == {"not found"}
    assert [r["claim_id"] for r in run(store, "verify-claims", {"home": NAMED}).rows] == [
        claim_id("c10")]
    assert len(run(store, "verify-claims", {"document": DOC}).rows) == len(CLAIMS)


def test_people_at_failing_homes(store):
    rows = run(store, "people-at-failing-homes").rows
    assert [(r["person_id"], r["homes"], r["home_ids"]) for r in rows] == [
        (P2, 2, [A, B]), (P1, 2, [A, C])]
    pat = rows[1]
    failing = {link["home_id"]: link["failing"] for link in pat["links"]}
    assert [(f["date"], f["reason"], f["during"]) for f in failing[A]] == [
        ("2019-10-29", "inadequate", False)]  # before Pat's tenure at A began
    assert [(f["date"], f["reason"], f["during"]) for f in failing[C]] == [
        ("2019-11-12", "declined", True)]
    interim = {link["home_id"]: link["failing"] for link in rows[0]["links"]}
    lower = interim[B][0]
    assert (lower["reason"], lower["event"], lower["previous"]["id"]) == (
        "lower than previous", "1008", "inspection:1003")
    assert rows[0]["links"][0]["evidence"][0]["quote"] == "manager named"


def test_people_at_failing_homes_options(store):
    during = run(store, "people-at-failing-homes", {"during": "during"}).rows
    assert [r["person_id"] for r in during] == [P2]
    one = run(store, "people-at-failing-homes", {"min_homes": 1, "link": "responsible"}).rows
    assert [(r["person_id"], r["links"][0]["provider_id"], r["links"][0]["home"]) for r in one] \
        == [(RI, ACME, "SC000004")]
    assert run(store, "people-at-failing-homes", {"min_homes": 3}).rows == []


def test_provider_league_counts_a_years_snapshot(store):
    rows = run(store, "provider-league", {"year": 2020}).rows
    assert [(r["rank"], r["provider_id"], r["homes"], r["judged"], r["below_good"],
             r["inadequate"], r["share_below_good"]) for r in rows] == [
        (1, LA, 4, 3, 1, 0, 0.25), (2, ACME, 2, 2, 1, 1, 0.5), (3, None, 1, 0, 0, 0, 0.0)]
    assert rows[2]["provider"] == "(owner not given in the statistics)"
    # the leaver SC000008 (observed in 2020 by a leavers list only) is not counted
    assert "home:SC000008" not in {h for r in rows for h in r["home_ids"]}
    assert {e["home_id"] for e in rows[1]["evidence"]} == set(rows[1]["home_ids"])
    every = run(store, "provider-league", {"year": 2020, "settings": "all"}).rows
    assert sum(r["homes"] for r in every) == 8  # the fostering agency counts too


def test_provider_league_filters(store):
    walsall = run(store, "provider-league", {"year": 2020, "council": "Walsall"}).rows
    assert [(r["provider_id"], r["homes"]) for r in walsall] == [(ACME, 1), (None, 1), (LA, 1)]
    region = run(store, "provider-league", {"year": 2020, "region": "west midlands"})
    assert region.params["region"] == "West Midlands"
    assert [r["homes"] for r in region.rows] == [1, 1, 1]
    assert [r["provider_id"] for r in run(store, "provider-league", {"year": 2019}).rows] == [
        LA, ACME]
    assert len(run(store, "provider-league", {"year": 2020, "limit": 1}).rows) == 1


def test_council_overview(store):
    rows = run(store, "council-overview", {"council": "Derby City Council"}).rows
    assert [(r["section"], r["subject"]) for r in rows] == [
        ("own home", "SC000001"), ("own home", "SC000002"), ("own home", "SC000003"),
        ("own home", "SC000006"),  # run by Derby, in Walsall's area
        ("home in area", "SC000008"), ("home in area", "SC000009"),
        ("children's services", "Derby"), ("children's services", "Derby")]
    home_a = rows[0]
    assert [(j["date"], j["source"]) for j in home_a["judgements"]] == [
        ("2019-01-08", "statistics"), ("2019-10-29", "document"), ("2019-12-10", "statistics")]
    assert (home_a["date"], home_a["event"], home_a["providers"]) == (
        "2019-12-10", "1002", ["Derby City Council"])
    assert rows[3]["in_area"] is False and rows[0]["in_area"] is True
    council = rows[6:]
    assert [(r["date"], r["kind"], r["source"]) for r in council] == [
        ("2017-03-01", "inspection", "document"),  # the claim c9 it covers is not repeated
        ("2021-07-01", "claim", "document")]
    assert council[1]["id"] == claim_id("c11")
    only_all = run(store, "council-overview", {"council": DERBY, "settings": "all"}).rows
    assert len(only_all) == len(rows)


def test_home_timeline(store):
    rows = run(store, "home-timeline", {"home": "SC 000001"}).rows
    assert [(r["date"], r["kind"]) for r in rows] == [
        ("2004-02-12", "registered"), ("2004-02-12", "provider"), ("2019-01-08", "inspection"),
        ("2019-10-29", "manager"), ("2019-10-29", "claim"), ("2019-11-12", "manager"),
        ("2019-11-12", "move in"), ("2019-12-10", "inspection"), ("2020-01-23", "move out"),
        ("2020-01-23", "move out")]
    move_in = rows[6]
    assert (move_in["id"], move_in["other_home"], move_in["person"]) == (
        move_id("m1"), "SC000003", "Pat One")
    assert rows[5]["end_date"] is None and rows[3]["end_date"] == "2020-01-23"
    assert all(r["evidence"] for r in rows)
    closed = run(store, "home-timeline", {"home": "SC000008"}).rows
    assert closed[-1]["kind"] == "closed" and closed[-1]["date"] == "2019-09-30"
