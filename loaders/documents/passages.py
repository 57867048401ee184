"""Paragraphs and sentences of a document's text, with offsets back into it.

Facts must not depend on how a file wrapped its lines: the same report as a PDF is wrapped
at the page width (and split at page ends), as text it keeps one line per paragraph. So a
line is joined to the next when the sentence plainly goes on: the next line starts in
lower case, or the document is hard-wrapped (no line much longer than its wrap width) and
the line fills it without ending a sentence. A blank line ends a paragraph unless the
next line starts in lower case (a sentence cut by a page break). A new list item or a
numbered clause always starts a new paragraph. Quotes are the sentence with its whitespace
collapsed, so the same sentence quotes the same from either format.

>>> text = ("HOME A (SC036243)\\n\\nAt the 8 Jan 2019 inspection it was rated GOOD. It "
...         "fell\\n\\nto RI.")
>>> [p.text for p in paragraphs(text)]
['HOME A (SC036243)', 'At the 8 Jan 2019 inspection it was rated GOOD. It fell to RI.']
>>> [s.text for s in sentences(text, paragraphs(text)[1])]
['At the 8 Jan 2019 inspection it was rated GOOD.', 'It fell to RI.']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_ITEM = re.compile(r"^(?:[-•*–▪]\s|\d+(?:\.\d+)+\s|\d{1,2}[.)]\s|\(?[a-h]\)\s)")
_TERMINAL = re.compile(r"[.!?:;…]['\"’”)\]]*$")
_BOUNDARY = re.compile(r"[.!?…]+['\"’”)\]]*\s+(?=['\"‘“(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "no", "cllr", "prof", "rev", "eg",
                            "e.g", "ie", "i.e", "etc", "vs", "co", "para", "ref", "regs"})


@dataclass(frozen=True, slots=True)
class Passage:
    """A span of the text: ``start``/``end`` offsets and the span with whitespace collapsed."""

    start: int
    end: int
    text: str


def collapse(text: str) -> str:
    """One space for every run of whitespace, none at the ends.

    >>> collapse(" Julie\\nKnight,\\tHMI ")
    'Julie Knight, HMI'
    """
    return " ".join(text.split())


def wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped document is wrapped at, or ``None`` when it is not.

    >>> wrap_width(["x" * 80] * 10), wrap_width(["x" * 80] * 9 + ["y" * 400])
    (80, None)
    """
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < 8 or sum(n > 130 for n in lengths) > len(lengths) * 0.03:
        return None
    width = lengths[max(0, int(len(lengths) * 0.9) - 1)]
    return width if width >= 50 else None


def _continues(previous: str, line: str, gap: bool, width: int | None) -> bool:
    """Whether ``line`` continues the sentence ``previous`` ended in."""
    p, c = previous.strip(), line.strip()
    if _ITEM.match(c) or _TERMINAL.search(p):
        return False
    if c[0].islower():
        return True
    return not gap and bool(width) and len(p) >= 0.7 * width


def paragraphs(text: str) -> list[Passage]:
    """The paragraphs of ``text`` in order (see the module doc for the joining rule)."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    width = wrap_width([raw for _, _, raw in lines])
    out: list[Passage] = []
    start = end = -1
    previous, gap = "", False
    for line_start, line_end, raw in lines:
        if not raw.strip():
            gap = True
            continue
        if start >= 0 and _continues(previous, raw, gap, width):
            end = line_end
        else:
            if start >= 0:
                out.append(_passage(text, start, end))
            start, end = line_start, line_end
        previous, gap = raw, False
    if start >= 0:
        out.append(_passage(text, start, end))
    return out


def _passage(text: str, start: int, end: int) -> Passage:
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    return Passage(start, end, collapse(text[start:end]))


def sentences(text: str, paragraph: Passage) -> list[Passage]:
    """The sentences of one paragraph; an abbreviation or an initial does not end one."""
    piece = text[paragraph.start:paragraph.end]
    out, begin = [], 0
    for m in _BOUNDARY.finditer(piece):
        word = re.search(r"([\w.]+)[.!?…]*['\"’”)\]]*\s*$", piece[begin:m.end()])
        token = word.group(1).rstrip(".").casefold() if word else ""
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        stop = m.start() + len(m.group().rstrip())
        out.append(_passage(text, paragraph.start + begin, paragraph.start + stop))
        begin = m.end()
    if piece[begin:].strip():
        out.append(_passage(text, paragraph.start + begin, paragraph.end))
    return out


class Sentences:
    """Every sentence of a text in order, findable by offset.

    >>> s = Sentences("One here. Two there.\\n\\nThree.")
    >>> s.at(12).text, [x.text for x in s.between(0, 21)]
    ('Two there.', ['One here.', 'Two there.'])
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = paragraphs(text)
        self.items = [s for p in self.paragraphs for s in sentences(text, p)]
        self._starts = [s.start for s in self.items]

    def at(self, offset: int) -> Passage:
        """The sentence holding ``offset`` (or the nearest one before it)."""
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.items[index]

    def between(self, start: int, end: int) -> list[Passage]:
        """The sentences that begin in ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.items[lo:hi]

    def __iter__(self):
        return iter(self.items)
