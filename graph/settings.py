"""Settings as data: each is (name, environment variable, default, help).

Read from the environment, or from a ``.env`` file in the working directory (the
environment wins). Credentials are read here and nowhere else, and never printed:
:func:`describe` masks them.

>>> [s.name for s in SETTINGS][:2]
['store', 'backend']
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("store", "INSPECTION_GRAPH_STORE", "inspection-graph-store",
            "Folder of the embedded store (graph.sqlite, judgements.jsonl, documents/)."),
    Setting("backend", "INSPECTION_GRAPH_BACKEND", "embedded",
            "Where show, query and the explorer read from: embedded or neo4j."),
    Setting("neo4j_uri", "NEO4J_URI", None, "Bolt URI of a Neo4j 5 server, e.g. neo4j://localhost:7687."),
    Setting("neo4j_user", "NEO4J_USER", "neo4j", "Neo4j user name."),
    Setting("neo4j_password", "NEO4J_PASSWORD", None, "Neo4j password.", secret=True),
    Setting("neo4j_database", "NEO4J_DATABASE", "neo4j", "Neo4j database name."),
    Setting("redact_key", "INSPECTION_GRAPH_REDACT_KEY", None,
            "Key for `export --redact` pseudonyms (default: a random key kept in the store "
            "folder's .redact-key).", secret=True),
    Setting("reviewer", "INSPECTION_GRAPH_REVIEWER", None,
            "Name recorded as 'who' on curated judgements (default: the login name)."),
    Setting("workers", "INSPECTION_GRAPH_WORKERS", None,
            "Processes that read documents during a build when there are 400 or more "
            "(default: the CPUs available, at most 8; 1 reads everything in one process)."),
)


def _dotenv(path: Path = Path(".env")) -> dict[str, str]:
    values: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return values
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip().removeprefix("export ").strip()] = value.strip().strip("'\"")
    return values


def get(name: str) -> str | None:
    """The value of a setting: environment, then ``.env``, then the default."""
    setting = next((s for s in SETTINGS if s.name == name), None)
    if setting is None:
        raise KeyError(name)
    value = os.environ.get(setting.env)
    if value is None:
        value = _dotenv().get(setting.env)
    return value if value not in (None, "") else setting.default


def store_dir(override: str | os.PathLike | None = None) -> Path:
    """``--store`` if given, else ``INSPECTION_GRAPH_STORE``, else ``./inspection-graph-store``."""
    return Path(override if override else get("store") or "inspection-graph-store")


_USERINFO = re.compile(r"([a-z][a-z0-9+.-]*://)[^/@\s'\"]+@", re.IGNORECASE)


def mask_userinfo(text: str) -> str:
    """Text with any ``user:password@`` in a URI masked.

    >>> mask_userinfo("neo4j://neo4j:hunter2@db:7687 and bolt://x@y")
    'neo4j://***@db:7687 and bolt://***@y'
    """
    return _USERINFO.sub(r"\1***@", text)


def describe() -> list[dict[str, str]]:
    """Every setting with its current value; secrets show only whether they are set, and a
    password written into a URI is masked."""
    rows = []
    for s in SETTINGS:
        value = get(s.name)
        shown = ("(set)" if value else "(not set)") if s.secret else mask_userinfo(value or "")
        rows.append({"name": s.name, "env": s.env, "value": shown, "help": s.help})
    return rows
