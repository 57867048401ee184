"""Ofsted's provider-level statistics: yearly snapshots (2015-2024) and the 2018 list of
providers with their owners.

Each row gives a Home (by URN), its Council, its owner (a Provider that RUNS it), and
the latest full inspection (the 2024 file also the previous one) as an Inspection OF the
home. Columns are found by meaning (``loaders.ofsted_columns``); unknown columns are
reported, never fatal. Inspections are reconciled across files later
(``graph.resolve.ofsted``).

Date conventions (README of the data): the 2016-2018 files give an inspection's last
day, 2015 and 2019 onwards its first day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph.errors import SourceError
from graph.ids import (
    council_id,
    council_provider_id,
    home_id,
    inspection_id,
    legacy_inspection_id,
    make_id,
    provider_id,
)
from graph.judgements import map_judgement
from graph.names import company_number, is_council_name
from graph.records import Edge, Node, Provenance, Record, Reject, Summary
from loaders.base import Source, has_table_header, looks_like_csv
from loaders.ofsted_columns import PROVIDER_LIST, SNAPSHOT, recognise
from loaders.ofsted_common import (
    REDACTED,
    OfstedTable,
    RowReader,
    home_records,
    open_table,
    row_urn,
)
from loaders.tabular import Row

KIND = "ofsted-provider-level"
LAST_DAY_YEARS = frozenset({2016, 2017, 2018})
JUDGEMENT_AREAS = ("overall", "outcomes_children", "outcomes_education", "quality_of_care",
                   "safety", "leadership", "health_services")
_SCIENTIFIC = re.compile(r"^(\d)(?:\.(\d+))?E\+?(\d+)$", re.IGNORECASE)


def sniff(source: Source) -> bool:
    head = source.head_text
    return (looks_like_csv(head) or has_table_header(head)) and "URN" in head \
        and "Provision type" in head and "Leaver status" not in head \
        and "Joiner status" not in head


def load(source: Source) -> Iterator[Record]:
    t = open_table(source, "snapshot")
    kind = recognise(t.table)
    if kind not in (SNAPSHOT, PROVIDER_LIST):
        raise SourceError(source.name, "not an Ofsted provider-level file (no URN, provision "
                          "type and inspection or owner columns found)")
    yield from t.notices
    summary = Summary(source.name, kind, rows_read=len(t.table.rows),
                      blank_rows=t.table.blank_rows, detail=t.detail())
    seen: dict[str, int] = {}
    for row in t.table.rows:
        urn, reject = row_urn(t, row)
        if reject is None and urn in seen:
            reject = Reject(source.name, f"line {row.line}",
                            f"duplicate URN {urn} (first at line {seen[urn]})")
        if reject is not None:
            summary.rows_rejected += 1
            yield reject
            continue
        seen[urn] = row.line
        r = RowReader(t, row)
        seen_in = ({"first_seen": t.as_of, "last_seen": t.as_of, "snapshots": [t.as_of]}
                   if kind == SNAPSHOT else {})
        yield from home_records(t, row, r, urn, "ofsted-provider-row", **seen_in)
        if kind == SNAPSHOT:
            yield from _inspection(t, row, r, urn, "")
            yield from _inspection(t, row, r, urn, "previous_")
        yield from _owner(t, row, r, urn)
        yield from r.rejects
        summary.rows_used += 1
    yield summary


def _owner(t: OfstedTable, row: Row, r: RowReader, urn: str) -> Iterator[Record]:
    owner = r.text("owner")
    home_sector = r.text("sector") or ""
    authority = r.text("local_authority")
    if owner and owner != REDACTED:
        pid = provider_id(owner)
        prov = t.prov(row, "ofsted-owner-column")
        props = {"name": owner, "names": [owner], "norm_name": pid.split(":", 1)[1],
                 "sector": home_sector or None, "company_number": company_number(owner)}
        provider = Node("Provider", pid, props, prov, t.as_of)
        if not t.repeats(provider):
            yield provider
        yield Edge("RUNS", pid, home_id(urn), {"observed": [t.as_of]}, prov, t.as_of)
        if is_council_name(owner):
            is_council = Edge("IS_COUNCIL", pid, council_id(owner), {}, prov, t.as_of)
            if not t.repeats(is_council):
                yield is_council
    elif "owner" not in t.columns and home_sector.lower() == "local authority" and authority:
        pid = council_provider_id(authority)
        prov = Provenance(t.source.name, f"line {row.line}", rule="la-sector-implies-council",
                          confidence=0.8)
        council_run = [Node("Provider", pid, {"name": f"{authority} (local authority)",
                                              "norm_name": pid.split(":", 1)[1],
                                              "sector": "Local Authority"}, prov, "0000"),
                       Edge("IS_COUNCIL", pid, council_id(authority), {}, prov, t.as_of)]
        yield from (record for record in council_run if not t.repeats(record))
        yield Edge("RUNS", pid, home_id(urn), {"inferred_observed": [t.as_of]}, prov, t.as_of)


def event_number(written: str) -> tuple[str | None, str | None]:
    """(event number, mangled form): ``'10049675'`` → (that, None); ``'1.0049675E+07'``
    is restored; ``'1.02E+07'`` lost digits, so → (None, '1.02E+07').

    >>> event_number("10049675"), event_number("1.0049675E+07"), event_number("1.02E+07")
    (('10049675', None), ('10049675', None), (None, '1.02E+07'))
    """
    text = written.strip()
    if re.fullmatch(r"\d+(\.0+)?", text):
        return text.split(".")[0], None
    match = _SCIENTIFIC.match(text)
    if match:
        whole, fraction, exponent = match.group(1), match.group(2) or "", int(match.group(3))
        if len(fraction) >= exponent and not fraction[exponent:].strip("0"):
            return str(int(whole + fraction[:exponent])), None
        return None, text
    return (text or None), None


def _inspection(t: OfstedTable, row: Row, r: RowReader, urn: str,
                block: str) -> Iterator[Record]:
    written_event = r.text(block + "event_number") or ""
    legacy = r.text(block + "legacy_inspection_id")
    date = r.date(block + "inspection_date")
    if not (written_event or legacy or date):
        return
    event, mangled = event_number(written_event)
    if event:
        iid = inspection_id(event)
    elif legacy:
        iid = legacy_inspection_id(legacy)
    elif date:
        iid = make_id("Inspection", f"{urn}:{date}:statistics")
    else:
        yield Reject(t.source.name, f"line {row.line}", "inspection without event number "
                     "or date (left out)")
        return
    judgements, scores = {}, {}
    for area in JUDGEMENT_AREAS:
        wording = r.text(block + area)
        if not wording:
            continue
        judgements[area] = wording
        mapped = map_judgement(wording)
        if mapped is None:
            yield Reject(t.source.name, f"line {row.line}", f"judgement {wording!r} is outside "
                         "Ofsted's vocabulary (kept as written, no score)")
        elif mapped.score is not None:
            scores[area] = mapped.score
    overall = map_judgement(judgements.get("overall"))
    day_key = "end_date" if t.year in LAST_DAY_YEARS else "start_date"
    label = "previous" if block else "latest"
    props = {
        "event": event,
        "legacy_id": legacy if not event else None,
        "event_mangled": mangled,
        "type": r.text(block + "event_type"),
        day_key: date,
        "publication_date": r.date(block + "publication_date"),
        "overall": judgements.get("overall"),
        "overall_score": overall.score if overall else None,
        "scale": overall.scale if overall else None,
        "judgements": judgements,
        "scores": scores,
        "subject": "home",
        "source_kind": "statistics",
        "history": {f"{t.year}{'-previous' if block else ''}": {
            "overall": judgements.get("overall"), "date": date, "file": t.source.name,
            "line": row.line, "type": r.text(block + "event_type")}},
    }
    prov = t.prov(row, f"ofsted-{label}-inspection")
    yield Node("Inspection", iid, props, prov, t.as_of)
    yield Edge("OF", iid, home_id(urn), {}, prov, t.as_of)

