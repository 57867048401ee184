"""The bad inputs that are clearer made by code than committed: empty and binary files,
other encodings, huge fields, NUL bytes and control characters, PDFs that are encrypted,
corrupt, cut short or scanned, deeply nested HTML, a hostile file name.

``MANIFEST.yaml`` lists every input (committed under ``files/`` or made here) with the
outcome the build must give. :func:`materialise` puts one case's input in a folder of its
own, so the build names the file ``<case>/<file>``.

Run ``python -m tests.bad_inputs.make OUT`` to write them all into OUT for a look.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from tests.ofsted_fixtures import HEADER_2019, home_row

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
MANIFEST = HERE / "MANIFEST.yaml"

#: Strings that break naive quoting, escaping or display: quotes, backticks, braces,
#: parameters, comments, Cypher and SQL injections, format strings, markup, bidi marks.
HOSTILE = (
    "O'Brien \"Care\" `Homes` {Ltd} ${x} $param // -- '}) DETACH DELETE n //",
    "Derby'; DROP TABLE nodes; -- \u200fRLM \u202eRLO\u202c {0} %s %(x)s [/red] <b>x</b>",
    "line one\nline two",
    "MATCH (n) DETACH DELETE n // CALL dbms.security.listUsers() `x` \\' \\u0027",
)
#: What a hostile cell holds that no store keeps: the NUL is removed and reported.
NUL_OWNER = "Nul\x00 Owner Ltd"
ESC_CELL = "Esc \x1b[31mred\x1b[0m Ltd"


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _good(*urns: str) -> str:
    return _csv([HEADER_2019, *(home_row(u, event=f"1004{u[-4:]}") for u in urns)])


def _hostile_cells() -> bytes:
    header = HEADER_2019
    row = home_row("SC000301", event="10040301", owner=HOSTILE[0], la=HOSTILE[1],
                   overall=HOSTILE[3])
    row[header.index("Name")] = HOSTILE[2]
    row[header.index("Event type")] = HOSTILE[3]
    row[header.index("Parliamentary constituency")] = ESC_CELL
    second = home_row("SC000302", event="10040302", owner=NUL_OWNER)
    return _csv([header, row, second]).encode("utf-8")


def _pdf_tools():
    from tests.test_text import blank_pdf, encrypted, handmade_pdf

    return blank_pdf, encrypted, handmade_pdf


def _pdf(lines: list[str]) -> bytes:
    return _pdf_tools()[2]([lines])


def _encrypted(password: str) -> bytes:
    _, encrypted, handmade = _pdf_tools()
    return encrypted(handmade([["Home A (SC000310) was rated Inadequate on 8 January 2019."]]),
                     password)


def _scanned() -> bytes:
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("RGB", (60, 40), (90, 90, 90))
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=100)
    return bytes(pdf.output())


def _nested_html(depth: int = 5000) -> bytes:
    inner = "<p>Home A (SC000312) was rated Inadequate on 8 January 2019.</p>"
    return ("<!DOCTYPE html><html><body>" + "<div>" * depth + inner + "</div>" * depth
            + "</body></html>").encode()


GENERATED: dict[str, Callable[[], bytes]] = {
    "empty.csv": lambda: b"",
    "whitespace_only.csv": lambda: b"   \r\n\t\r\n  \r\n",
    "random_binary.csv": lambda: random.Random(7).randbytes(6000),
    "png_named_csv.csv": lambda: b"\x89PNG\r\n\x1a\n" + bytes(400),
    "word_document.docx": lambda: b"PK\x03\x04\x14\x00\x06\x00" + bytes(400),
    "utf16_le_bom.csv": lambda: _good("SC000303").encode("utf-16"),
    "utf16_be_no_bom.csv": lambda: _good("SC000304").encode("utf-16-be"),
    "cp1252.csv": lambda: _csv([HEADER_2019, home_row("SC000305", event="10040305",
                                                      owner="Acmé Care – Ltd")]
                               ).encode("cp1252"),
    "mixed_utf8_and_cp1252.csv": lambda: (
        _good("SC000306").encode("utf-8")
        + _csv([home_row("SC000307", event="10040307", owner="Café “Homes” Ltd")])
        .encode("cp1252")),
    "huge_field.csv": lambda: _csv([HEADER_2019, home_row("SC000308", owner="x" * 200_000)]
                                   ).encode(),
    "large_field_under_limit.csv": lambda: _csv(
        [HEADER_2019, home_row("SC000309", event="10040309", owner="Long " + "y" * 90_000)]
    ).encode(),
    "hostile_cells.csv": _hostile_cells,
    "encrypted.pdf": lambda: _encrypted("secret"),
    "empty_password.pdf": lambda: _encrypted(""),
    "corrupt.pdf": lambda: b"%PDF-1.7\n" + b"garbage " * 60 + b"\n%%EOF\n",
    "truncated.pdf": lambda: _pdf(["Home A (SC000311) was rated Good on 2 July 2019."])[:-180],
    "scanned.pdf": _scanned,
    "blank_pages.pdf": lambda: _pdf_tools()[0](),
    "report.pdf": lambda: _pdf(["Home A (SC000313) was rated Inadequate on 8 January 2019.",
                                "Home A was judged Good on 2 July 2019."]),
    "utf16_document.txt": lambda: (
        "Home A (SC000314) was rated Inadequate on 8 January 2019.\n").encode("utf-16"),
    "deeply_nested.html": _nested_html,
    "dir[/x[/red] {0} %s $x `tick` 'q'.csv": lambda: _good("SC000315").encode(),
    "good.csv": lambda: _good("SC000316").encode(),
}


def manifest() -> list[dict]:
    """Every case of ``MANIFEST.yaml``, in order."""
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def content(name: str) -> bytes:
    """The bytes of one input: committed under ``files/`` or made here."""
    if name in GENERATED:
        return GENERATED[name]()
    return (FILES / name).read_bytes()


def materialise(case: dict, folder: Path) -> Path:
    """Write ``case``'s file(s) into ``folder/<case name>/`` and return that folder."""
    target = folder / case["case"]
    for name in case.get("files") or [case["file"]]:
        path = target / name  # a name may hold a folder: "dir[/x[/red].csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content(name))
    return target


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    for item in manifest():
        print(materialise(item, out))
