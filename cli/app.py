"""The Typer application and the helpers every command shares."""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text

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


#: Exit code of an unexpected error (a bug): distinct from 0/1/2, which mean what they say.
INTERNAL_ERROR = 3
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(value: Any) -> Text:
    r"""Source or user text, fit for a terminal: never read as Rich markup (``[/x]`` in a
    file or person name must not break a table), control characters shown as ``\xNN``
    (an ESC sequence in a CSV cell must not drive the terminal).

    >>> plain("[/red] a\x1b[2J b").plain
    '[/red] a\\x1b[2J b'
    """
    text = "" if value is None else str(value)
    return Text(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``error: message`` on stderr (user text is never read as markup) and exit."""
    err.print("[bold red]error:[/]", end=" ")
    err.print(plain(message))
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
    """Entry point: run the app; tool errors become one line on stderr, never a traceback.

    An unexpected exception is a bug: it too is one line (exit 3), naming the exception;
    ``INSPECTION_GRAPH_DEBUG=1`` shows the traceback instead.
    """
    try:
        app()
    except InspectionGraphError as exc:
        err.print(plain(f"error: {exc}"))
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("INSPECTION_GRAPH_DEBUG"):
            raise
        err.print(plain(f"error: internal error ({type(exc).__name__}: {str(exc)[:300]}); "
                        "this is a bug: please report it (INSPECTION_GRAPH_DEBUG=1 shows "
                        "the traceback)"))
        sys.exit(INTERNAL_ERROR)
