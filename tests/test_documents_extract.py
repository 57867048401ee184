"""Each document extractor on short passages written here (no files, no store)."""

from __future__ import annotations

import pytest

from loaders.documents import claims, history, mentions, moves, passages, people
from loaders.documents.requirements import requirements


# --- passages -----------------------------------------------------------------------------
def test_wrapped_lines_join_and_paragraphs_and_items_do_not():
    filler = "\n".join(["Inspectors looked at the local authority’s arrangements for children "
                        "in care, in"] * 8) + " full.\n\n"
    text = (filler + "This letter summarises the findings of a focused visit, and the Her "
            "Majesty's\nInspectors for this visit were Julie Knight, Dominic Stevens and Nick "
            "Bennison.\n\nDear Mr Smith\nFocused visit to Derby\n- a list item\n- another "
            "item,\nstill the same item\n")
    assert passages.wrap_width(text.split("\n")) == 80
    got = [p.text for p in passages.paragraphs(text)][1:]
    assert got == ["This letter summarises the findings of a focused visit, and the Her Majesty's "
                   "Inspectors for this visit were Julie Knight, Dominic Stevens and Nick "
                   "Bennison.", "Dear Mr Smith", "Focused visit to Derby",
                   "- a list item", "- another item, still the same item"]


def test_a_page_break_inside_a_sentence_does_not_split_it():
    text = "They are not implementing the knowledge the child is\n\npresenting. Next one."
    (paragraph,) = passages.paragraphs(text)
    assert [s.text for s in passages.sentences(text, paragraph)] == [
        "They are not implementing the knowledge the child is presenting.", "Next one."]


def test_sentences_keep_initials_and_titles_together():
    text = "Councillor J. Whitby met Mr. Smith at 10 a.m. today. Then they left."
    (paragraph,) = passages.paragraphs(text)
    assert [s.text for s in passages.sentences(text, paragraph)] == [
        "Councillor J. Whitby met Mr. Smith at 10 a.m. today.", "Then they left."]


def test_hard_wrapped_text_is_detected_by_its_line_lengths():
    assert passages.wrap_width(["word " * 17] * 12) == 84
    assert passages.wrap_width(["short"] * 12) is None


# --- homes and councils --------------------------------------------------------------------
@pytest.mark.parametrize("written,urn", [("SC036243", "SC036243"), ("SC 36243", "SC036243"),
                                         ("sc-036243", "SC036243"), ("SCO36243", None),
                                         ("SC0362O3", "SC036203")])
def test_urns_in_any_spacing_or_slip(written, urn):
    found = mentions.urns(f"the home ({written}) was")
    assert [u for *_, u in found] == ([urn] if urn else [])


def test_an_alias_binds_to_its_urn_for_the_rest_of_the_document():
    text = ("HOME A (SC036243)\n\nHome A was rated good. The Manager from Home A (SC 36243) "
            "moved. A home a child lives in is not Home A's alias.")
    index = mentions.HomeIndex(text)
    refs = index.refs()
    assert [(r.as_written, r.urn, r.alias) for r in refs] == [
        ("HOME A (SC036243)", "SC036243", "Home A"), ("Home A", "SC036243", "Home A"),
        ("Home A (SC 36243)", "SC036243", "Home A")]


def test_named_homes_by_children_s_home_lists_and_provision():
    text = ("Helen Smith – Queensferry Gardens Children's Home Manager. Jo – worker at "
            "Moorfield's Children's Home. Visits to Cricklewood, Moorfields, Queensferry "
            "Gardens and Bute Walk took place. The specialist provision provided at The "
            "Lighthouse is good. Derby City Council Care Homes are not a home.")
    index = mentions.HomeIndex(text)
    assert set(index.named) == {"queensferry-gardens", "moorfields", "cricklewood", "bute-walk",
                                "the-lighthouse"}
    assert index.named["moorfields"] == "Moorfields"
    assert "Moorfield's" in {r.as_written for r in index.refs() if r.name == "Moorfields"}


def test_councils_named_and_not_councils():
    text = ("Derbyshire County Council and Derby City Council's homes; the Children in Care "
            "Council; Derby City Council again; London Borough of Camden.")
    assert [(k, n) for _, k, n in mentions.councils(text)] == [
        ("derby", 2), ("derbyshire", 1), ("camden", 1)]


# --- people ---------------------------------------------------------------------------------
def test_dash_list_of_names_roles_and_places():
    text = ("Jo Blackshaw – Residential Child Care Worker at Coronation Avenue Children's Home "
            "Debbie Cartledge – Social Worker for Children in Derby City Council Care Homes")
    got = [(m.written, m.role) for m in people.dash_list(text, 0, len(text))]
    assert got == [("Jo Blackshaw", "Residential Child Care Worker at Coronation Avenue "
                    "Children's Home"),
                   ("Debbie Cartledge", "Social Worker for Children in Derby City Council "
                    "Care Homes")]


def test_appositions_signatures_lists_titles_addressees():
    letter = ("Dear Mr Smith\nFocused visit\n\nHer Majesty's Inspectors for this visit were "
              "Julie\nKnight, Dominic Stevens and Nick Bennison. Councillors Bailey and Whitby "
              "met Councillor J. Whitby, Chair of the Board 2012-2013.\n\nJulie Knight\n"
              "Her Majesty's Inspector\n")
    listed = [(m.written, m.role) for m in people.listed(letter, 0, len(letter))]
    assert listed == [("Julie Knight", "Her Majesty's Inspector"),
                      ("Dominic Stevens", "Her Majesty's Inspector"),
                      ("Nick Bennison", "Her Majesty's Inspector")]
    apposed = [(m.written, m.role) for m in people.appositions(letter, 0, len(letter))]
    assert apposed == [("Councillor J. Whitby", "Chair of the Board"),
                       ("Julie Knight", "Her Majesty's Inspector")]
    assert [m.written for m in people.titled(letter, 0, len(letter))] == [
        "Councillor Bailey", "Councillor Whitby", "Councillor J. Whitby"]
    assert [m.written for m in people.addressees(letter)] == ["Mr Smith"]


def test_names_with_accented_letters_are_names():
    """Found with the bad-inputs corpus: "Zoë D'Arcy, Social Care Inspector" named nobody
    (the name pattern took ASCII letters only)."""
    text = ("Zoë D'Arcy, Social Care Inspector\n\nInspectors for this visit were Seán "
            "Ó'Brien and José Núñez.\nDear Ms Björk,\n")
    assert [m.written for m in people.appositions(text, 0, len(text))] == ["Zoë D'Arcy"]
    assert [m.written for m in people.listed(text, 0, len(text))] == [
        "Seán Ó'Brien", "José Núñez"]


def test_names_are_never_made_of_role_or_place_words():
    assert people.clean_name("Queensferry Gardens Children's Home Manager") is None
    assert people.clean_name("Services Helen Smith") == "Helen Smith"
    assert people.clean_name("Post Vacant") == "Post Vacant"  # a field value: callers check


@pytest.mark.parametrize("role,family", [
    ("Registered manager", "manager"), ("Deputy Manager", "deputy-manager"),
    ("Responsible individual", "responsible-individual"), ("Social Care Inspector", "inspector"),
    ("Chair of Children and Young People Board", "councillor"), ("Service Manager", "officer"),
    ("Director Specialist Services", "officer"), ("Residential Child Care Worker", "care-worker"),
])
def test_role_families(role, family):
    assert people.role_family(role) == family


# --- claims ---------------------------------------------------------------------------------
def _claims(text: str, earlier=None):
    return [(c.judgement, c.date.start.isoformat() if c.date else None,
             c.date.precision if c.date else None, c.date_rule)
            for c in claims.find_claims(text, 0, len(text), earlier)]


def test_rating_claims_with_their_dates():
    assert _claims("The report from an OFSTED review on 10 to 11 December 2019 improved the "
                   "rating to “Requires Improvement to be good”") == [
        ("Requires Improvement to be good", "2019-12-10", "day", "same sentence")]
    assert _claims("Inspection date: 23 January 2020 “Declined in Effectiveness”") == [
        ("Declined in Effectiveness", "2020-01-23", "day", "same sentence")]
    assert _claims("Children’s services were last inspected in March 2017, when overall "
                   "effectiveness was judged to be good.") == [
        ("good", "2017-03-01", "month", "same sentence")]


def test_at_the_time_takes_the_last_date_before_and_by_a_month_dates_nothing():
    from loaders.dates import find_dates

    before = list(find_dates("In 2017 the pledge was made."))
    text = "This pledge failed at the time, as Home C was judged as “Requires Improvement”."
    assert _claims(text, before) == [("Requires Improvement", "2017-01-01", "year",
                                      "at the time")]
    assert _claims("By July 2019 it had been rated Good.") == [("Good", None, None, "undated")]


def test_no_claim_without_a_rating_verb_or_in_a_pledge():
    assert _claims("Staff share good practice; the homes take a steep decline in "
                   "effectiveness.") == []
    assert _claims("All homes would be OFSTED rated at “Good”, or “Outstanding”.") == []
    assert _claims("Outcomes have improved and are good.") == []


# --- moves ----------------------------------------------------------------------------------
def _move(text: str):
    index = mentions.HomeIndex(text)
    m = moves.find_move(text, 0, len(text), index.refs())
    if m is None:
        return None
    place = {kind: (getattr(v, "urn", None) or v) for kind, v in (m.origin, m.destination)}
    return m.role, m.origin[0], m.destination[0], place, m.date, m.earliest, m.latest


def test_move_sentences_origins_destinations_and_bounds():
    assert _move("The Manager of this Home has since moved to Home A (SC036243)")[:3] == (
        "manager", "here", "ref")
    assert _move("The Manager from Home A (SC 36243) was moved to this Home to help")[:3] == (
        "manager", "ref", "here")
    got = _move("As a result, a Manager from a better performing home was moved into help.")
    assert got[:3] == ("manager", "unnamed", "here")
    got = _move("The deputy manager was transferred to Home B (SC036109) before 3 March 2020")
    assert (got[0], got[5], got[6]) == ("deputy manager", None, "2020-03-03")
    got = _move("The registered manager moved to Home B (SC036109) on 3 March 2020")
    assert got[4] == "2020-03-03"


def test_not_moves_of_a_manager():
    for text in ("One member of staff was moved to work in another children’s home.",
                 "Existing Managers are moved around to tick boxes.",
                 "The manager does not know the child before they have moved into the home.",
                 "One child lives at the home and has recently moved in."):
        assert _move(text) is None, text


def test_compatible_roles_for_one_move():
    assert moves.compatible("interim manager", "manager")
    assert not moves.compatible("deputy manager", "registered manager")


# --- a home's management history and requirements -------------------------------------------
def test_management_history_bounds_the_manager_who_came_and_went():
    text = ("There has been no registered manager since July 2019. One manager was appointed "
            "and left before he was registered with Ofsted. A new manager has been in post "
            "since February 2020 and has applied to Ofsted to register.")
    facts = history.management_history(text)
    assert [(f.kind, f.from_earliest, f.to_latest, f.applied_to_register) for f in facts] == [
        ("vacant", "2019-07-01", None, False),
        ("appointed-and-left", "2019-07-01", "2020-02-29", False),
        ("in-post", "2020-02-01", None, True)]


def test_requirements_table_with_split_rows_tags_and_a_compliance_notice():
    table = ("Requirement\tDue date\n"
             "Standard one requires the registered person to—\t25 October 2020\n\n"
             "ensure the premises meet needs. (Regulation 6 (1)(a))\t\n"
             "<p>The recruitment standard</p> <p>after 1st April 2014 (Regulation 32(2)(a))*"
             "</p>\t<p>30 March 2021</p>\n\n"
             "*These requirements are subject to a compliance notice.\n")
    got = [(r.regulation, r.number, r.due, r.compliance_notice, r.text)
           for r in requirements(table)]
    assert got == [
        ("Regulation 6 (1)(a)", 6, "2020-10-25", False,
         "Standard one requires the registered person to— ensure the premises meet needs."),
        ("Regulation 32(2)(a)", 32, "2021-03-30", True,
         "The recruitment standard after 1st April 2014")]
    assert requirements("No table here.") == []
