"""What the Ofsted statistics loaders share: reading a table with its notices, the date a
file speaks for, cell parsing, and the home and council records every row gives."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from graph.errors import SourceError
from graph.ids import council_id, home_id
from graph.names import normalise_urn
from graph.records import Edge, Node, Notice, Provenance, Reject
from loaders.base import Source
from loaders.ofsted_columns import ColumnMap, map_columns, snapshot_date
from loaders.tabular import Row, Table, read_table

REDACTED = "REDACTED"
_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_SECTORS = {"local authority": "Local Authority", "private": "Private",
            "voluntary": "Voluntary", "health authority": "Health Authority"}


class CellError(ValueError):
    """A cell that cannot be read as its column's type."""


@lru_cache(maxsize=65536)
def uk_date(text: str) -> str | None:
    """``dd/mm/yyyy`` (or ISO) as an ISO date; empty and NULL give None.

    >>> uk_date("08/01/2019"), uk_date(""), uk_date("2019-01-08")
    ('2019-01-08', None, '2019-01-08')
    >>> uk_date("31/02/2019")
    Traceback (most recent call last):
    ...
    loaders.ofsted_common.CellError: impossible date '31/02/2019'
    """
    text = text.strip()
    if not text or text.upper() in ("NULL", "N/A", "NA", "-"):
        return None
    parts = re.split(r"[/.\-]", text)
    try:
        if len(parts) == 3 and len(parts[0]) == 4:
            year, month, day = (int(p) for p in parts)
        elif len(parts) == 3:
            day, month, year = (int(p) for p in parts)
            if year < 100:
                year += 2000
        else:
            raise CellError(f"not a date {text!r}")
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise CellError(f"impossible date {text!r}") from None


@lru_cache(maxsize=4096)
def whole_number(text: str) -> int | None:
    text = text.strip()
    if not text or text.upper() == "NULL":
        return None
    try:
        return int(float(text)) if re.fullmatch(r"-?\d+(\.0+)?", text) else int(text)
    except ValueError:
        raise CellError(f"not a whole number {text!r}") from None


def sector(text: str) -> str | None:
    text = " ".join(text.split())
    return _SECTORS.get(text.lower(), text) if text else None


@dataclass
class OfstedTable:
    """A read table, its column map, the date it speaks for, and what to tell the user."""

    source: Source
    table: Table
    columns: ColumnMap
    as_of: str
    year: int
    notices: list[Notice] = field(default_factory=list)
    _last: dict[str, tuple] = field(default_factory=dict, repr=False)

    def repeats(self, record: Node | Edge) -> bool:
        """True when ``record`` says again what this file's previous record for the same
        node or relationship said (the same properties, as of the same date): a council
        or owner named on every row is then one record per file, not one per row, and
        the merged graph is the same (docs/benchmarks.md)."""
        said = (record.props, record.as_of)
        if self._last.get(record.id) == said:
            return True
        self._last[record.id] = said
        return False

    def detail(self) -> dict[str, object]:
        """What the summary records about the file itself."""
        return {"as_of": self.as_of, "encoding": self.table.encoding,
                "header_line": self.table.header_line, "columns": len(self.table.header),
                "unknown_columns": self.columns.unknown}

    def prov(self, row: Row, rule: str) -> Provenance:
        return Provenance(self.source.name, f"line {row.line}", rule=rule)


def open_table(source: Source, kind_label: str) -> OfstedTable:
    table = read_table(source.path)
    if not table.rows:
        raise SourceError(source.name, f"no data rows below the header (line "
                          f"{table.header_line}): nothing to load")
    columns = map_columns(table.header, table.group_header)
    notices = []
    as_of_date = snapshot_date(table)
    if as_of_date is None:
        match = _YEAR_IN_NAME.search(source.path.name)
        if match:
            as_of_date = dt.date(int(match.group(1)), 3, 31)
            notices.append(Notice(source.name, f"{kind_label} date taken from the file name: "
                                  f"{as_of_date.isoformat()}"))
    if as_of_date is None:
        as_of_date = _infer_as_of(table, columns)
        notices.append(Notice(source.name, "no 'as at' date in the file or its name; inferred "
                              f"{as_of_date.isoformat()} from the latest date in it"))
    if columns.unknown:
        notices.append(Notice(source.name, "columns with no known meaning (kept out of the "
                              "graph): " + ", ".join(repr(c) for c in columns.unknown)))
    for conflict in columns.conflicts:
        notices.append(Notice(source.name, f"several columns mean {conflict.meaning}: "
                              f"{conflict.names}; the first is used"))
    for meaning, written in columns.fuzzy.items():
        notices.append(Notice(source.name, f"column {written!r} read as {meaning} (near match)"))
    for problem in table.problems:
        notices.append(Notice(source.name, problem.message, f"line {problem.line}"))
    return OfstedTable(source, table, columns, as_of_date.isoformat(), as_of_date.year, notices)


def _infer_as_of(table: Table, columns: ColumnMap) -> dt.date:
    latest = dt.date(2000, 3, 31)
    for row in table.rows:
        for meaning in ("inspection_date", "registration_date"):
            try:
                value = uk_date(columns.value(row.cells, meaning))
            except CellError:
                continue
            if value and value > latest.isoformat():
                latest = dt.date.fromisoformat(value)
    year = latest.year + (1 if (latest.month, latest.day) > (3, 31) else 0)
    return dt.date(year, 3, 31)


def row_urn(t: OfstedTable, row: Row) -> tuple[str | None, Reject | None]:
    written = t.columns.value(row.cells, "urn")
    urn = normalise_urn(written)
    if urn is None:
        reason = f"no valid URN ({written!r})" if written else "no URN"
        return None, Reject(t.source.name, f"line {row.line}", reason)
    return urn, None


class RowReader:
    """Reads typed values from one row; bad cells are dropped and reported, not fatal."""

    def __init__(self, t: OfstedTable, row: Row) -> None:
        self.t, self.row = t, row
        self.cells, self.index = row.cells, t.columns.index
        self.rejects: list[Reject] = []

    def raw(self, meaning: str) -> str:
        i = self.index.get(meaning)
        return self.cells[i] if i is not None and i < len(self.cells) else ""

    def text(self, meaning: str) -> str | None:
        value = self.raw(meaning)
        if "  " in value or "\n" in value or "\t" in value:
            value = " ".join(value.split())
        return value or None

    def _typed(self, meaning: str, parse) -> object | None:
        raw = self.raw(meaning)
        try:
            return parse(raw)
        except CellError as exc:
            header = self.t.table.header[self.t.columns.index[meaning]]
            self.rejects.append(Reject(self.t.source.name, f"line {self.row.line}",
                                       f"{header}: {exc} (value left out)"))
            return None

    def date(self, meaning: str) -> str | None:
        return self._typed(meaning, uk_date)  # type: ignore[return-value]

    def number(self, meaning: str) -> int | None:
        return self._typed(meaning, whole_number)  # type: ignore[return-value]


def home_records(t: OfstedTable, row: Row, r: RowReader, urn: str,
                 rule: str, **more: object) -> Iterator[Node | Edge]:
    """The Home (with ``more`` properties), its Council and LOCATED_IN from the columns
    every Ofsted list shares."""
    prov = t.prov(row, rule)
    name = r.text("setting_name")
    status = r.text("registration_status_end") or r.text("registration_status")
    places = r.number("places")
    year = str(t.year)
    props = {
        "urn": urn,
        "name": None if name == REDACTED else name,
        "provision_type": r.text("provision_type"),
        "places": places,
        "sector": sector(r.text("sector") or ""),
        "registration_date": r.date("registration_date"),
        "status": status,
        "status_by_year": {year: status} if status else None,
        "places_by_year": {year: places} if places is not None else None,
        "region": r.text("region"),
        "ofsted_region": r.text("ofsted_region"),
        "local_authority": r.text("local_authority"),
        "constituency": r.text("constituency"),
        "linked_education_urn": normalise_urn(r.text("linked_education_urn")),
        "short_breaks_only": r.text("short_breaks_only"),
        **more,
    }
    hid = home_id(urn)
    yield Node("Home", hid, props, prov, t.as_of)
    authority = props["local_authority"]
    if authority and authority != REDACTED:
        cid = council_id(authority)
        council = Node("Council", cid, {"name": authority, "region": props["region"],
                                        "ofsted_region": props["ofsted_region"]}, prov, t.as_of)
        if not t.repeats(council):
            yield council
        yield Edge("LOCATED_IN", hid, cid, {"observed": [t.as_of]}, prov, t.as_of)
