"""What every export format shares: the records it is given, the context it describes,
and how a (sub)graph is read out of a store.

An exporter is a class with ``__init__(path, context)``, ``write(record)`` for each
:class:`ExportNode` (all nodes come first, sorted by ID) and :class:`ExportEdge` (then all
relationships, sorted by ID), and ``finalize() -> dict`` that finishes the file(s) and
returns a summary. Records are read through :class:`graph.store.base.GraphReader` only,
so an export can come from either backend.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

TOOL = "inspection-graph"


@dataclass
class ExportNode:
    """One node: ID, schema label, properties (embedded-store form) and provenance."""

    id: str
    label: str
    props: dict[str, Any]
    prov: list[dict[str, Any]]


@dataclass
class ExportEdge:
    """One relationship: ID, type, endpoints, properties and provenance."""

    id: str
    type: str
    src: str
    dst: str
    props: dict[str, Any]
    prov: list[dict[str, Any]]


@dataclass
class ExportContext:
    """What the export is of, for headers and metadata: the build's meta, the scope (the
    whole graph, a subgraph around an entity, or a named query's result) and whether
    people's names were pseudonymised. ``questions`` travel only in whole-graph exports."""

    meta: dict[str, Any]
    scope: str = "graph"  # graph | around | query
    around: str | None = None
    hops: int | None = None
    query: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    query_cypher: str | None = None
    redacted: bool = False
    provenance: bool = True
    questions: list[dict[str, Any]] = field(default_factory=list)
    dangling: list[str] = field(default_factory=list)
    node_count: int = 0
    edge_count: int = 0

    def describe(self, counts: bool = True) -> list[tuple[str, str]]:
        """(key, value) lines every format's header or metadata repeats (``counts``: with
        the numbers of nodes and relationships, known once the export is written)."""
        meta = self.meta
        lines = [("tool", TOOL),
                 ("build content hash", str(meta.get("content_hash", "unknown"))),
                 ("build time", str(meta.get("built_at", "unknown"))),
                 ("inputs", ", ".join(map(str, meta.get("inputs") or [])) or "unknown"),
                 ("sources", str(len(meta.get("sources") or [])) + " files")]
        if self.scope == "around":
            lines.append(("scope", f"subgraph within {self.hops} hops of {self.around}"))
        elif self.scope == "query":
            lines.append(("scope", f"result of query {self.query}"))
            lines.append(("parameters", ", ".join(f"{k}={v}" for k, v in
                                                   sorted(self.params.items())) or "(none)"))
        else:
            lines.append(("scope", "the whole graph"))
        if counts:
            lines.append(("contents",
                          f"{self.node_count} nodes, {self.edge_count} relationships"))
        if self.dangling:
            lines.append(("left out", f"{len(self.dangling)} relationships whose endpoint is "
                          "not in the graph: " + ", ".join(self.dangling)))
        if not self.provenance:
            lines.append(("provenance", "left out (--no-provenance): not citable as evidence"))
        if self.redacted:
            lines.append(("redacted", "people's names and IDs replaced by pseudonyms"))
        return lines


class Exporter(Protocol):
    def write(self, record: ExportNode | ExportEdge) -> None: ...

    def finalize(self) -> dict[str, Any]: ...


@dataclass
class Selection:
    """The node and relationship IDs to export; ``None`` means everything."""

    nodes: set[str] | None = None
    edges: set[str] | None = None


def read_records(reader: Any, selection: Selection | None = None,
                 dangling: list[str] | None = None
                 ) -> tuple[list[ExportNode], list[ExportEdge]]:
    """Nodes then relationships (each sorted by ID) from ``reader``, with provenance.

    With a selection, only those nodes, and those relationships (the endpoints of a
    selected relationship are added, so every relationship can be recreated). A
    relationship whose endpoint is not a node of the graph cannot be recreated in Neo4j
    (nor drawn in GraphML), so it is left out of every format and its ID appended to
    ``dangling``."""
    selection = selection or Selection()
    edges: list[ExportEdge] = []
    wanted_nodes = None if selection.nodes is None else set(selection.nodes)
    if selection.edges is None and wanted_nodes is None:
        raw_edges: Iterable[dict[str, Any]] = reader.edges()
    elif selection.edges is None:
        raw_edges = (e for n in sorted(wanted_nodes or ()) for e in reader.edges(src=n)
                     if e["dst"] in wanted_nodes)
    else:
        raw_edges = _edges_by_id(reader, selection.edges)
    for e in raw_edges:
        props = {k: v for k, v in e.items() if k not in ("id", "type", "src", "dst")}
        edges.append(ExportEdge(e["id"], e["type"], e["src"], e["dst"], props,
                                reader.provenance(e["id"])))
        if wanted_nodes is not None:
            wanted_nodes.update((e["src"], e["dst"]))
    if wanted_nodes is None:
        raw_nodes: Iterable[dict[str, Any]] = reader.nodes()
    else:
        raw_nodes = (n for n in map(reader.node, sorted(wanted_nodes)) if n is not None)
    nodes = [ExportNode(n["id"], n["label"],
                        {k: v for k, v in n.items() if k not in ("id", "label")},
                        reader.provenance(n["id"])) for n in raw_nodes]
    nodes.sort(key=lambda n: n.id)
    present = {n.id for n in nodes}
    kept = []
    for edge in sorted(edges, key=lambda e: e.id):
        if edge.src in present and edge.dst in present:
            kept.append(edge)
        elif dangling is not None:
            dangling.append(edge.id)
    return nodes, kept


def _edges_by_id(reader: Any, edge_ids: set[str]) -> Iterator[dict[str, Any]]:
    """The relationships with these IDs (looked up by their type, from the ID's prefix)."""
    by_type: dict[str, set[str]] = {}
    for edge_id in edge_ids:
        by_type.setdefault(edge_id.split(":", 1)[0], set()).add(edge_id)
    for rel_type, ids in sorted(by_type.items()):
        yield from (e for e in reader.edges(rel_type) if e["id"] in ids)


def content_digest(nodes: list[ExportNode], edges: list[ExportEdge]) -> str:
    """SHA-256 over the exported records, so an export can be cited and checked."""
    import json

    digest = hashlib.sha256()
    for n in nodes:
        digest.update(json.dumps([n.id, n.label, n.props, n.prov], sort_keys=True,
                                 ensure_ascii=False, default=str).encode())
    for e in edges:
        digest.update(json.dumps([e.id, e.type, e.src, e.dst, e.props, e.prov],
                                 sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def output_path(path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
