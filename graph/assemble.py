"""Assemble loader records into one graph: observations with the same ID merge by the
schema's per-property policy, provenance accumulates, rejects and notices are kept.

Policies (``merge:`` in ``graph/schema``): ``latest`` (value from the latest ``as_of``,
ties broken by arrival order), ``min``/``max``, ``union`` (list, first-seen order),
``history`` (dict merged key by key), ``text_union`` (distinct strings joined by "; ").
Empty values (None, "", [], {}) never overwrite anything.

>>> from graph.records import Node, Provenance
>>> g = Assembly()
>>> g.add(Node("Home", "home:SC1", {"urn": "SC1", "places": 5}, Provenance("a"), "2019-03-31"))
>>> g.add(Node("Home", "home:SC1", {"places": 4, "registration_date": "2004-02-12"},
...            Provenance("b"), "2018-03-31"))
>>> g.nodes["home:SC1"].props["places"]
5
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph.errors import SchemaError
from graph.model import Property, model
from graph.records import Edge, Node, Notice, Provenance, Reject, Summary, edge_id

_MISSING = object()
_NEVER = ("", -1)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


@dataclass(slots=True)
class Merged:
    """A merged node or relationship: its properties and every provenance behind it."""

    kind: str  # label or relationship type
    id: str
    props: dict[str, Any]
    prov: dict[Provenance, None] = field(default_factory=dict)  # ordered set
    src: str = ""
    dst: str = ""
    stamps: dict[str, tuple[str, int]] = field(default_factory=dict)


def _merge_value(
    target: Merged, spec: Property | None, name: str, value: Any, stamp: tuple[str, int]
) -> None:
    policy = spec.merge if spec else "latest"
    props = target.props
    if name not in props:
        target.stamps[name] = stamp
        if policy == "history":
            props[name] = dict(value)
            return
        if policy != "union":
            props[name] = value
            return
        props[name] = []
    old = props[name]
    if policy == "latest":
        if stamp >= target.stamps.get(name, ("", -1)):
            props[name] = value
            target.stamps[name] = stamp
    elif policy == "min":
        props[name] = min(old, value)
    elif policy == "max":
        props[name] = max(old, value)
    elif policy == "union":
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, (dict, list)):
                key = json.dumps(item, sort_keys=True, default=str)
                if key not in {json.dumps(v, sort_keys=True, default=str) for v in old}:
                    old.append(item)
            elif item not in old:
                old.append(item)
    elif policy == "history":
        old.update(value)
    elif policy == "text_union":
        parts = old.split("; ")
        for part in str(value).split("; "):
            if part not in parts:
                parts.append(part)
        props[name] = "; ".join(parts)


class Assembly:
    """The graph under construction: merged nodes and edges plus the build's bookkeeping."""

    def __init__(self) -> None:
        self.model = model()
        self.nodes: dict[str, Merged] = {}
        self.edges: dict[str, Merged] = {}
        self.rejects: list[Reject] = []
        self.notices: list[Notice] = []
        self.summaries: list[Summary] = []
        self.questions: list[dict[str, Any]] = []
        self._seq = 0
        self._policies: dict[int, dict[str, str]] = {}  # id(properties) -> name -> policy

    # -- adding -----------------------------------------------------------------------
    def add(self, record: Node | Edge | Reject | Notice | Summary) -> None:
        if isinstance(record, Node):
            self.add_node(record)
        elif isinstance(record, Edge):
            self.add_edge(record)
        elif isinstance(record, Reject):
            self.rejects.append(record)
        elif isinstance(record, Notice):
            self.notices.append(record)
        elif isinstance(record, Summary):
            self.summaries.append(record)
        else:
            raise TypeError(f"not a record: {record!r}")

    def _merge(self, target: Merged, specs, props: dict[str, Any], prov, as_of) -> None:
        """Merge one observation into ``target``; the hot path of every build, so the
        common cases (a new property, a ``latest`` value) are handled inline."""
        self._seq += 1
        stamp = (as_of or "", self._seq)
        current, stamps = target.props, target.stamps
        policies = self._policies.get(id(specs))
        if policies is None:
            policies = self._policies[id(specs)] = {n: s.merge for n, s in specs.items()}
        for name, value in props.items():
            if not value and (value is None or value == "" or value == [] or value == {}):
                continue
            policy = policies.get(name, "latest")
            old = current.get(name, _MISSING)
            if old is _MISSING:
                stamps[name] = stamp
                if policy == "union":
                    current[name] = []
                    _merge_value(target, specs.get(name), name, value, stamp)
                elif policy == "history":
                    current[name] = dict(value)
                else:
                    current[name] = value
            elif policy == "latest":
                if stamp >= stamps.get(name, _NEVER):
                    current[name] = value
                    stamps[name] = stamp
            elif policy == "history":
                old.update(value)
            else:
                _merge_value(target, specs.get(name), name, value, stamp)
        if prov is not None:
            target.prov[prov] = None

    def add_node(self, node: Node) -> Merged:
        label = self.model.label(node.label)
        target = self.nodes.get(node.id)
        if target is None:
            target = self.nodes[node.id] = Merged(node.label, node.id, {})
        elif target.kind != node.label:
            raise SchemaError(f"{node.id} is a {target.kind}, not a {node.label}")
        self._merge(target, label.properties, node.props, node.prov, node.as_of)
        return target

    def add_edge(self, edge: Edge) -> Merged:
        rel = self.model.relationship(edge.type)
        target = self.edges.get(edge.id)
        if target is None:
            target = Merged(edge.type, edge.id, {}, src=edge.src, dst=edge.dst)
            self.edges[edge.id] = target
        self._merge(target, rel.properties, edge.props, edge.prov, edge.as_of)
        return target

    # -- reading ----------------------------------------------------------------------
    def by_label(self, label: str) -> list[Merged]:
        return [n for n in self.nodes.values() if n.kind == label]

    def by_type(self, rel_type: str) -> list[Merged]:
        return [e for e in self.edges.values() if e.kind == rel_type]

    def adjacency(self, rel_type: str) -> tuple[dict[str, list[Merged]], dict[str, list[Merged]]]:
        """Outgoing and incoming edges of one type, by node ID."""
        out: dict[str, list[Merged]] = defaultdict(list)
        inc: dict[str, list[Merged]] = defaultdict(list)
        for edge in self.by_type(rel_type):
            out[edge.src].append(edge)
            inc[edge.dst].append(edge)
        return out, inc

    # -- rewriting (used by resolution passes) ----------------------------------------
    def remove_edge(self, edge_id_: str) -> None:
        self.edges.pop(edge_id_, None)

    def readd_edge(self, edge: Merged, src: str, dst: str, props: dict[str, Any]) -> Merged:
        """Put an edge back under new endpoints/properties; merges with an existing twin."""
        new_id = edge_id(edge.kind, src, dst, props)
        rel = self.model.relationship(edge.kind)
        target = self.edges.get(new_id)
        if target is None:
            target = self.edges[new_id] = Merged(edge.kind, new_id, {}, src=src, dst=dst)
        self._seq += 1
        for name, value in props.items():
            if not _empty(value):
                _merge_value(target, rel.properties.get(name), name, value, ("", self._seq))
        target.prov.update(edge.prov)
        return target

    def redirect(self, mapping: dict[str, str]) -> None:
        """Merge each node ``old`` into ``mapping[old]`` and re-point every edge.

        Used when resolution decides two IDs are one entity (a 2015 inspection ID and a
        later event number, a named home and its URN, two mentions of one person).
        """
        if not mapping:
            return

        def final(node_id: str) -> str:
            seen = set()
            while node_id in mapping and node_id not in seen:
                seen.add(node_id)
                node_id = mapping[node_id]
            return node_id

        for old in sorted(mapping):
            new = final(old)
            if new == old or old not in self.nodes:
                continue
            source = self.nodes.pop(old)
            target = self.nodes.get(new)
            if target is None:
                target = self.nodes[new] = Merged(source.kind, new, {})
            specs = self.model.label(target.kind).properties
            for name, value in source.props.items():
                stamp = source.stamps.get(name, ("", 0))
                _merge_value(target, specs.get(name), name, value, stamp)
            target.prov.update(source.prov)
        moved = [e for e in self.edges.values() if e.src in mapping or e.dst in mapping]
        for edge in moved:
            del self.edges[edge.id]
            self.readd_edge(edge, final(edge.src), final(edge.dst), edge.props)

    def ask(self, kind: str, subject: str, candidate: str | None, score: float,
            evidence: dict[str, Any], status: str = "open") -> None:
        """Record an open question resolution leaves for a person to judge."""
        qid = f"{kind}:{subject}->{candidate or ''}"
        self.questions.append({
            "id": qid, "kind": kind, "subject": subject, "candidate": candidate,
            "score": round(score, 3), "evidence": evidence, "status": status,
        })
