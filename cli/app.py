"""The Typer application and the helpers every command shares."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console

from graph.errors import InspectionGraphError

app = typer.Typer(
    name="inspection-graph",
    help="A knowledge graph of England's children's homes, their providers, people and "
    "Ofsted inspections, with the evidence behind every fact.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

StoreOption = typer.Option(
    None, "--store", "-s", metavar="DIR",
    help="Store folder (default: $INSPECTION_GRAPH_STORE, else ./inspection-graph-store).",
)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``error: message`` on stderr (user text is never read as markup) and exit."""
    err.print("[bold red]error:[/]", end=" ")
    err.print(message, markup=False)
    raise typer.Exit(code)


def open_reader(store: str | None):
    """The store to read from: Neo4j when the backend setting says so, else embedded."""
    from graph import settings

    if (settings.get("backend") or "embedded") == "neo4j":
        from graph.store.neo4j_store import Neo4jStore

        return Neo4jStore.from_settings()
    from graph.store import EmbeddedStore

    return EmbeddedStore(settings.store_dir(store))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def main() -> None:
    """Entry point: run the app; tool errors become one line on stderr, never a traceback."""
    try:
        app()
    except InspectionGraphError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)
