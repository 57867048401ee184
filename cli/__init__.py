"""The ``inspection-graph`` command line. Each command lives in its own module.

Run ``inspection-graph --help`` for the list; every command has an example in its help.
"""

from __future__ import annotations

from cli import build_cmd, explore_cmd, sample_cmd, show_cmd  # noqa: F401  (register commands)
from cli.app import app, main

__all__ = ["app", "main"]
