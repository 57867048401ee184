"""``inspection-graph build`` and ``stats``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from cli.app import StoreOption, app, err, fail, open_reader, out, plain, print_json
from graph import parallel, settings
from graph.build import BuildReport, FileReport, build, rebuild

#: Rejected rows listed by line for each reason (the rest are counted; all are in the
#: store's ``rejects`` table).
LINES_SHOWN = 5


#: Files listed one by one in the summary; beyond it, files that loaded cleanly are
#: summed by kind (27,000 report rows took Rich 28 s to draw and nobody reads them).
FILES_LISTED = 40


def _summary_table(report: BuildReport) -> Table:
    table = Table(title="Build summary", show_lines=False)
    for column in ("file", "kind", "status", "read", "used", "rejected", "blank"):
        table.add_column(column, justify="right" if column in
                         ("read", "used", "rejected", "blank") else "left")
    clean = [f for f in report.files if f.status == "loaded"]
    shown = set(map(id, clean[:FILES_LISTED])) if len(report.files) > FILES_LISTED else None
    folded: dict[str, list] = {}
    for f in report.files:
        if shown is not None and f.status == "loaded" and id(f) not in shown:
            folded.setdefault(f.kind, []).append(f)
            continue
        style = {"loaded": "green", "partial": "yellow", "rejected": "red"}.get(f.status, "dim")
        table.add_row(plain(f.name), plain(f.kind), f"[{style}]{f.status}[/]", str(f.rows_read),
                      str(f.rows_used), str(f.rows_rejected), str(f.blank_rows))
    for kind, files in folded.items():
        table.add_row(f"… {len(files):,} more files", plain(kind), "[green]loaded[/]",
                      *(str(sum(getattr(f, a) for f in files))
                        for a in ("rows_read", "rows_used", "rows_rejected", "blank_rows")))
    return table


def reject_lines(f: FileReport) -> list[str]:
    """What was rejected in one file, by reason, with where: ``s.csv: no URN (line 4,
    line 9 and 3 more)``; a file refused as a whole gives its message."""
    if f.status == "rejected":
        return [reason for reason in f.reasons]
    where: dict[str, list[str]] = {}
    for locator, reason in f.rejects:
        where.setdefault(reason, []).append(locator)
    lines = []
    for reason, found in sorted(where.items(), key=lambda item: -len(item[1])):
        locators = list(dict.fromkeys(found))  # three bad judgements on one row: one line
        shown = [loc for loc in locators[:LINES_SHOWN] if loc]
        more = len(locators) - len(shown)
        place = ", ".join(shown) + (f" and {more} more" if shown and more else
                                    f"{more} times" if more > 1 else "")
        lines.append(f"{f.name}: {reason}" + (f" ({place})" if place else ""))
    return lines


def print_report(report: BuildReport) -> None:
    out.print(_summary_table(report))
    noted = 0
    for f in report.files:
        for line in reject_lines(f):
            err.print(plain(f"  {line}"))
        if f.message and f.status in ("loaded", "partial", "skipped"):
            noted += 1
            if noted <= FILES_LISTED:
                out.print(plain(f"  {f.name}: {f.message}"), style="dim")
    if noted > FILES_LISTED:
        out.print(f"  … notices for {noted - FILES_LISTED:,} more files: in the store's "
                  "notices table", markup=False, style="dim")
    totals = sum(f.rows_read for f in report.files), sum(f.rows_used for f in report.files)
    out.print(f"rows read {totals[0]}, used {totals[1]}, "
              f"rejected {sum(f.rows_rejected for f in report.files)}; "
              f"{report.seconds:.1f} s", markup=False)
    if report.swapped:
        nodes = ", ".join(f"{k} {v}" for k, v in report.counts["nodes"].items())
        out.print(f"graph: {nodes}", markup=False)
        status = "built" if report.exit_code == 0 else "built, with rejections (exit 1)"
        out.print(f"{status}; content hash {report.meta['content_hash'][:16]}", markup=False)
    else:
        err.print("nothing was loaded: the previous graph is untouched (exit 2)", markup=False)


@app.command("build")
def build_command(
    paths: list[Path] = typer.Argument(..., help="Files or folders to load (recursively)."),
    store: str | None = StoreOption,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    workers: int | None = typer.Option(
        None, "--workers", min=1,
        help="Processes reading documents when there are 400 or more (default: "
             "INSPECTION_GRAPH_WORKERS or the CPUs; 1 = this process only)."),
) -> None:
    """Build the graph from every recognisable file under PATHS.

    Files are recognised by content: Ofsted provider-level snapshots and lists,
    joiners/leavers lists, Ofsted reports and letters (text, PDF, HTML), news and
    council documents. The new graph replaces the old one atomically; a build that
    loads nothing leaves it untouched. Exit codes: 0 all loaded, 1 some rows or files
    rejected (the rest is in the graph), 2 nothing loaded.

    Example: inspection-graph build ../shared/data/ofsted ../shared/seeds
    """
    store_dir = settings.store_dir(store)
    workers = workers or parallel.workers()
    if quiet:
        report = build(paths, store_dir, workers=workers)
    else:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[name]}"), console=err, transient=True) as bar:
            task = bar.add_task("loading", total=None, name="")

            def on_file(index: int, total: int, name: str) -> None:
                bar.update(task, total=total, completed=index, name=name)

            report = build(paths, store_dir, on_file=on_file, workers=workers)
    print_report(report)
    if report.exit_code:
        raise typer.Exit(report.exit_code)


@app.command("rebuild")
def rebuild_command(store: str | None = StoreOption) -> None:
    """Build again from the inputs of the current graph, applying curated judgements and
    documents added to the store since.

    Example: inspection-graph rebuild
    """
    report = rebuild(settings.store_dir(store), workers=parallel.workers())
    print_report(report)
    if report.exit_code:
        raise typer.Exit(report.exit_code)


@app.command("stats")
def stats_command(
    store: str | None = StoreOption,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Count nodes by label and relationships by type.

    JSON shape: {"nodes": {"Home": n, ...}, "relationships": {"OF": n, ...}}

    Example: inspection-graph stats --json
    """
    reader = open_reader(store)
    counts = reader.counts()
    if as_json:
        print_json(counts)
        return
    for section in ("nodes", "relationships"):
        table = Table(title=section)
        table.add_column("name")
        table.add_column("count", justify="right")
        for name, count in counts[section].items():
            table.add_row(plain(name), str(count))
        out.print(table)
    if not counts["nodes"]:
        fail("the store is empty: build it with `inspection-graph build PATH ...`")
