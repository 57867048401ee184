"""Ratings around moves: for each staff move, the judgements of the home left and the home
joined just before and just after the move, and the change.

"Before" is the latest judgement dated on or before the move's day (its exact date, else
its sort date or a bound, as :func:`queries.index.move_key`); "after" the earliest dated
later. Judgements are a home's inspections with an overall judgement (source
``statistics``, ``document`` or both) and the dated claims of documents about days no
inspection on record covers (source ``document``), see :meth:`queries.index.GraphIndex.history`.

The change is ``after.score - before.score`` when both are on the full scale (4
Outstanding .. 1 Inadequate); ``direction`` says ``better``/``same``/``worse``, or for an
interim judgement after the move its outcome (``improved``/``sustained``/``declined``).
Cypher twin: ``ratings_around_moves.cypher``.
"""

from __future__ import annotations

from typing import Any

from queries.index import GraphIndex, move_key
from queries.moves import move_filter, time_order

INTERIM_OUTCOMES = {1: "improved", 0: "sustained", -1: "declined"}


def around(history: list[dict[str, Any]], day: str | None) -> dict[str, Any]:
    """The nearest judgement on or before ``day`` and the nearest after it, and the change.

    >>> h = [{"date": "2019-01-08", "score": 3, "scale": "full"},
    ...      {"date": "2019-10-29", "score": 1, "scale": "full"},
    ...      {"date": "2019-12-10", "score": 2, "scale": "full"}]
    >>> side = around(h, "2019-11-12")
    >>> side["before"]["date"], side["after"]["date"], side["change"], side["direction"]
    ('2019-10-29', '2019-12-10', 1, 'better')
    """
    before = after = None
    if day is not None:
        earlier = [j for j in history if j["date"] <= day]
        later = [j for j in history if j["date"] > day]
        before = earlier[-1] if earlier else None
        after = later[0] if later else None
    change = direction = None
    if before is not None and after is not None:
        if before["scale"] == "full" and after["scale"] == "full":
            change = after["score"] - before["score"]
            direction = "better" if change > 0 else "worse" if change < 0 else "same"
        elif after["scale"] == "interim":
            direction = INTERIM_OUTCOMES.get(after["score"])
    return {"before": before, "after": after, "change": change, "direction": direction}


def ratings_around_moves(ix: GraphIndex, params: dict[str, Any]) -> list[dict[str, Any]]:
    keep = move_filter(ix, params)
    rows = []
    moves = sorted((e for e in ix.by_type.get("STAFF_MOVE", ()) if keep(e)), key=time_order)
    ix.prefetch([e[0] for e in moves])
    ix.prefetch_histories({home for e in moves for home in (e[1], e[2])})
    for edge in moves:
        day = move_key(edge[3])
        row = ix.move_row(edge)
        row["origin"] = around(ix.history(edge[1]), day)
        row["destination"] = around(ix.history(edge[2]), day)
        rows.append(row)
    return rows
