"""Exports for reports and other tools: Cypher, RDF (Turtle, JSON-LD), GraphML, GEXF and
neo4j-admin CSV, of the whole graph, a subgraph around an entity, or a query's result.

One module per format, each an exporter class with ``write(record)`` and ``finalize()``
(see ``graph.exports.base``); :func:`export` reads the records, applies ``--redact``
(``graph.exports.redact``) and feeds them in.

>>> sorted(FORMATS)
['csv', 'cypher', 'gexf', 'graphml', 'jsonld', 'turtle']
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from graph.exports.base import ExportContext, Selection, read_records
from graph.exports.cypher import CypherExporter
from graph.exports.neo4j_csv import Neo4jCsvExporter
from graph.exports.networkx_formats import GexfExporter, GraphmlExporter
from graph.exports.rdf import JsonLdExporter, TurtleExporter
from graph.exports.redact import Redactor

FORMATS: dict[str, type] = {
    "cypher": CypherExporter,
    "turtle": TurtleExporter,
    "jsonld": JsonLdExporter,
    "graphml": GraphmlExporter,
    "gexf": GexfExporter,
    "csv": Neo4jCsvExporter,
}
SUFFIXES = {"cypher": ".cypher", "turtle": ".ttl", "jsonld": ".jsonld", "graphml": ".graphml",
            "gexf": ".gexf", "csv": ""}


def export(reader: Any, fmt: str, path: Path | str, context: ExportContext, *,
           selection: Selection | None = None,
           redactor: Redactor | None = None) -> dict[str, Any]:
    """Write ``reader``'s graph (or ``selection`` of it) to ``path`` in ``fmt``; returns
    the exporter's summary (path, counts, size)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    nodes, edges = read_records(reader, selection, context.dangling)
    if context.scope == "graph" and not context.questions:
        context.questions = list(reader.questions())
    if not context.provenance:
        nodes = [replace(n, prov=[]) for n in nodes]
        edges = [replace(e, prov=[]) for e in edges]
    if redactor is not None:
        nodes = sorted(map(redactor.node, nodes), key=lambda n: n.id)
        edges = sorted(map(redactor.edge, edges), key=lambda e: e.id)
        context.questions = [redactor.question(q) for q in context.questions]
        context.dangling = [redactor.text(d) for d in context.dangling]
        context.redacted = True
        if context.around:
            context.around = redactor.text(context.around)
        context.params = {k: redactor.value(v) for k, v in context.params.items()}
    exporter = FORMATS[fmt](path, context)
    for node in nodes:
        exporter.write(node)
    for edge in edges:
        exporter.write(edge)
    return exporter.finalize()
