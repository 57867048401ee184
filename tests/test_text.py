"""Text out of documents: loaders.text on the real seeds and on PDFs/HTML made here.

Text-bearing PDFs are made two ways: by a tiny hand-written PDF (no dependency; one font,
one line per text operator) and by fpdf2 (a real layout engine with an embedded Unicode
font and line wrapping; a test dependency: ``pip install fpdf2``).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from graph.errors import SourceError
from loaders.dates import find_dates
from loaders.text import (
    ExtractedText,
    ExtractionError,
    extract_bytes,
    extract_text,
    normalise_for_comparison,
)

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
FONT_PATHS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
              Path("/usr/share/fonts/dejavu/DejaVuSans.ttf")]


def seed_path(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def handmade_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: Helvetica, one text line per entry ("" leaves a blank line)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for lines in pages:
        ops = ["BT /F1 11 Tf 14 TL 72 760 Td"]
        for line in lines:
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc}) Tj T*" if line else "T*")
        stream = ("\n".join([*ops, "ET"])).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
                       b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont"
                       b" /Helvetica /Encoding /WinAnsiEncoding >> >> >> >>" % len(objects))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def fpdf():
    return pytest.importorskip("fpdf", reason="fpdf2 (test dependency) renders real PDFs")


def render_with_fpdf2(fpdf, text: str) -> bytes:
    """Lay ``text`` out as a PDF with fpdf2: wrapped lines, several pages."""
    pdf = fpdf.FPDF()
    font = next((p for p in FONT_PATHS if p.exists()), None)
    if font:
        pdf.add_font("Body", fname=str(font))
        pdf.set_font("Body", size=10)
    else:  # core font: Latin-1 only, so use the quotes and dashes the comparison unifies
        pdf.set_font("Helvetica", size=10)
        text = text.translate(str.maketrans("‘’“”–—", "''\"\"--")).encode(
            "latin-1", "replace").decode("latin-1")
    pdf.add_page()
    for line in text.split("\n"):
        pdf.multi_cell(0, 5, line.replace("\t", "    ") or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --- the seeds as plain text --------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_read_verbatim_as_text(prefix: str) -> None:
    path = seed_path(prefix)
    got = extract_text(path)
    assert got.format == "text"  # seed 002 holds <p> fragments but is not an HTML page
    assert got.text == path.read_text(encoding="utf-8").replace("\u00a0", " ")
    assert got.pages == [] and got.warnings == [] and got.path == path


def test_seed_000_locators() -> None:
    path = seed_path("000")
    got = extract_text(path)
    raw_lines = path.read_text(encoding="utf-8").split("\n")
    offset = got.text.index("HOME A (SC036243)")
    line = raw_lines.index("HOME A (SC036243)") + 1
    assert got.line_of(offset) == line
    assert got.locate(offset) == f"line {line}"
    assert got.line_of(0) == 1 and got.line_of(len(got.text)) == len(raw_lines)
    with pytest.raises(ValueError):
        got.line_of(len(got.text) + 1)
    with pytest.raises(ValueError):
        got.locate(-1)


def test_seed_002_as_text_and_as_pdf_give_the_same_facts(fpdf, tmp_path: Path) -> None:
    source = extract_text(seed_path("002"))
    pdf_path = tmp_path / "no-extension"
    pdf_path.write_bytes(render_with_fpdf2(fpdf, source.text))
    rendered = extract_text(pdf_path)
    assert rendered.format == "pdf" and len(rendered.pages) >= 3
    assert rendered.text.count("\n") > 100  # lines kept, not reflowed into one
    a, b = normalise_for_comparison(source.text), normalise_for_comparison(rendered.text)
    for sentence in ["Responsible individual: Barry Edwards",
                     "Visit dates: 8 to 9 September 2020",
                     "Registered provider: Constant Child Care Limited",
                     "Unique reference number: SC368032",
                     "Previous inspection date: 2 October 2019",
                     "Shazana Jamal, Social Care Inspector"]:
        assert sentence in a and sentence in b
    assert a == b
    facts = [m.range for m in find_dates(source.text)]
    assert facts == [m.range for m in find_dates(rendered.text)] and len(facts) == 19
    offset = rendered.text.index("Responsible individual")
    number, start, _ = next(p for p in rendered.pages if p[1] <= offset < p[2])
    line = rendered.text[start:offset].count("\n") + 1
    assert rendered.locate(offset) == f"page {number}, line {line}" and number > 1


# --- PDFs ---------------------------------------------------------------------------------
def test_pdf_text_hyphens_paragraphs_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"  # the name says text; the content says PDF
    path.write_bytes(handmade_pdf([
        ["Risk manage-", "ment is weak;  the   child-", "centred plan is child-centred.", "",
         "Staff re-", "view the plan with co-", "operation, every-", "one agrees."],
        ["Second page.", "Visit dates: 8 to 9", "September 2020"],
    ]))
    got = extract_text(path)
    assert got.format == "pdf" and got.warnings == []
    assert got.text.split("\n\n")[0:2] == [
        "Risk management\nis weak; the child-centred\nplan is child-centred.",
        "Staff review\nthe plan with cooperation,\neveryone\nagrees.",
    ]
    assert [n for n, _, _ in got.pages] == [1, 2]
    second = got.text.index("Second page.")
    assert got.pages[1][1] == second and got.text[got.pages[1][2] - 4:got.pages[1][2]] == "2020"
    assert got.locate(second) == "page 2, line 1"
    assert got.locate(got.text.index("September")) == "page 2, line 3"
    assert got.locate(got.text.index("everyone")) == "page 1, line 7"
    assert [m.text for m in find_dates(got.text)] == ["8 to 9\nSeptember 2020"]


def test_pdf_with_an_empty_password_opens_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "open.pdf"
    path.write_bytes(encrypted(handmade_pdf([["Readable text."]]), ""))
    got = extract_text(path)
    assert got.text == "Readable text."
    assert got.warnings == ["encrypted PDF, opened with an empty password"]


def zeroed(start: int, end: int) -> bytes:
    data = handmade_pdf([["Some text here."], ["More text."]])
    return data[:start] + b"\x00" * (end - start) + data[end:]


NO_TEXT = "no extractable text (scanned image? OCR is not supported)"


@pytest.mark.parametrize(("make", "reason"), [
    (lambda: encrypted(handmade_pdf([["Secret."]]), "secret"),
     "encrypted PDF, cannot read without a password"),
    (lambda: handmade_pdf([["Cut short."]])[:-200], "corrupt PDF: truncated (no %%EOF end marker)"),
    (lambda: handmade_pdf([["Cut short."]])[:-5], "corrupt PDF: truncated (no %%EOF end marker)"),
    (lambda: blank_pdf(), NO_TEXT),
    (lambda: handmade_pdf([["1"], ["2"]]), NO_TEXT),  # page numbers alone are not text
    (lambda: b"%PDF-1.7\n" + b"garbage " * 50 + b"\n%%EOF", "corrupt PDF: "),
    (lambda: zeroed(9, 60), "corrupt PDF: PdfReadError: Cannot find Root object"),
    (lambda: zeroed(100, 300), "corrupt PDF: no pages"),
])
def test_pdf_errors(tmp_path: Path, make, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    with pytest.raises(ExtractionError) as info:
        extract_text(path)
    assert info.value.reason.startswith(reason)
    assert str(info.value).startswith(f"{path}: ")
    assert info.value.path == path


def test_aes_pdf_without_the_crypto_package_is_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    from pypdf.errors import DependencyError

    def needs_cryptography(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", needs_cryptography)
    path = tmp_path / "aes.pdf"
    path.write_bytes(encrypted(handmade_pdf([["Text."]]), ""))
    with pytest.raises(ExtractionError, match="encrypted PDF, cannot decrypt: cryptography"):
        extract_text(path)


def test_pdf_of_only_an_image_has_no_text(fpdf, tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (120, 80), (90, 90, 90)).save(image)
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=100)
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(ExtractionError, match=r"scan\.pdf: no extractable text \(scanned image"):
        extract_text(path)


def test_pdf_with_one_blank_page_warns(fpdf) -> None:
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.cell(0, 5, "Page one text.")
    pdf.add_page()
    got = extract_bytes(bytes(pdf.output()), "two.pdf")
    assert got.text.startswith("Page one text.") and len(got.pages) == 2
    assert got.warnings == ["page 2: no extractable text (scanned image?)"]


# --- HTML ---------------------------------------------------------------------------------
HTML = b"""<!DOCTYPE html>
<html><head><title>Ofsted &amp; homes</title><style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script></head>
<body><noscript>Enable JS</noscript><template><p>hidden</p></template>
<!-- a comment -->
<h1>Home   A</h1><p>Rated\n   <b>good</b> on&nbsp;8&nbsp;Jan 2019.<br>
It&rsquo;s &ldquo;fine&rdquo;.</p>
<div>Block one</div><div>Block two</div>
<table><tr><td>Requirement</td><td>Due date</td></tr><tr><td>Reg 5</td><td>25 October 2020</td></tr>
</table><ul><li>first</li><li>second</li></ul><pre>  kept   as is</pre></body></html>"""


def test_html_text_keeps_blocks_and_drops_code(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"  # a misleading name: content decides
    path.write_bytes(HTML)
    got = extract_text(path)
    assert got.format == "html"
    assert got.text == (
        "Ofsted & homes\n\nHome A\n\nRated good on 8 Jan 2019.\nIt’s “fine”.\n\n"
        "Block one\nBlock two\n\nRequirement\tDue date\nReg 5\t25 October 2020\n\n"
        "first\nsecond\n\nkept as is")
    assert got.locate(got.text.index("Block two")) == "line 9"
    assert [m.text for m in find_dates(got.text)] == ["8 Jan 2019", "25 October 2020"]


def test_html_fragment_and_declared_charset() -> None:
    got = extract_bytes(b"<div><p>One</p><p>Two</p><span>3</span></div>", "frag")
    assert (got.format, got.text) == ("html", "One\n\nTwo\n\n3")
    latin = '<html><meta charset="iso-8859-15"><p>Cost € 5</p></html>'.encode("iso-8859-15")
    got = extract_bytes(latin, "euro.html")
    assert got.text == "Cost € 5" and got.warnings == ["not valid UTF-8; decoded as iso-8859-15"]


# --- plain text ---------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "text", "warnings"), [
    (b"\xef\xbb\xbfHome \xe2\x80\x9cA\xe2\x80\x9d\r\nline 2\r\n", "Home “A”\nline 2\n", []),
    (b"It\x92s \x93good\x94 \x96 yes", "It’s “good” – yes", ["not valid UTF-8; decoded as cp1252"]),
    (b"Odd \x81byte caf\xe9", "Odd byte café",
     ["not valid UTF-8 or cp1252; decoded as latin-1 (guess)"]),
    ("Hi\u00a0there\u202fnow".encode(), "Hi there now", []),
    (b"Home report. " * 9 + b"a\x00b\x07c\tcol\x0cnext\rold mac",
     "Home report. " * 9 + "abc\tcol\nnext\nold mac", ["1 NUL byte removed"]),
    ("Home \u2019A\u2019".encode("utf-16"), "Home ’A’", []),
    ("Home B".encode("utf-16-le"), "Home B", ["no byte-order mark; decoded as utf-16-le"]),
])
def test_plain_text_decoding_and_cleaning(data: bytes, text: str, warnings: list[str]) -> None:
    got = extract_bytes(data, "note")
    assert (got.format, got.text, got.warnings) == ("text", text, warnings)


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image), not PDF, HTML or text"),
    (b"PK\x03\x04\x14\x00\x06\x00", "binary file (a ZIP archive (.docx/.xlsx/.odt are ZIP"),
    (bytes(range(256)) * 4, "binary data (control bytes), not PDF, HTML or text"),
    (b"text\x00\x00\x01\x02\x03\x04 more\x00\x00", "binary data (control bytes)"),
    (b"  \n\t \r\n", "no text: the text has no letters at all"),
    (b"12 345 - 6789 !!", "no text: the text has no letters at all"),
    (b"<html><script>x()</script></html>", "no text: the html has no letters at all"),
])
def test_unreadable_inputs_raise_extraction_error(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with pytest.raises(ExtractionError) as info:
        extract_text(path)
    assert info.value.reason.startswith(reason)
    assert str(info.value) == f"{path}: {info.value.reason}"
    assert isinstance(info.value, SourceError)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="cannot read file"):
        extract_text(tmp_path / "absent.pdf")


def test_locate_without_pages_and_dataclass_shape() -> None:
    got = ExtractedText(Path("x"), "text", "a\nbb\n\nc")
    assert [got.line_of(i) for i in range(len(got.text) + 1)] == [1, 1, 2, 2, 2, 3, 4, 4]
    assert got.locate(6) == "line 4" and got.pages == [] and got.warnings == []


def test_normalise_for_comparison() -> None:
    assert normalise_for_comparison("It\u2019s \u201cgood\u201d\u2014\n\n  ok\u00a0now\ufb01") == (
        'It\'s "good"- ok nowfi')
    assert normalise_for_comparison("a\u2013b") == normalise_for_comparison("a-b")
    assert normalise_for_comparison("A  B") != normalise_for_comparison("AB")


# --- properties ---------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.binary(max_size=400),
    st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b + b"\n%%EOF"),
    st.text(max_size=200).map(str.encode),
    st.text(alphabet="<>/pdivhtml body!\n &;#x", max_size=120).map(str.encode),
))
def test_arbitrary_bytes_raise_only_extraction_error(data: bytes) -> None:
    try:
        got = extract_bytes(data, "fuzz")
    except ExtractionError as e:
        assert e.reason
        return
    assert got.format in ("pdf", "html", "text")
    assert any(c.isalpha() for c in got.text)
    assert "\r" not in got.text and "\x00" not in got.text and "\u00a0" not in got.text
    assert got.line_of(len(got.text)) == got.text.count("\n") + 1


@settings(max_examples=25, deadline=None)
@given(st.binary(min_size=1, max_size=60), st.integers(min_value=0, max_value=900))
def test_damaged_pdfs_raise_only_extraction_error(tmp_path_factory, noise: bytes, at: int) -> None:
    data = bytearray(handmade_pdf([["Some text here."], ["More text."]]))
    data[at:at + len(noise)] = noise
    path = tmp_path_factory.mktemp("pdf") / "damaged.pdf"
    path.write_bytes(bytes(data))
    try:
        got = extract_text(path)
    except ExtractionError:
        return
    assert got.format in ("pdf", "text")
