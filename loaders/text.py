"""Text out of documents (PDF, HTML, plain text), with locators back into the source.

The format is recognised by content, never by file name. Text is normalised only where it
must be (control characters, line endings, non-breaking spaces; for PDFs also words split
at line ends and runs of spaces), so quotes stay verbatim. PDFs are read with pypdf's layout
mode, which keeps blank lines between paragraphs but sets columns side by side; pages are
joined by a blank line and their offsets kept in ``pages``. A PDF without its ``%%EOF``
(a cut-short download) is refused rather than read in part.

>>> import tempfile
>>> p = Path(tempfile.mkdtemp()) / "report.pdf"  # the name is ignored: this is HTML
>>> _ = p.write_bytes(b"<!DOCTYPE html><title>T</title><script>x()</script><p>One</p>Two")
>>> t = extract_text(p)
>>> (t.format, t.text, t.locate(t.text.index("Two")))
('html', 'T\\n\\nOne\\n\\nTwo', 'line 5')
"""

from __future__ import annotations

import bisect
import codecs
import io
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from graph.errors import SourceError

_MAGIC = [
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"), (b"\x1f\x8b", "gzip data"),
    (b"PK\x03\x04", "a ZIP archive (.docx/.xlsx/.odt are ZIP archives; not supported)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls; not supported)"),
    (b"{\\rtf", "an RTF document (not supported)"),
]
_CTRL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]{2,40})""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
_HTML_HEAD = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|ul|ol|li|table|tr|td|th|b|i|em|strong|img"
                  r"|meta|link|title|script|style|section|article|nav)\b[^<>]*>", re.IGNORECASE)
_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas"}
_PARA = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "ul", "ol", "dl", "pre",
         "section", "article", "header", "footer", "nav", "main", "aside", "figure", "form",
         "fieldset", "address", "title", "hr"}
_LINE = {"div", "li", "tr", "dt", "dd", "caption", "figcaption", "option", "summary", "details",
         "body"}
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st",
                            "ﬆ": "st"})
_COMPARE = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
                          "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
                          "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-",
                          "−": "-", "\u00ad": None})
_SPLIT_WORD = re.compile(r"\b([^\W\d_]+)-\n([a-z][^\s]*)([ \t]+|(?=\n)|$)")


class ExtractionError(SourceError):
    """A document yields no text; the message names the file and the reason.

    >>> str(ExtractionError(Path("a.pdf"), "encrypted PDF, cannot read without a password"))
    'a.pdf: encrypted PDF, cannot read without a password'
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = Path(path)


@dataclass
class ExtractedText:
    """A document's text; ``pages`` holds (page_number, start, end) offsets for PDFs."""

    path: Path
    format: str  # "pdf" | "html" | "text"
    text: str
    pages: list[tuple[int, int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def line_of(self, offset: int) -> int:
        """The 1-based line holding ``offset`` (``len(text)`` is allowed: the end).

        >>> ExtractedText(Path("x"), "text", "a\\nb").line_of(2)
        2
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside 0..{len(self.text)}")
        return bisect.bisect_right(self._line_starts, offset)

    def locate(self, offset: int) -> str:
        """A human locator: "line 42", or "page 3, line 12" for a PDF.

        >>> t = ExtractedText(Path("x"), "pdf", "a\\n\\nb\\nc", [(1, 0, 1), (2, 3, 6)])
        >>> t.locate(0), t.locate(5)
        ('page 1, line 1', 'page 2, line 2')
        """
        line = self.line_of(offset)
        if not self.pages:
            return f"line {line}"
        starts = [start for _, start, _ in self.pages]
        number, start, _ = self.pages[max(0, bisect.bisect_right(starts, offset) - 1)]
        return f"page {number}, line {line - self.line_of(start) + 1}"


def normalise_for_comparison(text: str) -> str:
    """One spacing, one kind of quote and dash: for comparing text from different formats.

    >>> normalise_for_comparison("It\u2019s  \u201cgood\u201d \u2013\\n\u00a0now")
    'It\\'s "good" - now'
    """
    return " ".join(unicodedata.normalize("NFKC", text).translate(_COMPARE).split())


def extract_text(path: Path | str) -> ExtractedText:
    """Read ``path`` and return its text, recognising PDF, HTML or plain text by content."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ExtractionError(path, f"cannot read file: {e.strerror or e}") from e
    return extract_bytes(data, path)


def extract_bytes(data: bytes, path: Path | str = "<bytes>") -> ExtractedText:
    """As :func:`extract_text`, for bytes already in memory; ``path`` is for messages.

    >>> extract_bytes("caf\xe9 \u2018ok\u2019".encode("cp1252")).text
    'café ‘ok’'
    >>> extract_bytes(b"\\x89PNG\\r\\n")
    Traceback (most recent call last):
    loaders.text.ExtractionError: <bytes>: binary file (a PNG image), not PDF, HTML or text
    """
    path = Path(path)
    if not data:
        raise ExtractionError(path, "empty file")
    if b"%PDF-" in data[:1024]:
        return _pdf(data, path)
    if what := binary_kind(data):
        raise ExtractionError(path, f"binary file ({what}), not PDF, HTML or text")
    raw, warnings = _decode(data, path)
    if nuls := raw.count("\x00"):  # removed with the other control characters by _clean
        warnings.append(f"{nuls} NUL byte{'s' * (nuls != 1)} removed")
    if _HTML_HEAD.search(raw[:4096]) or (
            raw.lstrip().startswith("<") and len(_TAG.findall(raw[:4096])) >= 3):
        result = ExtractedText(path, "html", _html(raw, path), [], warnings)
    else:
        result = ExtractedText(path, "text", _clean(raw), [], warnings)
    if not any(c.isalpha() for c in result.text):
        raise ExtractionError(path, f"no text: the {result.format} has no letters at all")
    return result


def binary_kind(data: bytes) -> str | None:
    """What a binary file is, by its first bytes ("a PNG image"), or ``None``.

    >>> binary_kind(b"PK\\x03\\x04..."), binary_kind(b"text")
    ('a ZIP archive (.docx/.xlsx/.odt are ZIP archives; not supported)', None)
    """
    return next((what for magic, what in _MAGIC if data.startswith(magic)), None)


def _clean(text: str) -> str:
    """Line endings to LF, page/line separators to LF, no-break spaces to spaces, no controls."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\x0b\x0c\u2028\u2029\x85]", "\n", text)
    return _CONTROL.sub("", re.sub("[\u00a0\u2007\u202f]", " ", text))


def _decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError as e:
                raise ExtractionError(path, f"invalid {codec} text: {e.reason}") from e
    half = len(data) // 2
    if half >= 2 and data.count(0) >= half * 0.8:  # UTF-16 without a byte-order mark?
        codec = "utf-16-le" if data[1::2].count(0) >= half * 0.8 else "utf-16-be"
        try:
            return data.decode(codec), [f"no byte-order mark; decoded as {codec}"]
        except UnicodeDecodeError:
            pass
    controls = len(_CTRL_BYTES.findall(data))
    if controls > len(data) * 0.05 or data.count(0) > len(data) * 0.01:
        raise ExtractionError(path, "binary data (control bytes), not PDF, HTML or text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    named = declared.group(1).decode() if declared else "utf"
    for codec in ([] if named.lower().startswith("utf") else [named]) + ["cp1252"]:
        try:
            return data.decode(codec), [f"not valid UTF-8; decoded as {codec}"]
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1"), ["not valid UTF-8 or cp1252; decoded as latin-1 (guess)"]


def _html(raw: str, path: Path) -> str:
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString, PreformattedString, Tag

    try:
        soup = BeautifulSoup(_clean(raw), "lxml")  # cleaned first: \x01 and \x02 are markers
    except Exception as e:  # lxml refuses some inputs outright
        raise ExtractionError(path, f"unreadable HTML: {_short(e)}") from e
    out: list[str] = []
    stack: list[object] = [(soup, False)]
    while stack:  # iterative walk: deeply nested HTML must not hit the recursion limit
        item = stack.pop()
        if isinstance(item, str):  # a closing separator pushed below
            out.append(item)
            continue
        node, pre = item  # type: ignore[misc]
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, doctypes, CDATA
                out.append(str(node) if pre else re.sub(r"\s+", " ", str(node)))
            continue
        if not isinstance(node, Tag) or node.name in _DROP:
            continue
        if node.name == "br":
            out.append("\n")
            continue
        sep = "\x01" if node.name in _PARA else "\x02" if node.name in _LINE else ""
        out.append(sep)
        stack.append("\t" if node.name in ("td", "th") else sep)
        inner = pre or node.name in ("pre", "textarea")
        stack.extend((child, inner) for child in reversed(node.contents))
    # adjacent block boundaries merge: a paragraph boundary wins over a line boundary
    text = re.sub(r"[ \t]*[\x01\x02][\x01\x02\s]*",
                  lambda m: "\n\n" if "\x01" in m.group() else "\n", "".join(out))
    lines = (re.sub(" {2,}", " ", line).strip(" \t") for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"pypdf: {record.getMessage()}"[:200])


def _pdf(data: bytes, path: Path) -> ExtractedText:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    if b"%%EOF" not in data:
        raise ExtractionError(path, "corrupt PDF: truncated (no %%EOF end marker)")
    warnings: list[str] = []
    texts: list[str] = []
    failures = 0
    log, handler = logging.getLogger("pypdf"), _Collect()
    log.addHandler(handler)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ExtractionError(path, "encrypted PDF, cannot read without a password")
            except DependencyError as e:
                raise ExtractionError(path, f"encrypted PDF, cannot decrypt: {e}") from e
            warnings.append("encrypted PDF, opened with an empty password")
        for number, page in enumerate(reader.pages, 1):
            try:
                texts.append(_page_text(page))
            except Exception as e:  # one bad page must not lose the others
                failures += 1
                texts.append("")
                warnings.append(f"page {number}: text extraction failed ({_short(e)})")
    except ExtractionError:
        raise
    except Exception as e:  # pypdf raises many kinds on damaged files
        raise ExtractionError(path, f"corrupt PDF: {_short(e)}") from e
    finally:
        log.removeHandler(handler)
    warnings.extend(dict.fromkeys(handler.messages))
    if not texts:
        raise ExtractionError(path, "corrupt PDF: no pages")
    if failures == len(texts):
        raise ExtractionError(path, f"corrupt PDF: no page could be read ({warnings[-1]})")
    parts = _dehyphenate([_tidy_pdf(raw) for raw in texts])
    pages, offset = [], 0
    for number, page_text in enumerate(parts, 1):
        if not any(c.isalpha() for c in page_text):
            warnings.append(f"page {number}: no extractable text (scanned image?)")
        pages.append((number, offset, offset + len(page_text)))
        offset += len(page_text) + 2
    text = "\n\n".join(parts)
    bad, letters = text.count("\ufffd"), sum(c.isalpha() for c in text)
    if bad > letters or (not letters and handler.messages):
        why = f" ({handler.messages[0]})" if handler.messages else ""
        raise ExtractionError(path, f"corrupt PDF: its text could not be decoded{why}")
    if not letters:
        raise ExtractionError(path, "no extractable text (scanned image? OCR is not supported)")
    if bad:
        warnings.append(f"{bad} characters could not be decoded (kept as U+FFFD)")
    return ExtractedText(path, "pdf", text, pages, warnings)


def _page_text(page: object) -> str:
    """Layout mode keeps the blank lines between paragraphs (plain mode loses them) and puts
    table cells side by side; plain mode is the fallback when layout mode fails."""
    try:
        return page.extract_text(extraction_mode="layout") or ""  # type: ignore[attr-defined]
    except Exception:
        return page.extract_text() or ""  # type: ignore[attr-defined]


def _short(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}"[:160]


def _tidy_pdf(text: str) -> str:
    """Per page: clean, undo ligatures and soft hyphens, one space at a time, no edge spaces."""
    text = _clean(text.translate(_LIGATURES)).replace("\u00ad\n", "").replace("\u00ad", "")
    lines = (re.sub(" {2,}", " ", line).strip(" ") for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _dehyphenate(pages: list[str]) -> list[str]:
    """Join words split at a line end ("manage-\nment" -> "management"), moving the break
    after the word so line numbers hold. The hyphen stays where the document itself shows the
    compound ("child-centred") or both halves as words, unless it shows the joined word.
    """
    whole = "\n\n".join(pages)
    words = Counter(w.lower() for w in re.findall(r"[^\W\d_]+", whole))
    for m in _SPLIT_WORD.finditer(whole):  # the halves of split words are no evidence
        words.subtract([m.group(1).lower(), _core(m.group(2))])
    compounds = {w.lower() for w in re.findall(r"[^\W\d_]+-[^\W\d_]+", whole)}

    def join(m: re.Match[str]) -> str:
        left, right, tail = m.groups()
        core = _core(right)
        keep = f"{left.lower()}-{core}" in compounds or (
            words[left.lower()] > 0 and words[core] > 0)
        if words[left.lower() + core] > 0:
            keep = False
        return f"{left}{'-' if keep else ''}{right}{chr(10) if tail else ''}"

    return [_SPLIT_WORD.sub(join, page) for page in pages]


def _core(fragment: str) -> str:
    """The letters a split word's second half starts with: "ment," -> "ment"."""
    return re.match(r"[^\W\d_]*", fragment).group().lower()  # type: ignore[union-attr]
