"""Ofsted's report on a children's home (inspection, interim, assurance or monitoring visit).

Read from the report's own fields ("Unique reference number:", "Visit dates:", "Registered
provider:", "Responsible individual:", "Registered manager:", the "Inspector" block),
its judgement lines, the management history its text states, and its requirements table.
A registered manager field that says the post is vacant ("Post Vacant") is a fact about
the home (``manager_vacant``), never a person.

>>> detect("SC368032\\n\\nUnique reference number: SC368032\\n\\nRegistered provider: A Ltd\\n")
True
>>> detect("Dear Mr Smith\\nFocused visit to Derby City Council children's services")
False
"""

from __future__ import annotations

import re

from graph.ids import requirement_id
from graph.judgements import map_judgement
from graph.names import normalise_urn
from loaders.dates import DateError, parse_date_range
from loaders.documents import history, people
from loaders.documents.emit import DocumentRecords
from loaders.documents.mentions import HomeRef, urns
from loaders.documents.requirements import requirements

KIND = "ofsted-home-report"
_FIELD = re.compile(
    r"^[ \t]*(?P<field>Unique reference number|URN|Registered provider address|Registered "
    r"provider|Responsible individual|Registered manager|Lead inspector|Inspectors?|"
    r"Inspection dates?|Visit dates?|Dates? of (?:inspection|visit)|Previous inspection date|"
    r"Previous inspection judgement)[ \t]*:[ \t]*(?P<value>\S[^\n]*?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE)
_KEY_FIELDS = {"unique reference number", "registered provider", "responsible individual",
               "registered manager", "previous inspection date", "visit dates", "visit date",
               "inspection dates", "inspection date"}
_TYPE = re.compile(r"^[ \t]*(?P<type>(?:[A-Z][a-z]+ )?(?:inspection|visit))[ \t]*$",
                   re.IGNORECASE | re.MULTILINE)
_JUDGEMENT_LINE = re.compile(r"^[ \t]*(?P<area>[A-Z][^:\n]{5,120}?)[ \t]*:[ \t]*"
                             r"(?P<value>[^\n:]{3,60}?)[ \t]*$", re.MULTILINE)
_INSPECTOR_HEADING = re.compile(r"^[ \t]*(?:Lead )?Inspectors?[ \t]*$", re.MULTILINE)
_VACANT = re.compile(r"^(?:post\s+|position\s+)?vacant$|^none$|^n/?a$|^not applicable$|"
                     r"^no registered manager|^vacancy$", re.IGNORECASE)
_NOTICES = re.compile(r"\b(?P<n>one|two|three|four|five|\d+)\s+compliance\s+notices?\s+"
                      r"(?:has|have)\s+been\s+issued", re.IGNORECASE)
_RESTRICTION = re.compile(r"\bnotice\s+restricting\s+(?:the\s+)?(?:accommodation|admissions?)\b",
                          re.IGNORECASE)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _fields(text: str) -> dict[str, re.Match[str]]:
    found: dict[str, re.Match[str]] = {}
    for m in _FIELD.finditer(text):
        found.setdefault(" ".join(m.group("field").casefold().split()), m)
    return found


def detect(text: str) -> bool:
    """A home report: a URN and at least two of the report's own fields."""
    fields = set(_fields(text))
    return bool(urns(text[:3000]) or "unique reference number" in fields) and \
        len(fields & _KEY_FIELDS) >= 2


def _span(value: str | None):
    try:
        return parse_date_range(value) if value else None
    except DateError:
        return None


def extract(doc: DocumentRecords) -> None:
    text, fields = doc.text, _fields(doc.text)
    doc.kind = KIND
    urn_field = fields.get("unique reference number") or fields.get("urn")
    written = urns(text)
    if urn_field and normalise_urn(urn_field.group("value")):
        at, shown = urn_field.start("value"), urn_field.group("value")
    else:
        at, _, shown, _ = written[0]
    urn = normalise_urn(shown)
    doc.found["urn"] += 1
    hid = doc.home(HomeRef(at, at + len(shown), shown, urn), "report-urn")
    doc.mention(hid, at, shown, "report-urn")
    doc.used["urn"] += 1
    kind_match = _TYPE.search(text[:1500])
    visit_type = kind_match.group("type").strip().capitalize() if kind_match else "Inspection"
    dates_field = next((fields[k] for k in ("visit dates", "visit date", "inspection dates",
                                            "inspection date", "dates of inspection",
                                            "dates of visit") if k in fields), None)
    span = _span(dates_field.group("value")) if dates_field else None
    start = span.start.isoformat() if span else None
    doc.title = f"Ofsted {visit_type.lower()}: {urn}" + (
        f", {dates_field.group('value')}" if dates_field else "")
    iid = doc.document_inspection_id(hid, start, visit_type)
    props = {"type": visit_type, "start_date": start, "date": start, "subject": "home",
             "end_date": span.end.isoformat() if span else None, "source_kind": "document"}
    doc.found["visit"] += 1
    _judgements(doc, props, fields)
    _previous(doc, props, fields, hid, shown)
    _notices(doc, props)
    anchor = dates_field.start() if dates_field else at
    doc.node("Inspection", iid, props, doc.prov(anchor, "report-visit"))
    doc.edge("OF", iid, hid, {}, doc.prov(anchor, "report-visit"))
    doc.mention(iid, anchor, dates_field.group() if dates_field else shown, "report-visit")
    doc.used["visit"] += 1
    manager = _provider_and_people(doc, fields, hid, iid, start)
    _history(doc, hid, urn, start, manager)
    _requirements(doc, iid)


def _judgements(doc: DocumentRecords, props: dict, fields: dict) -> None:
    known = {m.start() for m in fields.values()}
    judgements, scores = {}, {}
    for m in _JUDGEMENT_LINE.finditer(doc.text):
        meaning = map_judgement(m.group("value"))
        if m.start() in known or meaning is None:
            continue
        doc.found["judgement"] += 1
        area = " ".join(m.group("area").split())
        judgements[area] = m.group("value")
        if meaning.score is not None:
            scores[area] = meaning.score
        if "overall" in area.casefold() and "overall" not in props:
            props |= {"overall": m.group("value"), "overall_score": meaning.score,
                      "scale": meaning.scale}
        doc.used["judgement"] += 1
    props |= {"judgements": judgements, "scores": scores}


def _previous(doc: DocumentRecords, props: dict, fields: dict, hid: str, shown: str) -> None:
    date_field, judged = fields.get("previous inspection date"), \
        fields.get("previous inspection judgement")
    if not date_field:
        return
    doc.found["previous-inspection"] += 1
    span = _span(date_field.group("value"))
    meaning = map_judgement(judged.group("value")) if judged else None
    props["previous_date"] = span.start.isoformat() if span else None
    props["previous_overall"] = judged.group("value") if judged else None
    if span and meaning:
        quote = f"{date_field.group().strip()}; {judged.group().strip()}"
        doc.edge("CLAIMS", doc.id, hid, {
            "date": span.start.isoformat(), "precision": span.precision,
            "end_date": span.end.isoformat() if span.end != span.start else None,
            "judgement": meaning.written, "score": meaning.score, "scale": meaning.scale,
            "urn_as_written": shown}, doc.prov(date_field.start(), "previous-inspection", quote))
        doc.used["previous-inspection"] += 1


def _notices(doc: DocumentRecords, props: dict) -> None:
    m = _NOTICES.search(doc.text)
    if m:
        doc.found["compliance-notice"] += 1
        n = m.group("n").casefold()
        props["compliance_notices"] = _NUMBERS.get(n) or int(n)
        doc.used["compliance-notice"] += 1
    if _RESTRICTION.search(doc.text):
        doc.found["restriction"] += 1
        props["restriction_on_admissions"] = True
        doc.used["restriction"] += 1


def _provider_and_people(doc: DocumentRecords, fields: dict, hid: str, iid: str,
                         start: str | None) -> str | None:
    """Provider, responsible individual, registered manager (returned), inspectors."""
    provider = fields.get("registered provider")
    pid = None
    if provider:
        doc.found["provider"] += 1
        address = fields.get("registered provider address")
        pid = doc.provider(provider.group("value"), provider.start("value"),
                           address.group("value") if address else None)
        doc.edge("RUNS", pid, hid, {"observed": [start] if start else []},
                 doc.prov(provider.start(), "report-provider"))
        doc.mention(pid, provider.start("value"), provider.group("value"), "report-provider")
        doc.used["provider"] += 1
    ri = fields.get("responsible individual")
    if ri and pid and people.clean_name(ri.group("value")):
        doc.found["responsible-individual"] += 1
        person = doc.person(ri.group("value"), "responsible-individual", pid,
                            "responsible individual", ri.start("value"), "report-ri")
        doc.holds(person, "responsible-individual", "responsible individual", pid,
                  ri.start("value"), "report-ri", start)
        doc.used["responsible-individual"] += 1
    manager, named = fields.get("registered manager"), None
    if manager:
        value = manager.group("value")
        doc.found["registered-manager"] += 1
        if _VACANT.search(value) or not people.clean_name(value):
            doc.node("Home", hid, {"manager_vacant": [{
                "date": start, "as_written": value, "document": doc.id,
                "quote": " ".join(manager.group().split())}]},
                doc.prov(manager.start(), "report-manager-vacant"), as_of="")
        else:  # keyed at the provider that employs them: see emit's person key rule
            named = doc.person(value, "manager", pid or hid, "registered manager",
                               manager.start("value"), "report-manager")
            doc.holds(named, "manager", "registered manager", hid, manager.start("value"),
                      "report-manager", start)
        doc.used["registered-manager"] += 1
    for written, role, offset in _inspectors(doc.text, fields):
        doc.found["inspector"] += 1
        person = doc.person(written, "inspector", "ofsted", role, offset, "report-inspector")
        doc.edge("INSPECTED", person, iid, {"role": role}, doc.prov(offset, "report-inspector"))
        doc.used["inspector"] += 1
    return named


def _inspectors(text: str, fields: dict) -> list[tuple[str, str, int]]:
    found = []
    lead = fields.get("lead inspector") or fields.get("inspector") or fields.get("inspectors")
    if lead:
        for mention in people.appositions(lead.group(), 0, len(lead.group())) or []:
            found.append((mention.written, mention.role or "inspector",
                          lead.start() + mention.start))
        if not found and people.clean_name(lead.group("value")):
            found.append((lead.group("value"), "inspector", lead.start("value")))
    for heading in _INSPECTOR_HEADING.finditer(text):
        block = text[heading.end():heading.end() + 300]
        block = block[:m.start()] if (m := re.search(r"\n[ \t]*\n[ \t]*[^\n]{120}", block)) \
            else block
        for mention in people.appositions(block, 0, len(block)):
            found.append((mention.written, mention.role or "inspector",
                          heading.end() + mention.start))
    return found


def _history(doc: DocumentRecords, hid: str, urn: str, observed: str | None,
             manager: str | None) -> None:
    """Vacancies on the home; the named registered manager's start when a sentence gives
    it; managers the report does not name as unnamed people."""
    for fact in history.management_history(doc.text, doc.sentences):
        doc.found["history"] += 1
        if fact.kind == "in-post" and manager and "registered" in fact.role:
            doc.holds(manager, "manager", "registered manager", hid, fact.start,
                      "report-history", observed, from_earliest=fact.from_earliest,
                      from_latest=fact.from_latest)
        elif fact.kind == "vacant":
            doc.node("Home", hid, {"manager_vacant": [{
                "from": fact.from_earliest, "observed": observed, "document": doc.id,
                "quote": fact.quote}]}, doc.prov(fact.start, "report-history"), as_of="")
        else:
            since = _month(fact.from_earliest)
            what = ("in post since " + since if fact.kind == "in-post" and since else
                    "appointed and left before being registered")
            person = doc.unnamed_person(
                "manager", hid, fact.role, f"unnamed {fact.role} of {urn} ({what})",
                f"the {fact.role} of {urn} {what}, not named in “{doc.title}”",
                fact.start, "report-history")
            doc.holds(person, "manager", fact.role, hid, fact.start, "report-history",
                      observed if fact.kind == "in-post" else None,
                      from_earliest=fact.from_earliest, from_latest=fact.from_latest,
                      to_latest=fact.to_latest)
        doc.used["history"] += 1


def _month(day: str | None) -> str | None:
    import datetime as dt

    return dt.date.fromisoformat(day).strftime("%B %Y") if day else None


def _requirements(doc: DocumentRecords, iid: str) -> None:
    for req in requirements(doc.text):
        doc.found["requirement"] += 1
        rid = requirement_id(iid, req.index)
        prov = doc.prov(req.offset, "report-requirement",
                        f"{req.text} ({req.regulation})"[:600])
        doc.node("Requirement", rid, {
            "regulation": req.regulation, "regulation_number": req.number, "text": req.text,
            "due_date": req.due, "compliance_notice": req.compliance_notice,
            "index": req.index}, prov)
        doc.edge("REQUIRES", iid, rid, {}, prov)
        doc.used["requirement"] += 1

