"""A small graph built from records (Assembly + write_store) that pins every catalog query's
answers: a Derby-like story of three council homes and two private ones, with inspections
from the statistics, claims from a document, tenures and staff moves (exact, bound-only,
same-day and undated), and two years of snapshots.

Other ``tests/test_queries_*.py`` modules import :func:`build_fixture_store`. The moves:

==== =========== ======================================= ====================
name from → to  day (what the move has)                  person
==== =========== ======================================= ====================
m1   C → A       2019-11-12 (earliest/sort; latest 12-10) Pat One (manager)
m2   A → B       2020-01-23 (earliest/sort only)          Interim (interim)
m3   B → C       2019-06-01 (exact)                       Sam Three
m4   A → D       2020-01-23 (exact, ties m2 and m7)       Dee Four
m5   D → E       none                                     Eve Five
m6   B → D       2021-03-01 (exact)                       Interim (interim)
m7   D → C       2020-01-23 (exact)                       Sam Three
==== =========== ======================================= ====================
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.assemble import Assembly
from graph.records import Edge, Node, Provenance
from graph.store import EmbeddedStore, write_store

A, B, C, D, E = (f"home:SC00000{n}" for n in range(1, 6))
F, G, H, J = "home:SC000006", "home:SC000007", "home:SC000008", "home:SC000009"
NAMED = "home:named:derby:queensferry-gardens"
DERBY, WALSALL = "council:derby", "council:walsall"
LA, ACME = "provider:council-derby", "provider:acme-care"
DOC = "document:blog000000000000"
P1, P2, P3, P4, P5, RI = ("person:pat-one", "person:interim", "person:sam-three",
                          "person:dee-four", "person:eve-five", "person:barry-edwards")
Y19, Y20 = "2019-03-31", "2020-03-31"


def row(line: int, year: str = "2020") -> Provenance:
    return Provenance(f"ofsted/provider_at_march_{year}.csv", f"line {line}",
                      rule="ofsted-provider-row")


def said(quote: str) -> Provenance:
    return Provenance(DOC, "paragraph 3", quote=quote, rule="document-claim", confidence=0.9)


def _homes(a: Assembly) -> None:
    homes = [  # id, council, provision type, sector, first_seen, last_seen, registered
        (A, DERBY, "Children's home", "Local Authority", Y19, Y20, "2004-02-12"),
        (B, DERBY, "Children's home", "Local Authority", Y19, Y20, "2004-03-17"),
        (C, DERBY, "Children's home", "Local Authority", Y19, Y20, "2015-04-15"),
        (D, WALSALL, "Children's home", "Private", Y19, Y20, "2008-03-03"),
        (E, WALSALL, "Independent Fostering Agency", "Private", Y20, Y20, "2019-05-01"),
        (F, WALSALL, "Secure children's home", "Local Authority", Y20, Y20, "2019-06-01"),
        (G, WALSALL, "Children's Home", "Private", Y20, Y20, "2019-07-01"),
        (H, DERBY, "Children's home", "Private", Y19, Y19, "2010-01-01"),
        (J, DERBY, "Children's home", "Private", Y19, Y20, "2012-01-01"),
    ]
    for n, (hid, council, ptype, sector, first, last, registered) in enumerate(homes):
        region = "East Midlands" if council == DERBY else "West Midlands"
        props = {"urn": hid.split(":")[1], "provision_type": ptype, "sector": sector,
                 "region": region, "first_seen": first, "last_seen": last,
                 "registration_date": registered, "status": "Active",
                 "local_authority": council.split(":")[1].title()}
        a.add(Node("Home", hid, props, row(10 + n), Y20))
        observed = [Y19, Y20] if first == Y19 and last == Y20 else [first]
        if hid == H:  # a leaver: the 2020 joiners/leavers list observes it, no snapshot does
            observed = [Y19, Y20]
            a.add(Node("Home", hid, {"closure_date": "2019-09-30"},
                       Provenance("joiners_leavers_2020.csv", "line 4", rule="ofsted-leaver")))
        a.add(Edge("LOCATED_IN", hid, council, {"observed": observed}, row(10 + n), Y20))
    a.add(Node("Home", B, {"urns_as_written": ["SC000020"]}, said("Home B (SC000020)")))
    a.add(Node("Home", NAMED, {"name": "Queensferry Gardens", "named_only": True},
               said("Queensferry Gardens")))
    for cid, name in ((DERBY, "Derby"), (WALSALL, "Walsall")):
        a.add(Node("Council", cid, {"name": name}, row(1)))
    a.add(Node("Provider", LA, {"name": "Derby City Council", "sector": "Local Authority"},
               row(10)))
    a.add(Node("Provider", ACME, {"name": "Acme Care Ltd", "sector": "Private"}, row(13)))
    a.add(Edge("IS_COUNCIL", LA, DERBY, {}, row(10)))
    for hid, provider, start, observed in (
            (A, LA, "2004-02-12", [Y19, Y20]), (B, LA, "2004-03-17", [Y19, Y20]),
            (C, LA, "2015-04-15", [Y19, Y20]), (F, LA, "2019-06-01", [Y20]),
            (D, ACME, "2008-03-03", [Y19, Y20]), (E, ACME, "2019-05-01", [Y20]),
            (H, ACME, "2010-01-01", [Y19]), (J, ACME, "2012-01-01", [Y19, Y20])):
        a.add(Edge("RUNS", provider, hid, {"from": start, "observed": observed}, row(20), Y20))


def _inspections(a: Assembly) -> None:
    inspections = [  # event, home, start, end, overall, score, history years
        ("1001", A, "2019-01-08", None, "Good", 3, ["2019"]),
        ("1002", A, "2019-12-10", None, "Requires improvement to be good", 2, ["2020"]),
        ("1003", B, "2019-07-02", None, "Good", 3, ["2020"]),
        ("1008", B, "2021-01-05", None, "Requires improvement to be good", 2, []),
        ("1004", C, None, "2017-06-13", "Requires improvement to be good", 2, ["2019"]),
        ("1005", C, "2019-07-16", None, "Good", 3, ["2020"]),
        ("1007", D, "2018-01-10", None, "Good", 3, ["2019"]),
        ("1006", D, "2019-05-01", None, "Inadequate", 1, ["2020"]),
        ("1009", J, "2018-05-01", None, "Good", 3, ["2019", "2020"]),
    ]
    for event, home, start, end, overall, score, years in inspections:
        props = {"event": event, "date": start or end, "start_date": start, "end_date": end,
                 "type": "Full inspection", "overall": overall, "overall_score": score,
                 "scale": "full", "subject": "home", "source_kind": "statistics",
                 "history": {y: {"overall": overall} for y in years}}
        a.add(Node("Inspection", f"inspection:{event}", props, row(30), Y20))
        a.add(Edge("OF", f"inspection:{event}", home, {}, row(30)))
    council_visit = "inspection:derby:2017-03-01:single-inspection"
    a.add(Node("Inspection", council_visit, {
        "date": "2017-03-01", "start_date": "2017-03-01", "type": "Single inspection",
        "overall": "Good", "overall_score": 3, "scale": "full", "subject": "council",
        "source_kind": "document"}, said("last inspected in March 2017 ... judged to be good")))
    a.add(Edge("OF", council_visit, DERBY, {}, said("Derby children's services")))


CLAIMS = [  # key, subject, date, precision, judgement, score, scale, urn as written, quote
    ("c1", A, "2019-01-08", "day", "GOOD", 3, "full", "SC000001",
     "At the 8 Jan 2019 inspection it was rated GOOD"),
    ("c2", A, "2019-10-29", "day", "INADEQUATE", 1, "full", "SC000001",
     "by 29 October 2019 it had deteriorated to INADEQUATE"),
    ("c3", A, "2019-12-01", "month", "Requires Improvement to be good", 2, "full", "SC000001",
     "the December 2019 review improved the rating"),
    ("c4", C, "2019-07-16", "day", "Good", 3, "full", "SC000003",
     "At the 16 July 2019 OFSTED rated the Home as Good"),
    ("c5", C, "2019-11-12", "day", "Declined in effectiveness", -1, "interim", "SC000003",
     "by 12 November 2019 it had been rated as Declined in effectiveness"),
    ("c6", B, "2019-07-02", "day", "GOOD", 3, "full", "SC000020",
     "At the 2 July 2019 inspection the Home was rated as GOOD"),
    ("c7", B, "2019-07-02", "day", "Outstanding", 4, "full", "SC000020",
     "the home was Outstanding in July 2019"),
    ("c8", C, "2017-06-11", "day", "Requires improvement", 2, "full", "SC000003",
     "judged as Requires Improvement in June 2017"),
    ("c9", DERBY, "2017-03-01", "month", "good", 3, "full", None,
     "last inspected in March 2017 ... judged to be good"),
    ("c10", NAMED, "2013-01-01", "year", "Good", 3, "full", None,
     "Queensferry Gardens was good in 2013"),
    ("c11", DERBY, "2021-07-01", "month", "good", 3, "full", None,
     "a July 2021 visit found services good"),
]


def _document(a: Assembly) -> None:
    a.add(Node("Document", DOC, {"title": "Council Children's Homes in a dire state",
                                 "kind": "narrative", "checksum": "blog"}, said("")))
    for _, subject, date, precision, judgement, score, scale, written, quote in CLAIMS:
        props = {"date": date, "precision": precision, "judgement": judgement, "score": score,
                 "scale": scale, "urn_as_written": written}
        a.add(Edge("CLAIMS", DOC, subject, props, said(quote)))


def claim_id(key: str) -> str:
    _, subject, date, _, judgement, *_ = next(c for c in CLAIMS if c[0] == key)
    return f"CLAIMS:{DOC}->{subject}|{date}|{judgement}"


MOVES = {  # name: (from, to, person, name, role, date, earliest, latest, sort_date, quote)
    "m1": (C, A, P1, "Pat One", "manager", None, "2019-11-12", "2019-12-10", "2019-11-12",
           "The Manager of this Home has since moved to Home A"),
    "m2": (A, B, P2, None, "interim manager", None, "2020-01-23", None, "2020-01-23",
           "The recently appointed Interim manager was then moved to Home B after 23 January"),
    "m3": (B, C, P3, "Sam Three", "deputy", "2019-06-01", None, None, None, "Sam moved"),
    "m4": (A, D, P4, "Dee Four", "manager", "2020-01-23", None, None, None, "Dee moved"),
    "m5": (D, E, P5, "Eve Five", "manager", None, None, None, None, "Eve moved, some time"),
    "m6": (B, D, P2, None, "interim manager", "2021-03-01", None, None, None, "moved again"),
    "m7": (D, C, P3, "Sam Three", "deputy", "2020-01-23", None, None, None, "Sam went back"),
}


def move_id(name: str) -> str:
    src, dst, person, *_ = MOVES[name]
    return f"STAFF_MOVE:{src}->{dst}|{person}"


def _people(a: Assembly) -> None:
    names = {P1: "Pat One", P2: "Interim manager of Home A", P3: "Sam Three",
             P4: "Dee Four", P5: "Eve Five", RI: "Barry Edwards"}
    for pid, name in names.items():
        a.add(Node("Person", pid, {"name": name, "roles": ["manager"]}, said(name)))
    for src, dst, person, pname, role, date, lo, hi, sort, quote in MOVES.values():
        props = {"person": person, "person_name": pname, "role": role, "date": date,
                 "earliest": lo, "latest": hi, "sort_date": sort, "quote": quote,
                 "document": DOC, "derived_from": "stated move"}
        a.add(Edge("STAFF_MOVE", src, dst, props, said(quote)))
    tenures = [  # person, home, props
        (P1, C, {"role": "manager", "from": "2018-01-01", "to": "2019-11-12"}),
        (P1, A, {"role": "manager", "from_earliest": "2019-11-12"}),
        (P2, A, {"role": "interim manager", "from_earliest": "2019-10-29",
                 "to_latest": "2020-01-23"}),
        (P2, B, {"role": "interim manager", "from": "2020-01-23"}),
        (P4, D, {"role": "manager", "observed": ["2020-02-01"]}),
    ]
    for person, home, props in tenures:
        a.add(Edge("MANAGED", person, home, props, said("manager named")))
    a.add(Edge("RESPONSIBLE_FOR", RI, ACME, {"role": "responsible individual"},
               said("Responsible individual: Barry Edwards")))


def build_fixture_store(directory: Path) -> EmbeddedStore:
    a = Assembly()
    _homes(a)
    _inspections(a)
    _document(a)
    _people(a)
    write_store(a, directory, {"sources": ["fixture"]})
    return EmbeddedStore(directory)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = build_fixture_store(tmp_path_factory.mktemp("queries-fixture"))
    yield s
    s.close()


def test_fixture_ids_are_what_the_tests_expect(store):
    assert {e["id"] for e in store.edges("STAFF_MOVE")} == {move_id(m) for m in MOVES}
    assert {e["id"] for e in store.edges("CLAIMS")} == {claim_id(c[0]) for c in CLAIMS}
    assert store.node(B)["urns_as_written"] == ["SC000020"]
