"""Check Cypher text with Neo4j's own parser, for tests and CI.

Neo4j publishes its Cypher parser and front end on npm as
``@neo4j-cypher/language-support``; ``tools/cypher-lint/lint.mjs`` runs it under
Node.js. This module sends it a batch of statements (or ``;``-separated
scripts) as JSON on stdin and returns the diagnostics for each. Install the
parser once with ``npm ci --prefix tools/cypher-lint`` (see `install_hint`).

Everything is checked as Cypher 5, with no database schema: parameters,
labels and procedures are not looked up. ``errors`` holds syntax errors and
Neo4j's semantic errors (an undefined variable, say); ``warnings`` holds the
rest (deprecations and the like).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LINT_DIR = Path(__file__).resolve().parent.parent / "tools" / "cypher-lint"
LINT_SCRIPT = LINT_DIR / "lint.mjs"
PACKAGE_DIR = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"


def install_hint() -> str:
    """The command, run from the repository root, that installs the parser."""
    return "npm ci --prefix tools/cypher-lint"


@dataclass(frozen=True)
class CypherDiagnostic:
    """One message from the parser.

    ``line`` and ``column`` count from 1; ``offset`` counts from 0 and indexes
    the Python string (all three count code points).
    """

    message: str
    line: int
    column: int
    offset: int

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass(frozen=True)
class CypherDiagnostics:
    """The parser's verdict on the statement at ``index`` of the input list."""

    index: int
    errors: list[CypherDiagnostic]
    warnings: list[CypherDiagnostic]

    @property
    def ok(self) -> bool:
        """True when the statement has no errors (warnings are allowed)."""
        return not self.errors


def _node() -> str | None:
    return shutil.which("node")


def cypher_parser_available() -> bool:
    """True when Node.js is on PATH and the npm package is installed."""
    return _node() is not None and (PACKAGE_DIR / "package.json").is_file()


def _check_installed() -> str:
    node = _node()
    if node is None:
        raise RuntimeError(
            "Node.js ('node') is not on PATH; the Cypher parser harness needs it. "
            f"Install Node.js 20 or newer, then run: {install_hint()}"
        )
    if not (PACKAGE_DIR / "package.json").is_file():
        raise RuntimeError(
            f"Neo4j's Cypher parser is not installed ({PACKAGE_DIR} is missing). "
            f"Run from the repository root: {install_hint()}"
        )
    return node


def _diagnostics(items: list[dict]) -> list[CypherDiagnostic]:
    return [CypherDiagnostic(d["message"], d["line"], d["column"], d["offset"]) for d in items]


def lint_cypher(
    statements: list[str], *, exact: bool = False, timeout: float | None = 900
) -> list[CypherDiagnostics]:
    """Check each string with Neo4j's parser and return one result per string, in order.

    A string may hold one statement or a script of ``;``-separated statements,
    which is checked as a whole. All strings go to one Node.js process.
    By default statements that differ only in literal values share one check
    (see ``tools/cypher-lint/lint.mjs``); ``exact=True`` checks every string
    on its own, which is slower.

    Raises RuntimeError when Node.js or the npm package is missing, or when
    the linter itself fails.
    """
    if isinstance(statements, str) or not all(isinstance(s, str) for s in statements):
        raise TypeError("lint_cypher expects a list of strings")
    node = _check_installed()
    if not statements:
        return []
    env = dict(os.environ)
    if exact:
        env["CYPHER_LINT_EXACT"] = "1"
    proc = subprocess.run(
        [node, str(LINT_SCRIPT)],
        input=json.dumps(list(statements)),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"{LINT_SCRIPT.name} failed with exit status {proc.returncode}:\n{proc.stderr.strip()}"
        )
    results = [
        CypherDiagnostics(r["index"], _diagnostics(r["errors"]), _diagnostics(r["warnings"]))
        for r in json.loads(proc.stdout)
    ]
    if len(results) != len(statements):
        raise RuntimeError(f"expected {len(statements)} results, got {len(results)}")
    return results
