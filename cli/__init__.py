"""The ``inspection-graph`` command line. Each command lives in its own ``*_cmd.py`` module,
registered on the shared Typer app when the package is imported.

Run ``inspection-graph --help`` for the list; every command has an example in its help.
"""

from __future__ import annotations

import importlib
import pkgutil

from cli.app import app, main

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.endswith("_cmd")):
    importlib.import_module(f"cli.{_module}")

__all__ = ["app", "main"]
