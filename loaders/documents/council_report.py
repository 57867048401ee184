"""Ofsted's letters and reports on a council's children's services, and news of them.

A letter names its visit in a title line ("Focused visit to Derby City Council children's
services"), its dates and inspectors in the text ("Her Majesty's Inspectors for this visit
were ...", the signatory under the letter), and its addressee ("Dear Mr Smith"). News of
an inspection ("Ofsted rated Derbyshire as requires improvement to be good overall
effectiveness") gives the judgements, often undated. Judgements the text dates to an
earlier inspection ("last inspected in March 2017, when ... judged to be good") are claims
about the council, not judgements of this visit.

>>> detect("Dear Mr Smith\\nFocused visit to Derby City Council children’s services\\n")
True
>>> detect("Derby City Council\\nHome A (SC036243) was rated GOOD by Ofsted.")
False
"""

from __future__ import annotations

import re

from graph.judgements import map_judgement
from graph.names import council_key
from loaders.dates import find_dates
from loaders.documents import people
from loaders.documents.claims import TERMS, find_claims
from loaders.documents.emit import DocumentRecords
from loaders.documents.mentions import council_mentions, councils, urns

LETTER, NEWS = "ofsted-council-letter", "council-news"
_SERVICES = r"children['’]s\s+(?:social\s+care\s+)?services"
_TITLE = re.compile(rf"^[ \t]*(?P<type>Focused visit|Monitoring visit|Joint targeted area "
                    rf"inspection|Short inspection|Inspection)\s+(?:to|of)\s+(?P<who>[^\n]+?)\s+"
                    rf"{_SERVICES}[ \t]*$", re.IGNORECASE | re.MULTILINE)
_NEWS_TITLE = re.compile(rf"\binspection of (?:the council['’]s\s+)?{_SERVICES}", re.IGNORECASE)
_RATED = re.compile(rf"\brated\s+(?P<who>[A-Z][\w’']+(?:\s+[A-Z][\w’']+)*)\s+as\s+"
                    rf"(?P<j>{TERMS})(?P<overall>\s+overall(?:\s+effectiveness)?)?", re.IGNORECASE)
_AREA = re.compile(rf"(?:^|[.:]\s+|\bthat\s+)(?:the\s+)?(?P<area>overall effectiveness|impact of "
                   rf"leaders[^.]{{0,120}}?|experiences and progress of children[^.]{{0,120}}?)"
                   rf"\s+(?:is|are|was|were)?\s*(?:judged\s+(?:to\s+be\s+|as\s+)?)?"
                   rf"(?P<j>{TERMS})\s*\.", re.IGNORECASE | re.MULTILINE)
_LEAD = re.compile(r"\blead inspector\b", re.IGNORECASE)


def detect(text: str) -> bool:
    """A council report or news of one: no home URNs, a council, children's services, and
    either a visit title or an Ofsted rating of the council."""
    if urns(text) or not councils(text) or not re.search(_SERVICES, text, re.IGNORECASE):
        return False
    if _TITLE.search(text):
        return True
    return "ofsted" in text.casefold() and bool(_NEWS_TITLE.search(text) or _RATED.search(text))


def extract(doc: DocumentRecords) -> None:
    text = doc.text
    title = _TITLE.search(text)
    mentioned = councils(text)
    if title and councils(title.group("who")):
        written, key, _ = councils(title.group("who"))[0]
        at = title.start("who")
    else:
        written, key, _ = mentioned[0]
        at = text.index(written)
    doc.council_key = key
    cid = doc.council(written, key, at)
    doc.found["council"] += 1
    for start, _, shown, ckey in council_mentions(text):
        if ckey == key:
            doc.mention(cid, start, shown, "council-mention")
    doc.used["council"] += 1
    doc.kind = LETTER if title else NEWS
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    doc.title = " ".join(title.group().split()) if title else first_line[:150]
    visit = title.group("type").capitalize() if title else "Inspection of children's services"
    span, anchor = _visit_dates(doc, visit.split()[0])
    start = span.start.isoformat() if span else None
    iid = doc.document_inspection_id(cid, start, visit)
    props = {"type": visit, "date": start, "start_date": start, "subject": "council",
             "end_date": span.end.isoformat() if span else None, "source_kind": "document"}
    doc.found["visit"] += 1
    _judgements(doc, props)
    prov = doc.prov(anchor if anchor is not None else (title.start() if title else 0), "visit")
    doc.node("Inspection", iid, props, prov)
    doc.edge("OF", iid, cid, {}, prov)
    doc.mention(iid, anchor if anchor is not None else 0, visit, "visit")
    doc.used["visit"] += 1
    _inspectors(doc, iid)
    for mention in people.addressees(text):
        doc.found["addressee"] += 1
        person = doc.person(mention.written, "addressee", cid, "addressee", mention.start,
                            "letter-addressee")
        doc.edge("ADDRESSED_TO", iid, person, {}, doc.prov(mention.start, "letter-addressee"))
        doc.used["addressee"] += 1
    _claims(doc, cid, written)


def _visit_dates(doc: DocumentRecords, word: str):
    """The dates of the visit: day dates in the first sentence naming the visit kind."""
    for s in doc.sentences:
        if word.casefold() not in s.text.casefold():
            continue
        days = [d for d in find_dates(doc.text[s.start:s.end]) if d.range.precision == "day"]
        if days:
            return days[0].range, s.start + days[0].start
    return None, None


def _judgements(doc: DocumentRecords, props: dict) -> None:
    judgements, scores = {}, {}
    for m in _AREA.finditer(doc.text):
        doc.found["judgement"] += 1
        meaning = map_judgement(m.group("j"))
        area = " ".join(m.group("area").split())
        judgements[area] = " ".join(m.group("j").split())
        if meaning and meaning.score is not None:
            scores[area] = meaning.score
        doc.used["judgement"] += 1
    rated = _RATED.search(doc.text)
    if rated and council_key(rated.group("who")) == doc.council_key:
        doc.found["judgement"] += 1
        meaning = map_judgement(rated.group("j"))
        judgements["overall effectiveness"] = " ".join(rated.group("j").split())
        if meaning:
            props |= {"overall": meaning.written, "overall_score": meaning.score,
                      "scale": meaning.scale}
            scores["overall effectiveness"] = meaning.score
        doc.used["judgement"] += 1
    if judgements:
        props |= {"judgements": judgements, "scores": scores}


def _inspectors(doc: DocumentRecords, iid: str) -> None:
    text = doc.text
    found: dict[str, tuple[str, int]] = {}
    for mention in people.listed(text, 0, len(text)):
        found.setdefault(mention.written, (mention.role or "inspector", mention.start))
    signed = [m for m in people.appositions(text, 0, len(text))
              if m.role and people.role_family(m.role) == "inspector"]
    for mention in signed:
        found.setdefault(mention.written, (mention.role or "inspector", mention.start))
    if signed and _LEAD.search(text):
        last = signed[-1]
        found[last.written] = ("lead inspector", found[last.written][1])
    for written, (role, offset) in found.items():
        doc.found["inspector"] += 1
        person = doc.person(written, "inspector", "ofsted", role, offset, "letter-inspector")
        doc.edge("INSPECTED", person, iid, {"role": role}, doc.prov(offset, "letter-inspector"))
        for mention in signed:
            if mention.written == written and mention.start != offset:
                doc.mention(person, mention.start, written, "person-mention")
        doc.used["inspector"] += 1


def _claims(doc: DocumentRecords, cid: str, written: str) -> None:
    for s in doc.sentences:
        for claim in find_claims(doc.text, s.start, s.end):
            doc.found["claim"] += 1
            span = claim.date
            doc.edge("CLAIMS", doc.id, cid, {
                "date": span.start.isoformat() if span else None,
                "precision": span.precision if span else None,
                "end_date": span.end.isoformat() if span and span.end != span.start
                and span.precision == "day" else None,
                "judgement": claim.judgement, "score": claim.meaning.score,
                "scale": claim.meaning.scale}, doc.prov(claim.start, "claim", s.text))
            doc.used["claim"] += 1
