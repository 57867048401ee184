"""``inspection-graph synth``: write a synthetic sector for benchmarks and tests."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.app import app, fail, out, print_json


@app.command("synth")
def synth_command(
    scale: float = typer.Option(1.0, "--scale", "-n", min=0.001,
                                help="Size as a multiple of England's (0.1 for tests, 10 "
                                "for a national investigation with adult care)."),
    output: Path = typer.Option(..., "-o", "--output", help="Folder to write (created; a "
                                "previous synthetic sector in it is replaced)."),
    seed: int = typer.Option(1, "--seed", help="Random seed: same seed, same bytes."),
    reports: bool = typer.Option(True, "--reports/--no-reports",
                                 help="Also write a children's home report per inspection."),
    report_share: float = typer.Option(1.0, "--report-share", min=0.0, max=1.0,
                                       help="Write only this share of the reports."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Write a SYNTHETIC sector (fictional homes, providers, people) in the formats of the
    real sources: ten yearly provider-level snapshots (2015-2024), the 2018 owner list,
    joiners and leavers, and Ofsted-style reports naming managers who move between homes.

    Sizes are SCALE times England's, with distributions measured on the real files; every
    file says SYNTHETIC in its first line. The ground truth (tenures, moves) is written to
    OUTPUT/.truth/, which builds skip.

    Example: inspection-graph synth --scale 0.1 -o /tmp/synth --seed 7
    """
    from synth.generate import write_sector

    try:
        summary = write_sector(output, scale, seed, reports=reports, report_share=report_share)
    except FileExistsError as exc:
        fail(str(exc))
    if as_json:
        print_json(summary)
        return
    out.print(f"wrote {summary['files']} statistics files and {summary['reports']} reports to "
              f"{output} in {summary['seconds_total']} s", markup=False)
    out.print(f"{summary['settings']} settings, {summary['providers']} providers, "
              f"{summary['councils']} councils, {summary['inspections']} inspections, "
              f"{summary['tenures']} manager tenures, {summary['moves']} moves (scale "
              f"{scale:g}, seed {seed})", markup=False)
