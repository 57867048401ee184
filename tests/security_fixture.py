"""What the security tests share: injection payloads, a small store built from real input
files (so a rebuild really runs), and running the command line in-process.

The store: three homes in two councils from an Ofsted-format CSV, and a blog post that
rates two of them and names two managers, one of whom moves between the homes, so every
catalog query has something to answer.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from graph.build import build
from graph.store.verify import verify_store
from tests.ofsted_fixtures import home_row, write_snapshot

#: Cypher and SQL injections, parameters, path traversal, format strings, markup,
#: LIKE wildcards, bidi marks, and a huge string.
PAYLOADS = [
    "' }) DETACH DELETE n //",
    "\" }) DETACH DELETE n //",
    "$x",
    "`x` `",
    "MATCH (n) DETACH DELETE n",
    "CALL dbms.security.listUsers() YIELD username RETURN username",
    "'; DROP TABLE nodes; --",
    "SC000001' OR '1'='1",
    "../../etc/passwd",
    "{0} {x} %s %(x)s %n",
    "[/red] [bold]x",
    "%", "_", "*",
    "person:%",
    "\u202eSC000001",
    "x" * 100_000,
]
BLOG = ("Home A (SC000001) was rated Good on 8 January 2019.\n\n"
        "Home B (SC000002) was rated Inadequate on 10 December 2019.\n\n"
        "The interim manager of Home A, Jane Doe, was moved to Home B (SC000002) after "
        "23 January 2020.\n\nJo Bloggs – Home Manager at Home A\n")


def write_inputs(folder: Path) -> Path:
    write_snapshot(folder / "provider_at_march_2019.csv", [
        home_row("SC000001"),
        home_row("SC000002", event="10049676", overall="Inadequate", date="10/12/2019"),
        home_row("SC000003", la="Kent", owner="Kent Care Ltd", event="10049677")])
    (folder / "blog.txt").write_text(BLOG, encoding="utf-8")
    return folder


def build_store(root: Path) -> Path:
    """Inputs under ``root/in``, the store built from them in ``root/store``."""
    report = build([write_inputs(root / "in")], root / "store")
    assert report.exit_code == 0, [f.message for f in report.files]
    return root / "store"


def copy_store(store: Path, target: Path) -> Path:
    shutil.copytree(store, target)
    return target


def content_hash(store: Path) -> str:
    check = verify_store(store)
    assert check.ok, check.problems
    return check.content_hash or ""


def run_main(args: list[str], capsys, monkeypatch) -> tuple[int, str]:
    """Run ``inspection-graph ARGS`` in this process (the real entry point, ``cli.main``):
    (exit code, stdout + stderr)."""
    from cli import main

    monkeypatch.setattr(sys, "argv", ["inspection-graph", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    captured = capsys.readouterr()
    return code, captured.out + captured.err
