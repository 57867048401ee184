"""The explorer's views of people, providers, councils and documents, as data with
evidence. Homes use :func:`queries.entities.describe`; these add what an investigator
asks of the others (a person's tenures with each home's judgements before, during and
after; a provider's homes and responsible individuals; a council's homes and its own
children's-services inspections). Backend-agnostic: only the reading protocol is used.
"""

from __future__ import annotations

from typing import Any

from graph.store.base import GraphReader
from queries.explorer_common import (
    caption,
    home_summary,
    inspections_of,
    phase,
    window,
)


def _inspection_row(inspection: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"id": inspection["id"], "date": inspection.get("date"),
            "type": inspection.get("type"), "judgement": inspection.get("overall"),
            "band": inspection.get("band"), "event": inspection.get("event"), **extra}


def moves_of_person(store: GraphReader, person_id: str) -> list[dict[str, Any]]:
    """Every staff move of one person, in time order, with the homes' captions."""
    out = []
    for edge in store.edges("STAFF_MOVE"):
        if edge.get("person") != person_id:
            continue
        out.append({"id": edge["id"], "from_id": edge["src"], "to_id": edge["dst"],
                    "from": caption(store.node(edge["src"]), edge["src"]),
                    "to": caption(store.node(edge["dst"]), edge["dst"]),
                    "date": edge.get("date"), "earliest": edge.get("earliest"),
                    "latest": edge.get("latest"), "sort_date": edge.get("sort_date"),
                    "role": edge.get("role"), "quote": edge.get("quote"),
                    "evidence": store.provenance(edge["id"])})
    out.sort(key=lambda m: (str(m.get("sort_date") or m.get("date") or ""), m["id"]))
    return out


def person_view(store: GraphReader, person_id: str) -> dict[str, Any] | None:
    """A person: facts, tenures (each with the home's judgements before, during and after
    it), moves, provider and council roles, inspections they led, evidence."""
    node = store.node(person_id)
    if node is None or node.get("label") != "Person":
        return None
    tenures = []
    for edge in store.edges("MANAGED", src=person_id):
        start, end = window(edge)
        judged = [_inspection_row(i, phase=phase(i.get("date"), start, end))
                  for i in inspections_of(store, edge["dst"])]
        tenures.append({
            "id": edge["id"], "home_id": edge["dst"],
            "home": caption(store.node(edge["dst"]), edge["dst"]),
            "role": edge.get("role"), "start": start, "end": end,
            "exact": bool(edge.get("from") or edge.get("to")),
            "observed": edge.get("observed") or [], "inspections": judged,
            "evidence": store.provenance(edge["id"])})
    tenures.sort(key=lambda t: (str(t["start"] or ""), t["id"]))
    roles = []
    for rel, kind in (("RESPONSIBLE_FOR", "responsible individual"), ("WORKS_FOR", None)):
        for edge in store.edges(rel, src=person_id):
            roles.append({"id": edge["id"], "relationship": rel,
                          "role": edge.get("role") or kind, "at_id": edge["dst"],
                          "at": caption(store.node(edge["dst"]), edge["dst"]),
                          "observed": edge.get("observed") or [],
                          "evidence": store.provenance(edge["id"])})
    inspected = []
    for edge in store.edges("INSPECTED", src=person_id):
        inspection = store.node(edge["dst"]) or {"id": edge["dst"]}
        subject = next(iter(store.edges("OF", src=edge["dst"])), None)
        inspected.append({"id": edge["dst"], "date": inspection.get("date"),
                          "type": inspection.get("type"), "role": edge.get("role"),
                          "subject_id": subject["dst"] if subject else None,
                          "subject": caption(store.node(subject["dst"])) if subject else None,
                          "evidence": store.provenance(edge["id"])})
    inspected.sort(key=lambda i: str(i.get("date") or ""))
    return {"id": person_id, "node": node, "tenures": tenures, "roles": roles,
            "moves": moves_of_person(store, person_id), "inspected": inspected,
            "mentions": mentions_of(store, person_id), "evidence": store.provenance(person_id)}


def provider_view(store: GraphReader, provider_id: str) -> dict[str, Any] | None:
    """A provider: its homes (spells, council, latest judgement), the judgements of its
    homes, its responsible individuals and the councils it works in."""
    node = store.node(provider_id)
    if node is None or node.get("label") != "Provider":
        return None
    homes = []
    judgements = []
    for edge in store.edges("RUNS", src=provider_id):
        summary = home_summary(store, edge["dst"])
        homes.append({**summary, "from": edge.get("from"), "to": edge.get("to"),
                      "inferred": bool(edge.get("inferred")), "spell": edge["id"],
                      "evidence": store.provenance(edge["id"])})
        for inspection in inspections_of(store, edge["dst"]):
            judgements.append(_inspection_row(inspection, home_id=edge["dst"],
                                              home=summary["home"]))
    homes.sort(key=lambda h: (h.get("status") != "Active", str(h.get("home"))))
    judgements.sort(key=lambda j: str(j.get("date") or ""))
    people = [{"id": e["src"], "name": caption(store.node(e["src"]), e["src"]),
               "role": e.get("role") or "responsible individual",
               "observed": e.get("observed") or [], "evidence": store.provenance(e["id"])}
              for e in store.edges("RESPONSIBLE_FOR", dst=provider_id)]
    councils: dict[str, dict[str, Any]] = {}
    for home in homes:
        key = home.get("council_id") or home.get("council")
        if not key:
            continue
        row = councils.setdefault(key, {"id": home.get("council_id"),
                                        "council": home.get("council"), "homes": 0,
                                        "active": 0})
        row["homes"] += 1
        row["active"] += home.get("status") == "Active"
    is_council = [store.node(e["dst"]) for e in store.edges("IS_COUNCIL", src=provider_id)]
    return {"id": provider_id, "node": node, "homes": homes, "judgements": judgements,
            "people": people, "councils": sorted(councils.values(),
                                                 key=lambda c: -c["homes"]),
            "is_council": [c for c in is_council if c],
            "mentions": mentions_of(store, provider_id),
            "evidence": store.provenance(provider_id)}


def council_view(store: GraphReader, council_id: str) -> dict[str, Any] | None:
    """A council: the homes in its area, the homes it runs itself, its own
    children's-services inspections, and the people sources tie to it."""
    node = store.node(council_id)
    if node is None or node.get("label") != "Council":
        return None
    in_area = [home_summary(store, e["src"]) for e in store.edges("LOCATED_IN", dst=council_id)]
    in_area.sort(key=lambda h: (h.get("status") != "Active", str(h.get("home"))))
    own_providers = [e["src"] for e in store.edges("IS_COUNCIL", dst=council_id)]
    own = []
    for provider_id in own_providers:
        for edge in store.edges("RUNS", src=provider_id):
            own.append({**home_summary(store, edge["dst"]), "from": edge.get("from"),
                        "to": edge.get("to"), "inferred": bool(edge.get("inferred")),
                        "evidence": store.provenance(edge["id"])})
    own.sort(key=lambda h: (h.get("status") != "Active", str(h.get("home"))))
    services = [_inspection_row(i, evidence=store.provenance(i["id"]))
                for i in inspections_of(store, council_id)]
    people = [{"id": e["src"], "name": caption(store.node(e["src"]), e["src"]),
               "role": e.get("role"), "evidence": store.provenance(e["id"])}
              for e in store.edges("WORKS_FOR", dst=council_id)]
    return {"id": council_id, "node": node, "homes": in_area, "own_homes": own,
            "providers": own_providers, "inspections": services, "people": people,
            "mentions": mentions_of(store, council_id), "evidence": store.provenance(council_id)}


def mentions_of(store: GraphReader, node_id: str) -> list[dict[str, Any]]:
    """Documents that mention an entity, with the quote and where it is."""
    out = []
    for edge in store.edges("MENTIONS", dst=node_id):
        doc = store.node(edge["src"]) or {}
        out.append({"document_id": edge["src"], "document": caption(doc, edge["src"]),
                    "path": doc.get("path"), "quote": edge.get("quote"),
                    "locator": edge.get("locator"), "as_written": edge.get("as_written")})
    out.sort(key=lambda m: (str(m["document"]), str(m.get("locator") or "")))
    return out


def document_view(store: GraphReader, document_id: str) -> dict[str, Any] | None:
    """A document: what it is, everything it mentions and claims, with the quotes."""
    node = store.node(document_id)
    if node is None or node.get("label") != "Document":
        return None
    mentions = []
    for edge in store.edges("MENTIONS", src=document_id):
        target = store.node(edge["dst"]) or {"id": edge["dst"]}
        mentions.append({"id": edge["dst"], "label": target.get("label"),
                         "entity": caption(target, edge["dst"]), "quote": edge.get("quote"),
                         "locator": edge.get("locator"), "as_written": edge.get("as_written")})
    mentions.sort(key=lambda m: (str(m.get("locator") or ""), m["id"]))
    claims = []
    for e in store.edges("CLAIMS", src=document_id):
        claim = {"id": e["dst"], "subject": caption(store.node(e["dst"]), e["dst"]),
                 "date": e.get("date"), "judgement": e.get("judgement"),
                 "evidence": store.provenance(e["id"])}
        claims += check_claims([claim], inspections_of(store, e["dst"]))
    claims.sort(key=lambda c: (str(c["subject"]), str(c.get("date") or "")))
    moves = [{"id": e["id"], "from_id": e["src"], "to_id": e["dst"],
              "from": caption(store.node(e["src"]), e["src"]),
              "to": caption(store.node(e["dst"]), e["dst"]),
              "person": e.get("person_name") or e.get("person"), "date": e.get("date"),
              "quote": e.get("quote")}
             for e in store.edges("STAFF_MOVE") if e.get("document") == document_id]
    return {"id": document_id, "node": node, "mentions": mentions, "claims": claims,
            "moves": moves, "evidence": store.provenance(document_id)}


def check_claims(claims: list[dict[str, Any]], inspections: list[dict[str, Any]]
                 ) -> list[dict[str, Any]]:
    """Each dated rating a document claims, beside what Ofsted's record says for the same
    month: ``agrees``, ``differs`` or ``no record``.

    >>> check_claims([{"date": "2019-01-08", "judgement": "GOOD"}],
    ...              [{"date": "2019-01-08", "band": "Good", "overall": "Good"}])[0]["check"]
    'agrees'
    """
    from graph.judgements import map_judgement

    out = []
    for claim in claims:
        month = str(claim.get("date") or "")[:7]
        same = [i for i in inspections if month and str(i.get("date") or "")[:7] == month]
        claimed = map_judgement(claim.get("judgement"))
        recorded = [map_judgement(i.get("overall")) for i in same]
        if not same:
            check = "no record"
        elif claimed and any(r and r.canonical == claimed.canonical for r in recorded):
            check = "agrees"
        else:
            check = "differs"
        out.append({**claim, "ofsted": "; ".join(f"{i.get('date')} {i.get('overall')}"
                                                 for i in same) or None, "check": check})
    return out
