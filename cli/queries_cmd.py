"""``inspection-graph queries`` and ``inspection-graph query``: the catalog of named
investigative queries, and running one as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from cli.app import StoreOption, app, fail, open_reader, out, print_json
from graph.errors import InspectionGraphError, ParameterError
from queries.catalog import catalog, get_query, run

FORMATS = ("table", "json", "csv")


def parse_assignments(items: list[str]) -> dict[str, str]:
    """``["home=SC488596", "limit=5"]`` → ``{"home": "SC488596", "limit": "5"}``.

    >>> parse_assignments(["home=SC 36243", "status=not found"])
    {'home': 'SC 36243', 'status': 'not found'}
    """
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ParameterError(f"--param {item!r}: write key=value")
        if key in params:
            raise ParameterError(f"parameter {key!r} given twice")
        params[key] = value.strip()
    return params


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _summary(key: str, items: list[dict[str, Any]]) -> str:
    """A list of row pieces (steps, judgements, evidence ...) in one readable cell."""
    if key == "evidence":
        parts = [" ".join(filter(None, (str(e.get("source") or ""), str(e.get("locator") or ""))))
                 for e in items[:3]]
        return "; ".join(parts) + (f" (+{len(items) - 3} more)" if len(items) > 3 else "")
    parts = []
    for item in items:
        if "inspection_id" in item:
            parts.append(f"{item.get('date')} {item.get('judgement')} (event {item.get('event')})")
        elif "from_home" in item and "to_home" in item:
            who = item.get("person") or item.get("person_id") or "?"
            day = item.get("date") or item.get("sort_date") or item.get("earliest") or "undated"
            parts.append(f"{item['from_home']}→{item['to_home']} ({day}, {who})")
        elif "judgement" in item and "date" in item:
            parts.append(f"{item['date']} {item['judgement']} [{item.get('source')}]")
        elif "home" in item and "failing" in item:
            parts.append(f"{item['home']} ({item.get('link')}, {len(item['failing'])} failing)")
        else:
            parts.append(json.dumps(item, ensure_ascii=False, default=str))
    return "; ".join(parts)


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One level of scalars per row: nested maps become dotted keys, lists one cell."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = prefix + key
        if isinstance(value, dict):
            if ("judgement" in value and "date" in value) or "inspection_id" in value:
                flat[name] = _summary(key, [value])
            else:
                flat.update(flatten(value, name + "."))
        elif isinstance(value, list):
            if all(_scalar(v) for v in value):
                flat[name] = "; ".join("" if v is None else str(v) for v in value)
            else:
                flat[name] = _summary(key, value)
        else:
            flat[name] = value
    return flat


def _table_columns(rows: list[dict[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        for key, value in row.items():
            hidden = key == "id" or key.endswith(("_id", "_ids", ".id")) or ".evidence" in key
            if key not in columns and not hidden and value not in (None, ""):
                columns.append(key)
    return columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def render_table(name: str, rows: list[dict[str, Any]]) -> None:
    query = get_query(name)
    if not rows:
        out.print(f"{query.title}: no rows", markup=False)
        return
    flat = [flatten(r) for r in rows]
    columns = list(query.table) or _table_columns(flat)
    table = Table(title=f"{query.title} ({len(rows)} rows)", title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in flat:
        table.add_row(*(Text(_cell(row.get(c))) for c in columns))
    out.print(table)


def write_csv(rows: list[dict[str, Any]]) -> None:
    flat = [flatten(r) for r in rows]
    columns: list[str] = []
    for row in flat:
        columns.extend(k for k in row if k not in columns)
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})


@app.command("queries")
def queries_command(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the named investigative queries with their parameters.

    Example: inspection-graph queries --json
    """
    entries = [q.describe() for q in catalog()]
    if as_json:
        print_json(entries)
        return
    table = Table(title="Queries", title_justify="left")
    for column in ("name", "title", "parameters", "example"):
        table.add_column(column, overflow="fold")
    for q in catalog():
        params = ", ".join(f"{p.name}:{p.type}" + ("*" if p.required else
                                                   f"={p.default}" if p.default is not None
                                                   else "") for p in q.params)
        table.add_row(*map(Text, (q.name, q.title, params, q.example)))
    out.print(table)
    out.print("* required. Run one with: inspection-graph query NAME --param key=value",
              markup=False)


@app.command("query")
def query_command(
    name: str = typer.Argument(..., help="Query name (see `inspection-graph queries`)."),
    param: list[str] = typer.Option([], "--param", "-p", metavar="KEY=VALUE",
                                    help="A parameter; repeat for several."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    store: str | None = StoreOption,
) -> None:
    """Run a named query. JSON gives {"query", "params", "rows", "cypher", "entities",
    "relationships"}; every row carries its evidence.

    Example: inspection-graph query move-chains --param home=SC488596 --format json
    """
    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    try:
        params = parse_assignments(param)
        get_query(name)
        result = run(open_reader(store), name, params)
    except InspectionGraphError as exc:
        fail(str(exc))
    if fmt == "json":
        print_json(result.as_dict())
    elif fmt == "csv":
        write_csv(result.rows)
    else:
        render_table(name, result.rows)
