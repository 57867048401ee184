"""People a narrative names, placed: the home, council or provider their role is at, and
the day a source shows them in it.

The place is a home the role phrase names ("Queensferry Gardens Children's Home Manager",
"Worker at Coronation Avenue Children's Home"), else a council it names ("in Derby City
Council Care Homes", a trailing ", Leicester"), else the document's council; inspectors
are Ofsted's. The day is one the paragraph states, else the day the document gives for the
event the paragraph is about ("Invitations to interview ..." and "Interviews were
conducted ... on 4 and 5 December 2012"). A partial name is its fuller form in the same
document when exactly one fits ("Councillor Whitby" there is "Councillor J. Whitby").
"""

from __future__ import annotations

import re

from graph.ids import council_id
from graph.names import council_key
from loaders.dates import find_dates
from loaders.documents import people
from loaders.documents.mentions import councils

_EVENTS = ("interview", "visit", "meeting", "inspection")
_PRIORITY = {"dash-list": 0, "apposition": 1, "listed": 2, "titled": 3}


def read_people(r, cid: str | None) -> None:
    """Every person a list, apposition or title names, with role, place and the day seen."""
    doc, text = r.doc, r.text
    found: dict[int, people.PersonMention] = {}
    for p in doc.sentences.paragraphs:
        for finder in (people.dash_list, people.appositions, people.listed, people.titled):
            for m in finder(text, p.start, p.end):
                old = found.get(m.start)
                if old is None or _PRIORITY[m.rule] < _PRIORITY[old.rule]:
                    found[m.start] = m
    fuller = [m.written for m in found.values()]
    for m in sorted(found.values(), key=lambda m: m.start):
        doc.found["person"] += 1
        written = people.same_document_name(m.written, fuller)
        role = m.role or "named"
        family = people.role_family(role)
        place, role_text = _person_place(r, m, family, cid)
        observed = _observed(r, m.start)
        person = doc.person(written, family, place or "unplaced", role_text, m.start,
                            f"person-{m.rule}")
        if place:
            doc.holds(person, family, role_text, place, m.start, f"person-{m.rule}", observed)
        doc.used["person"] += 1


def _person_place(r, m: people.PersonMention, family: str,
                  cid: str | None) -> tuple[str | None, str]:
    role = m.role or "named"
    if family == "inspector":
        return "ofsted", role
    if m.role_start >= 0:
        inside = [ref for ref in r.refs if m.role_start <= ref.start < m.role_end]
        if inside:
            ref = inside[0]
            cut = role.replace(" ".join(ref.as_written.split()), " ")
            cut = re.sub(r"\bChildren['’]s\s+Home\b", " ", cut)
            cut = re.sub(r"^\W*(?:at|of|for)\b|\b(?:at|of|for)\W*$", "", " ".join(cut.split()))
            return r.home(ref), cut.strip(" ,") or role
        named = councils(role)
        if named:
            written, key, _ = named[0]
            return r.doc.council(written, key, m.role_start), role
        tail = re.search(r",\s*(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})$", role)
        if tail and not any(w.casefold() in people.NON_NAME
                            for w in tail.group("place").split()):
            place = tail.group("place")
            cid_other = council_id(council_key(place))
            r.doc.node("Council", cid_other, {"name": place}, r.doc.prov(m.role_start, "council"),
                       as_of="")
            return cid_other, role[:tail.start()].strip()
    return cid, role


def _observed(r, offset: int) -> str | None:
    """The day a person is seen in a role: a day the paragraph states, else the day the
    document gives for the event the paragraph is about ("Invitations to interview ..."
    and "Interviews were conducted ... on 4 and 5 December 2012")."""
    paragraph = next((p for p in r.doc.sentences.paragraphs if p.start <= offset < p.end), None)
    if paragraph is None:
        return None
    days = [d for d in find_dates(paragraph.text) if d.range.precision == "day"]
    if days:
        return days[0].range.start.isoformat()
    lowered = paragraph.text.casefold()
    for noun in _EVENTS:
        if noun not in lowered:
            continue
        for s in r.doc.sentences:
            if noun in s.text.casefold():
                days = [d for d in find_dates(s.text) if d.range.precision == "day"]
                if days:
                    return days[0].range.start.isoformat()
    return None
