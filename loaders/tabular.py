"""Robust reading of one CSV file into a :class:`Table` (no pandas, no graph code).

Handles what real spreadsheet exports do: a UTF-8 BOM, lines in cp1252 or Mac Roman,
stray undecodable bytes, title rows before the header, a two-level header (a group row
above the real one), trailing empty columns, blank rows of commas, CRLF line endings.
The header is found by content (default: the first row with a cell "URN"), never by
position. Every data row keeps its physical line number (1-based) in the file.

>>> import tempfile
>>> p = Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = p.write_bytes(b"Title \\x96 2022,,\\r\\nURN,Name,\\r\\nSC1, A ,\\r\\n,,\\r\\n")
>>> t = read_table(p)
>>> (t.encoding, t.preamble, t.header, t.header_line, t.blank_rows)
('cp1252', ['Title – 2022'], ['URN', 'Name'], 2, 1)
>>> [(r.line, r.cells) for r in t.rows]
[(3, ['SC1', 'A'])]
"""

from __future__ import annotations

import codecs
import csv
import gc
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import SourceError
from loaders.base import utf16_codec

LEGACY_ENCODINGS = ("cp1252", "mac_roman")  # tie-break order: first wins
HEADER_SCAN_ROWS = 50  # the header must start within this many non-blank records
_GOOD_PUNCT = frozenset("–—‘’“”…•£€°·«»½¼¾©®™")
_CONTROL = re.compile(rb"[\x01-\x08\x0e-\x1f]")
_GENERIC_GROUP = re.compile(r"^(?:provider|setting|general)?\s*(?:information|details|info)?$")
_GROUP_SUFFIX = re.compile(r"\s+(?:information|details|info)$", re.IGNORECASE)


class TableError(SourceError):
    """The file cannot be read as a table at all; names the file and the line.

    >>> str(TableError(Path("x.csv"), 3, "no recognisable header"))
    'x.csv, line 3: no recognisable header'
    """

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(path, message, line=line)
        self.path = Path(path)
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class TableProblem:
    """Something odd about one line that did not stop the read (a warning)."""

    line: int
    message: str


@dataclass(slots=True)
class Row:
    """One data row: its physical start line, its cells (stripped, header-length), any
    non-empty cells beyond the header (also reported as a problem)."""

    line: int
    cells: list[str]
    extra: list[str] = field(default_factory=list)


@dataclass
class Table:
    """A decoded, header-aligned CSV file.

    `encoding` is "utf-8"/"utf-8-sig" for UTF-8 files, the legacy codec when every
    non-ASCII line used it ("cp1252", "mac_roman"), or a "+"-joined mix; `line_encodings`
    names the codec of each line that was not UTF-8 ("replace" = bytes replaced by U+FFFD).
    `dropped_columns` counts trailing empty header columns removed; `blank_rows` counts
    all-empty records skipped anywhere in the file; `lines` is the physical line count.
    """

    path: Path
    encoding: str
    header: list[str]
    group_header: list[str] | None
    rows: list[Row]
    preamble: list[str]
    blank_rows: int
    problems: list[TableProblem]
    header_line: int = 0
    dropped_columns: int = 0
    line_encodings: dict[int, str] = field(default_factory=dict)
    lines: int = 0

    @property
    def full_header(self) -> list[str]:
        """Column names with their group prepended where the group adds meaning.

        "Latest Full Inspection information" over "Event type" gives "Latest Full
        Inspection Event type"; a generic group ("Provider information") adds nothing,
        and neither does a group the column name already starts with.
        """
        if not self.group_header:
            return list(self.header)
        out, groups = [], [*self.group_header, *[""] * len(self.header)]
        for name, group in zip(self.header, groups, strict=False):
            label = _GROUP_SUFFIX.sub("", group).strip()
            generic = _GENERIC_GROUP.match(label.lower()) is not None
            if generic or name.lower().startswith(label.lower()):
                out.append(name)
            else:
                out.append(f"{label} {name}".strip())
        return out


def looks_like_header(cells: list[str]) -> bool:
    """Default header test: some cell reads "URN" (any case, spacing or BOM)."""
    return any(c.replace("\ufeff", "").strip().lower() == "urn" for c in cells)


def read_table(
    path: Path,
    *,
    max_field: int = 100_000,
    is_header: Callable[[list[str]], bool] = looks_like_header,
) -> Table:
    """Read `path` into a :class:`Table`; raise :class:`TableError` if the file is empty,
    binary, has no recognisable header (within ``HEADER_SCAN_ROWS`` records), has a field
    longer than `max_field` characters, or ends inside a quoted field (truncated)."""
    path = Path(path)
    data = path.read_bytes()
    problems: list[TableProblem] = []
    data = _from_utf16(path, data, problems)
    bom = data.startswith(codecs.BOM_UTF8)
    data = data[3:] if bom else data
    if not data.strip():
        raise TableError(path, 1, "file is empty")
    data = _strip_stray_nuls(path, data, problems)
    _refuse_binary(path, data)
    data = data.replace(b"\r\n", b"\n")  # CRLF endings, also inside quoted fields
    if b"\n" not in data and data.count(b"\r") > 1:  # classic Mac: lines end in CR alone
        problems.append(TableProblem(1, "lines end in CR alone (old Mac format), read as such"))
        data = data.replace(b"\r", b"\n")
    texts, encoding, line_enc = _decode(data, bom, problems)
    if data.endswith(b"\n"):
        texts.pop()
    lines = [t + "\n" for t in texts]
    for n in range(len(lines)) if b"\r" in data else ():  # a lone CR would break csv
        if "\r" in lines[n]:
            problems.append(TableProblem(n + 1, "stray carriage return read as a space"))
            lines[n] = lines[n].replace("\r", " ")
    table = Table(path, encoding, [], None, [], [], 0, problems,
                  line_encodings=line_enc, lines=len(lines))
    # Both settings are process-global and restored; pausing the cyclic GC while
    # ~40k small lists are built halves the time of a full read.
    old_limit, gc_was_on = csv.field_size_limit(max_field), gc.isenabled()
    gc.disable()
    try:
        _parse(table, lines, max_field, is_header)
    finally:
        csv.field_size_limit(old_limit)
        if gc_was_on:
            gc.enable()
    return table


def _from_utf16(path: Path, data: bytes, problems: list[TableProblem]) -> bytes:
    """A UTF-16 file (BOM, or a NUL beside most ASCII bytes) re-encoded as UTF-8."""
    codec = utf16_codec(data[:4096])
    if codec is None:
        return data
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return data
    problems.append(TableProblem(1, f"file is {codec.upper()}, read as such"))
    return text.encode("utf-8")


def _strip_stray_nuls(path: Path, data: bytes, problems: list[TableProblem]) -> bytes:
    """Text with a few NUL bytes (a hostile or corrupt field): drop them and say where."""
    count = data.count(b"\x00")
    if not count or count > max(2, len(data) // 1000):
        return data
    start = 0
    while (nul := data.find(b"\x00", start)) >= 0:
        problems.append(TableProblem(data.count(b"\n", 0, nul) + 1, "NUL byte removed"))
        start = nul + 1
    return data.replace(b"\x00", b"")


def _refuse_binary(path: Path, data: bytes) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise TableError(path, data.count(b"\n", 0, nul) + 1, "binary file (NUL byte), not text")
    sample = data[:65536]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise TableError(path, 1, "binary file (control bytes), not text")


def _decode(data: bytes, bom: bool, problems: list[TableProblem]):
    """Decode line by line: UTF-8 first; a line that is not valid UTF-8 keeps its valid
    parts and decodes the bad bytes with whichever legacy codec reads most plausibly
    (ties go to the codec that reads the whole file better, then to cp1252)."""
    try:
        return data.decode("utf-8").split("\n"), "utf-8-sig" if bom else "utf-8", {}
    except UnicodeDecodeError:
        pass
    raw = data.split(b"\n")
    texts, options, used = [], {}, ["utf-8"] if bom else []
    for n, b in enumerate(raw, 1):
        try:
            texts.append(b.decode("utf-8"))
            used += [] if b.isascii() or "utf-8" in used else ["utf-8"]
        except UnicodeDecodeError:
            texts.append("")
            options[n] = {enc: _try_legacy(b, enc) for enc in LEGACY_ENCODINGS}
    totals = {e: sum(o[e][0] for o in options.values()) for e in LEGACY_ENCODINGS}
    line_enc: dict[int, str] = {}
    for n, opt in options.items():
        best = max(LEGACY_ENCODINGS, key=lambda e: (opt[e][0], totals[e]))
        texts[n - 1] = opt[best][1]
        if opt[best][0] <= 0:
            best, texts[n - 1] = "replace", raw[n - 1].decode("utf-8", "replace")
            problems.append(TableProblem(n, "undecodable bytes replaced by U+FFFD"))
        line_enc[n] = best
        used += [] if best in used else [best]
    enc = "+".join(used)
    return texts, enc.replace("utf-8", "utf-8-sig", 1) if bom else enc, line_enc


def _try_legacy(b: bytes, enc: str) -> tuple[int, str]:
    """Decode the non-UTF-8 bytes of line `b` with `enc`; score how plausible that reads."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos, size = 0, 0
    while True:
        try:
            parts.append(b[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as e:
            good = b[pos : pos + e.start].decode("utf-8")
            bad = b[pos + e.start : pos + e.end].decode(enc, "replace")
            parts += [good, bad]
            size += len(good)
            spans.append((size, size + len(bad)))
            size += len(bad)
            pos += e.end
    text = "".join(parts)
    return sum(_plausibility(text, s, e) for s, e in spans), text


def _plausibility(text: str, start: int, end: int) -> int:
    score = 0
    for i in range(start, end):
        c = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if c in _GOOD_PUNCT:
            score += 3
        elif c.isalpha() and ord(c) < 0x250 and (before.isalpha() or after.isalpha()):
            score += 0 if (c.isupper() and before.islower()) else 1
        elif c.isalpha() and ord(c) < 0x250:
            score -= 1  # a lone accented letter between spaces: likely a mis-read dash
        else:
            score -= 3
    return score


def _parse(table: Table, lines: list[str], max_field: int, is_header) -> None:
    reader = csv.reader(lines, strict=False)
    problems, rows, pre = table.problems, table.rows, []
    width, prev, start = -1, 0, 1
    try:
        for record in reader:
            start, prev = prev + 1, reader.line_num
            if prev > start:
                problems.append(TableProblem(start, f"record spans lines {start}-{prev}"))
            cells = list(map(str.strip, record))
            if not any(cells):
                table.blank_rows += 1
            elif width < 0:
                if is_header(cells):
                    width = _set_header(table, cells, pre, start)
                elif len(pre) >= HEADER_SCAN_ROWS:
                    break
                else:
                    pre.append((start, cells))
            else:
                rows.append(_row(table, start, cells, width))
    except csv.Error as e:
        if "field limit" in str(e):
            raise TableError(table.path, prev + 1, f"field longer than {max_field} characters"
                             " (an unclosed quote?)") from e
        raise TableError(table.path, prev + 1, f"CSV error: {e}") from e
    if width < 0:
        raise TableError(table.path, start, "no recognisable header row among the first "
                         f"{len(pre)} non-blank rows (looked for a URN column)")
    _check_truncated(table, lines, start)


def _set_header(table: Table, cells: list[str], pre: list, line: int) -> int:
    header = [" ".join(c.replace("\ufeff", "").split()) for c in cells]
    while header and not header[-1]:
        header.pop()
        table.dropped_columns += 1
    table.header, table.header_line = header, line
    if pre and pre[-1][0] == line - 1 and any(pre[-1][1][1 : len(header)]):
        group, fill = [], ""
        for c in (pre.pop()[1] + [""] * len(header))[: len(header)]:
            fill = " ".join(c.split()) or fill
            group.append(fill)
        table.group_header = group
    table.preamble = [", ".join(c for c in cells if c) for _, cells in pre]
    seen: set[str] = set()
    for i, name in enumerate(table.full_header):
        if not name:
            table.problems.append(TableProblem(line, f"column {i + 1} has no name"))
        elif name.lower() in seen:
            table.problems.append(TableProblem(line, f"column name {name!r} repeated"))
        seen.add(name.lower())
    return len(header)


def _row(table: Table, line: int, cells: list[str], width: int) -> Row:
    if len(cells) == width:
        return Row(line, cells)
    if len(cells) < width:
        table.problems.append(TableProblem(line, f"row has {len(cells)} of {width} cells"))
        return Row(line, cells + [""] * (width - len(cells)))
    extra = cells[width:]
    while extra and not extra[-1]:
        extra.pop()
    if extra:
        table.problems.append(TableProblem(
            line, f"row has {len(extra)} cell(s) beyond the {width}-column header: {extra!r}"))
    return Row(line, cells[:width], extra)


def _check_truncated(table: Table, lines: list[str], start: int) -> None:
    """The lenient reader accepts EOF inside quotes; re-read the last record strictly."""
    try:
        for _ in csv.reader(lines[start - 1 :], strict=True):
            pass
    except csv.Error as e:
        if "unexpected end of data" in str(e):
            raise TableError(table.path, start, "file ends inside a quoted field opened "
                             f"on line {start} (truncated?)") from e
