"""``inspection-graph export``: the graph, a subgraph or a query's result, for reports and
other tools (Cypher, Turtle, JSON-LD, GraphML, GEXF, neo4j-admin CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from cli.app import StoreOption, app, fail, out, print_json
from graph import settings
from graph.errors import InspectionGraphError
from graph.exports import FORMATS, export
from graph.exports.base import ExportContext
from graph.exports.redact import redaction_key, redactor_for
from graph.exports.subgraph import MAX_HOPS, around, from_query, resolve_ref
from graph.store import EmbeddedStore


def _params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--param takes KEY=VALUE, not {pair!r}")
        params[key.strip()] = value
    return params


@app.command("export")
def export_command(
    fmt: str = typer.Argument(..., metavar="FORMAT",
                              help="cypher | turtle | jsonld | graphml | gexf | csv"),
    output: Path = typer.Option(..., "--output", "-o", metavar="PATH",
                                help="File to write (a folder for csv)."),
    around_ref: str | None = typer.Option(None, "--around", metavar="REF",
                                          help="Only the subgraph around this entity: a URN "
                                          "(any spacing), an ID or a name."),
    hops: int | None = typer.Option(None, "--hops", metavar="N",
                                    help=f"With --around: how far to go (0-{MAX_HOPS}; "
                                    "default 2)."),
    query: str | None = typer.Option(None, "--query", metavar="NAME",
                                     help="Only what a named query's result touches."),
    param: list[str] = typer.Option([], "--param", metavar="KEY=VALUE",
                                    help="A parameter of --query (repeat for more)."),
    redact: bool = typer.Option(False, "--redact",
                                help="Replace people's names and IDs with stable pseudonyms "
                                "(for sharing outside the team)."),
    no_provenance: bool = typer.Option(False, "--no-provenance",
                                       help="Leave provenance out (smaller; not evidence)."),
    store: str | None = StoreOption,
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Export the graph (or part of it) as FORMAT to PATH.

    cypher: a script that recreates it in any Neo4j 5 (constraints, MERGEs; re-running
    creates no duplicates), with a header citing the build's content hash. turtle / jsonld:
    RDF (W3C ORG, PROV-O, schema.org). graphml / gexf: for Gephi or Cytoscape. csv: a
    folder for `neo4j-admin database import full`, with import.sh. Exports read the
    embedded store (the build), whatever the backend setting.

    Examples:
      inspection-graph export cypher --around SC036243 --hops 2 -o sc036243.cypher
      inspection-graph export turtle -o graph.ttl
      inspection-graph export graphml --query staff-moves --param council=Derby -o moves.graphml
      inspection-graph export csv -o neo4j-import/ --redact
    """
    if fmt not in FORMATS:
        fail(f"unknown FORMAT {fmt!r}: use one of {', '.join(FORMATS)}")
    if around_ref and query:
        fail("use --around or --query, not both")
    if hops is not None and not around_ref:
        fail("--hops goes with --around")
    if param and not query:
        fail("--param goes with --query")
    try:
        summary, context = _export(fmt, output, around_ref, hops, query, param, redact,
                                   no_provenance, store)
    except InspectionGraphError as exc:
        fail(str(exc), 2)
    if as_json:
        print_json(summary)
        return
    out.print(f"wrote {summary['path']}: {summary['nodes']} nodes, "
              f"{summary['relationships']} relationships, {summary['bytes']:,} bytes",
              markup=False)
    if context.dangling:
        out.print(f"left out {len(context.dangling)} relationships whose endpoint is not in "
                  "the graph (listed in the export's header)", markup=False, style="yellow")
    if fmt == "csv":
        out.print(f"load it with: sh {Path(summary['path']) / 'import.sh'} (Neo4j stopped), "
                  "then cypher-shell -f after-import.cypher", markup=False)


def _export(fmt: str, output: Path, around_ref: str | None, hops: int | None,
            query: str | None, param: list[str], redact: bool, no_provenance: bool,
            store: str | None) -> tuple[dict[str, Any], ExportContext]:
    reader = EmbeddedStore(settings.store_dir(store))
    try:
        context = ExportContext(meta=reader.meta(), provenance=not no_provenance)
        selection = None
        if around_ref:
            node_id = resolve_ref(reader, around_ref)
            context.scope, context.around = "around", node_id
            context.hops = 2 if hops is None else hops
            selection = around(reader, node_id, context.hops)
        elif query:
            from queries.catalog import get_query, run

            result = run(reader, query, _params(param))
            context.scope, context.query, context.params = "query", query, dict(result.params)
            context.query_cypher = result.cypher or get_query(query).cypher
            selection = from_query(result)
        redactor = redactor_for(reader, redaction_key(reader.dir)) if redact else None
        summary = export(reader, fmt, output, context, selection=selection, redactor=redactor)
    finally:
        reader.close()
    summary["dangling"] = context.dangling
    return summary, context
