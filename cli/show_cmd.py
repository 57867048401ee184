"""``inspection-graph show``: one entity with its facts, relationships and evidence."""

from __future__ import annotations

from typing import Any

import typer
from rich.table import Table

from cli.app import StoreOption, app, open_reader, out, plain, print_json
from graph.errors import NotFound
from queries.entities import describe
from queries.search import SearchIndex


def _table(title: str, rows: list[dict[str, Any]], columns: list[str]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(plain(row.get(c)) for c in columns))
    return table


def render(page: dict[str, Any]) -> None:
    """Print an entity page for people (``--json`` prints it whole)."""
    heading = page.get("urn") or page.get("name") or page["id"]
    out.print(plain(f"{page['label']} {heading}  ({page['id']})"), style="bold")
    simple = {k: v for k, v in page.items() if not isinstance(v, (list, dict)) and v is not None
              and k not in ("id", "label")}
    for key, value in simple.items():
        out.print(plain(f"  {key}: {value}"))
    sections = [
        ("providers", ["name", "from", "to", "inferred"]),
        ("inspections", ["date", "event", "type", "overall", "overall_score", "source"]),
        ("people", ["name", "role", "relationship", "from", "from_earliest", "to", "to_earliest"]),
        ("moves_in", ["date", "earliest", "from", "to", "person", "role", "quote"]),
        ("moves_out", ["date", "earliest", "from", "to", "person", "role", "quote"]),
        ("moves", ["date", "earliest", "from", "to", "role", "quote"]),
        ("tenures", ["home", "role", "from", "from_earliest", "to", "to_earliest", "observed"]),
        ("roles_held", ["relationship", "role", "at_name", "observed"]),
        ("inspected", ["date", "type", "of", "role"]),
        ("questions", ["kind", "subject", "candidate", "score"]),
        ("requirements", ["regulation", "due_date", "compliance_notice"]),
        ("relationships_out", ["type", "to_name", "role", "from", "to"]),
        ("relationships_in", ["type", "from_name", "role"]),
        ("mentions", ["title", "locator", "quote"]),
    ]
    for key, columns in sections:
        if page.get(key):
            out.print(_table(key.replace("_", " "), page[key], columns))


@app.command("show")
def show_command(
    ref: str = typer.Argument(..., help="A URN (any spacing), an ID, or a name."),
    store: str | None = StoreOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show one entity: facts, relationships, and for a home its inspections in date order.

    REF is a URN in any spacing (SC 36243), an ID (home:SC036243), or the name of a
    person, provider, council or home alias; an ambiguous name lists the candidates.

    Example: inspection-graph show "SC 36243" --json
    """
    reader = open_reader(store)
    index = SearchIndex(reader.search_terms())
    node_id = index.resolve(ref)
    page = describe(reader, node_id)
    if page is None:
        raise NotFound(f"no entity {node_id}")
    if as_json:
        print_json(page)
    else:
        render(page)
