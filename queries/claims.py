"""verify-claims: every dated rating claim in the documents, checked against Ofsted's record.

The record is the inspections Ofsted's statistics list for the home a claim is about,
after URN resolution (a URN a document wrote that is not in the registry was redirected to
a registered home by the resolver, which keeps it in the home's ``urns_as_written``).
A claim covers the day, month or year its ``precision`` says; an inspection meets it when
its first-to-last days, widened by :data:`queries.index.TOLERANCE_DAYS` (the 2016-18
files give a visit's last day, documents its first), overlap that window.

Statuses (:data:`STATUSES`):

- ``matches``: an inspection on record meets the window with the same judgement (score
  and scale); ``record`` is it, with its event number.
- ``contradicts``: inspections on record meet the window, none with the claimed
  judgement; ``record`` is the nearest, saying what Ofsted recorded.
- ``not found``: the home has inspections on record but none meets the window;
  ``candidates`` are the three nearest by date (interim judgements are never in the
  statistics, which list full inspections only; ``note`` says so).
- ``no record``: nothing on record to check against: a claim about a council (the
  statistics hold no children's-services inspections) or a home they do not list.

Cypher twin: ``verify_claims.cypher``.
"""

from __future__ import annotations

from typing import Any

from queries.index import (
    GraphIndex,
    claim_matches_dates,
    claim_window,
    days_between,
    inspection_span,
)

STATUSES = ("matches", "contradicts", "not found", "no record")
NOTES = {
    "council": "Ofsted's statistics hold no inspections of councils' children's services",
    "unlisted": "Ofsted's statistics list no inspection of this home",
    "interim": "Ofsted's statistics list full inspections only, not interim ones",
}


def _record(ix: GraphIndex, inspection_id: str, claim_date: str | None) -> dict[str, Any]:
    i = ix.node(inspection_id)
    day = i.get("date")
    return {"inspection_id": inspection_id, "event": i.get("event"), "date": day,
            "end_date": i.get("end_date"), "judgement": i.get("overall"),
            "score": i.get("overall_score"), "scale": i.get("scale"),
            "days_away": days_between(claim_date, day) if claim_date and day else None}


def check_claim(ix: GraphIndex, edge: tuple[str, str, str, dict[str, Any]]) -> dict[str, Any]:
    claim_id, doc, subject, c = edge
    label = ix.label(subject)
    date = c.get("date")
    records = []
    if label == "Home":
        for _, inspection_id, _, _ in ix.inspections_of.get(subject, ()):
            if "statistics" in (ix.node(inspection_id).get("source_kind") or ""):
                records.append(_record(ix, inspection_id, date))
    records.sort(key=lambda r: (r["days_away"] is None, r["days_away"] or 0,
                                r["date"] is None, r["date"] or "", r["inspection_id"]))
    window = claim_window(date, c.get("precision")) if date else None
    inside = [r for r in records if window is not None and claim_matches_dates(
        window, inspection_span(ix.node(r["inspection_id"])))]
    matching = [r for r in inside if c.get("score") is not None and r["score"] == c["score"]
                and c.get("scale") is not None and r["scale"] == c["scale"]]
    note = None
    if label != "Home" or not records:
        status, record, candidates = "no record", None, []
        note = NOTES["council"] if label == "Council" else NOTES["unlisted"]
    elif matching:
        status, record, candidates = "matches", matching[0], []
    elif inside:
        status, record, candidates = "contradicts", inside[0], []
    else:
        status, record, candidates = "not found", None, records[:3]
        if c.get("scale") == "interim":
            note = NOTES["interim"]
    evidence = ix.evidence(claim_id)
    node = ix.node(subject)
    return {
        "claim_id": claim_id, "document_id": doc, "document": ix.node(doc).get("title"),
        "subject_id": subject, "subject": ix.caption(subject), "subject_label": label,
        "urn_as_written": c.get("urn_as_written"), "urn": node.get("urn"),
        "date": date, "precision": c.get("precision"), "judgement": c.get("judgement"),
        "score": c.get("score"), "scale": c.get("scale"), "status": status,
        "record": record, "candidates": candidates, "note": note,
        "quote": evidence[0]["quote"] if evidence else None, "evidence": evidence,
    }


def _all_checked(ix: GraphIndex) -> list[dict[str, Any]]:
    claims = list(ix.by_type.get("CLAIMS", ()))
    ix.prefetch([e[0] for e in claims])
    claims.sort(key=lambda e: (e[1], e[3].get("date") is None, e[3].get("date") or "",
                               e[2], e[0]))
    return [check_claim(ix, e) for e in claims]


def verify_claims(ix: GraphIndex, params: dict[str, Any]) -> list[dict[str, Any]]:
    document, home, status = params.get("document"), params.get("home"), params["status"]
    if document is None and home is None:
        rows = ix.memo("verify-claims", lambda: _all_checked(ix))
    else:
        claims = [e for e in ix.by_type.get("CLAIMS", ())
                  if (document is None or e[1] == document) and (home is None or e[2] == home)]
        claims.sort(key=lambda e: (e[1], e[3].get("date") is None, e[3].get("date") or "",
                                   e[2], e[0]))
        rows = [check_claim(ix, e) for e in claims]
    return [dict(r) for r in rows if status == "all" or r["status"] == status]
