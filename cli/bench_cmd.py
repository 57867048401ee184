"""``inspection-graph bench``: the scale benchmark (a thin front to benchmarks/run.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer

from cli.app import app, fail

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


@app.command("bench")
def bench_command(
    scales: str = typer.Option("real,1,10", "--scales",
                               help="Datasets, comma-separated: 'real' and/or synthetic scales, "
                               "each optionally with a share of reports ('10:0.1')."),
    queries: bool = typer.Option(True, "--queries/--no-queries",
                                 help="Time every catalog query over random parameters."),
    reports: bool = typer.Option(True, "--reports/--no-reports",
                                 help="Include synthetic reports in the synthetic datasets."),
    samples: int = typer.Option(200, "--samples", min=1, help="Calls per query."),
    repeat: int = typer.Option(3, "--repeat", min=1, help="Builds per small dataset."),
    work: Path = typer.Option(Path("/tmp/inspection-graph-bench"), "--work",
                              help="Folder for synthetic data and stores (reused)."),
    limit_gib: float | None = typer.Option(None, "--limit-gib", min=0.1,
                                           help="Cap each build's memory (GiB); beyond it the "
                                           "build fails and is reported, not the machine."),
    as_json: Path | None = typer.Option(None, "--json", help="Also write the figures here."),
) -> None:
    """Measure build time, peak memory, store size, time to open the store, every catalog
    query's latency (median and p95), and the parse floor (pandas and pyarrow reading the
    same files), for the real data and synthetic sectors. See docs/benchmarks.md.

    Example: inspection-graph bench --scales real,1 --samples 50
    """
    if not SCRIPT.is_file():
        fail(f"the benchmark needs a source checkout ({SCRIPT} is missing)")
    argv = [sys.executable, str(SCRIPT), "--scales", scales, "--samples", str(samples),
            "--repeat", str(repeat), "--work", str(work),
            "--queries" if queries else "--no-queries",
            "--reports" if reports else "--no-reports"]
    if limit_gib:
        argv += ["--limit-gib", str(limit_gib)]
    if as_json:
        argv += ["--json", str(as_json)]
    raise typer.Exit(subprocess.run(argv, check=False).returncode)
