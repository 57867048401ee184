"""Staff moves for the movement explorer: every move with its evidence, filtered by
council, provider and dates; the time-ordered chain onward from a home; time-respecting
paths between two homes. Only the reading protocol is used (either backend).

A chain or path respects time: each move leaves the home the previous one arrived at, no
earlier than the previous move (undated moves are allowed anywhere and flagged).

>>> moves = [{"id": "m1", "from_id": "a", "to_id": "b", "sort_date": "2019-11-01"},
...          {"id": "m2", "from_id": "b", "to_id": "c", "sort_date": "2020-01-23"},
...          {"id": "m3", "from_id": "b", "to_id": "d", "sort_date": "2019-01-01"}]
>>> [m["id"] for m in chain_from(moves, "a")]
['m1', 'm2']
>>> [[m["id"] for m in p] for p in paths_between(moves, "a", "c")]
[['m1', 'm2']]
>>> paths_between(moves, "a", "d")
[]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.store.base import GraphReader
from queries.explorer_common import caption, home_summary


def _when(move: dict[str, Any]) -> str:
    return str(move.get("sort_date") or move.get("date") or move.get("earliest")
               or move.get("latest") or "")


def all_moves(store: GraphReader) -> list[dict[str, Any]]:
    """Every STAFF_MOVE, time-ordered, with people's names, quotes and evidence."""
    names: dict[str, str] = {}

    def name(node_id: str) -> str:
        if node_id not in names:
            names[node_id] = caption(store.node(node_id), node_id)
        return names[node_id]

    out = []
    for edge in store.edges("STAFF_MOVE"):
        person = edge.get("person")
        out.append({
            "id": edge["id"], "from_id": edge["src"], "to_id": edge["dst"],
            "from": name(edge["src"]), "to": name(edge["dst"]),
            "person_id": person,
            "person": edge.get("person_name") or (name(person) if person else None),
            "role": edge.get("role"), "date": edge.get("date"),
            "earliest": edge.get("earliest"), "latest": edge.get("latest"),
            "sort_date": edge.get("sort_date"), "quote": edge.get("quote"),
            "document": edge.get("document"), "derived_from": edge.get("derived_from"),
            "evidence": store.provenance(edge["id"]),
        })
    out.sort(key=lambda m: (_when(m), m["id"]))
    return out


def homes_of_moves(store: GraphReader, moves: list[dict[str, Any]]) -> dict[str, dict]:
    """A summary (council, provider, latest judgement) of every home a move touches."""
    ids = sorted({m["from_id"] for m in moves} | {m["to_id"] for m in moves})
    return {home_id: home_summary(store, home_id) for home_id in ids}


def filter_moves(moves: list[dict[str, Any]], homes: dict[str, dict], *,
                 council: str | None = None, provider: str | None = None,
                 start: str | None = None, end: str | None = None) -> list[dict[str, Any]]:
    """Moves touching a home in ``council``'s area or run by ``provider``, dated (by
    their sort date) within ``start``..``end``; undated moves pass the date filter."""

    def touches(move: dict[str, Any], key: str, value: str) -> bool:
        return any(homes.get(move[end_], {}).get(key) == value for end_ in ("from_id", "to_id"))

    out = []
    for move in moves:
        when = _when(move)
        if council and not touches(move, "council_id", council):
            continue
        if provider and not touches(move, "provider_id", provider):
            continue
        if when and ((start and when < start) or (end and when > end)):
            continue
        out.append(move)
    return out


def chain_from(moves: list[dict[str, Any]], home_id: str) -> list[dict[str, Any]]:
    """The moves reachable onward from a home in time order (a breadth-first walk that
    only follows a move no earlier than the one that led to its home)."""
    outgoing: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for move in moves:
        outgoing[move["from_id"]].append(move)
    seen: dict[str, dict[str, Any]] = {}
    frontier = [(home_id, "")]
    while frontier:
        node, since = frontier.pop(0)
        for move in sorted(outgoing.get(node, ()), key=lambda m: (_when(m), m["id"])):
            when = _when(move)
            if move["id"] in seen or (since and when and when < since):
                continue
            seen[move["id"]] = move
            frontier.append((move["to_id"], when or since))
    return sorted(seen.values(), key=lambda m: (_when(m), m["id"]))


def paths_between(moves: list[dict[str, Any]], source: str, target: str, *,
                  max_hops: int = 6, limit: int = 20) -> list[list[dict[str, Any]]]:
    """Time-respecting chains of moves from ``source`` to ``target``, shortest first."""
    outgoing: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for move in moves:
        outgoing[move["from_id"]].append(move)
    found: list[list[dict[str, Any]]] = []

    def walk(node: str, path: list[dict[str, Any]], visited: set[str], since: str) -> None:
        if len(found) >= limit * 5:
            return
        if node == target and path:
            found.append(list(path))
            return
        if len(path) >= max_hops:
            return
        for move in sorted(outgoing.get(node, ()), key=lambda m: (_when(m), m["id"])):
            when = _when(move)
            if move["to_id"] in visited or (since and when and when < since):
                continue
            path.append(move)
            walk(move["to_id"], path, visited | {move["to_id"]}, when or since)
            path.pop()

    walk(source, [], {source}, "")
    found.sort(key=lambda p: (len(p), [_when(m) for m in p]))
    return found[:limit]
