"""What every loader shares: the :class:`Source` it reads and the sniffing helpers.

A loader is a module with ``KIND`` (a short name), ``sniff(source) -> bool`` (cheap, by
content, never by file name) and ``load(source) -> Iterator[Record]`` (never touches a
store; raises :class:`graph.errors.SourceError` to refuse a whole file).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

HEAD_BYTES = 16384


@dataclass(frozen=True)
class Source:
    """A file to load: its path and the stable name provenance cites it by."""

    path: Path
    name: str

    @cached_property
    def head(self) -> bytes:
        with open(self.path, "rb") as handle:
            return handle.read(HEAD_BYTES)

    @cached_property
    def head_text(self) -> str:
        """The first bytes decoded leniently (for sniffing only)."""
        return self.head.decode("utf-8", errors="replace").lstrip("\ufeff")


def looks_like_csv(text: str) -> bool:
    """True when the first non-empty lines are comma-separated tables of a steady width.

    >>> looks_like_csv("URN,Name,Places\\nSC1,A,3\\nSC2,B,4\\n")
    True
    >>> looks_like_csv("Dear Mr Smith,\\nThis letter summarises the findings, of a visit.\\n")
    False
    """
    lines = [line for line in text.splitlines()[:12] if line.strip(", \t")]
    if len(lines) < 2:
        return False
    widths = [line.count(",") for line in lines]
    steady = max(widths.count(w) for w in set(widths))
    return min(widths) >= 2 and steady * 3 >= len(widths)


def is_binary(data: bytes) -> bool:
    """True for data with NUL bytes or mostly non-text bytes (PDFs are handled separately)."""
    if not data:
        return False
    if b"\x00" in data:
        return True
    text_bytes = sum(1 for b in data if b >= 32 or b in (9, 10, 13))
    return text_bytes / len(data) < 0.85
