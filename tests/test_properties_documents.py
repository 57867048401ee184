"""Property-based tests of the document recognisers: on any text they raise nothing but the
documented :class:`~graph.errors.SourceError`, and what they find points back into the
text exactly: spans slice to what was written, quotes are the text's own sentences,
locators name the line the fact is on.

Texts are drawn from report-like fragments (URNs, aliases, ratings, dates, names with
roles, field lines, hostile characters) mixed with arbitrary text, so the recognisers are
exercised where they fire, not only on noise.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graph.errors import SourceError
from graph.judgements import map_judgement
from graph.names import normalise_urn
from graph.records import Edge, Node, Reject
from loaders.base import Source
from loaders.documents import KINDS, narrative
from loaders.documents import load as load_document
from loaders.documents.claims import find_claims
from loaders.documents.emit import DocumentRecords
from loaders.documents.history import management_history
from loaders.documents.mentions import HomeIndex, council_mentions, urns
from loaders.documents.moves import find_move
from loaders.documents.passages import Sentences, collapse
from loaders.documents.people import addressees, appositions, dash_list, listed, titled
from loaders.documents.requirements import requirements
from loaders.text import ExtractedText

FRAGMENTS = [
    "Home A (SC036243)", "Home B (SC 36109)", "SC488596", "Queensferry Gardens Children's Home",
    " was rated ", " was judged ", "Inadequate", "Good", "Requires improvement to be good",
    "Outstanding", " on 8 January 2019", " between 10 and 11 December 2019", " in May 2020",
    "31 February 2019", " after 23 January 2020", ". ", ".\n", "\n\n", ", ", " and ",
    "Unique reference number: SC036243\n", "Registered provider: Acme Care Ltd\n",
    "Responsible individual: Barry Edwards\n", "Registered manager: Post Vacant\n",
    "Registered manager: Helen Smith\n", "Inspection dates: 8 to 9 September 2020\n",
    "Helen Smith – Home Manager ", "Shazana Jamal, Social Care Inspector",
    "Her Majesty's Inspectors for this visit were Julie Knight and Tom Jones. ",
    "Councillors Bailey and Whitby", "Dear Mr Smith,\n", "Derby City Council",
    "The manager of this home moved to Home A", " the interim manager was moved to Home B ",
    "Requirement\tDue date\n", "(Regulation 12(1)(a))\t25 October 2020\n",
    "O'Brien \"Care\" `x` {y} ${z} // '}) DETACH DELETE n //", "\u200f", "\u202e", "\t",
]
TEXTS = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40
                 ).map("".join)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def records_of(text: str) -> list:
    """What the documents loader yields for ``text`` (as if read from a text file)."""
    extracted = ExtractedText(Path("doc.txt"), "text", text)
    doc = DocumentRecords(Source(Path("doc.txt"), "doc.txt"), extracted)
    module = next((m for m in KINDS if m.detect(text)), narrative)
    module.extract(doc)
    return doc.finish()


@SETTINGS
@given(TEXTS)
@example("Home A (SC036243) was rated Inadequate on 8 January 2019.\nIt moved.")
@example("Registered manager: Helen Smith\nUnique reference number: SC036243\n"
         "Responsible individual: Barry Edwards\n")
def test_document_records_quote_the_text_and_locate_the_line(text):
    lines = text.count("\n") + 1
    flat = collapse(text)
    sentences = Sentences(text)

    def line(offset: int) -> int:
        return text.count("\n", 0, offset) + 1
    for record in records_of(text):
        prov = getattr(record, "prov", None)
        if prov is None:
            continue
        assert prov.source == "doc.txt"
        number = int(re.fullmatch(r"line (\d+)", prov.locator).group(1))
        assert 1 <= number <= lines
        if prov.quote and prov.rule != "doc-document":  # the Document's own: its title
            assert prov.quote in flat  # verbatim, whitespace collapsed
            # the quote is the sentence on the located line
            assert any(q.text == prov.quote and line(q.start) <= number <= line(q.end)
                       for q in sentences), (prov, text)
        if isinstance(record, Edge) and record.type == "MENTIONS":
            written = collapse(record.props["as_written"])  # "Councillors Bailey and
            assert written in flat or written.split()[-1] in flat  # Whitby": "Councillor Bailey"


@SETTINGS
@given(TEXTS)
def test_the_document_loader_raises_only_source_error(text):
    path = Path("/tmp") / "ig-property-doc.txt"
    path.write_text(text, encoding="utf-8")
    try:
        records = list(load_document(Source(path, "x.txt")))
    except SourceError as exc:
        assert str(exc.path) in ("x.txt", str(path)) and exc.reason
        return
    assert any(isinstance(r, (Node, Edge)) for r in records)
    for reject in (r for r in records if isinstance(r, Reject)):
        assert reject.source == "x.txt" and reject.locator.startswith("line ")


@SETTINGS
@given(TEXTS, st.integers(min_value=0, max_value=2000))
def test_sentences_are_spans_of_the_text(text, offset):
    sentences = Sentences(text)
    for s in sentences:
        assert 0 <= s.start <= s.end <= len(text)
        assert s.text == collapse(text[s.start:s.end]) and s.text
    if sentences.items:
        found = sentences.at(min(offset, len(text)))
        assert found.start <= max(offset, sentences.items[0].start)


@SETTINGS
@given(TEXTS)
def test_urns_and_home_references_slice_to_what_was_written(text):
    for start, end, written, urn in urns(text):
        assert text[start:end] == written and normalise_urn(written) == urn
    refs = HomeIndex(text).refs()
    for a, b in itertools.pairwise(refs):
        assert a.end <= b.start  # in order, no overlaps
    for ref in refs:
        assert text[ref.start:ref.end] == ref.as_written
        assert ref.urn is None or normalise_urn(ref.urn) == ref.urn
    for start, end, _written, key in council_mentions(text):
        assert 0 <= start < end <= len(text) and key


@SETTINGS
@given(TEXTS)
@example("Home A (SC036243) was rated Inadequate on 8 January 2019")
def test_claims_are_judgement_wordings_where_they_are_said(text):
    for claim in find_claims(text, 0, len(text)):
        assert collapse(text[claim.start:claim.end]) == claim.judgement
        assert map_judgement(claim.judgement) == claim.meaning
        if claim.date_text is not None:
            assert claim.date_text in text and claim.date is not None


@SETTINGS
@given(TEXTS)
def test_people_mentions_point_at_their_names(text):
    found = [*dash_list(text, 0, len(text)), *appositions(text, 0, len(text)),
             *listed(text, 0, len(text)), *titled(text, 0, len(text)), *addressees(text)]
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.written.split()[-1] in text[m.start:m.end]  # the surname is in the span
        if m.role and m.role_start >= 0:
            assert collapse(text[m.role_start:m.role_end]).startswith(m.role[:10])


@SETTINGS
@given(TEXTS)
def test_moves_history_and_requirements_never_raise(text):
    refs = HomeIndex(text).refs()
    for sentence in Sentences(text):
        move = find_move(text, sentence.start, sentence.end, refs)
        if move is not None:
            assert (move.start, move.end) == (sentence.start, sentence.end)
    management_history(text)
    for requirement in requirements(text):
        assert requirement is not None


def test_an_alias_does_not_run_across_a_paragraph_break():
    """Found by the corpus (html_with_scripts): a heading "Home A" over a paragraph
    starting "Home A (SC000201)" made the alias "Home A Home A"."""
    index = HomeIndex("News: Home A\n\nHome A (SC000201) was rated Inadequate.")
    assert list(index.bindings) == ["Home A"]
    wrapped = HomeIndex("the home called Queensferry\nGardens (SC000202) was visited")
    assert list(wrapped.bindings) == ["Queensferry Gardens"]


def test_the_fragments_reach_every_recogniser():
    """The strategy is worth its name: its fragments, joined, give each kind of fact."""
    text = "".join(FRAGMENTS)
    kinds = {getattr(r, "label", None) or getattr(r, "type", None) for r in records_of(text)}
    assert {"Home", "Person", "MENTIONS", "Inspection"} <= kinds, kinds
    narrative_text = "".join(FRAGMENTS[i] for i in (0, 4, 6, 10, 16))  # a narrative
    assert "CLAIMS" in {getattr(r, "type", None) for r in records_of(narrative_text)}
    assert find_claims(narrative_text, 0, len(narrative_text)) and urns(text)
    assert dash_list(text, 0, len(text)) and appositions(text, 0, len(text))
    assert listed(text, 0, len(text)) and titled(text, 0, len(text))


def test_a_name_never_runs_across_lines_or_breaks_on_odd_spacing():
    """Found by the property test above: an initial ending the line before ("Home A.")
    joined the name below it, and a name with two spaces or a tab between its words made
    the recogniser raise (which refused the whole document)."""
    text = "The manager of this home moved to Home A.\nShazana Jamal, Social Care Inspector"
    [m] = appositions(text, 0, len(text))
    assert (m.written, text[m.start:m.end], m.role) == (
        "Shazana Jamal", "Shazana Jamal", "Social Care Inspector")
    text = "Staff:\nJo  Blackshaw – Registered Manager\nMr\tAli Khan – Deputy manager"
    found = dash_list(text, 0, len(text))
    assert [(m.written, text[m.start:m.end]) for m in found] == [
        ("Jo Blackshaw", "Jo  Blackshaw"), ("Mr Ali Khan", "Mr\tAli Khan")]
