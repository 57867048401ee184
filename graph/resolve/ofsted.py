"""Resolution of the Ofsted statistics across yearly snapshots.

- :func:`reconcile_inspections`: one node per real event. An event number mangled into
  scientific notation is matched to the event with the same home and date; an inspection
  from the 2015 ID system is merged with a later event of the same home when that one
  falls 0-21 days after it with the same overall judgement (2015 gives a visit's first
  day, 2016-2018 its last), and kept apart with a note otherwise; the primary ``date`` is
  the first day when known; relabellings across years are noted.
- :func:`ownership_spells`: owner observations per snapshot become successive ``RUNS``
  spells (A, A, B, A gives three spells), bounded by registration and closure dates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from graph.assemble import Assembly, Merged
from graph.judgements import score

LEGACY_WINDOW_DAYS = 21


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _home_of(assembly: Assembly) -> dict[str, str]:
    return {e.src: e.dst for e in assembly.by_type("OF")}


def _first_day(node: Merged) -> str | None:
    return node.props.get("start_date") or node.props.get("end_date")


def reconcile_inspections(assembly: Assembly, judgements: list[dict[str, Any]]) -> None:
    home_of = _home_of(assembly)
    by_home: dict[str, list[Merged]] = defaultdict(list)
    for node in assembly.by_label("Inspection"):
        if node.id in home_of:
            by_home[home_of[node.id]].append(node)
    mapping: dict[str, str] = {}
    for events in by_home.values():
        numbered = [n for n in events if n.props.get("event")]
        for node in events:
            if node.props.get("event_mangled"):
                day = _first_day(node)
                same_day = [n for n in numbered if day and day in (
                    n.props.get("start_date"), n.props.get("end_date"))]
                if len(same_day) == 1:
                    mapping[node.id] = same_day[0].id
                    _note(same_day[0], f"event number also written as "
                          f"{node.props['event_mangled']} (spreadsheet notation)")
                else:
                    _note(node, f"event number mangled to {node.props['event_mangled']}; "
                          "no event of this home on the same day to restore it")
            elif node.props.get("legacy_id") and not node.props.get("event"):
                _reconcile_legacy(node, numbered, mapping)
    assembly.redirect(mapping)
    for node in assembly.by_label("Inspection"):
        props = node.props
        props["date"] = props.get("start_date") or props.get("end_date") or props.get("date")
        history = props.get("history") or {}
        grades = {score(v.get("overall")) for v in history.values() if v.get("overall")}
        if len(grades) > 1:
            _note(node, "overall judgement relabelled across years: " + "; ".join(
                f"{year} {history[year].get('overall')!r}" for year in sorted(history)
                if history[year].get("overall")))


def _reconcile_legacy(node: Merged, numbered: list[Merged], mapping: dict[str, str]) -> None:
    start = _day(node.props.get("start_date"))
    overall = node.props.get("overall_score")
    candidates = []
    for other in numbered:
        other_day = _day(other.props.get("end_date") or other.props.get("start_date"))
        if start and other_day and 0 <= (other_day - start).days <= LEGACY_WINDOW_DAYS \
                and other.props.get("overall_score") == overall:
            candidates.append(other)
    legacy = node.props["legacy_id"]
    if len(candidates) == 1:
        target = candidates[0]
        mapping[node.id] = target.id
        later = target.props.get("end_date") or target.props.get("start_date")
        _note(target, f"2015 inspection ID {legacy} (dated {start}) is this event: same home "
              f"and overall judgement, dated {later} in later files")
    elif candidates:
        _note(node, f"2015 inspection ID {legacy}: kept apart, {len(candidates)} later events "
              "could be the same visit (" + ", ".join(c.props["event"] for c in candidates) + ")")
    else:
        _note(node, f"2015 inspection ID {legacy}: no later event matches; kept apart "
              "(the 2015 file uses another ID system)")


def _note(node: Merged, text: str) -> None:
    old = node.props.get("note")
    if not old:
        node.props["note"] = text
    elif text not in old.split("; "):
        node.props["note"] = f"{old}; {text}"


def ownership_spells(assembly: Assembly, judgements: list[dict[str, Any]]) -> None:
    """Split each home's owner observations into successive RUNS spells.

    Observations a file states (``observed``) and observations inferred from the sector
    (``inferred_observed``) are kept apart; an inferred council owner gives way to the
    first owner a later file states when that owner is another organisation.
    """
    runs_by_home: dict[str, list[Merged]] = defaultdict(list)
    for edge in assembly.by_type("RUNS"):
        runs_by_home[edge.dst].append(edge)
    for home_id, edges in runs_by_home.items():
        stated = sorted((d, e.src) for e in edges for d in e.props.get("observed") or [])
        inferred = sorted((d, e.src) for e in edges
                          for d in e.props.get("inferred_observed") or [])
        if stated and inferred and stated[0][1] != inferred[0][1]:
            inferred = []
        stated_dates = {d for d, _ in stated}
        timeline = sorted(set(stated) | {(d, p) for d, p in inferred if d not in stated_dates})
        spells: list[tuple[str, list[str]]] = []
        for date, provider in timeline:
            if spells and spells[-1][0] == provider:
                spells[-1][1].append(date)
            else:
                spells.append((provider, [date]))
        by_provider = {e.src: e for e in edges}
        for edge in edges:
            assembly.remove_edge(edge.id)
        home = assembly.nodes.get(home_id)
        registered = home.props.get("registration_date") if home else None
        closed = home.props.get("closure_date") if home else None
        for index, (provider, dates) in enumerate(spells):
            start = registered if index == 0 and registered and registered <= dates[0] else dates[0]
            end = closed if index == len(spells) - 1 else spells[index + 1][1][0]
            props = {"from": start, "to": end, "observed": dates,
                     "inferred": not any(d in stated_dates for d in dates)}
            target = assembly.readd_edge(by_provider[provider], provider, home_id, props)
            target.props.pop("inferred_observed", None)
            target.props["observed"] = dates
            target.props["inferred"] = props["inferred"]


def _passes():
    from graph.resolve.councils import council_providers, drop_orphan_inferred_providers

    return (reconcile_inspections, council_providers, ownership_spells,
            drop_orphan_inferred_providers)


PASSES = _passes()
