"""The explorer's pages, run with Streamlit's AppTest on a small fixture graph: each page
renders without an exception, shows its key content, and its widgets drive the queries.

The fixture is written from records (Assembly + write_store): three Derby homes with the
blog's story (inspections, a manager's tenures, staff moves with quotes, a claim), a
private home in Kent, a provider with a responsible individual, a council with its own
children's-services inspection, and an open same-person question.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.assemble import Assembly
from graph.records import Edge, Node, Provenance
from graph.store.sqlite_write import write_store

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
CSV19 = "ofsted/provider-level/provider_at_march_2019.csv"
BLOG = "seeds/000_blog.txt"
MOVE_QUOTE = ("The recently appointed Interim manager was then moved to Home B (SC036109) "
              "after 23 January 2020")


def _row(line: int) -> Provenance:
    return Provenance(CSV19, f"line {line}", rule="ofsted-provider-row")


def _said(quote: str, locator: str = "para 1") -> Provenance:
    return Provenance(BLOG, locator, quote=quote, rule="document-statement", confidence=0.9)


def fixture_assembly() -> Assembly:
    """The fixture graph as an assembly (see the module docstring)."""
    a = Assembly()
    add = a.add
    add(Node("Council", "council:derby", {"name": "Derby", "region": "East Midlands",
                                          "full_name": "Derby City Council"}, _row(2)))
    add(Node("Council", "council:kent", {"name": "Kent", "region": "South East"}, _row(9)))
    add(Node("Provider", "provider:council-derby", {"name": "Derby City Council",
                                                    "sector": "Local Authority"}, _row(2)))
    add(Node("Provider", "provider:acme-care", {"name": "Acme Care Ltd",
                                                "sector": "Private"}, _row(9)))
    add(Edge("IS_COUNCIL", "provider:council-derby", "council:derby", {}, _row(2)))
    homes = (("SC036243", ["Home A"], 2), ("SC036109", ["Home B"], 3),
             ("SC488596", ["Home C"], 4))
    for urn, aliases, line in homes:
        add(Node("Home", f"home:{urn}", {
            "urn": urn, "aliases": aliases, "sector": "Local Authority", "status": "Active",
            "provision_type": "Children's home", "places": 6, "region": "East Midlands",
            "local_authority": "Derby", "registration_date": "2004-02-12"}, _row(line)))
        add(Edge("LOCATED_IN", f"home:{urn}", "council:derby",
                 {"observed": ["2019-03-31"]}, _row(line)))
        add(Edge("RUNS", "provider:council-derby", f"home:{urn}",
                 {"from": "2004-02-12", "observed": ["2019-03-31"]}, _row(line)))
    add(Node("Home", "home:SC111111", {"urn": "SC111111", "sector": "Private",
                                       "provision_type": "Children's home",
                                       "status": "Active", "region": "South East",
                                       "local_authority": "Kent", "places": 3}, _row(9)))
    add(Node("Home", "home:SC222222", {"urn": "SC222222", "sector": "Private",
                                       "provision_type": "Independent Fostering Agency",
                                       "status": "Active", "region": "South East"}, _row(10)))
    add(Edge("LOCATED_IN", "home:SC222222", "council:kent", {"observed": ["2019-03-31"]},
             _row(10)))
    add(Edge("LOCATED_IN", "home:SC111111", "council:kent", {"observed": ["2019-03-31"]},
             _row(9)))
    add(Edge("RUNS", "provider:acme-care", "home:SC111111", {"from": "2015-01-01"}, _row(9)))
    inspections = (
        ("10049675", "home:SC036243", "2019-01-08", "Good", 3, "full"),
        ("10130071", "home:SC036243", "2019-12-10", "Requires improvement to be good", 2, "full"),
        ("10086000", "home:SC036109", "2019-07-02", "Good", 3, "full"),
        ("10140000", "home:SC036109", "2020-01-23", "Declined in effectiveness", -1, "interim"),
        ("10090000", "home:SC488596", "2019-07-16", "Good", 3, "full"),
        ("10020000", "home:SC111111", "2018-05-01", "Inadequate", 1, "full"),
        ("20210630", "council:derby", "2021-06-30", "Not judged", None, "none"),
    )
    for event, subject, date, overall, score, scale in inspections:
        kind = "Focused visit" if subject.startswith("council") else (
            "Interim inspection" if scale == "interim" else "Full inspection")
        add(Node("Inspection", f"inspection:{event}", {
            "event": event, "date": date, "type": kind, "overall": overall,
            "overall_score": score, "scale": scale}, _row(int(event[-2:]) + 20)))
        add(Edge("OF", f"inspection:{event}", subject, {}, _row(int(event[-2:]) + 20)))
    add(Node("Requirement", "requirement:10130071:1", {
        "regulation": "Regulation 12(1)", "text": "Risk assessments must be kept up to date.",
        "due_date": "2020-02-01"}, _said("risk assessment", "para 9")))
    add(Edge("REQUIRES", "inspection:10130071", "requirement:10130071:1", {},
             _said("risk assessment", "para 9")))
    add(Node("Person", "person:jane-doe", {"name": "Jane Doe", "key": "jane-doe",
                                           "roles": ["registered manager"]}, _said("Jane Doe")))
    add(Node("Person", "person:j-doe", {"name": "J Doe", "key": "j-doe",
                                        "roles": ["acting manager"]}, _said("J Doe")))
    add(Node("Person", "person:john-smith", {"name": "John Smith", "key": "john-smith",
                                             "roles": ["responsible individual"]},
             _said("John Smith, responsible individual")))
    add(Edge("RESPONSIBLE_FOR", "person:john-smith", "provider:acme-care",
             {"role": "responsible individual"}, _said("John Smith, responsible individual")))
    add(Edge("MANAGED", "person:jane-doe", "home:SC036243",
             {"role": "registered manager", "from": "2018-01-01", "to_latest": "2020-01-23",
              "observed": ["2019-01-08"]}, _said("the manager", "para 4")))
    add(Edge("MANAGED", "person:jane-doe", "home:SC036109",
             {"role": "interim manager", "from_earliest": "2020-01-24"},
             _said(MOVE_QUOTE, "para 12")))
    add(Edge("MANAGED", "person:j-doe", "home:SC488596",
             {"role": "acting manager", "observed": ["2019-11-12"]}, _said("acting manager")))
    add(Node("Document", "document:blog", {"title": "Derby City Council blog", "path": BLOG,
                                           "kind": "narrative"}, Provenance(BLOG, "file")))
    add(Edge("STAFF_MOVE", "home:SC036243", "home:SC036109", {
        "person": "person:jane-doe", "person_name": "Jane Doe", "role": "interim manager",
        "earliest": "2020-01-23", "sort_date": "2020-01-24", "quote": MOVE_QUOTE,
        "document": "document:blog"}, _said(MOVE_QUOTE, "para 12")))
    add(Edge("STAFF_MOVE", "home:SC488596", "home:SC036243", {
        "person": "person:j-doe", "person_name": "J Doe", "role": "manager",
        "sort_date": "2019-11-13", "quote": "The Manager of this Home has since moved to Home A",
        "document": "document:blog"},
        _said("The Manager of this Home has since moved to Home A", "para 20")))
    add(Edge("CLAIMS", "document:blog", "home:SC036243",
             {"date": "2019-01-08", "judgement": "GOOD", "precision": "day"},
             _said("At the 8 Jan 2019 inspection it was rated GOOD", "para 3")))
    add(Edge("MENTIONS", "document:blog", "home:SC036243",
             {"quote": "HOME A (SC036243)", "locator": "para 2", "as_written": "Home A"},
             _said("HOME A (SC036243)", "para 2")))
    a.ask("same_person", "person:jane-doe", "person:j-doe", 0.72,
          {"reason": "same surname; linked by a move between their homes",
           "quote": "The Manager of this Home has since moved to Home A (SC036243)"})
    return a


def write_fixture(store_dir: Path, inputs: list[str] | None = None) -> Path:
    """Write the fixture graph into ``store_dir`` (with the raw row it cites)."""
    write_store(fixture_assembly(), store_dir, {"inputs": inputs or [], "built_at": "fixture"})
    return store_dir


@pytest.fixture(scope="session")
def fixture_store(tmp_path_factory) -> Path:
    return write_fixture(tmp_path_factory.mktemp("explorer-fixture"))


@pytest.fixture()
def app(fixture_store, monkeypatch):
    """An AppTest of the explorer on the fixture graph; call with query params."""
    monkeypatch.setenv("INSPECTION_GRAPH_STORE", str(fixture_store))
    monkeypatch.delenv("INSPECTION_GRAPH_BACKEND", raising=False)

    def make(page: str | None = None, **params: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        if page:  # a page's own address: /queries?query=…, not the front page's
            at.run()
        for key, value in params.items():
            at.query_params[key] = value
        if page:
            at.switch_page(page)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


def text(at: AppTest) -> str:
    """Every piece of text on screen, for 'is it there' checks."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption",
                                  "info", "warning", "error", "success") for e in at.get(kind)]
    parts += [p.proto.label for p in at.get("page_link")]
    parts += [str(m.label) + " " + str(m.value) for m in at.metric]
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    # as a reader sees it: quotes are escaped Markdown (explorer.widgets.escape_markdown)
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\1", "\n".join(str(p) for p in parts))


def test_overview_shows_the_sector_and_filters_drive_it(app):
    at = app()
    assert at.title[0].value == "Children's homes in England"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Active homes"] == "4"
    assert metrics["Staff moves recorded"] == "2"
    assert "Acme Care Ltd" in text(at) and "Derby City Council" in text(at)
    at.selectbox(key="overview_region").select("South East").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Active homes"] == "1"
    assert "Derby City Council" not in at.dataframe[0].value.to_string()
    at.toggle(key="overview_homes_only").set_value(False).run()
    assert {m.label: m.value for m in at.metric}["Active settings"] == "2"
    at.selectbox(key="overview_region").select("All").run()
    at.selectbox(key="overview_council").select("council:derby").run()
    assert {m.label: m.value for m in at.metric}["Active settings"] == "3"


def test_search_finds_a_urn_in_any_spacing_and_suggests(app):
    at = app("explorer/search.py")
    at.text_input(key="search_q").set_value("SC 36243").run()
    labels = [p.proto.label for p in at.get("page_link")]
    assert any("SC036243" in label for label in labels), labels
    assert at.query_params["q"] == ["SC 36243"] or at.query_params["q"] == "SC 36243"
    at.text_input(key="search_q").set_value("Jane Do").run()
    assert any("Jane Doe" in p.proto.label for p in at.get("page_link"))
    at.text_input(key="search_q").set_value("Home A").run()
    assert any("SC036243" in p.proto.label for p in at.get("page_link"))
    at.text_input(key="search_q").set_value("zzzzqqqq").run()
    assert "Nothing matches" in at.info[0].value


def test_home_page_by_shared_link(app):
    at = app(urn="SC036243")
    body = text(at)
    assert at.title[0].value.endswith("SC036243 (Home A)")
    for expected in ("Inspection timeline", "2019-01-08", "2019-12-10",
                     "Requires improvement", "Staff moves in and out", "Jane Doe",
                     "SC036109", "SC488596", "Regulation 12(1)", "HOME A (SC036243)",
                     "agrees", "/?urn=SC036243"):
        assert expected in body, expected
    assert at.get("vega_lite_chart"), "the inspection timeline chart"
    # every inspection row leads to its statistics row
    assert f"{CSV19}, line" in body


def test_home_url_accepts_any_spacing_and_reports_unknown(app):
    at = app(urn="sc 36109")
    assert at.title[0].value.endswith("SC036109 (Home B)")
    at = app(urn="SC999999")
    assert "no home with URN SC999999" in at.warning[0].value
    at = app(urn="not a urn")
    assert "is not a URN" in at.warning[0].value


def test_person_page_shows_tenures_moves_and_judgements_around_them(app):
    at = app(person="jane-doe")
    body = text(at)
    assert at.title[0].value.endswith(" Jane Doe")
    for expected in ("Tenures", "registered manager", "interim manager", "before",
                     "during", "Staff moves", MOVE_QUOTE[:40]):
        assert expected in body, expected


def test_provider_page(app):
    at = app(provider="acme-care")
    body = text(at)
    assert at.title[0].value.endswith(" Acme Care Ltd")
    assert "SC111111" in body and "John Smith" in body and "Kent" in body
    assert {m.label: m.value for m in at.metric}["Active, below Good"] == "1"


def test_council_page(app):
    at = app(council="derby")
    body = text(at)
    assert at.title[0].value.endswith(" Derby City Council")
    assert "Focused visit" in body and "2021-06-30" in body
    assert {m.label: m.value for m in at.metric}["Run by the council"] == "3"


def test_document_and_inspection_pages(app):
    at = app(id="document:blog")
    body = text(at)
    assert "Derby City Council blog" in at.title[0].value
    assert "HOME A (SC036243)" in body and "GOOD" in body
    at = app(id="inspection:10049675")
    assert "2019-01-08" in at.title[0].value


def test_movement_explorer_filters_chain_and_paths(app):
    at = app("explorer/movement.py")
    body = text(at)
    assert "**2** of 2 moves" in body
    assert "J Doe: SC488596 (Home C) → SC036243 (Home A)" in body
    assert "Jane Doe: SC036243 (Home A) → SC036109 (Home B)" in body  # the chain goes on
    at.selectbox(key="moves_chain_home").select("home:SC036243").run()
    chain = text(at)
    assert "Jane Doe: SC036243 (Home A) → SC036109 (Home B)" in chain
    assert "J Doe: SC488596" not in chain.split("The chain of moves")[1].split("Paths")[0]
    at.selectbox(key="moves_path_from").select("home:SC488596").run()
    at.selectbox(key="moves_path_to").select("home:SC036109").run()
    assert "Path 1** (2 moves)" in text(at)
    at.selectbox(key="moves_council").select("council:derby").run()
    assert "**2** of 2 moves" in text(at)


def test_review_lists_the_open_question_side_by_side(app):
    at = app("explorer/review.py")
    body = text(at)
    assert "Are these the same person?" in body
    assert "Jane Doe" in body and "J Doe" in body
    assert "same surname" in body
    assert [b.label for b in at.button][:2] == ["Confirm", "Reject"]


def test_queries_page_lists_the_catalog(app):
    at = app("explorer/catalog.py")
    assert at.title[0].value == "Queries"
    assert at.selectbox or at.info


def test_upload_page_refuses_a_non_document(app):
    at = app("explorer/upload.py")
    at.file_uploader[0].set_value(("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"))
    at.run()
    assert not at.exception
    assert "not a document this tool reads" in at.error[0].value


def test_empty_store_says_how_to_build_one(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTION_GRAPH_STORE", str(tmp_path / "nothing-here"))
    for page in (None, "explorer/search.py", "explorer/movement.py", "explorer/review.py",
                 "explorer/upload.py", "explorer/catalog.py"):
        at = AppTest.from_file(APP, default_timeout=30).run()
        if page:
            at.switch_page(page).run()
        assert not at.exception
        if page != "explorer/catalog.py" or at.info:
            assert any("inspection-graph build" in c.value for c in at.code), page


def test_queries_page_runs_a_query_with_evidence_cypher_and_downloads(app):
    at = app("explorer/catalog.py", query="staff-moves", council="Derby")
    assert at.text_input(key="catalog_staff-moves_council").value == "Derby"
    next(b for b in at.button if b.label == "Run").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "**2** rows" in text(at)
    assert "Jane Doe" in at.dataframe[0].value.to_string()
    assert any("STAFF_MOVE" in c.value for c in at.code if c.language == "cypher")
    assert MOVE_QUOTE[:30] in text(at)  # each row's evidence, with its quote
    downloads = {d.label for d in at.get("download_button")}
    assert {"CSV", "JSON", "Cypher script"} <= downloads


def test_neo4j_problems_are_messages_without_credentials(app, monkeypatch):
    monkeypatch.setenv("INSPECTION_GRAPH_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", "neo4j://reporter:s3cret-pass@127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pass")
    at = app()
    body = text(at) + "\n".join(c.value for c in at.code)
    assert at.info and "No graph to explore yet" in at.info[0].value
    assert "s3cret" not in body
