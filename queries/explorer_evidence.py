"""Lead a fact back to its source: the statistics file and row, or the document and quote.

Provenance names a source as the build discovered it (``ofsted/provider-level/x.csv``,
relative to the parent of an input folder; documents added through the explorer as
``documents/<name>``) with a locator (``line 1832``). :func:`source_file` finds the file
again from the store's recorded inputs and :func:`source_row` reads the row back.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp()) / "ofsted"
>>> root.mkdir()
>>> _ = (root / "x.csv").write_text("URN,Sector\\nSC036243,Local Authority\\n")
>>> path = source_file([str(root)], None, "ofsted/x.csv")
>>> source_row(path, "line 2")
'SC036243,Local Authority'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graph.store.base import GraphReader

_LINE = re.compile(r"\blines?\s+(\d+)", re.I)


def source_file(inputs: list[str], store_dir: Path | str | None, source: str) -> Path | None:
    """The file a provenance ``source`` names, if it is still where the build found it."""
    if not source or source.startswith(("document:", "judgement:")):
        return None
    candidates = [Path(p).parent / source for p in inputs or []]
    if store_dir is not None:
        candidates.append(Path(store_dir) / source)
    candidates.append(Path(source))
    for path in candidates:
        try:
            if path.is_file():
                return path
        except OSError:
            continue
    return None


def source_row(path: Path | None, locator: str | None, *, limit: int = 2000) -> str | None:
    """The raw text of the row a ``line N`` locator points at (cut to ``limit`` chars)."""
    if path is None or not locator:
        return None
    match = _LINE.search(locator)
    if not match:
        return None
    wanted = int(match.group(1))
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            for number, line in enumerate(handle, 1):
                if number == wanted:
                    return line.rstrip("\r\n")[:limit]
    except OSError:
        return None
    return None


def documents_by_path(store: GraphReader) -> dict[str, str]:
    """Document ID by the path (and file name) it was loaded from."""
    out: dict[str, str] = {}
    for node in store.nodes("Document"):
        path = node.get("path")
        if path:
            out[str(path)] = node["id"]
            out.setdefault(Path(str(path)).name, node["id"])
    return out


def describe_source(item: dict[str, Any], documents: dict[str, str]) -> dict[str, Any]:
    """One provenance item made ready to show: its kind (document or data row), the
    document ID to link to when there is one, and a short label.

    >>> describe_source({"source": "ofsted/x.csv", "locator": "line 4"}, {})["label"]
    'ofsted/x.csv, line 4'
    """
    source = str(item.get("source") or "")
    doc = source if source.startswith("document:") else (
        documents.get(source) or documents.get(Path(source).name))
    locator = item.get("locator") or ""
    label = f"{source}, {locator}" if locator else source
    return {**item, "document_id": doc, "kind": "document" if doc or item.get("quote")
            else "data", "label": label}


def summary(evidence: list[dict[str, Any]]) -> str:
    """A short cell for a table: the first source and how many more.

    >>> summary([{"source": "a.csv", "locator": "line 2"}, {"source": "b.csv"}])
    'a.csv, line 2 (+1)'
    """
    if not evidence:
        return ""
    first = evidence[0]
    text = str(first.get("source") or "")
    if first.get("locator"):
        text += f", {first['locator']}"
    return text + (f" (+{len(evidence) - 1})" if len(evidence) > 1 else "")
