"""``inspection-graph sample``: write the labelled sample data."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.app import app, out
from synth.sample import write_sample


@app.command("sample")
def sample_command(
    output: Path = typer.Option(Path("sample-data"), "-o", "--output", help="Folder to write."),
) -> None:
    """Write a small SAMPLE (fictional, labelled) in the real sources' formats.

    For a clone without ../shared: build from it to try the tool.

    Example: inspection-graph sample -o sample-data && inspection-graph build sample-data
    """
    for path in write_sample(output):
        out.print(str(path), markup=False)
