"""Tests for loaders.ofsted_columns: meanings, blocks, conflicts, file kinds, dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.ofsted_columns import (
    INSPECTION_MEANINGS,
    JOINERS_LEAVERS,
    MEANINGS,
    PROVIDER_LIST,
    SNAPSHOT,
    map_columns,
    normalise,
    recognise,
    snapshot_date,
)
from loaders.tabular import Row, Table, read_table

OFSTED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ofsted"
real = pytest.mark.skipif(not OFSTED.is_dir(), reason=f"real Ofsted data not present at {OFSTED}")

# file: (kind, snapshot date from content, meanings that must be present)
REAL = {
    "provider-level/provider_at_march_2015.csv": (SNAPSHOT, None, {"legacy_inspection_id"}),
    "provider-level/provider_at_march_2016.csv": (SNAPSHOT, None, {"event_number", "places"}),
    "provider-level/provider_at_march_2017.csv": (SNAPSHOT, None, {"publication_date"}),
    "provider-level/provider_at_march_2018.csv": (SNAPSHOT, None, {"owner", "quality_of_care"}),
    "provider-level/provider_at_march_2018_part2.csv": (PROVIDER_LIST, None, {"owner"}),
    "provider-level/provider_at_march_2019.csv": (SNAPSHOT, None, {"registration_date"}),
    "provider-level/provider_at_march_2020.csv": (SNAPSHOT, None, {"health_services"}),
    "provider-level/provider_at_march_2021.csv": (SNAPSHOT, None, {"short_breaks_only"}),
    "provider-level/provider_at_march_2022.csv": (
        SNAPSHOT, date(2022, 3, 31), {"health_services", "inspection_date", "event_type"}),
    "provider-level/provider_at_march_2023.csv": (
        SNAPSHOT, date(2023, 3, 31), {"multi_building", "event_number"}),
    "provider-level/provider_at_march_2024.csv": (
        SNAPSHOT, date(2024, 3, 31), {"premises", "previous_inspection_date",
                                      "previous_leadership", "previous_health_services"}),
    "joiners-leavers/joiners_leavers_2017.csv": (
        JOINERS_LEAVERS, None, {"appealed", "registration_status_start", "inspectorate_end"}),
    "joiners-leavers/joiners_leavers_2018.csv": (JOINERS_LEAVERS, None, {"closed_date"}),
    "joiners-leavers/joiners_leavers_2019.csv": (
        JOINERS_LEAVERS, date(2019, 3, 31), {"closed_date", "notes", "registration_status_end"}),
    "joiners-leavers/joiners_leavers_2020.csv": (
        JOINERS_LEAVERS, date(2020, 3, 31), {"cancelled_or_resigned_date"}),
    "joiners-leavers/joiners_leavers_2021.csv": (
        JOINERS_LEAVERS, None, {"resigned_or_closed_date", "registration_status"}),
    "joiners-leavers/joiners_leavers_2022.csv": (
        JOINERS_LEAVERS, date(2022, 3, 31), {"cancelled_or_resigned_date"}),
    "joiners-leavers/joiners_leavers_2023.csv": (
        JOINERS_LEAVERS, date(2023, 3, 31), {"registration_status_start", "notes"}),
}
COMMON = {"urn", "provision_type", "region", "local_authority", "sector", "setting_name"}


def table(header: list[str], group: list[str] | None = None, preamble=()) -> Table:
    return Table(Path("x.csv"), "utf-8", header, group, [Row(2, [""] * len(header))],
                 list(preamble), 0, [])


# ---------------------------------------------------------------- real data, in place


@real
@pytest.mark.parametrize("rel", sorted(REAL))
def test_real_header_maps_completely(rel: str) -> None:
    t = read_table(OFSTED / rel)
    m = map_columns(t.header, t.group_header)
    kind, when, must = REAL[rel]
    assert m.unknown == [] and m.unknown_columns == []
    assert m.conflicts == [] and m.fuzzy == {}
    assert len(m.index) == len(t.header)  # every column has its own meaning
    assert COMMON | must <= set(m.index)
    assert recognise(t) == kind
    assert snapshot_date(t) == when


@real
def test_real_2015_uses_the_legacy_id_system() -> None:
    t = read_table(OFSTED / "provider-level/provider_at_march_2015.csv")
    m = map_columns(t.header, t.group_header)
    assert "event_number" not in m
    assert t.header[m.index["legacy_inspection_id"]] == "Inspection ID"
    assert t.header[m.index["region"]] == "Region"
    assert t.header[m.index["safety"]] == "The safety of children and young people"


@real
def test_real_2024_latest_and_previous_blocks_are_distinct() -> None:
    t = read_table(OFSTED / "provider-level/provider_at_march_2024.csv")
    m = map_columns(t.header, t.group_header)
    for meaning in ("event_type", "inspection_date", "publication_date", "event_number",
                    "overall", "outcomes_education", "health_services", "safety", "leadership"):
        assert m.index[meaning] < m.index[f"previous_{meaning}"]
    assert t.header[m.index["previous_inspection_date"]] == "Previous full inspection event date"
    assert m.value(t.rows[0].cells, "urn") == "SC469688"
    assert m.value(t.rows[0].cells, "previous_event_number") == "10038111"


@real
def test_real_2022_typo_and_2023_scientific_notation() -> None:
    t22 = read_table(OFSTED / "provider-level/provider_at_march_2022.csv")
    m22 = map_columns(t22.header)
    assert t22.header[m22.index["health_services"]] == "Latest full inspectio health services"
    t23 = read_table(OFSTED / "provider-level/provider_at_march_2023.csv")
    m23 = map_columns(t23.header)
    row = next(r for r in t23.rows if r.line == 292)
    assert m23.value(row.cells, "event_number") == "1.02E+07"
    assert m23.value(row.cells, "urn") == "SC379199"


@real
def test_real_group_header_decides_block_2016() -> None:
    t = read_table(OFSTED / "provider-level/provider_at_march_2016.csv")
    with_group = map_columns(t.header, t.group_header)
    assert with_group.index == map_columns(t.full_header).index


# ---------------------------------------------------------------- units


def test_normalise() -> None:
    assert normalise("\ufeffShort-break-only children’s home ") == "short break only childrens home"
    assert normalise("The  Safety & care") == "safety and care"
    assert normalise("Resigned/closed date") == "resigned closed date"


def test_meanings_table_is_consistent() -> None:
    names = [m.name for m in MEANINGS]
    assert len(names) == len(set(names))
    keys = [(normalise(p), bool(m.block)) for m in MEANINGS for p in m.patterns]
    assert len(keys) == len(set(keys)), "one spelling claimed by two meanings"
    assert {"overall", "safety", "leadership", "event_number"} <= INSPECTION_MEANINGS


@pytest.mark.parametrize(("name", "meaning"), [
    ("Latest full inspectio health services", "health_services"),
    ("Latest full inspection date", "inspection_date"),
    ("Previous full inspection event date", "previous_inspection_date"),
    ("Previous effectiveness of leaders and managers", "previous_leadership"),
    ("Previous the safety of children and young people", "previous_safety"),
    ("How well children and young people are helped and protected", "safety"),
    ("Overall experiences and progress of children and young people", "overall"),
    ("Inspection ID", "legacy_inspection_id"),
    ("Reg Status", "registration_status"),
    ("Registration status (as at @startdate)", "registration_status_start"),
    ("Registration status (as at 1 April 2022)", "registration_status_start"),
    ("Registration status at 31 March 2019", "registration_status_end"),
    ("Inspectorate (as at @enddate)", "inspectorate_end"),
    ("Sector (as at 31 March 2023)", "sector"),
    ("First effective date (that the provider became active)", "registration_date"),
    ("Resigned/closed date", "resigned_or_closed_date"),
    ("Organisation which owns the provider", "owner"),
    ("Linked ED URN", "linked_education_urn"),
    ("Short breaks only children's home", "short_breaks_only"),
    ("Reason", "notes"),
])
def test_single_column_meaning(name: str, meaning: str) -> None:
    assert map_columns([name]).index == {meaning: 0}


def test_group_header_decides_block() -> None:
    m = map_columns(["URN", "Event type", "Event type", "Overall effectiveness"],
                    ["Provider information", "Latest Full Inspection", "Previous inspection",
                     "Previous inspection"])
    assert m.index == {"urn": 0, "event_type": 1, "previous_event_type": 2,
                       "previous_overall": 3}
    assert m.conflicts == []


def test_previous_prefix_does_not_hijack_provider_columns() -> None:
    m = map_columns(["URN", "Previous name", "Address 3", "Favourite colour"])
    assert m.index == {"urn": 0}
    assert m.unknown == ["Previous name", "Address 3", "Favourite colour"]
    assert m.unknown_columns == [1, 2, 3]


def test_typos_are_tolerated_and_reported() -> None:
    m = map_columns(["URN", "Leadership and managment", "Parliamentary constituancy"])
    assert m.index == {"urn": 0, "leadership": 1, "constituency": 2}
    assert m.fuzzy == {"leadership": "Leadership and managment",
                       "constituency": "Parliamentary constituancy"}


def test_conflicts_are_reported_and_exact_beats_fuzzy() -> None:
    m = map_columns(["Leadership and managment", "URN", "Leadership and management", "URN "])
    assert m.index == {"leadership": 2, "urn": 1}
    got = {c.meaning: c.columns for c in m.conflicts}
    assert got == {"leadership": (2, 0), "urn": (1, 3)}
    assert "leadership" not in m.fuzzy
    m2 = map_columns(["Name", "Setting name"])
    assert [(c.meaning, c.names) for c in m2.conflicts] == [
        ("setting_name", ("Name", "Setting name"))]


def test_value_and_contains() -> None:
    m = map_columns(["URN", "Name"])
    assert m.value(["SC1", "Home"], "setting_name") == "Home"
    assert m.value(["SC1"], "setting_name", "?") == "?"
    assert m.value(["SC1", "Home"], "owner", "none") == "none"
    assert "urn" in m and "owner" not in m


def test_recognise_by_content() -> None:
    assert recognise(table(["URN", "Provision type", "Overall effectiveness"])) == SNAPSHOT
    assert recognise(table(["URN", "Provision type", "Event type"],
                           ["Provider", "Latest inspection"])) == SNAPSHOT
    assert recognise(table(["URN", "Provision type", "Organisation name"])) == PROVIDER_LIST
    assert recognise(table(["URN", "Provision type", "Leaver status"])) == JOINERS_LEAVERS
    assert recognise(table(["URN", "Provision type"])) is None
    assert recognise(table(["Name", "Provision type", "Event type"])) is None


def test_snapshot_date_from_content() -> None:
    assert snapshot_date(table(["URN"], preamble=["Data - Provider level as at March 2022"])) \
        == date(2022, 3, 31)
    assert snapshot_date(table(["URN"], preamble=["Leavers and Joiners at 31 Mar 2022"])) \
        == date(2022, 3, 31)
    assert snapshot_date(table(["URN"], preamble=["note", "as at 30 September 2021"])) \
        == date(2021, 9, 30)
    assert snapshot_date(table(["URN", "Status (as at 1 April 2022)",
                                "Status (as at 31 March 2023)"])) == date(2023, 3, 31)
    assert snapshot_date(table(["URN", "Status (as at @enddate)"])) is None
    assert snapshot_date(table(["URN"], preamble=["at 31 Smarch 2022"])) is None


# ---------------------------------------------------------------- properties

_KNOWN = ["URN", "Provision type", "Name", "Sector", "Places", "Postcode",
          "Latest full inspection event type", "Latest full inspection date",
          "Overall effectiveness", "Previous health services", "Joiner status",
          "Registration status (as at @startdate)", "Organisation which owns the provider"]


@given(header=st.lists(st.text(max_size=40), max_size=30),
       group=st.none() | st.lists(st.text(max_size=30), max_size=40))
def test_map_columns_never_raises(header: list[str], group: list[str] | None) -> None:
    m = map_columns(header, group)
    assert len(m.index) + len(m.unknown) + sum(len(c.columns) - 1 for c in m.conflicts) \
        == len(header)
    assert all(0 <= i < len(header) for i in m.index.values())


@given(order=st.permutations(range(len(_KNOWN))),
       junk=st.lists(st.sampled_from(["Foo", "Extra notes column 7", "", "Colour"]),
                     max_size=4))
def test_shuffled_header_maps_each_meaning_to_its_new_position(order, junk) -> None:
    base = map_columns(_KNOWN).index
    assert len(base) == len(_KNOWN)
    shuffled = [_KNOWN[i] for i in order] + junk
    m = map_columns(shuffled)
    assert m.index == {meaning: order.index(pos) for meaning, pos in base.items()}
    assert m.unknown == junk
