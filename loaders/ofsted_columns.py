"""Ofsted CSV columns mapped by MEANING (normalised names), never by position.

A later year's renamed, shuffled or extra columns load without code changes wherever the
meaning is recognisable; unrecognised columns are reported in `ColumnMap.unknown`, and two
columns claiming one meaning are reported in `ColumnMap.conflicts`. Per-inspection meanings
exist per block: "latest" (plain names) and "previous" (prefixed ``previous_``); the block
comes from a name prefix ("Latest full inspection …", "Previous …") or the group header.

>>> m = map_columns(["URN", "Latest full inspection date", "Previous health services", "X"])
>>> m.index
{'urn': 0, 'inspection_date': 1, 'previous_health_services': 2}
>>> m.unknown
['X']
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, field
from datetime import date

from loaders.tabular import Table

SNAPSHOT = "ofsted-provider-snapshot"
PROVIDER_LIST = "ofsted-provider-list"
JOINERS_LEAVERS = "ofsted-joiners-leavers"
FUZZY_CUTOFF = 0.9  # difflib ratio a near-miss (typo) must reach; stdlib, no rapidfuzz


@dataclass(frozen=True, slots=True)
class ColumnMeaning:
    """One meaning and the column names (any spelling; normalised on use) that carry it.

    `block="inspection"`: exists once per inspection block (latest / previous).
    `dated=True`: an "(as at <date>)" suffix splits it into ``_start`` / ``_end``.
    """

    name: str
    patterns: tuple[str, ...]
    block: str | None = None
    dated: bool = False


def _m(name: str, *patterns: str, block: str | None = None, dated: bool = False):
    return ColumnMeaning(name, patterns, block, dated)


_I = "inspection"
MEANINGS: tuple[ColumnMeaning, ...] = (
    _m("web_link", "Web link", "Weblink", "Provider webpage"),
    _m("urn", "URN", "Unique reference number"),
    _m("linked_education_urn", "Linked education URN", "Linked ED URN", "Linked URN"),
    _m("provision_type", "Provision type", "Type of provision"),
    _m("registration_date", "Registration date", "Date registered", "First date active",
       "First effective date (that the provider became active)"),
    _m("registration_status", "Registration status", "Reg status", dated=True),
    _m("setting_name", "Name", "Setting name", "Provider name"),
    _m("address1", "Address 1", "Address line 1"),
    _m("address2", "Address 2", "Address line 2"),
    _m("town", "Town"),
    _m("county", "County"),
    _m("postcode", "Postcode", "Post code"),
    _m("ofsted_region", "Ofsted region"),
    _m("region", "Government Office Region", "Region", "GOR"),
    _m("local_authority", "Local authority", "LA"),
    _m("constituency", "Parliamentary constituency", "Constituency"),
    _m("sector", "Sector"),
    _m("places", "Places", "Number of places", "Registered places"),
    _m("premises", "Premises"),
    _m("short_breaks_only", "Short breaks only", "Short breaks only children's home",
       "Short-break-only children's home"),
    _m("multi_building", "Multi-building children's home"),
    _m("owner", "Organisation which owns the provider", "Organisation", "Organisation name",
       "Owner"),
    # joiners / leavers
    _m("resigned_date", "First effective date (that the provider became resigned)",
       "Resigned date"),
    _m("closed_date", "First effective date (that the provider closed)", "Date closed",
       "Closed date"),
    _m("cancelled_date", "First effective date (that the provider became cancelled)",
       "Cancelled date"),
    _m("cancelled_or_resigned_date", "Cancelled or resigned date"),
    _m("resigned_or_closed_date", "Resigned/closed date", "Resigned or closed date"),
    _m("appealed", "Flag for appealed", "Appealed"),
    _m("joiner_status", "Joiner status"),
    _m("leaver_status", "Leaver status"),
    _m("inspectorate", "Inspectorate", dated=True),
    _m("notes", "Notes", "Reason"),
    # one of each per inspection block
    _m("event_type", "Event type", "Inspection type", block=_I),
    _m("inspection_date", "Inspection date", "Event date", block=_I),
    _m("publication_date", "Publication date", block=_I),
    _m("event_number", "Event number", "Inspection event number", block=_I),
    _m("legacy_inspection_id", "Inspection ID", block=_I),  # 2015's own ID system
    _m("overall", "Overall effectiveness",
       "Overall experiences and progress of children and young people", block=_I),
    _m("outcomes_education", "Outcomes in education and related learning activities",
       block=_I),
    _m("outcomes_children", "Outcomes for children and young people", block=_I),
    _m("quality_of_care", "Quality of care", block=_I),
    _m("safety", "The safety of children and young people",
       "Safeguarding children and young people",
       "How well children and young people are helped and protected", block=_I),
    _m("leadership", "Leadership and management",
       "The effectiveness of leaders and managers", block=_I),
    _m("health_services", "Health services", block=_I),
)
INSPECTION_MEANINGS = frozenset(m.name for m in MEANINGS if m.block == _I)
# where a leaver's end date may sit, most specific first (the caller coalesces)
LEAVING_DATE_MEANINGS = ("resigned_or_closed_date", "cancelled_or_resigned_date",
                         "closed_date", "resigned_date", "cancelled_date")

_PREFIX = re.compile(r"^(latest|lastest|most recent|last|previous|prev)\s+"
                     r"(?:full\s+)?(?:inspect[a-z]*\s+)?(.+)$")
_ASAT = re.compile(r"^(.+?)\s+(?:as\s+)?at\s+(start\s?date|end\s?date|\d{1,2}\s+[a-z]+\s+\d{4}"
                   r"|\d{1,2}\s+\d{1,2}\s+\d{4})$")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_DATE_TEXT = re.compile(r"\b(?:as\s+)?at\s+(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]{3,9})\.?"
                        r"\s+(\d{4})\b", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lowercase, apostrophes dropped, other punctuation/space runs to one space, no
    leading "the".

    >>> normalise("\\ufeffShort-break-only children’s home ")
    'short break only childrens home'
    """
    t = text.replace("\ufeff", "").lower().replace("&", " and ")
    t = re.sub(r"['’`]", "", t)
    t = " ".join(re.sub(r"[^0-9a-z]+", " ", t).split())
    return t[4:] if t.startswith("the ") else t


_PLAIN: dict[str, ColumnMeaning] = {}
_BLOCK: dict[str, ColumnMeaning] = {}
for _meaning in MEANINGS:
    for _p in _meaning.patterns:
        (_BLOCK if _meaning.block else _PLAIN)[normalise(_p)] = _meaning


@dataclass(frozen=True, slots=True)
class Conflict:
    """Several columns claim one meaning; `columns[0]` is the one kept in the index."""

    meaning: str
    columns: tuple[int, ...]
    names: tuple[str, ...]


@dataclass
class ColumnMap:
    """meaning → column index; unmapped and conflicting columns; typo-tolerant matches."""

    header: list[str]
    index: dict[str, int] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    unknown_columns: list[int] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    fuzzy: dict[str, str] = field(default_factory=dict)  # meaning → header text matched

    def value(self, cells: list[str], meaning: str, default: str = "") -> str:
        """The cell carrying `meaning` in `cells`, or `default` if the file lacks it."""
        i = self.index.get(meaning)
        return cells[i] if i is not None and i < len(cells) else default

    def __contains__(self, meaning: object) -> bool:
        return meaning in self.index


def _group_block(group: str) -> str | None:
    g = normalise(group)
    if re.search(r"\bprev(ious)?\b", g):
        return "previous"
    return "latest" if re.search(r"\b(latest|inspection|last)\b", g) else None


def _qualifier(n: str) -> tuple[str, str | None]:
    """Split "registration status as at 1 april 2022" into the base and "start"/"end"."""
    m = _ASAT.match(n)
    if not m:
        return n, None
    q = m.group(2).split()
    if q[0].startswith(("start", "end")):
        return m.group(1), "start" if q[0].startswith("start") else "end"
    first_of_april = int(q[0]) == 1 and q[1] in ("april", "apr", "4", "04")
    return m.group(1), "start" if first_of_april else "end"


def _close(n: str, table: dict[str, ColumnMeaning]) -> str | None:
    if len(n) < 6:
        return None
    digits = re.findall(r"\d+", n)
    for cand in difflib.get_close_matches(n, table, n=3, cutoff=FUZZY_CUTOFF):
        if re.findall(r"\d+", cand) == digits:
            return cand
    return None


def _match(name: str, group: str) -> tuple[str, bool] | None:
    """(meaning, fuzzy?) for one column name, or None."""
    base, qual = _qualifier(normalise(name))
    pre = _PREFIX.match(base)
    block = pre.group(1) if pre else _group_block(group)
    block = "previous" if block in ("previous", "prev") else "latest"
    tries: list[tuple[str, dict[str, ColumnMeaning]]] = []
    if pre:
        rest = pre.group(2).removeprefix("the ")
        tries += [(rest, _BLOCK), (f"inspection {rest}", _BLOCK)]
    tries += [(base, _PLAIN), (base, _BLOCK)]
    for fuzzy in (False, True):
        for text, table in tries:
            key = _close(text, table) if fuzzy else (text if text in table else None)
            if key is None:
                continue
            meaning = table[key]
            out = meaning.name
            if meaning.block and block == "previous":
                out = f"previous_{out}"
            if meaning.dated and qual:
                out = f"{out}_{qual}"
            return out, fuzzy
    return None


def map_columns(header: list[str], group_header: list[str] | None = None) -> ColumnMap:
    """Map every column of `header` (optionally under `group_header`) to its meaning.

    Never raises on odd input; an exact match beats a typo-tolerant one for the index.

    >>> m = map_columns(["Inspection date", "Event type"], ["Latest Full Inspection"] * 2)
    >>> m.index
    {'inspection_date': 0, 'event_type': 1}
    >>> map_columns(["URN", "urn "]).conflicts[0].columns
    (0, 1)
    """
    groups = list(group_header or [])
    groups += [""] * (len(header) - len(groups))
    out = ColumnMap(list(header))
    claims: dict[str, list[tuple[int, bool]]] = {}
    for i, name in enumerate(header):
        hit = _match(str(name), str(groups[i]))
        if hit is None:
            out.unknown.append(name)
            out.unknown_columns.append(i)
            continue
        claims.setdefault(hit[0], []).append((i, hit[1]))
    for meaning, cols in claims.items():
        best = min(cols, key=lambda c: (c[1], c[0]))  # exact first, then leftmost
        out.index[meaning] = best[0]
        if best[1]:
            out.fuzzy[meaning] = header[best[0]]
        if len(cols) > 1:
            order = [best[0]] + [c[0] for c in cols if c[0] != best[0]]
            out.conflicts.append(Conflict(meaning, tuple(order),
                                          tuple(header[c] for c in order)))
    out.index = dict(sorted(out.index.items(), key=lambda kv: kv[1]))
    return out


def recognise(table: Table) -> str | None:
    """Which kind of Ofsted file `table` is, judged by its columns (not its file name):
    SNAPSHOT (URN, provision type, inspection columns), PROVIDER_LIST (URN, provision type,
    owner, no inspection columns), JOINERS_LEAVERS (URN, joiner/leaver status), else None.
    """
    got = map_columns(table.header, table.group_header).index
    if "urn" not in got:
        return None
    if "joiner_status" in got or "leaver_status" in got:
        return JOINERS_LEAVERS
    if "provision_type" in got and any(m in INSPECTION_MEANINGS for m in got):
        return SNAPSHOT
    if "provision_type" in got and "owner" in got:
        return PROVIDER_LIST
    return None


def _dates_in(text: str) -> list[date]:
    found = []
    for day, month, year in _DATE_TEXT.findall(text):
        mon = _MONTHS.get(month[:3].lower())
        if mon is None:
            continue
        last = calendar.monthrange(int(year), mon)[1]
        d = int(day) if day else last
        if 1 <= d <= last:
            found.append(date(int(year), mon, d))
    return found


def snapshot_date(table: Table) -> date | None:
    """The "as at" date the file describes, from its CONTENT: the first date in the title
    preamble ("… as at 31 March 2024", "… at 31 Mar 2022"; a month without a day means
    its last day), else the latest "at <date>" in a column name ("Registration status at
    31 March 2019"), else None — the caller may then fall back to the file name.
    """
    for line in table.preamble:
        found = _dates_in(line)
        if found:
            return found[0]
    found = [d for name in table.header for d in _dates_in(name)]
    return max(found) if found else None
