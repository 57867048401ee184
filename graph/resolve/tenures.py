"""Tenures (MANAGED) inferred from what sources observe, and document inspections tied to
the record.

A tenure's bounds follow from its observations: a person seen in post on a day started no
later than that day (``from_latest``) and left no earlier (``to_earliest``); when a
tenure's earliest and latest start coincide the start is exact (``from``), and likewise its
end. Bounds that contradict each other (a start after the end) are kept as the sources
give them, with a ``note``.

An Inspection a home report describes is the event Ofsted's statistics list for the same
home when exactly one recorded event of that home falls within the report's visit dates
(one day's slack either side): the two become one node.

>>> from graph.assemble import Assembly
>>> from graph.records import Edge, Provenance
>>> a = Assembly()
>>> a.add(Edge("MANAGED", "person:x", "home:SC1", {"role": "manager", "observed": [
...     "2020-09-08"], "from_earliest": "2020-09-08"}, Provenance("d", rule="doc-x")))
>>> infer_tenures(a, [])
>>> e = a.by_type("MANAGED")[0].props
>>> e["from"], e["from_latest"], e["to_earliest"]
('2020-09-08', '2020-09-08', '2020-09-08')
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from graph.assemble import Assembly


def infer_tenures(assembly: Assembly, judgements: list[dict[str, Any]]) -> None:
    for edge in assembly.by_type("MANAGED"):
        p = edge.props
        observed = sorted(d for d in p.get("observed") or [] if d)
        if observed:
            p["from_latest"] = min(filter(None, [p.get("from_latest"), observed[0]]))
            p["to_earliest"] = max(filter(None, [p.get("to_earliest"), observed[-1]]))
        if not p.get("from") and p.get("from_earliest") and \
                p.get("from_earliest") == p.get("from_latest"):
            p["from"] = p["from_earliest"]
        if not p.get("to") and p.get("to_earliest") and p.get("to_earliest") == p.get("to_latest"):
            p["to"] = p["to_earliest"]
        start = p.get("from") or p.get("from_earliest")
        end = p.get("to") or p.get("to_latest")
        if start and end and start > end:
            p["note"] = f"sources bound its start ({start}) after its end ({end})"


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def reconcile_report_inspections(assembly: Assembly, judgements: list[dict[str, Any]]) -> None:
    """Merge a report's inspection into the recorded event it describes (see module doc)."""
    of = {e.src: e.dst for e in assembly.by_type("OF")}
    recorded: dict[str, list[str]] = defaultdict(list)
    reported = []
    for node in assembly.by_label("Inspection"):
        kinds = str(node.props.get("source_kind") or "")
        if node.id not in of:
            continue
        if "statistics" in kinds:
            recorded[of[node.id]].append(node.id)
        elif "document" in kinds:
            reported.append(node)
    mapping = {}
    for node in sorted(reported, key=lambda n: n.id):
        start = _day(node.props.get("start_date"))
        end = _day(node.props.get("end_date")) or start
        if start is None:
            continue
        low, high = start - dt.timedelta(days=1), end + dt.timedelta(days=1)
        hits = []
        for other in recorded.get(of[node.id], ()):
            p = assembly.nodes[other].props
            days = {_day(p.get(k)) for k in ("start_date", "end_date", "date")} - {None}
            if any(low <= d <= high for d in days):
                hits.append(other)
        if len(hits) == 1:
            mapping[node.id] = hits[0]
            target = assembly.nodes[hits[0]].props
            note = f"also described by a report ({node.id})"
            target["note"] = "; ".join(filter(None, [target.get("note"), note]))
    assembly.redirect(mapping)


PASSES = (reconcile_report_inspections, infer_tenures)
