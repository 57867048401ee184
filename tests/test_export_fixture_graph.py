"""A small graph with every label, relationship type and property type, people, an open
question, and hostile strings everywhere a string can go, for the export and Neo4j tests
(imported by them; the tests here only check the fixture itself)."""

from __future__ import annotations

from pathlib import Path

from graph.assemble import Assembly
from graph.records import Edge, Node, Provenance
from graph.store import EmbeddedStore, write_store

#: Strings that break naive escaping: quotes, backslashes (with what Neo4j would decode
#: as escapes), backticks, braces, comments, newlines, NUL and other controls, bidi and
#: zero-width marks, line/paragraph separators, emoji (with ZWJ), other scripts, an
#: injection attempt.
HOSTILE = [
    "O'Brien's \"home\" `tick`",
    "C:\\temp\\ and a trailing backslash \\",
    "\\' \\\" \\\\ \\n \\u0027 \\u005C \\u00e9 \\uZZZZ \\u",
    "{braces} {{double}} }{ $param :param x ${x}",
    "// not a comment /* nor this */ -- nor this; MATCH (n) DETACH DELETE n",
    "'}) MATCH (n) DETACH DELETE n //",
    "line one\nline two\r\nline three\rend\ttab",
    "NUL\x00 BEL\x07 ESC\x1b DEL\x7f NEL\x85",
    "RLM\u200f LRO\u202d reversed\u202c ZWSP\u200b BOM\ufeff soft\u00adhyphen",
    "sep\u2028line sep\u2029para",
    "emoji 😀 family 👩‍👩‍👧 flag 🇬🇧 skin 👍🏽",
    "Ünïcödé café naïve — “curly” ‘quotes’ 中文 العربية עברית",
    "combining e\u0301 and ligature ﬁ and fullwidth ＡＢＣ",
    "",
    " leading and trailing spaces ",
    "#hash ?query &amp; <tag> \"xml\" ]]>",
]

PERSON_NAME = "Helen O'Hara-Smith"
PROV = Provenance("ofsted/provider-level/provider_at_march_2019.csv", "line 2",
                  rule="ofsted-provider-row")


def hostile_assembly() -> Assembly:
    a = Assembly()
    doc_prov = Provenance("document:abcdef0123456789", "paragraph 3", quote=HOSTILE[0],
                          rule="document-mention", confidence=0.75)
    weird = Provenance("ofsted/odd {file} 'name'.csv", HOSTILE[6], quote=HOSTILE[8],
                       rule=HOSTILE[4], confidence=0.5)
    a.add(Node("Council", "council:derby", {"name": "Derby", "aliases": HOSTILE[:3]}, PROV))
    a.add(Node("Provider", "provider:o-brien-care", {
        "name": HOSTILE[0], "names": HOSTILE, "norm_name": "o-brien-care",
        "sector": "Private", "company_number": "01234567"}, PROV))
    a.add(Node("Home", "home:SC036243", {
        "urn": "SC036243", "name": HOSTILE[5], "places": 4, "registration_date": "2004-02-12",
        "status_by_year": {"2019": HOSTILE[6], HOSTILE[3]: HOSTILE[9]},
        "aliases": HOSTILE, "named_only": False, "manager_vacant": [{"date": "2020-01-01",
                                                                   "quote": HOSTILE[10]}]},
        PROV))
    a.add(Node("Home", "home:SC488596", {"urn": "SC488596", "places": 3}, weird))
    a.add(Node("Inspection", "inspection:10049675", {
        "event": "10049675", "date": "2019-01-08", "overall": "Good", "overall_score": 3,
        "judgements": {"overall": HOSTILE[7]}, "note": HOSTILE[11],
        "restriction_on_admissions": True}, PROV))
    a.add(Node("Person", "person:helen-o-hara-smith", {
        "name": PERSON_NAME, "key": "helen-o-hara-smith", "title": "Ms",
        "roles": ["registered manager"]}, doc_prov))
    a.add(Node("Person", "person:unnamed:SC488596:2019-11", {
        "name": "the manager of SC488596 in November 2019", "unnamed": True,
        "description": "the manager of SC488596 in November 2019"}, doc_prov))
    a.add(Node("Document", "document:abcdef0123456789", {
        "title": f"Report naming {PERSON_NAME}: {HOSTILE[12]}", "kind": "narrative",
        "date": "2020-02-03", "chars": 1234, "checksum": "abcdef0123456789" * 4}, doc_prov))
    a.add(Node("Requirement", "requirement:10049675:1", {
        "regulation": "Regulation 12(1)(2)(a)", "regulation_number": 12,
        "text": HOSTILE[2], "due_date": "2019-03-01", "compliance_notice": False,
        "index": 1}, doc_prov))
    edges = [
        Edge("LOCATED_IN", "home:SC036243", "council:derby", {"observed": ["2019-03-31"]}, PROV),
        Edge("LOCATED_IN", "home:SC488596", "council:derby", {"observed": ["2019-03-31"]}, PROV),
        Edge("RUNS", "provider:o-brien-care", "home:SC036243",
             {"from": "2015-03-31", "to": "2024-03-31", "observed": ["2019-03-31"],
              "inferred": False}, PROV),
        Edge("OF", "inspection:10049675", "home:SC036243", {}, PROV),
        Edge("REQUIRES", "inspection:10049675", "requirement:10049675:1", {}, doc_prov),
        Edge("MANAGED", "person:helen-o-hara-smith", "home:SC036243",
             {"role": "registered manager", "from_earliest": "2018-01-01",
              "to_latest": "2020-01-23", "observed": ["2019-01-08"]}, doc_prov),
        Edge("STAFF_MOVE", "home:SC036243", "home:SC488596",
             {"person": "person:helen-o-hara-smith", "person_name": "Ms O'Hara-Smith",
              "role": "registered manager", "earliest": "2020-01-23",
              "sort_date": "2020-01-23", "quote": f"{PERSON_NAME} moved: {HOSTILE[6]}",
              "document": "document:abcdef0123456789"}, doc_prov),
        Edge("MENTIONS", "document:abcdef0123456789", "person:helen-o-hara-smith",
             {"quote": f"Ms O'Hara-Smith said {HOSTILE[1]}", "locator": "paragraph 3",
              "as_written": "Ms O'Hara-Smith"}, doc_prov),
        Edge("MENTIONS", "document:abcdef0123456789", "person:unnamed:SC488596:2019-11",
             {"quote": HOSTILE[9], "locator": "paragraph 4", "as_written": "the manager"},
             weird),
        Edge("CLAIMS", "document:abcdef0123456789", "home:SC036243",
             {"date": "2019-01-08", "judgement": "Good", "score": 3, "precision": "day"},
             doc_prov),
        Edge("IS_COUNCIL", "provider:o-brien-care", "council:derby", {}, PROV),
        Edge("INSPECTED", "person:helen-o-hara-smith", "inspection:10049675",
             {"role": HOSTILE[13] or "lead"}, doc_prov),
        Edge("WORKS_FOR", "person:helen-o-hara-smith", "provider:o-brien-care",
             {"role": "manager", "observed": HOSTILE[:2]}, doc_prov),
        Edge("RESPONSIBLE_FOR", "person:helen-o-hara-smith", "provider:o-brien-care",
             {"role": "responsible individual"}, doc_prov),
        Edge("ADDRESSED_TO", "inspection:10049675", "person:helen-o-hara-smith", {}, doc_prov),
    ]
    for edge in edges:
        a.add(edge)
    a.add(Node("Home", "home:SC036243", {}, weird))  # a second provenance record
    a.ask("same_person", "person:helen-o-hara-smith", "person:unnamed:SC488596:2019-11",
          0.62, {"why": HOSTILE[4], "quote": f"{PERSON_NAME}: {HOSTILE[7]}"})
    return a


def hostile_store(directory: Path) -> EmbeddedStore:
    """Write the fixture graph to ``directory`` and open it."""
    write_store(hostile_assembly(), directory, {"inputs": ["fixture"], "sources": [],
                                                "built_at": "2020-01-01T00:00:00+00:00"})
    return EmbeddedStore(directory)


def test_fixture_covers_every_label_and_relationship_type(tmp_path):
    from graph.model import model

    with hostile_store(tmp_path) as store:
        counts = store.counts()
        assert set(counts["nodes"]) == set(model().labels)
        assert set(counts["relationships"]) == set(model().relationships)
        assert store.questions()[0]["evidence"]["why"] == HOSTILE[4]
        assert store.node("home:SC036243")["aliases"] == HOSTILE
        assert len(store.provenance("home:SC036243")) == 2


def expected_counts(store: EmbeddedStore) -> dict[str, dict[str, int]]:
    """``store.counts()`` less the relationships whose endpoint is not a node (no export
    can hold those: see ``graph.exports.base.read_records``)."""
    counts = store.counts()
    dangling = store.sql("SELECT type, count(*) FROM edges e WHERE NOT EXISTS (SELECT 1 FROM "
                         "nodes n WHERE n.id = e.src) OR NOT EXISTS (SELECT 1 FROM nodes n "
                         "WHERE n.id = e.dst) GROUP BY type")
    for rel_type, n in dangling:
        counts["relationships"][rel_type] -= n
    counts["relationships"] = {k: v for k, v in counts["relationships"].items() if v}
    return counts
