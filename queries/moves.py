"""Staff moves between homes: the list, chains of moves, and paths between two homes.

Time: a move is placed at its exact ``date``, else its ``sort_date`` (a day within its
earliest/latest bounds), else a bound (:func:`queries.index.move_key`). A step may follow
the previous one when its day is on or after the previous step's day (same-day steps
chain); a move with no day at all never chains. Each step after the first says how sure
that order is: ``after`` (its earliest possible day is after the previous step's latest),
``same day``, or ``by sort date`` (bounds overlap; the order rests on the sort dates).
Cypher twins: ``staff_moves.cypher``, ``move_chains.cypher``, ``paths_between.cypher``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from graph.errors import ParameterError
from queries.index import GraphIndex, move_key

Move = tuple[str, str, str, dict[str, Any]]


def move_filter(ix: GraphIndex, params: dict[str, Any]) -> Callable[[Move], bool]:
    """The test a move must pass for the council/provider/person/home/from/to filters."""
    council, provider = params.get("council"), params.get("provider")
    person, home = params.get("person"), params.get("home")
    start, end = params.get("from"), params.get("to")
    in_area = {e[1] for e in ix.in_council.get(council, ())} if council else set()
    runs = {e[2] for e in ix.runs_provider.get(provider, ())} if provider else set()

    def keep(edge: Move) -> bool:
        _, src, dst, m = edge
        key = move_key(m)
        return ((council is None or src in in_area or dst in in_area)
                and (provider is None or src in runs or dst in runs)
                and (person is None or m.get("person") == person)
                and (home is None or home in (src, dst))
                and (start is None or (key is not None and key >= start))
                and (end is None or (key is not None and key <= end)))

    return keep


def time_order(edge: Move) -> tuple:
    """Sort key: day (undated last), then ID, as Cypher's ``ORDER BY key, m.id``."""
    key = move_key(edge[3])
    return (key is None, key or "", edge[0])


def staff_moves(ix: GraphIndex, params: dict[str, Any]) -> list[dict[str, Any]]:
    keep = move_filter(ix, params)
    moves = sorted((e for e in ix.by_type.get("STAFF_MOVE", ()) if keep(e)), key=time_order)
    ix.prefetch([e[0] for e in moves])
    return [ix.move_row(e) for e in moves]


def follows(previous: Move, step: Move) -> bool:
    """True when ``step`` may come after ``previous`` in time (see module doc)."""
    a, b = move_key(previous[3]), move_key(step[3])
    return a is not None and b is not None and b >= a


def order_of(previous: Move, step: Move) -> str:
    hi = previous[3].get("date") or previous[3].get("latest")
    lo = step[3].get("date") or step[3].get("earliest")
    if hi is None or lo is None or lo < hi:
        return "by sort date"
    return "after" if lo > hi else "same day"


def walks(ix: GraphIndex, first: Move, limit: int) -> Iterator[list[Move]]:
    """Every time-respecting walk (no move twice) that starts with ``first``, up to
    ``limit`` moves, depth first."""
    path, used = [first], {first[0]}

    def extend() -> Iterator[list[Move]]:
        yield list(path)
        if len(path) == limit:
            return
        for step in ix.moves_out.get(path[-1][2], ()):
            if step[0] not in used and follows(path[-1], step):
                path.append(step)
                used.add(step[0])
                yield from extend()
                path.pop()
                used.discard(step[0])

    yield from extend()


def can_extend(ix: GraphIndex, path: list[Move]) -> bool:
    used = {m[0] for m in path}
    return any(step[0] not in used and follows(path[-1], step)
               for step in ix.moves_out.get(path[-1][2], ()))


def chain_row(ix: GraphIndex, path: list[Move]) -> dict[str, Any]:
    """A chain or path of moves as a row (twin of the Cypher RETURN of both files)."""
    steps = []
    for k, edge in enumerate(path):
        step = ix.move_row(edge)
        step["order"] = None if k == 0 else order_of(path[k - 1], edge)
        steps.append(step)
    people, person_ids = [], []
    for step in steps:
        if step["person_id"] is not None and step["person_id"] not in person_ids:
            person_ids.append(step["person_id"])
            people.append(step["person"])
    return {
        "length": len(path), "start": move_key(path[0][3]), "end": move_key(path[-1][3]),
        "from_id": path[0][1], "from_home": ix.caption(path[0][1]),
        "to_id": path[-1][2], "to_home": ix.caption(path[-1][2]),
        "home_ids": [path[0][1]] + [e[2] for e in path],
        "homes": [ix.caption(path[0][1])] + [ix.caption(e[2]) for e in path],
        "person_ids": person_ids, "people": people, "steps": steps,
    }


def _rank(row: dict[str, Any], longest_first: bool) -> tuple:
    ids = [s["move_id"] for s in row["steps"]]
    length = -row["length"] if longest_first else row["length"]
    return (length, row["start"] is None, row["start"] or "", ids)


def move_chains(ix: GraphIndex, params: dict[str, Any]) -> list[dict[str, Any]]:
    home, person, max_length = params.get("home"), params.get("person"), params["max_length"]
    if home is None:  # the whole graph's chains: worth keeping for the next call
        rows = ix.memo(("move-chains", person, max_length),
                       lambda: _chains(ix, None, person, max_length))
    else:
        rows = _chains(ix, home, person, max_length)
    return [dict(r) for r in rows[: params["limit"]]]


def _chains(ix: GraphIndex, home: str | None, person: str | None,
            max_length: int) -> list[dict[str, Any]]:
    """Every maximal chain (see module doc), longest first."""
    moves = ix.by_type.get("STAFF_MOVE", ())
    if home is not None:
        firsts = list(ix.moves_out.get(home, ()))
    else:
        firsts = [m for m in moves
                  if not any(p[0] != m[0] and follows(p, m) for p in ix.moves_in.get(m[1], ()))]
    rows = []
    for first in firsts:
        for path in walks(ix, first, max_length):
            extensible = can_extend(ix, path)
            if extensible and len(path) < max_length:
                continue
            if person is not None and not any(m[3].get("person") == person for m in path):
                continue
            row = chain_row(ix, path)
            row["truncated"] = extensible
            rows.append(row)
    rows.sort(key=lambda r: _rank(r, True))
    return rows


def paths_between(ix: GraphIndex, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for direction, start, goal in (("forward", params["from"], params["to"]),
                                   ("backward", params["to"], params["from"])):
        for first in ix.moves_out.get(start, ()):
            for path in walks(ix, first, params["max_hops"]):
                if path[-1][2] == goal:
                    rows.append(chain_row(ix, path) | {"direction": direction})
    rows.sort(key=lambda r: _rank(r, False))
    return rows[: params["limit"]]


def _check_paths(store: Any, params: dict[str, Any]) -> None:
    if params["from"] == params["to"]:
        raise ParameterError("paths-between needs two different homes "
                             f"(from and to are both {params['from']})")


paths_between.check = _check_paths  # type: ignore[attr-defined]
