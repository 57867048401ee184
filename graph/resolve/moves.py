"""Staff moves: stated ones get their ``sort_date``; consecutive tenures become moves.

A person whose tenure at one home was last seen on or before the day a tenure at another
home was first seen moved between them: a STAFF_MOVE with ``derived_from`` "consecutive
tenures", ``earliest`` the last day known at the first home, ``latest`` the first day
known at the next, the quotes and document behind the two tenures, and a lower confidence
(0.7). A move a document already states for the same person and homes is not repeated.
Tenures are sorted per person, so the pass is linear in tenures.

>>> from graph.assemble import Assembly
>>> from graph.records import Edge, Node, Provenance
>>> a = Assembly()
>>> a.add(Node("Person", "person:x", {"name": "Jane Doe"}))
>>> for home, seen in (("home:SC1", "2019-03-01"), ("home:SC2", "2020-05-01")):
...     a.add(Edge("MANAGED", "person:x", home, {"role": "registered manager",
...           "observed": [seen], "documents": ["document:d"]}, Provenance("f", "line 3",
...           "Registered manager: Jane Doe", "doc-report-manager")))
>>> from graph.resolve.tenures import infer_tenures
>>> infer_tenures(a, []); derive_moves(a, [])
>>> m = a.by_type("STAFF_MOVE")[0]
>>> (m.src, m.dst, m.props["earliest"], m.props["latest"], m.props["derived_from"])
('home:SC1', 'home:SC2', '2019-03-01', '2020-05-01', 'consecutive tenures')
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from typing import Any

from graph.assemble import Assembly, Merged
from graph.records import Edge, Provenance


def _first_seen(t: Merged) -> str | None:
    p = t.props
    return p.get("from") or p.get("from_latest") or min(p.get("observed") or [None])


def _last_seen(t: Merged) -> str | None:
    p = t.props
    return p.get("to") or p.get("to_earliest") or max(p.get("observed") or [None])


def derive_moves(assembly: Assembly, judgements: list[dict[str, Any]]) -> None:
    stated = {(e.src, e.dst, e.props.get("person")) for e in assembly.by_type("STAFF_MOVE")}
    by_person: dict[str, list[Merged]] = defaultdict(list)
    for tenure in assembly.by_type("MANAGED"):
        by_person[tenure.src].append(tenure)
    for person_id, tenures in sorted(by_person.items()):
        if len({t.dst for t in tenures}) < 2:
            continue
        tenures.sort(key=lambda t: (_first_seen(t) or _last_seen(t) or "9999", t.id))
        for before, after in pairwise(tenures):
            left, arrived = _last_seen(before), _first_seen(after)
            if before.dst == after.dst or not left or not arrived or left > arrived:
                continue
            if (before.dst, after.dst, person_id) in stated:
                continue
            person = assembly.nodes.get(person_id)
            quotes = sorted({p.quote for t in (before, after) for p in t.prov if p.quote})
            documents = [*(before.props.get("documents") or []),
                         *(after.props.get("documents") or [])]
            edge = Edge("STAFF_MOVE", before.dst, after.dst, {
                "person": person_id,
                "person_name": person.props.get("name") if person else None,
                "role": after.props.get("role"), "earliest": left, "latest": arrived,
                "sort_date": left, "quote": "; ".join(quotes),
                "document": documents[-1] if documents else None,
                "derived_from": "consecutive tenures"})
            target = assembly.add_edge(edge)
            for tenure in (before, after):
                for p in tenure.prov:
                    target.prov[Provenance(p.source, p.locator, p.quote, "consecutive-tenures",
                                           min(p.confidence, 0.7))] = None
            stated.add((before.dst, after.dst, person_id))
    for move in assembly.by_type("STAFF_MOVE"):
        p = move.props
        p["sort_date"] = p.get("date") or p.get("earliest") or p.get("latest")


PASSES = (derive_moves,)
