"""Entity pages as data: everything the graph holds about one home, person, provider,
council, inspection or document, with evidence. Used by ``show`` and the explorer, on
either backend (it reads only through :class:`graph.store.base.GraphReader`).
"""

from __future__ import annotations

from typing import Any

from graph.store.base import GraphReader

_HIDDEN = {"id", "label", "src", "dst", "type"}


def _facts(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if k not in _HIDDEN}


def _caption(store: GraphReader, node_id: str) -> str:
    node = store.node(node_id) or {}
    return str(node.get("name") or node.get("urn") or node.get("title") or node_id)


def _urn_or_id(store: GraphReader, node_id: str) -> str:
    node = store.node(node_id) or {}
    return node.get("urn") or node_id


def _evidence(store: GraphReader, owner: str) -> list[dict[str, Any]]:
    return store.provenance(owner)


def _move(store: GraphReader, edge: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": edge["id"],
        "from": _urn_or_id(store, edge["src"]),
        "to": _urn_or_id(store, edge["dst"]),
        "from_id": edge["src"],
        "to_id": edge["dst"],
        "date": edge.get("date"),
        "earliest": edge.get("earliest"),
        "latest": edge.get("latest"),
        "sort_date": edge.get("sort_date"),
        "person": edge.get("person_name") or edge.get("person"),
        "person_id": edge.get("person"),
        "role": edge.get("role"),
        "quote": edge.get("quote"),
        "document": edge.get("document"),
        "derived_from": edge.get("derived_from"),
        "from_as_written": edge.get("from_as_written"),
        "to_as_written": edge.get("to_as_written"),
    }


def _inspection(store: GraphReader, node: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": node["id"],
        "event": node.get("event"),
        "legacy_id": node.get("legacy_id"),
        "date": node.get("date"),
        "end_date": node.get("end_date"),
        "type": node.get("type"),
        "overall": node.get("overall"),
        "overall_score": node.get("overall_score"),
        "scale": node.get("scale"),
        "publication_date": node.get("publication_date"),
        "judgements": node.get("judgements") or {},
        "source": node.get("source_kind"),
        "note": node.get("note"),
        "inspectors": [_caption(store, e["src"]) for e in store.edges("INSPECTED", dst=node["id"])],
    }


def _sort_key(item: dict[str, Any], *keys: str) -> tuple:
    return tuple(str(item.get(k) or "") for k in keys)


def home_page(store: GraphReader, node: dict[str, Any]) -> dict[str, Any]:
    home_id = node["id"]
    councils = [e for e in store.edges("LOCATED_IN", src=home_id)]
    councils.sort(key=lambda e: max(e.get("observed") or [""]))
    council = store.node(councils[-1]["dst"]) if councils else None
    providers = [
        {"id": e["src"], "name": _caption(store, e["src"]), "from": e.get("from"),
         "to": e.get("to"), "inferred": bool(e.get("inferred")),
         "evidence": _evidence(store, e["id"])}
        for e in store.edges("RUNS", dst=home_id)
    ]
    providers.sort(key=lambda p: _sort_key(p, "from", "to"))
    inspections = [_inspection(store, store.node(e["src"]) or {"id": e["src"]})
                   for e in store.edges("OF", dst=home_id)]
    inspections.sort(key=lambda i: _sort_key(i, "date", "event"))
    people = [_tenure(store, e, e["src"]) for e in store.edges("MANAGED", dst=home_id)]
    for e in store.edges("WORKS_FOR", dst=home_id):
        people.append({"id": e["src"], "name": _caption(store, e["src"]), "role": e.get("role"),
                       "relationship": "WORKS_FOR", "observed": e.get("observed") or [],
                       "evidence": _evidence(store, e["id"])})
    for edge in store.edges("RUNS", dst=home_id):
        for e in store.edges("RESPONSIBLE_FOR", dst=edge["src"]):
            people.append({"id": e["src"], "name": _caption(store, e["src"]),
                           "role": e.get("role") or "responsible individual",
                           "relationship": "RESPONSIBLE_FOR", "provider": edge["src"],
                           "observed": e.get("observed") or [],
                           "evidence": _evidence(store, e["id"])})
    for inspection in inspections:
        for e in store.edges("INSPECTED", dst=inspection["id"]):
            people.append({"id": e["src"], "name": _caption(store, e["src"]),
                           "role": e.get("role") or "inspector", "relationship": "INSPECTED",
                           "inspection": inspection["id"], "date": inspection["date"],
                           "evidence": _evidence(store, e["id"])})
    requirements = []
    for inspection in inspections:
        for e in store.edges("REQUIRES", src=inspection["id"]):
            req = store.node(e["dst"]) or {}
            requirements.append({"inspection": inspection["id"], **_facts(req), "id": e["dst"]})
    return {
        "id": home_id,
        "label": "Home",
        "urn": node.get("urn"),
        **{k: v for k, v in _facts(node).items() if k != "urn"},
        "council": council.get("name") if council else node.get("local_authority"),
        "council_id": council["id"] if council else None,
        "providers": providers,
        "inspections": inspections,
        "people": people,
        "moves_in": sorted((_move(store, e) for e in store.edges("STAFF_MOVE", dst=home_id)),
                           key=lambda m: _sort_key(m, "sort_date", "id")),
        "moves_out": sorted((_move(store, e) for e in store.edges("STAFF_MOVE", src=home_id)),
                            key=lambda m: _sort_key(m, "sort_date", "id")),
        "requirements": requirements,
        "claims": [{"document": e["src"], "date": e.get("date"), "judgement": e.get("judgement"),
                    "evidence": _evidence(store, e["id"])}
                   for e in store.edges("CLAIMS", dst=home_id)],
        "mentions": _mentions(store, home_id),
        "evidence": _evidence(store, home_id),
    }


def _tenure(store: GraphReader, e: dict[str, Any], other: str) -> dict[str, Any]:
    """A MANAGED relationship as a row: who (or where), role, dates or bounds, evidence."""
    return {"id": other, "name": _caption(store, other), "role": e.get("role"),
            "relationship": "MANAGED", "from": e.get("from"), "to": e.get("to"),
            "from_earliest": e.get("from_earliest"), "from_latest": e.get("from_latest"),
            "to_earliest": e.get("to_earliest"), "to_latest": e.get("to_latest"),
            "observed": e.get("observed") or [], "moved_in": bool(e.get("moved_in")),
            "documents": e.get("documents") or [], "evidence": _evidence(store, e["id"])}


def person_page(store: GraphReader, node: dict[str, Any]) -> dict[str, Any]:
    """A person: who the sources say they are, tenures at homes (dates or bounds), other
    roles, inspections, staff moves in time order, open questions about them, evidence."""
    person_id = node["id"]
    page = generic_page(store, node)
    tenures = []
    for e in store.edges("MANAGED", src=person_id):
        row = _tenure(store, e, e["dst"])
        row["home"] = _urn_or_id(store, e["dst"])
        tenures.append(row)
    tenures.sort(key=lambda t: _sort_key(t, "from", "from_earliest", "from_latest", "to"))
    roles = [{"relationship": e["type"], "role": e.get("role"), "at": e["dst"],
              "at_name": _caption(store, e["dst"]), "observed": e.get("observed") or [],
              "evidence": _evidence(store, e["id"])}
             for e in store.edges(src=person_id) if e["type"] in ("WORKS_FOR", "RESPONSIBLE_FOR")]
    inspected = []
    for e in store.edges("INSPECTED", src=person_id):
        inspection = store.node(e["dst"]) or {}
        subject = next(iter(store.edges("OF", src=e["dst"])), None)
        inspected.append({"inspection": e["dst"], "role": e.get("role"),
                          "date": inspection.get("date"), "type": inspection.get("type"),
                          "of": _urn_or_id(store, subject["dst"]) if subject else None})
    inspected.sort(key=lambda i: _sort_key(i, "date", "inspection"))
    questions = [q for q in store.questions() if person_id in (q["subject"], q["candidate"])]
    return page | {"tenures": tenures, "roles_held": roles, "inspected": inspected,
                   "questions": questions}


def _mentions(store: GraphReader, node_id: str) -> list[dict[str, Any]]:
    out = []
    for e in store.edges("MENTIONS", dst=node_id):
        doc = store.node(e["src"]) or {}
        out.append({"document": e["src"], "title": doc.get("title"), "path": doc.get("path"),
                    "quote": e.get("quote"), "locator": e.get("locator")})
    out.sort(key=lambda m: _sort_key(m, "document", "locator"))
    return out


def generic_page(store: GraphReader, node: dict[str, Any]) -> dict[str, Any]:
    """Any entity: its facts, every relationship in and out, mentions and evidence."""
    node_id = node["id"]
    out_edges = [{"type": e["type"], "to": e["dst"], "to_name": _caption(store, e["dst"]),
                  **{k: v for k, v in e.items() if k not in _HIDDEN}}
                 for e in store.edges(src=node_id) if e["type"] != "MENTIONS"]
    in_edges = [{"type": e["type"], "from": e["src"], "from_name": _caption(store, e["src"]),
                 **{k: v for k, v in e.items() if k not in _HIDDEN}}
                for e in store.edges(dst=node_id) if e["type"] != "MENTIONS"]
    page = {"id": node_id, "label": node["label"], **_facts(node),
            "relationships_out": out_edges, "relationships_in": in_edges,
            "mentions": _mentions(store, node_id), "evidence": _evidence(store, node_id)}
    if node["label"] == "Person":
        page["moves"] = sorted(
            (_move(store, e) for e in store.edges("STAFF_MOVE") if e.get("person") == node_id),
            key=lambda m: _sort_key(m, "sort_date", "id"))
    return page


def describe(store: GraphReader, node_id: str) -> dict[str, Any] | None:
    """The page of one entity by ID, or ``None`` when there is no such entity."""
    node = store.node(node_id)
    if node is None:
        return None
    if node["label"] == "Home":
        return home_page(store, node)
    if node["label"] == "Person":
        return person_page(store, node)
    return generic_page(store, node)
