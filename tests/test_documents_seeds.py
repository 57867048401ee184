"""The document loaders on the real seed documents (read in place), and the same report as
text, PDF and HTML giving the same facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.errors import SourceError
from graph.records import Edge, Node, Summary
from loaders import documents
from loaders.base import Source
from loaders.registry import recognise
from loaders.text import extract_text


def seed(seeds_dir: Path, prefix: str) -> Path:
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return path


def load(path: Path) -> list:
    return list(documents.load(Source(path, path.name)))


def facts(records: list) -> tuple[dict, list]:
    """Nodes (merged observations per ID) and relationships, without what depends on the
    file rather than the text: its path and format, and locators."""
    nodes: dict[tuple[str, str], list[str]] = {}
    edges = []
    for r in records:
        if isinstance(r, Node):
            props = {k: v for k, v in r.props.items() if k not in ("path", "format")}
            nodes.setdefault((r.label, r.id), []).append(json.dumps(props, sort_keys=True))
        elif isinstance(r, Edge):
            props = {k: v for k, v in r.props.items() if k != "locator"}
            edges.append((r.type, r.src, r.dst, json.dumps(props, sort_keys=True)))
    return nodes, sorted(edges)


def by_type(records: list, rel: str) -> list[Edge]:
    return [r for r in records if isinstance(r, Edge) and r.type == rel]


def nodes_of(records: list, label: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for r in records:
        if isinstance(r, Node) and r.label == label:
            merged = out.setdefault(r.id, {})
            for key, value in r.props.items():
                if isinstance(value, list) and isinstance(merged.get(key), list):
                    merged[key] = merged[key] + [v for v in value if v not in merged[key]]
                else:
                    merged[key] = value
    return out


@pytest.fixture(scope="module")
def seed_records(seeds_dir) -> dict[str, list]:
    return {p: load(seed(seeds_dir, p)) for p in ("000", "001", "002", "003", "004")}


def test_every_seed_is_recognised_by_content_and_summarised(seeds_dir, seed_records):
    kinds = {}
    for prefix, records in seed_records.items():
        path = seed(seeds_dir, prefix)
        assert recognise(Source(path, path.name)) is documents
        (summary,) = [r for r in records if isinstance(r, Summary)]
        assert summary.rows_read >= summary.rows_used > 0 and summary.rows_rejected == 0
        kinds[prefix] = summary.detail["document_kind"]
    assert kinds == {"000": "narrative", "001": "narrative", "002": "ofsted-home-report",
                     "003": "ofsted-council-letter", "004": "council-news"}


def test_seed_002_report_fields(seed_records):
    records = seed_records["002"]
    (inspection_id, inspection), = nodes_of(records, "Inspection").items()
    assert inspection_id == "inspection:SC368032:2020-09-08:assurance-visit"
    assert (inspection["type"], inspection["start_date"], inspection["end_date"]) == (
        "Assurance visit", "2020-09-08", "2020-09-09")
    assert (inspection["previous_date"], inspection["previous_overall"]) == (
        "2019-10-02", "Declined in effectiveness")
    assert inspection["compliance_notices"] == 1 and inspection["restriction_on_admissions"]
    (claim,) = by_type(records, "CLAIMS")
    assert claim.dst == "home:SC368032" and (claim.props["date"], claim.props["score"],
                                            claim.props["scale"]) == ("2019-10-02", -1, "interim")
    (runs,) = by_type(records, "RUNS")
    assert runs.src == "provider:constant-child-care" and runs.props["observed"] == ["2020-09-08"]
    people = nodes_of(records, "Person")
    assert "Post Vacant" not in {p["name"] for p in people.values()}
    (ri,) = by_type(records, "RESPONSIBLE_FOR")
    assert people[ri.src]["name"] == "Barry Edwards" and ri.dst == "provider:constant-child-care"
    (inspected,) = by_type(records, "INSPECTED")
    assert people[inspected.src]["name"] == "Shazana Jamal"
    assert inspected.props["role"] == "Social Care Inspector"
    vacant = [v for n in nodes_of(records, "Home").values() for v in n.get("manager_vacant", [])]
    assert {v.get("as_written") for v in vacant} >= {"Post Vacant"}
    assert any(v.get("from") == "2019-07-01" for v in vacant)


def test_seed_002_management_history_keeps_unnamed_managers(seed_records):
    records = seed_records["002"]
    people = nodes_of(records, "Person")
    tenures = {people[e.src]["name"]: e.props for e in by_type(records, "MANAGED")}
    unnamed = {n: p for n, p in tenures.items() if n.startswith("unnamed")}
    assert len(unnamed) == 2
    came_and_went = next(p for n, p in unnamed.items() if "appointed and left" in n)
    assert (came_and_went["from_earliest"], came_and_went["to_latest"]) == (
        "2019-07-01", "2020-02-29")
    current = next(p for n, p in unnamed.items() if "since" in n)
    assert (current["from_earliest"], current["from_latest"], current["observed"]) == (
        "2020-02-01", "2020-02-29", ["2020-09-08"])
    assert all(people[e.src]["unnamed"] for e in by_type(records, "MANAGED"))


def test_seed_002_requirements_with_regulations_and_due_dates(seed_records):
    reqs = sorted(nodes_of(seed_records["002"], "Requirement").values(), key=lambda r: r["index"])
    assert [(r["regulation_number"], r["due_date"]) for r in reqs] == [
        (5, "2020-10-25"), (6, "2020-10-25"), (9, "2020-10-25"), (11, "2020-10-25"),
        (12, "2020-10-04"), (13, "2020-10-25"), (14, "2020-10-25"), (32, "2020-10-25"),
        (32, "2021-03-30"), (46, "2020-10-25")]
    assert [r["regulation"] for r in reqs if r["compliance_notice"]] == [
        "Regulation 12(1)(2)(a)(i)(ii)(iii)(vi)"]
    assert all("<p>" not in r["text"] and r["text"] for r in reqs)
    assert len(by_type(seed_records["002"], "REQUIRES")) == 10


def test_seed_003_focused_visit(seed_records):
    records = seed_records["003"]
    (inspection_id, inspection), = nodes_of(records, "Inspection").items()
    assert inspection_id == "inspection:derby:2021-06-30:focused-visit"
    assert (inspection["type"], inspection["start_date"], inspection["end_date"]) == (
        "Focused visit", "2021-06-30", "2021-07-01")
    people = nodes_of(records, "Person")
    inspectors = {people[e.src]["name"]: e.props["role"] for e in by_type(records, "INSPECTED")}
    assert inspectors == {"Julie Knight": "lead inspector",
                          "Dominic Stevens": "Her Majesty’s Inspector",
                          "Nick Bennison": "Her Majesty’s Inspector"}
    (addressed,) = by_type(records, "ADDRESSED_TO")
    assert people[addressed.dst]["name"] == "Mr Smith" and people[addressed.dst]["title"] == "Mr"
    (claim,) = by_type(records, "CLAIMS")
    assert (claim.dst, claim.props["date"], claim.props["precision"], claim.props["score"]) == (
        "council:derby", "2017-03-01", "month", 3)


def test_seed_004_news_of_derbyshire(seed_records):
    records = seed_records["004"]
    (inspection,) = nodes_of(records, "Inspection").values()
    assert (inspection["overall"], inspection["overall_score"]) == (
        "requires improvement to be good", 2)
    assert inspection["judgements"]["impact of leaders on social work practice with children "
                                    "and families"] == "good"
    (of,) = by_type(records, "OF")
    assert of.dst == "council:derbyshire"
    (claim,) = by_type(records, "CLAIMS")
    assert claim.dst == "council:derbyshire" and claim.props["score"] == 2
    assert claim.props["date"] is None


def test_seed_001_named_staff_roles_and_homes(seed_records):
    records = seed_records["001"]
    people = nodes_of(records, "Person")
    held = {(people[e.src]["name"], e.type, e.dst, e.props["role"], tuple(e.props["observed"]))
            for e in records if isinstance(e, Edge) and e.type in ("MANAGED", "WORKS_FOR")}
    q, i = "home:named:derby:queensferry-gardens", ("2012-12-04",)
    assert ("Helen Smith", "MANAGED", q, "manager", i) in held
    assert ("Chris Hill", "MANAGED", "home:named:derby:cricklewood", "manager", i) in held
    assert ("Jo Blackshaw", "WORKS_FOR", "home:named:derby:coronation-avenue",
            "Residential Child Care Worker", i) in held
    assert ("Helen Wilson", "WORKS_FOR", "home:named:derby:moorfields",
            "Residential Child Care Worker", i) in held
    assert ("Mark Barratt", "WORKS_FOR", "council:derby", "Director Specialist Services", i) \
        in held
    assert ("Mike Evans", "WORKS_FOR", "council:leicester",
            "Service Manager, Looked After Children Service", i) in held
    assert any(n == "Councillor J. Whitby" and r == "Chair of Children and Young People Board"
               for n, _, _, r, _ in held)
    assert any(n == "Councillor Bailey" and d == "council:derby" for n, _, d, _, _ in held)
    homes = nodes_of(records, "Home")
    assert {h["name"] for h in homes.values()} == {
        "Queensferry Gardens", "Coronation Avenue", "Cricklewood", "Moorfields", "Bute Walk",
        "The Lighthouse"}
    assert all(h["named_only"] and "urn" not in h for h in homes.values())
    assert "Moorfield's" in homes["home:named:derby:moorfields"]["aliases"]


def test_seed_000_claims_complete_and_precise(seed_records):
    got = sorted((e.dst, e.props["date"], e.props["precision"], e.props["judgement"],
                  e.props["score"], e.props["scale"], e.props.get("end_date"),
                  e.props["urn_as_written"]) for e in by_type(seed_records["000"], "CLAIMS"))
    assert got == [
        ("home:SC036109", "2019-07-02", "day", "GOOD", 3, "full", None, "SC036109"),
        ("home:SC036109", "2020-01-23", "day", "Declined in Effectiveness", -1, "interim", None,
         "SC036109"),
        ("home:SC036243", "2019-01-08", "day", "GOOD", 3, "full", None, "SC036243"),
        ("home:SC036243", "2019-10-29", "day", "INADEQUATE", 1, "full", None, "SC036243"),
        ("home:SC036243", "2019-12-10", "day", "Requires Improvement to be good", 2, "full",
         "2019-12-11", "SC036243"),
        ("home:SC488596", "2017-01-01", "year", "Requires Improvement to be Good", 2, "full",
         None, "SC488596"),
        ("home:SC488596", "2019-07-16", "day", "Good", 3, "full", None, "SC488596"),
        ("home:SC488596", "2019-11-12", "day", "Declined in effectiveness", -1, "interim", None,
         "SC488596")]
    visits = [e for e in by_type(seed_records["000"], "MENTIONS")
              if e.prov.rule == "doc-visit-mention"]
    assert [(e.dst, e.props["quote"]) for e in visits] == [
        ("home:SC036109", "31 January 2020 OFSTED Review")]


def test_seed_000_stated_moves_one_per_move_with_every_quote(seed_records):
    records = seed_records["000"]
    moves = {(e.src, e.dst): e.props for e in by_type(records, "STAFF_MOVE")}
    assert set(moves) == {("home:SC488596", "home:SC036243"), ("home:SC036243", "home:SC036109")}
    c_to_a, a_to_b = moves["home:SC488596", "home:SC036243"], moves["home:SC036243",
                                                                     "home:SC036109"]
    assert (c_to_a["earliest"], c_to_a["role"], c_to_a["quote"]) == (
        "2019-11-12", "manager", "The Manager of this Home has since moved to Home A (SC036243)")
    assert (a_to_b["earliest"], a_to_b["role"]) == ("2020-01-23", "interim manager")
    assert a_to_b["quote"].split("; ") == [
        "The recently appointed Interim manager was then moved to Home B (SC036109) after 23 "
        "January 2020", "The Manager from Home A (SC 36243) was moved to this Home to help "
        "improve matters…"]
    people = nodes_of(records, "Person")
    assert all(people[m["person"]]["unnamed"] for m in moves.values())
    assert "the manager of SC488596" in people[c_to_a["person"]]["description"]
    assert "(from November 2019)" in people[c_to_a["person"]]["description"]
    moved_in = [e for e in by_type(records, "MANAGED") if e.props.get("moved_in")]
    assert [(e.dst, e.props["from_earliest"]) for e in moved_in] == [
        ("home:SC036243", "2019-10-29")]


def _pdf(text: str) -> bytes:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (test dependency) renders real PDFs")
    pdf = fpdf.FPDF()
    font = next((p for p in (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                             Path("/usr/share/fonts/dejavu/DejaVuSans.ttf")) if p.exists()), None)
    if font is None:
        pytest.skip("no Unicode TTF font to render the seed's quotes and dashes")
    pdf.add_font("Body", fname=str(font))
    pdf.set_font("Body", size=10)
    pdf.add_page()
    for line in text.split("\n"):
        pdf.multi_cell(0, 5, line.replace("\t", "    ") or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_seed_002_as_text_and_as_pdf_gives_the_same_facts(seeds_dir, seed_records, tmp_path):
    source = seed(seeds_dir, "002")
    pdf = tmp_path / "report-without-extension"
    pdf.write_bytes(_pdf(extract_text(source).text))
    from_pdf = load(pdf)
    assert extract_text(pdf).format == "pdf" and len(extract_text(pdf).pages) >= 3
    text_facts, pdf_facts = facts(seed_records["002"]), facts(from_pdf)
    assert text_facts == pdf_facts
    assert len(text_facts[1]) > 20
    locators = {e.prov.locator for e in by_type(from_pdf, "REQUIRES")}
    assert all(loc.startswith("page ") for loc in locators)


def test_an_html_page_of_seed_004_gives_the_same_facts(seeds_dir, seed_records, tmp_path):
    import html

    text = extract_text(seed(seeds_dir, "004")).text
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    page = tmp_path / "news.txt"
    page.write_text(f"<!DOCTYPE html><html><head><title>x</title></head><body>{body}"
                    "</body></html>", encoding="utf-8")
    records = load(page)
    assert next(r for r in records if isinstance(r, Summary)).detail["format"] == "html"
    inspection = next(iter(nodes_of(records, "Inspection").values()))
    assert inspection["overall_score"] == 2
    assert [e.dst for e in by_type(records, "CLAIMS")] == ["council:derbyshire"]


def test_sniff_by_content_and_refuse_what_says_nothing(tmp_path):
    table = tmp_path / "report.txt"
    table.write_text("URN,Name,Places\nSC1,A,3\nSC2,B,4\n")
    assert not documents.sniff(Source(table, table.name))
    image = tmp_path / "letter.pdf"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert not documents.sniff(Source(image, image.name))
    cake = tmp_path / "cake.txt"
    cake.write_text("Lemon cake.\n\nMix flour and sugar; bake for forty minutes at 180C.\n")
    assert documents.sniff(Source(cake, "cake.txt"))
    with pytest.raises(SourceError, match=r"^cake\.txt: nothing recognisable"):
        load(cake)


def test_a_short_report_written_here(tmp_path):
    report = tmp_path / "r"
    report.write_text(
        "SC123456\n\nFull inspection\n\nInspection dates: 3 to 4 March 2021\n\n"
        "Overall experiences and progress of children and young people: good\n\n"
        "The registered manager, in post since 2019, leads well.\n\n"
        "Unique reference number: SC123456\n\nRegistered provider: Acme Care Ltd\n\n"
        "Responsible individual: Jane Doe\n\nRegistered manager: John Roe\n\n"
        "Inspector\n\nAnn Lee, Social Care Inspector\n", encoding="utf-8")
    records = load(report)
    (inspection,) = nodes_of(records, "Inspection").values()
    assert (inspection["overall"], inspection["overall_score"], inspection["start_date"]) == (
        "good", 3, "2021-03-03")
    people = nodes_of(records, "Person")
    (managed,) = by_type(records, "MANAGED")
    assert people[managed.src]["name"] == "John Roe" and managed.props == {
        "role": "registered manager", "observed": ["2021-03-03"],
        "documents": [people[managed.src]["documents"][0]]}
    assert managed.src == "person:john-roe.manager@provider-acme-care"  # keyed at the employer
