"""GraphML and GEXF exports (Gephi, Cytoscape, yEd), written by networkx.

Nodes keep their IDs; relationships are edges keyed by their IDs (parallel edges stay
apart). Attributes: ``kind`` (the schema label) and ``rel_type`` (the relationship type),
``label`` a caption for display (a home's URN, a name, a title; the type on edges), every
property whose value is a string, number or boolean as it is (dates as ISO strings), lists
and JSON objects as JSON text, and ``provenance`` as JSON text (a list of {source,
locator, quote, rule, confidence}). Null properties are left out. The graph's own
attributes state the build, the scope and the counts.

XML 1.0 cannot hold control characters other than tab, newline and carriage return (nor
lone surrogates): inside JSON text they are written as JSON ``\\uXXXX`` escapes (exact);
in a plain string attribute each becomes U+FFFD (the only lossy case; none occurs in
the real data).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from graph.exports.base import ExportContext, ExportEdge, ExportNode, output_path
from graph.model import model

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _attr(value: Any) -> Any:
    if isinstance(value, (list, dict)):  # in JSON text every such character is in a string
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
        return _NOT_XML.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    if isinstance(value, str):
        return _NOT_XML.sub("\ufffd", value)
    return value


RESERVED = frozenset({"id", "label", "node_label", "rel_type", "provenance", "key"})


def _attrs(props: dict[str, Any], prov: list[dict[str, Any]]) -> dict[str, Any]:
    out = {f"prop_{k}" if k in RESERVED else k: _attr(v)
           for k, v in sorted(props.items()) if v is not None}
    out["provenance"] = _attr(prov)
    return out


class NetworkxExporter:
    """Collects the records into a MultiDiGraph and writes it at :meth:`finalize`."""

    FORMAT = ""

    def __init__(self, path: Path | str, context: ExportContext) -> None:
        self.path = output_path(path)
        self.context = context
        self.graph = nx.MultiDiGraph()
        self.captions = {name: label.caption for name, label in model().labels.items()}

    def write(self, record: ExportNode | ExportEdge) -> None:
        if isinstance(record, ExportNode):
            caption = (record.props.get(self.captions[record.label])
                       or record.props.get("name") or record.id)
            self.graph.add_node(record.id, node_label=record.label, label=_attr(str(caption)),
                                **_attrs(record.props, record.prov))
        else:
            self.graph.add_edge(record.src, record.dst, key=record.id, rel_type=record.type,
                                label=record.type, **_attrs(record.props, record.prov))

    def finalize(self) -> dict[str, Any]:
        c = self.context
        c.node_count, c.edge_count = self.graph.number_of_nodes(), self.graph.number_of_edges()
        self.graph.graph.update({key.replace(" ", "_"): _attr(value)
                                 for key, value in c.describe()})
        self._write()
        return {"path": str(self.path), "format": self.FORMAT, "nodes": c.node_count,
                "relationships": c.edge_count, "bytes": self.path.stat().st_size}

    def _write(self) -> None:
        raise NotImplementedError


class GraphmlExporter(NetworkxExporter):
    FORMAT = "graphml"

    def _write(self) -> None:
        nx.write_graphml(self.graph, self.path, encoding="utf-8", named_key_ids=True)


class GexfExporter(NetworkxExporter):
    FORMAT = "gexf"

    def _write(self) -> None:
        for _, _, key, data in self.graph.edges(keys=True, data=True):
            data["id"] = key  # GEXF edge ids: ours, not a counter
        nx.write_gexf(self.graph, self.path, encoding="utf-8")
