"""What every loader shares: the :class:`Source` it reads and the sniffing helpers.

A loader is a module with ``KIND`` (a short name), ``sniff(source) -> bool`` (cheap, by
content, never by file name) and ``load(source) -> Iterator[Record]`` (never touches a
store; raises :class:`graph.errors.SourceError` to refuse a whole file).
"""

from __future__ import annotations

import codecs
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
        """The first bytes decoded leniently (for sniffing only): UTF-16 as such, else
        UTF-8 with bad bytes replaced."""
        codec = utf16_codec(self.head)
        head = self.head[: len(self.head) // 2 * 2] if codec else self.head
        return head.decode(codec or "utf-8", errors="replace").lstrip("\ufeff")


def utf16_codec(data: bytes) -> str | None:
    """The UTF-16 codec ``data`` (the start of a file) is text in, or ``None``: a byte-order
    mark, or a NUL beside most bytes (ASCII text saved as UTF-16 without one), and text
    that decodes to mostly printable characters.

    >>> utf16_codec("URN,Name\\r\\n".encode("utf-16")), utf16_codec("URN".encode("utf-16-be"))
    ('utf-16', None)
    >>> utf16_codec("URN,Name,Places\\n".encode("utf-16-le")), utf16_codec(bytes(64))
    ('utf-16-le', None)
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    elif len(data) >= 16 and data[1::2].count(0) > len(data) * 0.4:
        codec = "utf-16-le"
    elif len(data) >= 16 and data[0::2].count(0) > len(data) * 0.4:
        codec = "utf-16-be"
    else:
        return None
    text = data[: len(data) // 2 * 2].decode(codec, errors="replace").lstrip("\ufeff")
    printable = sum(c.isprintable() or c in "\r\n\t" for c in text)
    return codec if text and printable >= len(text) * 0.95 else None


def looks_like_csv(text: str) -> bool:
    """True when the first non-empty lines are comma-separated tables of a steady width.

    >>> looks_like_csv("URN,Name,Places\\nSC1,A,3\\nSC2,B,4\\n")
    True
    >>> looks_like_csv("Dear Mr Smith,\\nThis letter summarises the findings, of a visit.\\n")
    False
    """
    lines = [line for line in text.splitlines()[:12]
             if line.strip(", \t") or line.count(",") >= 2]  # a blank row of commas counts
    if len(lines) < 2:
        return False
    widths = [line.count(",") for line in lines]
    steady = max(widths.count(w) for w in set(widths))
    return min(widths) >= 2 and steady * 3 >= len(widths)


def has_table_header(text: str) -> bool:
    """True when a line is a CSV header with a URN column, wherever it is (a table with
    many title rows above it is still a table, not prose).

    >>> has_table_header("Title\\n" * 60 + "Web link,URN,Name,Sector,Places,Owner\\n")
    True
    >>> has_table_header("The URN, as written, was SC 36243, the council said, in May.")
    False
    """
    for line in text.splitlines():
        if line.count(",") >= 5 and any(c.strip().strip('"').upper() == "URN"
                                        for c in line.split(",")):
            return True
    return False


def is_binary(data: bytes) -> bool:
    """True for data with more than a stray NUL byte or two, or mostly non-text bytes (PDFs
    are handled separately); UTF-16 text is text."""
    if not data or utf16_codec(data):
        return False
    if data.count(b"\x00") > max(2, len(data) // 1000):  # a stray NUL or two is text
        return True
    control_bytes = len(data.translate(None, _TEXT_BYTES))  # what is left: controls
    return (len(data) - control_bytes) / len(data) < 0.85


#: Bytes that occur in text: printable ASCII and above, tab, line feed, carriage return.
_TEXT_BYTES = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 13))
