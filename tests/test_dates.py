"""Dates in data cells and prose: loaders.dates, on the real seeds and on made-up text."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.dates import (
    _MASTER,
    DateError,
    DateRange,
    _search,
    find_dates,
    parse_date,
    parse_date_range,
)

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def D(y: int, m: int, d: int) -> date:
    return date(y, m, d)


# --- parse_date ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "08/01/2019", "8/1/2019", "2019-01-08", "8 Jan 2019", "8 January 2019", "8th January 2019",
    "January 8, 2019", "Jan 8 2019", "8th of January 2019", "  8  January   2019 ",
    "08-01-2019", "08.01.2019", "8 Jan. 2019", "Tuesday 8 January 2019", "Tue, 8 Jan 2019",
    "2019-01-08T10:30:00Z", "08/01/2019 00:00", "08/01/19", "8 Jan 19",
])
def test_parse_date_accepts_common_forms(text: str) -> None:
    assert parse_date(text) == D(2019, 1, 8)


def test_parse_date_examples_from_the_seeds() -> None:
    assert parse_date("04 October 2020") == D(2020, 10, 4)
    assert parse_date("1st April 2014") == D(2014, 4, 1)
    assert parse_date("29/02/2020") == D(2020, 2, 29)  # a leap day is real


@pytest.mark.parametrize(("text", "expected"), [
    ("01/01/69", D(1969, 1, 1)), ("31/12/99", D(1999, 12, 31)), ("01/01/00", D(2000, 1, 1)),
    ("31/12/68", D(2068, 12, 31)),
])
def test_two_digit_years_pivot_like_strptime(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("31/02/2019", "day 31 is out of range for February 2019"),
    ("29/02/2019", "day 29 is out of range for February 2019"),
    ("00/01/2019", "day 0 is out of range for January 2019"),
    ("31 April 2020", "day 31 is out of range for April 2020"),
    ("12/25/2019", "'25' is not a month"),  # US month-first is not guessed
    ("2019-13-01", "'13' is not a month"),
    ("8 Jane 2019", "'Jane' is not a month"),
    ("Monday 8 January 2019", "2019-01-08 is a Tuesday, not Monday"),
    ("July 2019", "a period, not a single day; use parse_date_range"),
    ("10 to 11 December 2019", "a period, not a single day; use parse_date_range"),
    ("10 January", "no year given"),
    ("hello", "not a recognised date"),
    ("2019", "a period, not a single day; use parse_date_range"),
])
def test_parse_date_rejects_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert info.value.reason == reason
    assert info.value.text == text
    assert isinstance(info.value, ValueError)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_parse_date_empty_is_none(text: str) -> None:
    assert parse_date(text) is None
    assert parse_date_range(text) is None


# --- parse_date_range ---------------------------------------------------------------------
@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("10 to 11 December 2019", D(2019, 12, 10), D(2019, 12, 11), "day"),
    ("8 to 9 September 2020", D(2020, 9, 8), D(2020, 9, 9), "day"),
    ("30 June and 1 July 2021", D(2021, 6, 30), D(2021, 7, 1), "day"),
    ("30 June to 1 July 2021", D(2021, 6, 30), D(2021, 7, 1), "day"),
    ("10-11 December 2019", D(2019, 12, 10), D(2019, 12, 11), "day"),
    ("10–11 Dec 2019", D(2019, 12, 10), D(2019, 12, 11), "day"),
    ("10 — 11 Dec 2019", D(2019, 12, 10), D(2019, 12, 11), "day"),
    ("29 October 2019", D(2019, 10, 29), D(2019, 10, 29), "day"),
    ("July 2019", D(2019, 7, 1), D(2019, 7, 31), "month"),
    ("February 2020", D(2020, 2, 1), D(2020, 2, 29), "month"),
    ("2017", D(2017, 1, 1), D(2017, 12, 31), "year"),
    ("March 2017", D(2017, 3, 1), D(2017, 3, 31), "month"),
    ("December 2019 to January 2020", D(2019, 12, 1), D(2020, 1, 31), "month"),
    ("June to July 2019", D(2019, 6, 1), D(2019, 7, 31), "month"),
    ("between 3 and 5 March 2020", D(2020, 3, 3), D(2020, 3, 5), "day"),
    ("from 8 January 2019", D(2019, 1, 8), D(2019, 1, 8), "day"),
    ("30 December to 2 January 2020", D(2019, 12, 30), D(2020, 1, 2), "day"),
    ("8 January 2019 to 10 February 2019", D(2019, 1, 8), D(2019, 2, 10), "day"),
    ("between 3 January 2013 and 5 February 2013", D(2013, 1, 3), D(2013, 2, 5), "day"),
    ("January 8 to 10, 2019", D(2019, 1, 8), D(2019, 1, 10), "day"),
    ("2012-2013", D(2012, 1, 1), D(2013, 12, 31), "year"),
    ("2012-13", D(2012, 1, 1), D(2013, 12, 31), "year"),
    ("2019/20", D(2019, 1, 1), D(2020, 12, 31), "year"),
    ("between 2012 and 2013", D(2012, 1, 1), D(2013, 12, 31), "year"),
    ("08/01/2019", D(2019, 1, 8), D(2019, 1, 8), "day"),
    ("08/01/2019 - 10/01/2019", D(2019, 1, 8), D(2019, 1, 10), "day"),
    ("2019-01-08 to 2019-01-10", D(2019, 1, 8), D(2019, 1, 10), "day"),
])
def test_parse_date_range(text: str, start: date, end: date, precision: str) -> None:
    assert parse_date_range(text) == DateRange(start, end, precision)


@pytest.mark.parametrize(("text", "reason"), [
    ("31 February 2019", "day 31 is out of range for February 2019"),
    ("10 to 32 December 2019", "day 32 is out of range for December 2019"),
    ("11 to 10 December 2019", "range ends before it starts"),
    ("2019-2012", "range ends before it starts"),
    ("3 January 2013 and 5 February 2013", "two separate dates joined by 'and', not a range"),
    ("10 and 22 January", "no year given"),
    ("between 3 March 2020", "'between' needs two dates"),
    ("soon", "not a recognised date"),
    ("10/01/2019 - 08/01/2019", "range ends before it starts"),
])
def test_parse_date_range_rejects(text: str, reason: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date_range(text)
    assert info.value.reason == reason


def test_date_range_checks_itself() -> None:
    with pytest.raises(DateError, match="range ends before it starts"):
        DateRange(D(2020, 1, 2), D(2020, 1, 1), "day")
    with pytest.raises(ValueError, match="precision"):
        DateRange(D(2020, 1, 1), D(2020, 1, 1), "week")


# --- find_dates on the seeds --------------------------------------------------------------
def texts(found: list) -> list[str]:
    return [m.text for m in found]


def test_seed_000_blog_post() -> None:
    found = find_dates(seed("000"))
    assert texts(found) == [
        "2017", "July 2019", "August 2018", "8 Jan 2019", "29 October 2019",
        "10 to 11 December 2019", "23 January 2020", "2 July 2019", "23 January 2020",
        "31 January 2020", "16 July 2019", "12 November 2019", "July 2019",
    ]
    by_text = {m.text: m.range for m in found}
    assert by_text["10 to 11 December 2019"] == DateRange(D(2019, 12, 10), D(2019, 12, 11), "day")
    assert by_text["8 Jan 2019"] == DateRange(D(2019, 1, 8), D(2019, 1, 8), "day")
    assert by_text["August 2018"].precision == "month"
    assert by_text["2017"] == DateRange(D(2017, 1, 1), D(2017, 12, 31), "year")
    assert found.yearless == [] and found.invalid == []


def test_seed_001_scrutiny_review() -> None:
    found = find_dates(seed("001"))
    assert texts(found) == [
        "2012-2013", "11 September 2012", "11 September 2012", "4 and 5 December 2012",
        "3 January 2013", "5 February 2013",
    ]
    assert found[0].range == DateRange(D(2012, 1, 1), D(2013, 12, 31), "year")
    assert found[3].range == DateRange(D(2012, 12, 4), D(2012, 12, 5), "day")
    assert found[3].enumerated and not found[1].enumerated
    assert [(y.text, y.month, y.day, y.end_month, y.end_day) for y in found.yearless] == [
        ("10 and 22 January", 1, 10, 1, 22)]


def test_seed_002_assurance_visit() -> None:
    text = seed("002")
    found = find_dates(text)
    assert texts(found) == [
        "July 2019", "February 2020", "8 to 9 September 2020", "2 October 2019", "March 2020",
        *["25 October 2020"] * 4, "04 October 2020", *["25 October 2020"] * 3,
        "30 March 2021", "1st April 2014", "1st April 2014", "1st April 2016",
        "25 October 2020", "2020",  # the last is "© Crown copyright 2020"
    ]
    visit = found[2]
    assert visit.range == DateRange(D(2020, 9, 8), D(2020, 9, 9), "day")
    label = "Visit dates: "
    assert text[visit.start - len(label):visit.end] == label + "8 to 9 September 2020"
    assert DateRange(D(2020, 10, 4), D(2020, 10, 4), "day") in [m.range for m in found]


def test_seed_003_focused_visit_letter() -> None:
    found = find_dates(seed("003"))
    assert texts(found) == ["30 June and 1 July 2021", "March 2017", "November 2020"]
    assert found[0].range == DateRange(D(2021, 6, 30), D(2021, 7, 1), "day")


def test_seed_004_news_article() -> None:
    found = find_dates(seed("004"))
    assert texts(found) == ["2013", "2016", "2017"]
    assert {m.range.precision for m in found} == {"year"}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_offsets_slice_exactly(prefix: str) -> None:
    text = seed(prefix)
    found = find_dates(text)
    assert found, "every seed mentions some date"
    for m in [*found, *found.yearless, *found.invalid]:
        assert text[m.start:m.end] == m.text
    assert [m.start for m in found] == sorted(m.start for m in found)


# --- find_dates: what is and is not a date ------------------------------------------------
@pytest.mark.parametrize("text", [
    "(Regulation 6 (1)(a)(b)(2)(c)(i))", "please telephone 0300 123 1231", "Tel: 01206 878178",
    "Lichfield, Staffordshire WS13 7FE", "Manchester M1 2WD", "level 3 diploma qualification",
    "the Care Standards Act 2000, Children's Homes (England) Regulations 2015",
    "COVID-19 (coronavirus)", "Home A (SC036243)", "6.27 and 6.28", "2-3 bed children homes",
    "aged 8 may be placed", "a budget of £2019", "2019% growth", "page 12 of 2019 1",
    "children aged 16 and 17", "within 24 hours", "the 1990s", "version 2019.1",
    "https://example.org/2019/01/08/report", "ISBN 978-1-2019-0",
])
def test_no_false_positives(text: str) -> None:
    found = find_dates(text)
    assert texts(found) == [] and found.yearless == [] and found.invalid == []


def test_ordinal_date_is_real() -> None:
    found = find_dates("after 1st April 2014, the date")
    assert [(m.text, m.range.start) for m in found] == [("1st April 2014", D(2014, 4, 1))]


def test_and_between_complete_dates_is_two_dates_not_a_range() -> None:
    found = find_dates("On 3 January 2013 and 5 February 2013 the team met.")
    assert texts(found) == ["3 January 2013", "5 February 2013"]
    found = find_dates("between July 2019 and February 2020 there was no manager")
    assert [(m.text, m.range.start, m.range.end) for m in found] == [
        ("July 2019 and February 2020", D(2019, 7, 1), D(2020, 2, 29))]
    assert texts(find_dates("in 2012 and 2013")) == ["2012", "2013"]


def test_ranges_in_prose() -> None:
    text = ("Visits on 10–11 Dec 2019, then from December 2019 to January 2020, "
            "between 3 and 5 March 2020, and 30 June to 1 July 2021.")
    found = find_dates(text)
    assert texts(found) == ["10–11 Dec 2019", "December 2019 to January 2020",
                            "3 and 5 March 2020", "30 June to 1 July 2021"]
    assert not found[2].enumerated  # "between ... and ..." is a true range
    assert found[1].range == DateRange(D(2019, 12, 1), D(2020, 1, 31), "month")


def test_numeric_and_iso_dates_in_prose() -> None:
    found = find_dates("Inspected 08/01/2019; published 2019-02-14T09:00.")
    assert [m.range.start for m in found] == [D(2019, 1, 8), D(2019, 2, 14)]


def test_impossible_dates_in_prose_are_reported_not_returned() -> None:
    found = find_dates("It was 31 February 2019, or 30/02/2020, or 31 June.")
    assert texts(found) == []
    assert [(i.text, i.reason) for i in found.invalid] == [
        ("31 February 2019", "day 31 is out of range for February 2019"),
        ("30/02/2020", "day 30 is out of range for February 2020"),
        ("31 June", "day 31 is out of range for June"),
    ]


def test_lowercase_month_word_alone_is_not_a_date() -> None:
    assert texts(find_dates("staff may 2 weeks; may 2019")) == ["2019"]
    assert texts(find_dates("8 may 2019")) == ["8 may 2019"]


def test_find_dates_is_fast_on_long_text() -> None:
    text = (seed("001") + "\n") * 10 + "1 to " * 20000 + "1 January " * 20000
    started = time.perf_counter()
    found = find_dates(text)
    assert time.perf_counter() - started < 5
    assert len(found) == 60 and len(found.yearless) == 10 + 20000


# --- properties ---------------------------------------------------------------------------
DATEY = st.lists(st.sampled_from([
    "1", "08", "31", "29", "2019", "2020", "19", "1st", "2nd", "January", "Feb", "may", "May",
    "Sept.", "December", "to", "and", "between", "-", "–", "/", ",", " ", " ", "\n", "of", "T",
    ":", "Act ", "£", "%", "0300", "a",
]), max_size=25).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), DATEY)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_find_dates_never_raises_and_offsets_are_exact(text: str) -> None:
    found = find_dates(text)
    last_end = 0
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.range.start <= m.range.end
        assert m.start >= last_end  # in order, never overlapping
        last_end = m.end
    for m in [*found.yearless, *found.invalid]:
        assert text[m.start:m.end] == m.text


ODD_DATE_CHARS = "0123456789\u0663 JjAaNnSsEePp\u017fKk\u212aMmYy-/.,£"


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT, st.text(alphabet=ODD_DATE_CHARS, max_size=60)),
       st.integers(min_value=0, max_value=60))
def test_search_from_date_starts_equals_a_full_search(text: str, pos: int) -> None:
    # find_dates tries the master pattern only where a digit or month word begins; that
    # must find exactly what a search at every position finds (Unicode digits, 'ſ' and the
    # Kelvin sign, which IGNORECASE folds to s and k, included)
    expected = _MASTER.search(text, pos)
    got = _search(text, pos)
    assert (got and (got.span(), got.lastgroup)) == (expected and (expected.span(),
                                                                    expected.lastgroup))


@settings(max_examples=400)
@given(ANY_TEXT)
def test_parsers_raise_only_date_error(text: str) -> None:
    for parse in (parse_date_range, parse_date):
        try:
            result = parse(text)
        except DateError as e:
            assert e.reason
            continue
        if isinstance(result, DateRange):
            assert result.start <= result.end
        elif result is None:
            assert not text.strip()


FORMATS = ["{d:%d/%m/%Y}", "{d:%Y-%m-%d}", "{d.day} {d:%b %Y}", "{d.day} {d:%B %Y}",
           "{d:%B} {d.day}, {d.year}", "{d:%d %B %Y}"]


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)), st.sampled_from(FORMATS))
def test_round_trip_every_format(day: date, fmt: str) -> None:
    written = fmt.format(d=day)
    assert parse_date(written) == day
    assert parse_date_range(written) == DateRange(day, day, "day")
    found = find_dates(f"The visit on {written} went well.")
    assert [(m.text, m.range.start) for m in found] == [(written, day)]


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 30)),
       st.integers(min_value=0, max_value=400))
def test_round_trip_ranges(first: date, length: int) -> None:
    last = min(date.fromordinal(first.toordinal() + length), D(2099, 12, 31))
    text = f"{first.day} {first:%B %Y} to {last.day} {last:%B %Y}"
    assert parse_date_range(text) == DateRange(first, last, "day")
    if first.year == last.year:
        short = f"{first.day} {first:%B} to {last.day} {last:%B %Y}"
        assert parse_date_range(short) == DateRange(first, last, "day")
