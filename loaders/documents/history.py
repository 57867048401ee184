"""The management history a report states about a home, sentence by sentence.

- "no registered manager since July 2019": the post has been vacant since then;
- "a new manager has been in post since February 2020": an (unnamed) manager's tenure
  began then;
- "One manager was appointed and left before he was registered": an (unnamed) manager
  whose tenure lies between the vacancy and the next manager's start.

>>> text = ("There has been no registered manager since July 2019. One manager was appointed "
...         "and left before he was registered with Ofsted. A new manager has been in post "
...         "since February 2020 and has applied to Ofsted to register.")
>>> for f in management_history(text):
...     print(f.kind, f.from_earliest, f.from_latest, f.to_latest)
vacant 2019-07-01 2019-07-31 None
appointed-and-left 2019-07-01 None 2020-02-29
in-post 2020-02-01 2020-02-29 None
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from loaders.dates import find_dates
from loaders.documents.passages import Sentences

_VACANT = re.compile(r"\bno registered manager (?:in post )?(?:since|from)\b", re.IGNORECASE)
_IN_POST = re.compile(r"\b(?:a|the)\s+(?:new\s+|current\s+)?(?P<role>(?:registered\s+|acting\s+|"
                      r"interim\s+)?manager)\s+(?:has\s+been|was|is)\s+(?:in\s+post|appointed|"
                      r"in\s+place)\s+(?:since|from|in|on)\b", re.IGNORECASE)
_LEFT = re.compile(r"\b(?:one|a|another|an)\s+(?P<role>(?:acting\s+|interim\s+)?manager)\s+was\s+"
                   r"appointed\s+and\s+(?:then\s+)?(?:left|resigned|departed)\b", re.IGNORECASE)
_REGISTER = re.compile(r"\bapplied to (?:Ofsted to )?register\b|\bregistration is pending\b",
                       re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HistoryFact:
    """One stated fact of a home's management history; offsets of its sentence."""

    kind: str  # vacant | in-post | appointed-and-left
    start: int
    end: int
    quote: str
    role: str = "manager"
    from_earliest: str | None = None
    from_latest: str | None = None
    to_earliest: str | None = None
    to_latest: str | None = None
    applied_to_register: bool = False


def _first_date_after(text: str, offset: int):
    found = find_dates(text[offset:])
    return found[0].range if found else None


def management_history(text: str, sentences: Sentences | None = None) -> list[HistoryFact]:
    """The history facts of ``text`` in order; an appointed-and-left manager is bounded by
    the vacancy before and the next manager's start after."""
    facts: list[HistoryFact] = []
    for s in sentences or Sentences(text):
        piece = text[s.start:s.end]
        for pattern, kind in ((_VACANT, "vacant"), (_LEFT, "appointed-and-left"),
                              (_IN_POST, "in-post")):
            m = pattern.search(piece)
            if m is None:
                continue
            role = " ".join(m.groupdict().get("role", "manager").casefold().split())
            span = _first_date_after(piece, m.end()) if kind != "appointed-and-left" else None
            facts.append(HistoryFact(
                kind, s.start, s.end, s.text, role,
                from_earliest=span.start.isoformat() if span else None,
                from_latest=span.end.isoformat() if span else None,
                applied_to_register=bool(_REGISTER.search(piece)) and kind == "in-post"))
    vacancy = next((f for f in facts if f.kind == "vacant"), None)
    arrival = next((f for f in facts if f.kind == "in-post"), None)
    return [replace(f, from_earliest=vacancy.from_earliest if vacancy else None,
                    to_latest=arrival.from_latest if arrival else None)
            if f.kind == "appointed-and-left" else f for f in facts]
