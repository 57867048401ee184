"""Councils as providers: one Council and one Provider per local authority, however the
sources spell it.

Owners are written as organisations ("Hull City Council", "Norfolk Children's Services")
and areas as Ofsted names them ("Kingston upon Hull, City of"), so a council-run home can
point at a Council ID no source uses. This pass ties each such provider to the Council of
the area its Local Authority homes lie in, when the names share their distinctive words,
re-keys the provider on that council (so the owner column's "Hull City Council" and an
inferred "Kingston upon Hull" owner are one Provider), and reports what it cannot tie.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from graph.assemble import Assembly
from graph.ids import council_provider_id
from graph.records import Notice

#: Words that do not tell one council from another.
GENERIC = frozenset({
    "of", "and", "the", "upon", "on", "city", "county", "borough", "metropolitan",
    "district", "council", "childrens", "children", "services", "service", "social", "care",
    "homes", "home", "residential", "department", "directorate", "local", "authority",
})


def distinctive(key: str) -> frozenset[str]:
    """The words of a council key that identify it (``"kingston-upon-hull"`` → kingston, hull).

    >>> sorted(distinctive("norfolk-childrens-services"))
    ['norfolk']
    """
    return frozenset(key.split("-")) - GENERIC


def council_providers(assembly: Assembly, judgements: list[dict[str, Any]]) -> None:
    councils = {node.id: node for node in assembly.by_label("Council")}
    located = {e.src: e.dst for e in assembly.by_type("LOCATED_IN")}
    homes_of: dict[str, list[str]] = {}
    for edge in assembly.by_type("RUNS"):
        homes_of.setdefault(edge.src, []).append(edge.dst)
    mapping: dict[str, str] = {}
    for edge in list(assembly.by_type("IS_COUNCIL")):
        if edge.dst in councils:
            continue
        wanted = distinctive(edge.dst.split(":", 1)[1])
        areas = Counter(located[h] for h in homes_of.get(edge.src, ()) if h in located)
        ranked = [c for c, _ in areas.most_common() if wanted & distinctive(c.split(":", 1)[1])]
        if not ranked:
            ranked = [c for c in councils if wanted and wanted <= distinctive(c.split(":", 1)[1])]
            ranked = ranked if len(ranked) == 1 else []
        assembly.remove_edge(edge.id)
        if not ranked:
            assembly.notices.append(Notice(
                "resolution", f"{edge.src} names a council ({edge.dst}) that no Ofsted area "
                "matches; left unlinked"))
            continue
        council = councils[ranked[0]]
        target = council_provider_id(council.props.get("name") or council.id.split(":", 1)[1])
        assembly.readd_edge(edge, target, council.id, {})
        if target != edge.src:
            mapping[edge.src] = target
    assembly.redirect(mapping)


def drop_orphan_inferred_providers(assembly: Assembly, judgements: list[dict[str, Any]]) -> None:
    """Providers that only an inference created and that run nothing after the spells pass."""
    linked = {e.src for e in assembly.edges.values() if e.kind != "IS_COUNCIL"}
    linked |= {e.dst for e in assembly.edges.values()}
    for node in assembly.by_label("Provider"):
        rules = {p.rule for p in node.prov}
        if node.id not in linked and rules <= {"la-sector-implies-council"}:
            del assembly.nodes[node.id]
            for edge in [e for e in assembly.by_type("IS_COUNCIL") if e.src == node.id]:
                assembly.remove_edge(edge.id)
