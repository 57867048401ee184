"""``inspection-graph explore``: open the Streamlit explorer on the store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

from cli.app import StoreOption, app, fail
from graph import settings

APP = Path(__file__).resolve().parents[1] / "app.py"


@app.command("explore")
def explore_command(
    store: str | None = StoreOption,
    address: str = typer.Option("127.0.0.1",
                                help="Address to bind; localhost unless told otherwise."),
    port: int = typer.Option(8501, help="Port to serve on."),
) -> None:
    """Open the explorer (Streamlit) on the store, bound to localhost by default.

    Example: inspection-graph explore --port 8502
    """
    if not APP.is_file():
        fail(f"the explorer {APP} is not here (install the project with `pip install -e .`)")
    env = {**os.environ, "INSPECTION_GRAPH_STORE": str(settings.store_dir(store).resolve())}
    command = [sys.executable, "-m", "streamlit", "run", str(APP),
               "--server.address", address, "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    raise typer.Exit(subprocess.call(command, env=env))
