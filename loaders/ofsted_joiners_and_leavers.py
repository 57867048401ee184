"""Ofsted's joiners and leavers lists: settings that registered, resigned or closed in the
year to 31 March. Each row updates a Home (registration date; for leavers the closure
date and status) and its Council; leavers' dates bound the last ownership spell."""

from __future__ import annotations

from collections.abc import Iterator

from graph.errors import SourceError
from graph.ids import home_id
from graph.records import Node, Record, Summary
from loaders.base import Source, has_table_header, looks_like_csv
from loaders.ofsted_columns import JOINERS_LEAVERS, LEAVING_DATE_MEANINGS, recognise
from loaders.ofsted_common import RowReader, home_records, open_table, row_urn

KIND = "ofsted-joiners-leavers"


def sniff(source: Source) -> bool:
    head = source.head_text
    return (looks_like_csv(head) or has_table_header(head)) and "URN" in head and (
        "Leaver status" in head or "Joiner status" in head)


def load(source: Source) -> Iterator[Record]:
    t = open_table(source, "list")
    if recognise(t.table) != JOINERS_LEAVERS:
        raise SourceError(source.name, "not an Ofsted joiners/leavers list (no URN with "
                          "joiner or leaver status columns found)")
    yield from t.notices
    summary = Summary(source.name, JOINERS_LEAVERS, rows_read=len(t.table.rows),
                      blank_rows=t.table.blank_rows, detail=t.detail())
    for row in t.table.rows:
        urn, reject = row_urn(t, row)
        if reject is not None:
            summary.rows_rejected += 1
            yield reject
            continue
        r = RowReader(t, row)
        yield from home_records(t, row, r, urn, "ofsted-joiners-leavers-row")
        if (r.text("leaver_status") or "").lower() == "leaver":
            closed = next((d for d in map(r.date, LEAVING_DATE_MEANINGS) if d), None)
            if closed:
                yield Node("Home", home_id(urn), {"closure_date": closed},
                           t.prov(row, "ofsted-leaver"), t.as_of)
        yield from r.rejects
        summary.rows_used += 1
    yield summary
