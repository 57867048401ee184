"""``inspection-graph push``: copy the embedded graph into Neo4j."""

from __future__ import annotations

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cli.app import StoreOption, app, err, fail, out, print_json
from graph import settings
from graph.errors import StoreError
from graph.store import EmbeddedStore


def _compare(expected: dict, found: dict) -> Table:
    table = Table(title="Neo4j now holds", title_justify="left")
    for column in ("kind", "name", "embedded", "neo4j"):
        table.add_column(column, justify="right" if column in ("embedded", "neo4j") else "left")
    for kind in ("nodes", "relationships"):
        for name in sorted(set(expected[kind]) | set(found[kind])):
            a, b = expected[kind].get(name, 0), found[kind].get(name, 0)
            style = "" if a == b else "bold red"
            table.add_row(kind, name, str(a), f"[{style}]{b}[/]" if style else str(b))
    return table


@app.command("push")
def push_command(
    uri: str | None = typer.Option(None, "--uri", metavar="URI",
                                   help="Bolt URI (default: NEO4J_URI from the environment "
                                   "or .env)."),
    batch_size: int = typer.Option(1000, "--batch-size", min=1, metavar="N",
                                   help="Rows per UNWIND transaction."),
    keep_stale: bool = typer.Option(False, "--keep-stale",
                                    help="Keep nodes and relationships the build no longer "
                                    "has (default: delete them, so Neo4j mirrors the build)."),
    store: str | None = StoreOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Copy the embedded graph into Neo4j 5 (constraints and indexes first, then nodes,
    then relationships, in batches); pushing again updates it and never duplicates.

    Credentials come from NEO4J_USER / NEO4J_PASSWORD (environment or .env) and are never
    printed. Exit codes: 0 pushed and the counts agree, 1 pushed but counts differ, 2 no
    Neo4j reachable (or no graph to push).

    Example: inspection-graph push --uri neo4j://localhost:7687
    """
    # imported here: the Neo4j driver takes a second to import, which no other command needs
    from neo4j.exceptions import DriverError, Neo4jError

    from graph.store import neo4j_schema as ns
    from graph.store.neo4j_store import Neo4jStore
    from graph.store.neo4j_write import Neo4jWriter, push

    try:
        embedded = EmbeddedStore(settings.store_dir(store))
    except StoreError as exc:
        fail(str(exc), 2)
    try:
        target = Neo4jStore.from_settings(uri)
    except StoreError as exc:
        embedded.close()
        fail(str(exc), 2)
    expected = embedded.counts()
    shown = target.uri or "Neo4j"
    columns = (TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=err, disable=quiet or as_json, transient=False) as bar:
        tasks = {
            "schema": bar.add_task("schema", total=len(ns.schema_statements())),
            "nodes": bar.add_task("nodes", total=sum(expected["nodes"].values())),
            "relationships": bar.add_task("relationships",
                                          total=sum(expected["relationships"].values())),
        }

        def progress(phase: str, n: int) -> None:
            if phase in tasks:
                bar.advance(tasks[phase], n)

        def on_retry(attempt: int, exc: BaseException, delay: float) -> None:
            err.print(f"Neo4j: {type(exc).__name__}; retrying in {delay:.1f} s "
                      f"(attempt {attempt + 1})", markup=False, style="yellow")

        writer = Neo4jWriter(lambda: target.session(write=True), batch_size=batch_size,
                             progress=progress, on_retry=on_retry)
        try:
            report = push(embedded, writer, prune=not keep_stale)
        except (DriverError, Neo4jError, StoreError) as exc:
            target.close()
            embedded.close()
            fail(f"push to {shown} failed ({type(exc).__name__}): {exc}", 2)
    found = target.counts()
    target.close()
    embedded.close()
    for rel_id in report.dangling:  # not in Neo4j, so not expected there either
        rel_type = rel_id.split(":", 1)[0]
        expected["relationships"][rel_type] -= 1
    expected["relationships"] = {k: v for k, v in expected["relationships"].items() if v}
    same = expected == found
    if as_json:
        print_json({"uri": shown, "nodes": report.nodes, "relationships": report.relationships,
                    "questions": report.questions, "pruned_nodes": report.pruned_nodes,
                    "pruned_relationships": report.pruned_relationships,
                    "dangling": report.dangling, "retries": report.retries,
                    "seconds": round(report.seconds, 1), "neo4j_counts": found,
                    "counts_agree": same})
    else:
        out.print(_compare(expected, found))
        out.print(f"pushed to {shown} in {report.seconds:.1f} s; pruned "
                  f"{report.pruned_nodes} stale nodes and {report.pruned_relationships} "
                  f"stale relationships; {report.retries} retries", markup=False)
        if report.dangling:
            err.print(f"left out {len(report.dangling)} relationships whose endpoint is not "
                      "in the graph: " + ", ".join(report.dangling), markup=False,
                      style="yellow")
    if not same:
        raise typer.Exit(1)
