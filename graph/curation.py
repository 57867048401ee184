"""Curated judgements: the one thing people type in, kept in a small diffable file.

Each line of ``judgements.jsonl`` is one judgement, recording who made it, when and why:

- ``same_person`` / ``not_same_person``: two Person IDs are (not) one person.
- ``alias``: a name or a URN as a document wrote it (``Home A``, ``SC036109``), in one
  document or everywhere, is the home with a given URN.
- ``not_alias``: a proposed URN match is wrong.

The file lives beside the store and survives every rebuild; each write replaces it
atomically (write a copy, flush, rename), so a killed write loses nothing already there.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "judgements.jsonl"
>>> j = add_judgement(path, "alias", {"name": "Home B", "urn": "SC036019"},
...                   who="ed", why="dates match")
>>> [x["kind"] for x in read_judgements(path)]
['alias']
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import getpass
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from graph import settings
from graph.errors import ParameterError, SourceError

KINDS = {
    "same_person": ("a", "b"),
    "not_same_person": ("a", "b"),
    "alias": ("name", "urn"),
    "not_alias": ("name", "urn"),
}


def judgements_path(store_dir: Path) -> Path:
    return Path(store_dir) / "judgements.jsonl"


def read_judgements(path: Path) -> list[dict[str, Any]]:
    """Every judgement in the file, oldest first; a bad line is an error naming the line."""
    if not path.exists():
        return []
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(path, f"not a JSON judgement: {exc.msg}", line=number) from None
        if not isinstance(item, dict) or item.get("kind") not in KINDS:
            raise SourceError(path, "unknown judgement kind", line=number)
        out.append(item)
    return out


def _who(who: str | None) -> str:
    if who:
        return who
    configured = settings.get("reviewer")
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def add_judgement(path: Path, kind: str, fields: dict[str, Any], *, who: str | None = None,
                  why: str, document: str | None = None) -> dict[str, Any]:
    """Append one judgement atomically and return it."""
    if kind not in KINDS:
        raise ParameterError(f"unknown judgement kind {kind!r}; one of {', '.join(KINDS)}")
    missing = [k for k in KINDS[kind] if not fields.get(k)]
    if missing:
        raise ParameterError(f"a {kind} judgement needs {', '.join(missing)}")
    if not why or not why.strip():
        raise ParameterError("say why: every judgement records its reason")
    item = {"kind": kind, **{k: str(fields[k]) for k in KINDS[kind]}}
    if document:
        item["document"] = document
    item |= {
        "who": _who(who),
        "when": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "why": why.strip(),
    }
    item["id"] = hashlib.sha256(json.dumps(item, sort_keys=True).encode()).hexdigest()[:12]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        existing = path.read_text(encoding="utf-8") if path.exists() else ""
        if existing and not existing.endswith("\n"):
            existing += "\n"
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(existing + json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        with contextlib.suppress(OSError):
            fd = os.open(path.parent, os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
    return item


def effective(judgements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The judgements in force: for the same pair, the latest says what holds."""
    latest: dict[tuple, dict[str, Any]] = {}
    for item in judgements:
        kind = item["kind"]
        if kind in ("same_person", "not_same_person"):
            key = ("person", *sorted((item["a"], item["b"])))
        else:
            key = ("alias", item.get("document") or "", item["name"].casefold(), item["urn"])
        latest[key] = item
    return list(latest.values())
