"""Narrative documents: blog posts, council papers, news about homes.

Read sentence by sentence: the homes mentioned (by URN, by an alias bound to a URN, by
name), the sections a heading opens ("HOME A (SC036243)": "this Home" and "it" below are
that home), dated rating claims, stated moves of managers, and named people with the role
and place a list or apposition gives them.

A move with no date of its own is bounded by its section: "has since moved" cannot be
earlier than the latest date the section states before it. Two statements of the same
move in one document (same homes, compatible roles: "The recently appointed Interim
manager was then moved to Home B", then under Home B "The Manager from Home A was moved to
this Home") are one move by one person, with both quotes. A manager "moved in" from a home
the source does not name starts a tenure, but makes no move.

>>> import tempfile, pathlib
>>> from loaders.base import Source
>>> from loaders.text import extract_text
>>> p = pathlib.Path(tempfile.mkdtemp()) / "blog"
>>> _ = p.write_text("Derby City Council homes\\n\\nHOME C (SC488596)\\n\\nAt the 12 November "
...     "2019 inspection it was rated INADEQUATE.\\n\\nThe Manager of this Home has since moved "
...     "to Home A (SC036243)\\n")
>>> doc = DocumentRecords(Source(p, "blog"), extract_text(p))
>>> extract(doc)
>>> [(e.type, e.src, e.dst, e.props.get("earliest") or e.props.get("date"))
...  for e in doc.records if getattr(e, "type", "") in ("CLAIMS", "STAFF_MOVE")]
... # doctest: +NORMALIZE_WHITESPACE
[('CLAIMS', 'document:...', 'home:SC488596', '2019-11-12'),
 ('STAFF_MOVE', 'home:SC488596', 'home:SC036243', '2019-11-12')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.names import parse_person
from loaders.dates import DateMention, find_dates
from loaders.documents import people, staff
from loaders.documents.claims import find_claims
from loaders.documents.emit import DocumentRecords
from loaders.documents.mentions import HomeIndex, HomeRef, council_mentions, councils
from loaders.documents.moves import MoveStatement, compatible, find_move
from loaders.documents.passages import Passage

KIND = "narrative"
_TERMINAL = re.compile(r"[.!?;]['\"’”)]*$")
_VISIT = re.compile(r"\b(?:review|visit|inspection|monitoring)\b", re.IGNORECASE)


@dataclass
class _Move:
    origin: tuple[str, object]
    destination: tuple[str, object]
    role: str
    name: str | None
    date: str | None
    earliest: str | None
    latest: str | None
    offsets: list[int] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)


class _Reading:
    """One narrative document being read: its homes, sections and dates."""

    def __init__(self, doc: DocumentRecords) -> None:
        self.doc, self.text = doc, doc.text
        self.homes = HomeIndex(self.text)
        self.refs = self.homes.refs()
        self.dates: list[DateMention] = list(find_dates(self.text))
        self.ids: dict[str, str] = {}
        self.urn_written: dict[str, str] = {}
        self.sections: list[tuple[int, int, HomeRef]] = []

    def home(self, ref: HomeRef) -> str:
        if ref.key not in self.ids:
            self.ids[ref.key] = self.doc.home(ref)
        if ref.urn and ref.key not in self.urn_written:
            written = ref.as_written
            if "(" in written:
                written = written[written.index("(") + 1:].rstrip(") ")
            if not ref.alias or "(" in ref.as_written:
                self.urn_written[ref.key] = " ".join(written.split())
        return self.ids[ref.key]

    def label(self, ref: HomeRef) -> str:
        return ref.urn or ref.name or ref.as_written

    def section_at(self, offset: int) -> tuple[int, int, HomeRef] | None:
        return next((s for s in self.sections if s[0] <= offset < s[1]), None)

    def bound_before(self, offset: int) -> str | None:
        """The latest date stated before ``offset`` in its section (or the 2,000
        characters before it outside any section)."""
        section = self.section_at(offset)
        low = section[0] if section else max(0, offset - 2000)
        days = [d.range.start.isoformat() for d in self.dates if low <= d.start and
                d.end <= offset]
        return max(days) if days else None


def extract(doc: DocumentRecords) -> None:
    doc.kind = KIND
    r = _Reading(doc)
    main = councils(doc.text)
    cid = None
    if main:
        written, key, _ = main[0]
        doc.council_key = key
        cid = doc.council(written, key, doc.text.index(written))
        doc.found["council"] += 1
        for start, _, shown, ckey in council_mentions(doc.text):
            if ckey == key:
                doc.mention(cid, start, shown, "council-mention")
        doc.used["council"] += 1
    doc.title = _title(doc)
    for ref in r.refs:
        doc.found["home-mention"] += 1
        doc.mention(r.home(ref), ref.start, ref.as_written, "home-mention")
        doc.used["home-mention"] += 1
    r.sections = _sections(doc, r.refs)
    claimed = _claims(r)
    _visits(r, claimed)
    _moves(r)
    staff.read_people(r, cid)


def _title(doc: DocumentRecords) -> str:
    for line in doc.text.splitlines()[:8]:
        line = " ".join(line.split())
        if len(line.split()) >= 4 and len(line) <= 150:
            return line
    for s in doc.sentences:
        if len(s.text.split()) >= 4 and len(s.text) <= 150:
            return s.text
    return doc.sentences.items[0].text[:150] if doc.sentences.items else ""


def _sections(doc: DocumentRecords, refs: list[HomeRef]) -> list[tuple[int, int, HomeRef]]:
    """Headings that are a home reference and little else open a section on that home."""
    heads = []
    for p in doc.sentences.paragraphs:
        if len(p.text) > 60 or _TERMINAL.search(p.text):
            continue
        inside = [ref for ref in refs if p.start <= ref.start < p.end]
        if len(inside) == 1 and len(" ".join(inside[0].as_written.split())) >= len(p.text) / 2:
            heads.append((p.start, inside[0]))
    return [(start, heads[i + 1][0] if i + 1 < len(heads) else len(doc.text), ref)
            for i, (start, ref) in enumerate(heads)]


def _subject(r: _Reading, s: Passage, at: int) -> HomeRef | None:
    inside = [ref for ref in r.refs if s.start <= ref.start < s.end]
    before = [ref for ref in inside if ref.start < at]
    if before:
        return before[-1]
    if inside:
        return inside[0]
    section = r.section_at(s.start)
    return section[2] if section else None


def _claims(r: _Reading) -> set[int]:
    claimed = set()
    for s in r.doc.sentences:
        earlier = [d for d in r.dates if s.start - 800 <= d.start and d.end <= s.start]
        for claim in find_claims(r.text, s.start, s.end, earlier):
            r.doc.found["claim"] += 1
            subject = _subject(r, s, claim.start)
            if claim.date is None or subject is None:
                continue  # undated or about no home: nothing to check it against
            span = claim.date
            hid = r.home(subject)
            r.doc.edge("CLAIMS", r.doc.id, hid, {
                "date": span.start.isoformat(), "precision": span.precision,
                "end_date": span.end.isoformat() if span.precision == "day"
                and span.end != span.start else None,
                "judgement": claim.judgement, "score": claim.meaning.score,
                "scale": claim.meaning.scale, "urn_as_written": r.urn_written.get(subject.key)},
                r.doc.prov(claim.start, "claim", s.text,
                           0.8 if claim.date_rule == "at the time" else 1.0))
            claimed.add(s.start)
            r.doc.used["claim"] += 1
    return claimed


def _visits(r: _Reading, claimed: set[int]) -> None:
    """A dated Ofsted review or visit the text mentions without a judgement."""
    for s in r.doc.sentences:
        section = r.section_at(s.start)
        if s.start in claimed or section is None or not _VISIT.search(s.text) \
                or "ofsted" not in s.text.casefold():
            continue
        if any(d.range.precision == "day" for d in find_dates(s.text)):
            r.doc.found["visit-mention"] += 1
            r.doc.mention(r.home(section[2]), s.start, s.text, "visit-mention")
            r.doc.used["visit-mention"] += 1


def _place(r: _Reading, place: tuple[str, object], offset: int) -> tuple[str, object]:
    kind, value = place
    if kind == "ref":
        return ("home", value)
    if kind == "here":
        section = r.section_at(offset)
        return ("home", section[2]) if section else ("none", None)
    return place


def _moves(r: _Reading) -> None:
    groups: list[_Move] = []
    for s in r.doc.sentences:
        st: MoveStatement | None = find_move(r.text, s.start, s.end, r.refs)
        if st is None:
            continue
        r.doc.found["move"] += 1
        origin, destination = _place(r, st.origin, s.start), _place(r, st.destination, s.start)
        earliest, latest, date = st.earliest, st.latest, st.date
        if not (earliest or latest or date):
            earliest = r.bound_before(s.start)
        move = _Move(origin, destination, st.role, st.name, date, earliest, latest,
                     [s.start], [s.text])
        twin = next((g for g in groups if origin[0] == destination[0] == "home"
                     and g.origin[0] == "home" and g.destination[0] == "home"
                     and g.origin[1].key == origin[1].key
                     and g.destination[1].key == destination[1].key
                     and compatible(g.role, st.role)), None)
        if twin is None:
            groups.append(move)
            continue
        twin.earliest = max(filter(None, [twin.earliest, earliest]), default=None)
        twin.latest = min(filter(None, [twin.latest, latest]), default=None)
        twin.date = twin.date or date
        twin.role = max((twin.role, st.role), key=len)
        twin.name = twin.name or st.name
        twin.offsets.append(s.start)
        twin.quotes.append(s.text)
    for move in groups:
        _emit_move(r, move)


def _when(move: _Move) -> str:
    import datetime as dt

    day = move.date or move.earliest
    if not day:
        return ""
    month = dt.date.fromisoformat(day).strftime("%B %Y")
    return f" ({month})" if move.date else f" (from {month})"


def _emit_move(r: _Reading, move: _Move) -> None:
    doc, family = r.doc, people.role_family(move.role)
    origin = r.home(move.origin[1]) if move.origin[0] == "home" else None
    destination = r.home(move.destination[1]) if move.destination[0] == "home" else None
    if (origin is None and destination is None) or origin == destination:
        return
    where = origin or destination
    at = move.offsets[0]
    if move.name:
        name = parse_person(move.name).display
        person = doc.person(move.name, family, where, move.role, at, "move")
    else:
        o = r.label(move.origin[1]) if origin else None
        d = r.label(move.destination[1]) if destination else None
        if origin and destination:
            name, what = f"unnamed {move.role} of {o}", f"the {move.role} of {o} who moved to {d}"
        elif destination:
            name = f"unnamed {move.role} moved into {d}"
            what = f"a {move.role} moved into {d} from {move.origin[1] or 'another home'}"
        else:
            name = f"unnamed {move.role} of {o}"
            what = f"the {move.role} of {o} who moved to {move.destination[1] or 'another post'}"
        person = doc.unnamed_person(family, where, move.role, name,
                                    f"{what}, referred to (not by name) in “{doc.title}”"
                                    f"{_when(move)}", at, "move")
    start_bounds = {"from_earliest": move.date or move.earliest,
                    "from_latest": move.date or move.latest}
    end_bounds = {"to_earliest": move.date or move.earliest, "to_latest": move.date or move.latest}
    for offset in move.offsets:
        confidence = 1.0 if move.date or move.latest or len(move.offsets) > 1 else 0.8
        if origin:
            doc.holds(person, family, move.role, origin, offset, "move", **end_bounds)
        if destination:
            doc.holds(person, family, move.role, destination, offset, "move",
                      moved_in=origin is None, **start_bounds)
        if origin and destination:
            doc.edge("STAFF_MOVE", origin, destination, {
                "person": person, "person_name": name, "role": move.role,
                "date": move.date, "earliest": move.earliest, "latest": move.latest,
                "sort_date": move.date or move.earliest or move.latest,
                "quote": "; ".join(move.quotes), "document": doc.id, "derived_from": "stated",
                "from_as_written": " ".join(move.origin[1].as_written.split()),
                "to_as_written": " ".join(move.destination[1].as_written.split())},
                doc.prov(offset, "move", confidence=confidence))
    doc.used["move"] += len(move.offsets)
