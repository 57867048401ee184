"""Property-based tests: the normalisers never raise and keep their stated invariants."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from graph.ids import provider_id, slug
from graph.judgements import map_judgement, score
from graph.names import council_key, normalise_urn, parse_person, provider_key

CANONICAL_URN = re.compile(r"^(SC\d{6}|\d{6,7})$")


@given(st.text())
@example("SC 36243")
@example("sc-0 3 6 2 4 3")
@example("\x00SC036243")
def test_urn_normaliser_is_total_idempotent_and_canonical(text):
    urn = normalise_urn(text)
    assert urn is None or CANONICAL_URN.match(urn)
    if urn is not None:
        assert normalise_urn(urn) == urn


@given(st.integers(min_value=0, max_value=999_999), st.sampled_from(["", " ", "-", "  ", "."]))
def test_any_spacing_of_an_sc_urn_normalises_to_the_same_urn(number, separator):
    canonical = f"SC{number:06d}"
    written = "sc" + separator + separator.join(str(number))
    assert normalise_urn(written) == canonical


@given(st.text(), st.sampled_from(["Limited", "Ltd", "Ltd.", "LIMITED", "ltd"]))
def test_provider_key_ignores_legal_suffix_and_case(name, suffix):
    key = provider_key(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|unknown", key)
    if re.search(r"[A-Za-z]{3,}", name):
        assert provider_key(f"{name} {suffix}") == provider_key(f"{name.upper()} Limited")


@given(st.text())
def test_ids_and_keys_are_total_and_slug_shaped(text):
    assert re.fullmatch(r"[a-z0-9-]*", slug(text))
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|unknown", council_key(text))
    assert provider_id(text).startswith("provider:")


@given(st.text())
@example("Mr Smith")
@example("Councillor J. Whitby")
def test_person_parser_never_makes_a_full_name_from_a_title_or_initial(text):
    person = parse_person(text)
    tokens = text.split()
    if len(tokens) <= 1:
        assert not person.full
    if person.full:
        assert person.surname and any(len(g.rstrip(".")) > 1 for g in person.given)
    assert parse_person(person.written).key == person.key


def test_partial_and_full_names_have_different_keys():
    assert parse_person("Mr Smith").key != parse_person("Helen Smith").key
    assert parse_person("Helen Smith").key == parse_person("helen  smith").key


WORDINGS = ["Outstanding", "Good", "Requires improvement", "Requires Improvement to be good",
            "Adequate", "Satisfactory", "Inadequate", "Improved effectiveness",
            "Sustained effectiveness", "Declined in effectiveness", "Not judged"]


@given(st.text())
def test_judgement_mapper_is_total(text):
    mapped = map_judgement(text)
    assert mapped is None or mapped.scale in ("full", "interim", "none")
    if mapped is not None and mapped.scale == "full":
        assert mapped.score in (1, 2, 3, 4)


@given(st.sampled_from(WORDINGS), st.sampled_from([str.upper, str.lower, str.title, str]),
       st.sampled_from(["", " ", "  ", "\t"]))
def test_judgement_wording_case_and_spacing_do_not_matter(wording, case, pad):
    assert score(pad + case(wording) + pad) == score(wording)


def test_judgement_scale_is_ordered():
    ordered = [score(w) for w in ("Outstanding", "Good", "Requires improvement", "Inadequate")]
    assert ordered == [4, 3, 2, 1]
    assert score("Adequate") == score("Satisfactory") == score("Requires improvement to be good")
    assert score("Declined in effectiveness") < score("Sustained effectiveness")
    assert score("excellent") is None
