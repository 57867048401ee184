"""Resolution on small graphs built here (a few Ofsted-format rows written by the tests,
seed documents read in place, short documents written by the tests): curated judgements
honoured and recorded by the CLI, conservative people, moves from consecutive tenures,
and loading a document twice changing nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from graph import curation
from graph.build import build, rebuild
from graph.store import EmbeddedStore
from tests.ofsted_fixtures import home_row, write_snapshot

DERBY = dict(la="Derby", owner="Derby City Council", sector="Local Authority")
ROWS = [
    home_row("SC036019", date="02/07/2019", event="10095674", **DERBY),
    home_row("SC036243", date="08/01/2019", event="10049675", **DERBY),
    home_row("SC488596", date="16/07/2019", event="10097199", **DERBY),
    home_row("SC036190", date="05/05/2019", event="10000001", **DERBY),  # one transposition
    home_row("SC036240", date="01/03/2019", event="10000002", **DERBY),
    home_row("SC000001", la="Leeds", owner="Acme Care Ltd", date="01/02/2019", event="2"),
    home_row("SC000002", la="Leeds", owner="Acme Care Ltd", date="01/02/2019", event="3"),
]


@pytest.fixture
def ofsted(tmp_path) -> Path:
    folder = tmp_path / "ofsted"
    write_snapshot(folder / "provider_at_march_2020.csv", ROWS)
    return folder


def seed(seeds_dir: Path, prefix: str) -> Path:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return path


def judge(store: Path, kind: str, fields: dict, why: str = "test", document: str | None = None):
    curation.add_judgement(curation.judgements_path(store), kind, fields, who="tester", why=why,
                           document=document)
    report = rebuild(store)
    assert report.swapped
    return EmbeddedStore(store)


def test_urn_match_then_not_alias_makes_the_resolver_look_again(tmp_path, ofsted, seeds_dir):
    store = tmp_path / "store"
    build([ofsted, seed(seeds_dir, "000")], store)
    with EmbeddedStore(store) as s:
        (match,) = s.node("home:SC036019")["urn_matches"]
        assert (match["as_written"], match["confidence"]) == ("SC036109", 0.9)
        assert match["alternatives"] == [{"urn": "SC036190", "confidence": 0.6}]
    with judge(store, "not_alias", {"name": "SC036109", "urn": "SC036019"}) as s:
        assert "urn_matches" not in s.node("home:SC036019")
        (match,) = s.node("home:SC036190")["urn_matches"]
        assert match["confidence"] == 0.6 and match["decided_by"] == "resolver"
    with judge(store, "not_alias", {"name": "Home B", "urn": "SC036190"}) as s:
        home_b = s.node("home:SC036109")
        assert home_b["in_registry"] is False and home_b["aliases"] == ["Home B"]
        moves = [(e["src"], e["dst"]) for e in s.edges("STAFF_MOVE")]
        assert ("home:SC036243", "home:SC036109") in moves


def test_alias_judgement_by_cli_with_who_when_why(tmp_path, ofsted, seeds_dir):
    store = tmp_path / "store"
    build([ofsted, seed(seeds_dir, "000"), seed(seeds_dir, "001")], store)
    with EmbeddedStore(store) as s:
        blog = next(d["id"] for d in s.nodes("Document") if d["kind"] == "narrative"
                    and "dire state" in d["title"])
    runner = CliRunner()
    result = runner.invoke(app, ["judge", "alias", "Home B", "SC036240", "--document",
                                 "000_6b9ffd15d96cd6a8.txt", "--why", "council list of homes",
                                 "--who", "ed", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "recorded alias" in result.output and "rebuilt in" in result.output
    result = runner.invoke(app, ["judge", "alias", "Queensferry Gardens", "SC 36240", "--why",
                                 "the 2013 list of Derby's homes", "--store", str(store)])
    assert result.exit_code == 0, result.output
    with EmbeddedStore(store) as s:
        home = s.node("home:SC036240")
        decided = {m["as_written"]: m for m in home["urn_matches"]}
        assert decided["SC036109"]["decided_by"] == "judgement"
        assert decided["SC036109"]["who"] == "ed" and decided["SC036109"]["document"] == blog
        assert decided["Queensferry Gardens"]["why"] == "the 2013 list of Derby's homes"
        assert s.node("home:named:derby:queensferry-gardens") is None
        assert "Queensferry Gardens" in home["aliases"]
        managers = [s.node(e["src"])["name"] for e in s.edges("MANAGED", dst="home:SC036240")]
        assert "Helen Smith" in managers
        assert not [q for q in s.questions() if q["subject"] in (
            "home:SC036109", "home:named:derby:queensferry-gardens")]
    listed = runner.invoke(app, ["judge", "list", "--json", "--store", str(store)])
    rows = json.loads(listed.output)
    assert [(r["kind"], r["name"], r["urn"], r["in_force"]) for r in rows] == [
        ("alias", "Home B", "SC036240", True), ("alias", "Queensferry Gardens", "SC036240", True)]
    assert all(r["when"] and r["why"] and r["who"] for r in rows)


def test_judge_refuses_a_bad_urn_and_a_missing_reason(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["judge", "alias", "Home B", "not-a-urn", "--why", "x",
                                 "--store", str(tmp_path)])
    assert result.exit_code != 0 and "is not a URN" in str(result.exception)
    result = runner.invoke(app, ["judge", "not-alias", "Home B", "SC036019",
                                 "--store", str(tmp_path)])
    assert result.exit_code == 2 and "--why" in result.output
    assert not curation.judgements_path(tmp_path).exists()


def test_every_judge_command_has_an_example():
    runner = CliRunner()
    for command in ("same-person", "not-same-person", "alias", "not-alias", "list"):
        result = runner.invoke(app, ["judge", command, "--help"])
        assert result.exit_code == 0 and "Example: inspection-graph judge" in result.output


def test_same_person_judgement_merges_unnamed_managers_and_keeps_the_moves(
        tmp_path, ofsted, seeds_dir):
    store = tmp_path / "store"
    build([ofsted, seed(seeds_dir, "000")], store)
    with EmbeddedStore(store) as s:
        (newcomer,) = [e["src"] for e in s.edges("MANAGED", dst="home:SC036243")
                       if e.get("moved_in")]
        mover = next(e["person"] for e in s.edges("STAFF_MOVE", src="home:SC488596"))
        assert any(q["subject"] == newcomer and q["candidate"] == mover for q in s.questions())
    with judge(store, "same_person", {"a": newcomer, "b": mover}) as s:
        kept = min(newcomer, mover)
        gone = max(newcomer, mover)
        assert s.node(gone) is None and s.node(kept)["same_as"] == [gone]
        (move,) = s.edges("STAFF_MOVE", src="home:SC488596")
        assert move["person"] == kept
        assert not [q for q in s.questions() if {q["subject"], q["candidate"]} == {kept, gone}]
    with judge(store, "not_same_person", {"a": mover, "b": newcomer}) as s:
        assert s.node(newcomer) and s.node(mover)
        assert not [q for q in s.questions() if {q["subject"], q["candidate"]} ==
                    {newcomer, mover}]


REPORT = """{urn}

Full inspection

Inspection dates: {dates}

Unique reference number: {urn}

Registered provider: {provider}

Responsible individual: Jane Doe

Registered manager: {manager}

Inspector

Ann Lee, Social Care Inspector
"""


def test_one_provider_s_manager_moving_between_its_homes_makes_a_move(tmp_path, ofsted):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, urn, dates in (("a", "SC000001", "3 to 4 March 2019"), ("b", "SC000002",
                                                                       "9 June 2020")):
        (docs / f"{name}.txt").write_text(REPORT.format(
            urn=urn, dates=dates, manager="John Roe", provider="Acme Care Limited"))
    store = tmp_path / "store"
    build([ofsted, docs], store)
    with EmbeddedStore(store) as s:
        (roe,) = [n["id"] for n in s.nodes("Person") if n["name"] == "John Roe"]
        assert roe == "person:john-roe.manager@provider-acme-care"
        (move,) = s.edges("STAFF_MOVE")
        assert (move["src"], move["dst"], move["derived_from"], move["person"]) == (
            "home:SC000001", "home:SC000002", "consecutive tenures", roe)
        assert (move["earliest"], move["latest"]) == ("2019-03-03", "2020-06-09")
        assert s.provenance(move["id"])[0]["rule"] == "consecutive-tenures"


def test_same_name_at_two_employers_is_a_question_then_a_move_when_judged(tmp_path, ofsted):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(REPORT.format(urn="SC000001", dates="3 to 4 March 2019",
                                              manager="John Roe", provider="Acme Care Limited"),
                                encoding="utf-8")
    (docs / "b.txt").write_text(REPORT.format(urn="SC 000002", dates="9 June 2020",
                                              manager="John Roe", provider="Other Care Ltd"),
                                encoding="utf-8")
    (docs / "c.txt").write_text("Dear Mr Roe\nFocused visit to Leeds City Council children's "
                                "services\n\nThis letter follows a focused visit on 1 May 2021."
                                "\n", encoding="utf-8")
    store = tmp_path / "store"
    build([ofsted, docs], store)
    with EmbeddedStore(store) as s:
        roes = sorted(n["id"] for n in s.nodes("Person") if n["name"].endswith("Roe"))
        assert roes == ["person:john-roe.manager@provider-acme-care",
                        "person:john-roe.manager@provider-other-care",
                        "person:mr-roe.addressee@council-leeds"]
        asked = [(q["subject"], q["candidate"]) for q in s.questions() if q["kind"] ==
                 "same_person"]
        assert tuple(roes[:2]) in asked and len(asked) == 2  # and the two Jane Does
        assert list(s.edges("STAFF_MOVE")) == []
        (ann,) = [n for n in s.nodes("Person") if n["name"] == "Ann Lee"]
        assert len(list(s.edges("INSPECTED", src=ann["id"]))) == 2
        assert [n["name"] for n in s.nodes("Person") if n["name"] == "Jane Doe"] == [
            "Jane Doe", "Jane Doe"]  # one name, two providers: two people until judged
        assert s.node("provider:acme-care")["name"] == "Acme Care Ltd"
    with judge(store, "same_person", {"a": roes[0], "b": roes[1]}) as s:
        (move,) = s.edges("STAFF_MOVE")
        assert (move["src"], move["dst"], move["derived_from"]) == (
            "home:SC000001", "home:SC000002", "consecutive tenures")
        assert (move["earliest"], move["latest"], move["person"]) == (
            "2019-03-03", "2020-06-09", roes[0])
        assert "Registered manager: John Roe" in move["quote"]
        assert s.provenance(move["id"])[0]["rule"] == "consecutive-tenures"
        assert s.node(roes[2])["name"] == "Mr Roe"


def test_loading_the_same_document_twice_changes_nothing(tmp_path, ofsted, seeds_dir):
    once = build([ofsted, seeds_dir], tmp_path / "once")
    twice = build([ofsted, seeds_dir, seed(seeds_dir, "000"), seed(seeds_dir, "002")],
                  tmp_path / "twice")
    assert once.meta["content_hash"] == twice.meta["content_hash"]
    assert once.counts == twice.counts
    again = rebuild(tmp_path / "once")
    assert again.meta["content_hash"] == once.meta["content_hash"]


def test_judge_cli_end_to_end_in_a_subprocess(tmp_path, ofsted, seeds_dir):
    store = tmp_path / "store"
    build([ofsted, seed(seeds_dir, "003"), seed(seeds_dir, "001")], store)
    result = subprocess.run(
        [sys.executable, "-m", "cli", "judge", "same-person", "Mr Smith", "Helen Smith",
         "--why", "the addressee is the home manager", "--store", str(store)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with EmbeddedStore(store) as s:
        smiths = [n for n in s.nodes("Person") if "Smith" in n["name"]]
        assert [n["name"] for n in smiths] == ["Helen Smith"]
        assert smiths[0]["same_as"] == ["person:mr-smith.addressee@council-derby"]
