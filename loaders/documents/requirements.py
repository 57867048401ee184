"""Statutory requirements out of a report's "Requirement / Due date" table.

The table reaches us in many shapes: tab-separated cells, HTML ``<p>`` fragments left in
the text, a requirement's text split over two rows with its due date on the first, a PDF
that wraps every cell. So the table is read as one stream of words (tags dropped, all
whitespace one space) and cut after each regulation reference ("(Regulation 12(1)(2)(a))",
a trailing "*" marking a requirement under a compliance notice). A due date right after the
reference belongs to that requirement; otherwise a date written as a table cell ("25
October 2020", never "1st April 2014") inside its text is its due date.

>>> table = ("Requirement\\tDue date\\nStaff must ... (Regulation 5(b))\\t25 October 2020\\n"
...          "<p>The protection ... standard.</p>\\t04 October 2020\\n<p>In particular ... "
...          "(Regulation 12(1)(2)(a))*</p>\\t\\n*These requirements are subject to a "
...          "compliance notice.")
>>> [(r.regulation, r.number, r.due, r.compliance_notice) for r in requirements(table)]
[('Regulation 5(b)', 5, '2020-10-25', False), ('Regulation 12(1)(2)(a)', 12, '2020-10-04', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.dates import parse_date

_HEADER = re.compile(r"Requirements?\s+Due\s+date", re.IGNORECASE)
_END = re.compile(r"^\s*(?:\*\s*These requirements|Recommendations?\s*$|Children['’]s home "
                  r"details|Information about this (?:inspection|children['’]s home)|"
                  r"Inspection report for)", re.IGNORECASE | re.MULTILINE)
_REGULATION = re.compile(r"\((?P<ref>Regulations?\s+(?P<num>\d+)\s*(?:\([^()]*\)\s*)*)\)"
                         r"(?P<star>\s*\*)?")
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
           r"December)")
_CELL_DATE = re.compile(rf"(?<![\w,])\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}(?!\w)")
_NOTICE_NOTE = re.compile(r"\*\s*These requirements are subject to a compliance notice",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One requirement: its text, regulation, due date and where it starts in the text."""

    index: int
    text: str
    regulation: str
    number: int
    due: str | None
    compliance_notice: bool
    offset: int


def _flatten(section: str, base: int) -> tuple[str, list[int]]:
    """The section as one line of words, and each character's offset in the text."""
    chars: list[str] = []
    offsets: list[int] = []
    for m in re.finditer(r"<[^<>]{0,20}>|\s+|[^\s<]+|<", section):
        piece = m.group()
        if (piece.startswith("<") and piece.endswith(">")) or piece.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                offsets.append(base + m.start())
            continue
        chars.extend(piece)
        offsets.extend(range(base + m.start(), base + m.end()))
    return "".join(chars), offsets


def _iso(text: str) -> str | None:
    day = parse_date(text)
    return day.isoformat() if day else None


def requirements(text: str) -> list[Requirement]:
    """Every requirement of the first requirements table in ``text`` (none: ``[]``)."""
    header = _HEADER.search(text)
    if header is None:
        return []
    end = _END.search(text, header.end())
    stop = end.start() if end else len(text)
    flat, offsets = _flatten(text[header.end():stop], header.end())
    noted = bool(_NOTICE_NOTE.search(text))
    out: list[Requirement] = []
    pos = 0
    for m in _REGULATION.finditer(flat):
        body = flat[pos:m.start()]
        after = _CELL_DATE.match(flat, m.end() + (1 if flat[m.end():m.end() + 1] == " " else 0))
        if after:
            due, next_pos = after.group(), after.end()
        else:
            inside = _CELL_DATE.search(body)
            due, next_pos = (inside.group() if inside else None), m.end()
            if inside:
                body = body[:inside.start()] + body[inside.end():]
        lead = len(body) - len(body.lstrip())
        offset = offsets[min(pos + lead, len(offsets) - 1)] if offsets else header.end()
        out.append(Requirement(
            index=len(out) + 1, text=" ".join(body.split()),
            regulation=" ".join(m.group("ref").split()), number=int(m.group("num")),
            due=_iso(due) if due else None,
            compliance_notice=bool(m.group("star")) and noted, offset=offset))
        pos = next_pos
    return out
