"""Documents: Ofsted reports on homes, Ofsted letters and news on councils, narratives.

The loader interface (``KIND``, ``sniff``, ``load``) for every readable document that is
not a CSV table: text, PDF or HTML, recognised by content, never by file name. The text is
read once (``loaders.text``), then the first kind whose ``detect`` accepts it extracts its
facts: ``home_report`` (the layout of Ofsted's reports on a children's home),
``council_report`` (Ofsted's letters and reports on a council's children's services, and
news of them), else ``narrative`` (blog posts, council papers). A document in which
nothing is recognised is refused with a :class:`graph.errors.SourceError` naming the file.

The Document ID is the SHA-256 of the text normalised for comparison, so the same report
as text and as PDF is one Document and gives the same facts. Its Summary counts facts:
``rows_read`` found, ``rows_used`` emitted; ``detail`` names the document kind.

>>> import tempfile, pathlib
>>> from loaders.base import Source
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.bin"
>>> _ = p.write_text("URN,Name,Places\\nSC1,A,3\\nSC2,B,4\\n")
>>> sniff(Source(p, "x.bin"))
False
>>> _ = p.write_text("A recipe for lemon cake. Mix the flour and the sugar.")
>>> sniff(Source(p, "x.bin")), list(load(Source(p, "x.bin")))  # doctest: +ELLIPSIS
Traceback (most recent call last):
graph.errors.SourceError: x.bin: nothing recognisable: no home, council, inspection or person...
"""

from __future__ import annotations

from collections.abc import Iterator

from graph.errors import SourceError
from graph.records import Notice, Record, Reject
from loaders.base import Source, has_table_header, is_binary, looks_like_csv
from loaders.dates import find_dates
from loaders.documents import council_report, home_report, narrative
from loaders.documents.emit import DocumentRecords
from loaders.text import extract_text

KIND = "document"
KINDS = (home_report, council_report)


def sniff(source: Source) -> bool:
    """A PDF, or readable text or HTML that is not a CSV table."""
    head = source.head
    if b"%PDF-" in head[:1024]:
        return True
    if is_binary(head):
        return False
    text = source.head_text
    return not (looks_like_csv(text) or has_table_header(text)) and any(
        c.isalpha() for c in text)


def load(source: Source) -> Iterator[Record]:
    extracted = extract_text(source.path)
    doc = DocumentRecords(source, extracted)
    module = next((m for m in KINDS if m.detect(extracted.text)), narrative)
    module.extract(doc)
    if not any(n for kind, n in doc.used.items() if kind != "council"):
        raise SourceError(source.name, "nothing recognisable: no home, council, inspection or "
                          "person with a role in the text")
    for warning in extracted.warnings:
        yield Notice(source.name, warning)
    for bad in find_dates(extracted.text).invalid:  # "rated Good on 31 February 2019"
        yield Reject(source.name, extracted.locate(bad.start),
                     f"impossible date {bad.text!r}: {bad.reason} (not read as a date)")
    yield from doc.finish()
