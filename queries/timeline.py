"""home-timeline: one home's dated events in one sequence.

Kinds, in the order used for events on the same day: ``registered``, ``provider`` (a RUNS
spell, dated at its ``from``, else its first observation, with ``end_date`` its ``to``),
``manager`` (a MANAGED tenure, dated at ``from``, else ``from_earliest``, else
``from_latest``, else its first observation), ``move in``, ``inspection`` and ``claim``
(the home's judgement history: inspections, and document claims about days no inspection
covers),
``move out``, ``closed``. Undated events come last. Cypher twin: ``home_timeline.cypher``.
"""

from __future__ import annotations

from typing import Any

from queries.index import GraphIndex, move_key

KINDS = ("registered", "provider", "manager", "move in", "inspection", "claim", "move out",
         "closed")
_FIELDS = ("date", "end_date", "kind", "id", "judgement", "score", "scale", "source", "event",
           "person_id", "person", "role", "provider_id", "provider", "other_home_id",
           "other_home", "document_id", "quote", "evidence")


def _event(**values: Any) -> dict[str, Any]:
    return {k: values.get(k) for k in _FIELDS}


def _first(values: list[str] | None) -> str | None:
    return min(values) if values else None


def home_timeline(ix: GraphIndex, params: dict[str, Any]) -> list[dict[str, Any]]:
    home = params["home"]
    node = ix.node(home)
    events = []
    if node.get("registration_date"):
        events.append(_event(date=node["registration_date"], kind="registered", id=home,
                             evidence=ix.evidence(home)))
    for runs_id, provider, _, r in ix.runs_home.get(home, ()):
        events.append(_event(date=r.get("from") or _first(r.get("observed")),
                             end_date=r.get("to"), kind="provider", id=runs_id,
                             provider_id=provider, provider=ix.node(provider).get("name"),
                             evidence=ix.evidence(runs_id)))
    for managed_id, person, _, m in ix.managed_at.get(home, ()):
        events.append(_event(
            date=(m.get("from") or m.get("from_earliest") or m.get("from_latest")
                  or _first(m.get("observed"))),
            end_date=m.get("to") or m.get("to_latest") or m.get("to_earliest"),
            kind="manager", id=managed_id, person_id=person,
            person=ix.node(person).get("name"), role=m.get("role"),
            evidence=ix.evidence(managed_id)))
    for kind, edges, other in (("move in", ix.moves_in, 1), ("move out", ix.moves_out, 2)):
        for edge in edges.get(home, ()):
            move = ix.move_row(edge)
            events.append(_event(date=move_key(edge[3]), kind=kind, id=edge[0],
                                 person_id=move["person_id"], person=move["person"],
                                 role=move["role"], other_home_id=edge[other],
                                 other_home=ix.caption(edge[other]),
                                 document_id=move["document_id"], quote=move["quote"],
                                 evidence=move["evidence"]))
    for j in ix.history(home):
        events.append(_event(date=j["date"], end_date=j["end_date"], kind=j["kind"],
                             id=j["id"], judgement=j["judgement"], score=j["score"],
                             scale=j["scale"], source=j["source"], event=j["event"],
                             document_id=j["document_id"], evidence=j["evidence"]))
    if node.get("closure_date"):
        events.append(_event(date=node["closure_date"], kind="closed", id=home,
                             evidence=ix.evidence(home)))
    events.sort(key=lambda e: (e["date"] is None, e["date"] or "", KINDS.index(e["kind"]),
                               e["id"]))
    return events
