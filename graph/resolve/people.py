"""People across documents: curated judgements applied, candidates asked, never guessed.

A person's ID already carries their name, role family and place (``loaders.documents.emit``
states the key rule), so the same full name in the same role at the same place is one node
without any merging here. This pass:

1. applies ``same_person`` judgements (people judged the same become one node, the named
   one's ID kept over an unnamed one's, then a full name's over a partial one's) unless a
   later ``not_same_person`` judgement on the pair says otherwise;
2. asks (``same_person`` questions) about every other pair of people with the same full
   name: same name in another role or place is a candidate, not a fact. Partial names
   ("Mr Smith") are never asked about or matched: only a judgement joins them;
3. asks about managers a source says were "moved in" from a home it does not name:
   the same person as whoever the documents move into that home, or hold a tenure there?

Work is linear in people and tenures: people are grouped by name key, tenures by home.

>>> groups([("a", "b"), ("b", "c"), ("x", "y")])
[['a', 'b', 'c'], ['x', 'y']]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.assemble import Assembly, Merged

MAX_GROUP = 12


def groups(pairs: list[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of IDs from pairs (union-find), each sorted, sorted by first."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    out: dict[str, list[str]] = defaultdict(list)
    for x in parent:
        out[find(x)].append(x)
    return sorted(sorted(g) for g in out.values())


def _canonical(people: list[Merged]) -> Merged:
    return min(people, key=lambda p: (bool(p.props.get("unnamed")), not _full(p), p.id))


def _full(person: Merged) -> bool:
    from graph.names import parse_person

    return parse_person(person.props.get("name") or "").full and not person.props.get("unnamed")


def apply_same_person(assembly: Assembly, judgements: list[dict[str, Any]]) -> dict[str, str]:
    """Merge people judged the same; returns the mapping applied (old ID -> kept ID)."""
    pairs = [(j["a"], j["b"]) for j in judgements if j["kind"] == "same_person"
             and j["a"] in assembly.nodes and j["b"] in assembly.nodes]
    mapping: dict[str, str] = {}
    names: dict[str, tuple[str, list[str], bool]] = {}
    for group in groups(pairs):
        members = [assembly.nodes[i] for i in group]
        keep = _canonical(members)
        named = _canonical([m for m in members if not m.props.get("unnamed")] or [keep])
        for member in members:
            if member.id != keep.id:
                mapping[member.id] = keep.id
        names[keep.id] = (named.props.get("name"), sorted(set(group) - {keep.id}),
                          all(m.props.get("unnamed") for m in members))
    if not mapping:
        return mapping
    assembly.redirect(mapping)
    for keep_id, (name, others, unnamed) in names.items():
        assembly.nodes[keep_id].props |= {"name": name, "same_as": others, "unnamed": unnamed}
    for edge in [e for e in assembly.by_type("STAFF_MOVE") if e.props.get("person") in mapping]:
        assembly.remove_edge(edge.id)
        person = assembly.nodes[mapping[edge.props["person"]]]
        props = dict(edge.props) | {"person": person.id, "person_name": person.props.get("name")}
        assembly.readd_edge(edge, edge.src, edge.dst, props)
    return mapping


def _evidence(assembly: Assembly, person: Merged) -> dict[str, Any]:
    return {"name": person.props.get("name"), "roles": person.props.get("roles"),
            "place": person.props.get("place"), "documents": person.props.get("documents"),
            "quotes": sorted({p.quote for p in person.prov if p.quote})[:3]}


def resolve_people(assembly: Assembly, judgements: list[dict[str, Any]]) -> None:
    apply_same_person(assembly, judgements)
    judged = {frozenset((j["a"], j["b"])) for j in judgements
              if j["kind"] in ("same_person", "not_same_person")}
    by_name: dict[str, list[Merged]] = defaultdict(list)
    for person in assembly.by_label("Person"):
        if _full(person) and person.props.get("name_key"):
            by_name[person.props["name_key"]].append(person)
    for _, people in sorted(by_name.items()):
        if len(people) < 2:
            continue
        people.sort(key=lambda p: p.id)
        pairs = [(a, b) for i, a in enumerate(people[:MAX_GROUP]) for b in people[i + 1:MAX_GROUP]]
        for a, b in pairs:
            if frozenset((a.id, b.id)) in judged:
                continue
            assembly.ask("same_person", a.id, b.id, 0.5, {
                "reason": "same full name in another role or place",
                "subject": _evidence(assembly, a), "candidate": _evidence(assembly, b)})
    _moved_in(assembly, judged)


def _moved_in(assembly: Assembly, judged: set[frozenset[str]]) -> None:
    """Managers moved in from an unnamed home: who else arrived at or held that home?"""
    arrivals: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for move in assembly.by_type("STAFF_MOVE"):
        if move.props.get("person"):
            arrivals[move.dst].append((move.props["person"], "moved into it from "
                                       + move.src.split(":", 1)[1], move.props.get("quote", "")))
    tenures: dict[str, list[Merged]] = defaultdict(list)
    for edge in assembly.by_type("MANAGED"):
        tenures[edge.dst].append(edge)
    for home, edges in sorted(tenures.items()):
        for edge in sorted(edges, key=lambda e: e.id):
            if not edge.props.get("moved_in"):
                continue
            arrived = edge.props.get("from_earliest") or edge.props.get("from")
            others = sorted(arrivals.get(home, []))
            for other in sorted(edges, key=lambda e: e.id):
                ended = other.props.get("to_latest") or other.props.get("to")
                if other.src != edge.src and not (arrived and ended and ended < arrived):
                    others.append((other.src, f"held a tenure there as {other.props.get('role')}",
                                   ""))
            seen: set[str] = set()
            for person, how, quote in others:
                if person == edge.src or person in seen or frozenset((edge.src, person)) in judged:
                    continue
                seen.add(person)
                assembly.ask("same_person", edge.src, person, 0.4, {
                    "reason": f"a manager moved into {home.split(':', 1)[1]} from a home the "
                              f"source does not name; this person {how}",
                    "subject": _evidence(assembly, assembly.nodes[edge.src]),
                    "candidate": _evidence(assembly, assembly.nodes[person]),
                    "candidate_quote": quote})


PASSES = (resolve_people,)
