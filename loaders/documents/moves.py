"""Stated moves of managers between homes, one sentence at a time.

A move sentence has a management role in its subject ("The Manager of this Home", "The
recently appointed Interim manager", "a Manager from a better performing home"), a move
verb ("moved", "transferred", "redeployed", "seconded") and usually a destination. Where
the person comes from and goes to is given as:

- ``("ref", HomeRef)``: a home the sentence names ("to Home A (SC036243)");
- ``("here", None)``: the home the passage is about ("of this Home", "moved to this Home",
  "moved in", or no origin at all);
- ``("unnamed", phrase)``: a home the source does not identify ("from a better performing
  home", "to another children's home").

Dates: "after D" / "since D" give the earliest day, "before D" / "by D" the latest, "on D"
/ "in D" the day or the span. A sentence with no date is bounded by the caller (the latest
date its section states before it: "has since moved" cannot predate it).
Plural subjects ("existing Managers are moved around") and staff who are not managers
("One member of staff was moved") are not read as moves of a person.

>>> from loaders.documents.mentions import HomeIndex
>>> text = ("The recently appointed Interim manager was then moved to Home B (SC036109) "
...         "after 23 January 2020")
>>> m = find_move(text, 0, len(text), HomeIndex(text).refs())
>>> m.role, m.origin, m.destination[1].urn, m.earliest, m.latest
('interim manager', ('here', None), 'SC036109', '2020-01-23', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.dates import find_dates
from loaders.documents.mentions import HomeRef
from loaders.documents.people import TOKEN, clean_name

_VERB = re.compile(r"\b(?:moved|transferred|redeployed|seconded|relocated)\b"
                   r"(?P<prep>\s+(?:in\s+to|into|in|to|across\s+to|over\s+to|back\s+to))?",
                   re.IGNORECASE)
_ROLE = re.compile(r"\b(?P<role>(?:(?:registered|acting|interim|deputy|home|assistant)\s+)*"
                   r"manager|responsible individual|head of care)\b(?!s)", re.IGNORECASE)
_HERE = re.compile(r"\b(?:this|the)\s+(?:children['’]s\s+)?home\b|\bhere\b", re.IGNORECASE)
_UNNAMED = re.compile(r"\b(?:a|an|another|other|one)\b[^,.;]{0,40}?\b(?:children['’]s\s+)?"
                      r"home\b", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\b", re.IGNORECASE)
_LEAD_CLAUSE = re.compile(r"^.*?,\s+(?=(?:the|a|an|one|another|[A-Z]))", re.IGNORECASE)
_AUX = r"(?:has|had|have|was|were|is|been|then|since|now|recently|subsequently|later|also|being)"
_ROLE_TO_VERB = re.compile(rf"^(?:\s+(?:of|from|at|in)\s+[^,;]{{0,60}}?)?\s*(?:,[^,]{{0,80}},)?"
                           rf"\s*(?:{_AUX}\s+)*$", re.IGNORECASE)
_TRAILING_AUX = re.compile(rf"(?:\s+{_AUX})+\s*$", re.IGNORECASE)
_BOUND_WORD = re.compile(r"\b(?P<w>after|since|from|before|by|until|on|in|during)\s+(?:the\s+)?$",
                         re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MoveStatement:
    """One sentence stating that a manager moved; offsets are into the whole text."""

    start: int
    end: int
    role: str
    name: str | None
    origin: tuple[str, object]
    destination: tuple[str, object]
    date: str | None
    earliest: str | None
    latest: str | None


def _place(part: str, offset: int, refs: list[HomeRef], moved_in: bool,
           origin: bool) -> tuple[str, object]:
    inside = [r for r in refs if offset <= r.start < offset + len(part)]
    if inside:
        return ("ref", inside[0])
    if origin:
        m = _FROM.search(part)
        tail = part[m.end():] if m else ""
        if m and _UNNAMED.search(tail):
            return ("unnamed", " ".join(_TRAILING_AUX.sub("", tail).split()))
        return ("here", None)
    if _HERE.search(part) or moved_in:
        return ("here", None)
    m = _UNNAMED.search(part)
    return ("unnamed", " ".join(m.group().split())) if m else ("none", None)


def _dates(text: str, start: int, end: int) -> tuple[str | None, str | None, str | None]:
    date = earliest = latest = None
    for mention in find_dates(text[start:end]):
        at = start + mention.start
        word = _BOUND_WORD.search(text[max(start, at - 14):at])
        kind = word.group("w").casefold() if word else "on"
        first, last = mention.range.start.isoformat(), mention.range.end.isoformat()
        if kind in ("after", "since", "from"):
            earliest = first
        elif kind in ("before", "by", "until"):
            latest = last
        elif mention.range.precision == "day" and first == last:
            date = first
        else:
            earliest, latest = first, last
    return date, earliest, latest


def find_move(text: str, start: int, end: int, refs: list[HomeRef]) -> MoveStatement | None:
    """The move the sentence ``text[start:end]`` states, or ``None``."""
    verb = _VERB.search(text, start, end)
    if verb is None:
        return None
    subject = text[start:verb.start()]
    lead = _LEAD_CLAUSE.match(subject)
    subject_offset = start + (lead.end() if lead and _ROLE.search(subject[lead.end():]) else 0)
    subject = text[subject_offset:verb.start()]
    roles = list(_ROLE.finditer(subject))
    if not roles or not _ROLE_TO_VERB.match(subject[roles[-1].end():]):
        return None  # the role is not the subject of the move verb
    role = roles[-1]
    name = None
    for m in re.finditer(rf"{TOKEN}(?:\s+{TOKEN}){{1,3}}", subject):
        name = name or clean_name(" ".join(m.group().split()))
    prep = (verb.group("prep") or "").casefold().split()
    moved_in = bool(prep) and prep[0] in ("in", "into")
    rest_start = verb.end()
    origin = _place(subject, subject_offset, refs, False, True)
    destination = _place(text[rest_start:end], rest_start, refs, moved_in, False)
    date, earliest, latest = _dates(text, start, end)
    return MoveStatement(start, end, " ".join(role.group("role").casefold().split()), name,
                         origin, destination, date, earliest, latest)


def compatible(role_a: str, role_b: str) -> bool:
    """Whether two statements' roles can be one person's: a manager, an interim or acting
    manager are; a deputy manager and a manager are not.

    >>> compatible("manager", "interim manager"), compatible("deputy manager", "manager")
    (True, False)
    """
    deputy_a, deputy_b = "deputy" in role_a, "deputy" in role_b
    return deputy_a == deputy_b and ("manager" in role_a) == ("manager" in role_b)
