"""Dates in data cells and in prose: one date, a date range, and every date in a passage.

Numeric dates are UK day-first. A two-digit year (numeric forms and ``8 Jan 19`` only) is
read as Python's ``%y`` does: 69-99 -> 1969-1999, 00-68 -> 2000-2068. An impossible date
raises :class:`DateError`; nothing is ever silently "corrected".

>>> parse_date("08/01/2019"), parse_date("January 8, 2019")
(datetime.date(2019, 1, 8), datetime.date(2019, 1, 8))
>>> parse_date_range("30 June and 1 July 2021")
DateRange(start=datetime.date(2021, 6, 30), end=datetime.date(2021, 7, 1), precision='day')
>>> [m.text for m in find_dates("On 8 to 9 September 2020, not Regulation 6 (1)(a).")]
['8 to 9 September 2020']
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from graph.errors import InspectionGraphError

PRECISIONS = ("day", "month", "year")
_MONTHS = {w.lower(): i for i in range(1, 13)
           for w in (calendar.month_abbr[i], calendar.month_name[i])} | {"sept": 9}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class DateError(ValueError, InspectionGraphError):
    """Text that looks like a date but is not a real one (or is no date at all).

    >>> str(DateError("31/02/2019", "day 31 is out of range for February 2019"))
    "'31/02/2019': day 31 is out of range for February 2019"
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text, self.reason = text, reason
        super().__init__(f"{text!r}: {reason}")


@dataclass(frozen=True, slots=True)
class DateRange:
    """The inclusive span a date expression covers; ``precision`` is day, month or year.

    >>> DateRange(date(2020, 1, 2), date(2020, 1, 1), "day")
    Traceback (most recent call last):
    loaders.dates.DateError: '2020-01-02..2020-01-01': range ends before it starts
    """

    start: date
    end: date
    precision: str

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {self.precision!r}")
        if self.start > self.end:
            raise DateError(f"{self.start}..{self.end}", "range ends before it starts")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or range found in a passage: ``text == passage[start:end]``.

    ``enumerated`` is true for "4 and 5 December 2012": the named days are certain, the
    days between them (if any) are not.
    """

    start: int
    end: int
    text: str
    range: DateRange
    enumerated: bool = False


@dataclass(frozen=True, slots=True)
class YearlessMention:
    """A day and month with no year ("10 and 22 January"); not resolved, only reported."""

    start: int
    end: int
    text: str
    month: int
    day: int
    end_month: int
    end_day: int


@dataclass(frozen=True, slots=True)
class InvalidMention:
    """A date-shaped phrase that names no real day ("31 February 2019")."""

    start: int
    end: int
    text: str
    reason: str


class DateMentions(list[DateMention]):
    """``find_dates`` result: a list of mentions, plus what was seen but not returned."""

    def __init__(self) -> None:
        super().__init__()
        self.yearless: list[YearlessMention] = []
        self.invalid: list[InvalidMention] = []


# --- the patterns -------------------------------------------------------------------------
_MON = (r"\b(?:(?:january|february|march|april|may|june|july|august|september|october"
        r"|november|december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?)")
_D0 = r"(?<![\w/£$])(?<!\d[.,])(?<!\w[-–])\d{1,2}(?:st|nd|rd|th)?(?!\w)"  # a leading day
_D = r"\d{1,2}(?:st|nd|rd|th)?(?!\w)"
_Y = r"(?:19|20)\d\d(?!\w)(?![.,:]\d)"
_CONN = r"(?:\s*(?:-|–|—|‐|‑)\s*|\s+(?:to|and|until|till|through|&)\s+)"
_DM = r"\s+(?:of\s+)?"
_ALTS = [  # at the leftmost position, the first alternative that matches wins
    rf"(?P<A>(?P<a_d1>{_D0}){_DM}(?P<a_m1>{_MON})(?:,?\s+(?P<a_y1>{_Y}))?(?P<a_c>{_CONN})"
    rf"(?P<a_d2>{_D}){_DM}(?P<a_m2>{_MON}),?\s+(?P<a_y2>{_Y}))",  # 30 June (2021) to 1 July 2021
    rf"(?P<B>(?P<b_d1>{_D0})(?P<b_c>{_CONN})(?P<b_d2>{_D}){_DM}(?P<b_m>{_MON}),?\s+"
    rf"(?P<b_y>{_Y}))",  # 10 to 11 December 2019
    rf"(?P<C>(?P<c_m1>{_MON})(?:,?\s+(?P<c_y1>{_Y}))?(?P<c_c>{_CONN})(?P<c_m2>{_MON}),?\s+"
    rf"(?P<c_y2>{_Y}))",  # December (2019) to January 2020
    rf"(?P<D>(?P<d_m>{_MON})\s+(?P<d_d1>{_D})(?P<d_c>{_CONN})(?P<d_d2>{_D}),?\s+"
    rf"(?P<d_y>{_Y}))",  # January 8 to 10, 2019
    rf"(?P<E>(?P<e_d>{_D0}){_DM}(?P<e_m>{_MON}),?\s+(?P<e_y>{_Y}))",  # 8th (of) January 2019
    rf"(?P<F>(?P<f_m>{_MON})\s+(?P<f_d>{_D}),?\s+(?P<f_y>{_Y}))",  # January 8, 2019
    r"(?P<G>(?<![\w/.-])(?P<g_y>\d{4})-(?P<g_m>\d\d)-(?P<g_d>\d\d)"
    r"(?!\d|/|[.-]\d|(?-i:[A-SU-Za-su-z_])))",  # 2019-01-08, maybe with a T time after
    r"(?P<H>(?<![\w/.-])(?P<h_d>\d{1,2})/(?P<h_m>\d{1,2})/(?P<h_y>\d{4})(?![\w/]|[.-]\d))",
    rf"(?P<Y>(?<![\w/£$.,-])(?P<y_1>{_Y})(?P<y_c>\s*[-–/]\s*|\s+(?:to|and)\s+)"
    r"(?P<y_2>(?:19|20)\d\d|\d\d)(?!\w)(?![.,:/-]\d))",  # 2012-2013, 2019/20
    rf"(?P<M>(?P<m_m>{_MON}),?\s+(?P<m_y>{_Y}))",  # July 2019
    rf"(?P<P>(?P<p_d1>{_D0}){_DM}(?P<p_m1>{_MON})(?P<p_c>{_CONN})(?P<p_d2>{_D}){_DM}"
    rf"(?P<p_m2>{_MON}))",  # yearless: 30 June and 1 July
    rf"(?P<Q>(?P<q_d1>{_D0})(?P<q_c>{_CONN})(?P<q_d2>{_D}){_DM}(?P<q_m>{_MON}))",  # 10 and 22 Jan
    rf"(?P<R>(?P<r_d>{_D0}){_DM}(?P<r_m>{_MON}))",  # yearless: 3 January
    rf"(?P<Z>(?<![\w/£$.,-])(?<!\d )(?P<z_y>{_Y})(?!%| \d))",  # 2017, not in 0161 2019 123
]
_MASTER = re.compile("|".join(_ALTS), re.IGNORECASE)
#: Where a match of ``_MASTER`` can begin: every alternative starts with a digit or a month
#: word. Trying ``_MASTER`` only there gives what ``_MASTER.search`` gives, 5-10 times
#: faster on report prose (most positions are letters and spaces that start nothing).
_START = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
                    re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:between|from)\s+", re.IGNORECASE)
_STATUTE = re.compile(r"\b(?:Act|Acts|Regulations?|Orders?|Rules|Bill)\s+$")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_SINGLE = re.compile(
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*(?:[-/.\s]|\s+of\s+)\s*(?P<m>\d{1,2}|[a-z]+\.?),?"
    r"\s*[-/.\s]\s*(?P<y>\d{4}|\d\d)|(?P<m2>[a-z]+\.?)\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?"
    r"\s+(?P<y2>\d{4}|\d\d)|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})",
    re.IGNORECASE)
_TIME = re.compile(r"(?:[T ]\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]\d\d:?\d\d)?)$")


def _month(tok: str, text: str) -> int:
    m = int(tok) if tok.isdigit() else _MONTHS.get(tok.lower().rstrip("."))
    if m is None or not 1 <= m <= 12:
        raise DateError(text, f"{tok!r} is not a month")
    return m


def _year(tok: str) -> int:
    y = int(tok)
    return y if len(tok) == 4 else (1900 + y if y >= 69 else 2000 + y)


def _day(tok: str) -> int:
    return int(tok.rstrip("stndrh") or 0)


def _mk(y: int, m: int, d: int, text: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        month = calendar.month_name[m] if 1 <= m <= 12 else f"month {m}"
        raise DateError(text, f"day {d} is out of range for {month} {y}") from None


def _month_span(y1: int, m1: int, y2: int, m2: int) -> DateRange:
    return DateRange(date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1]), "month")


def _check_day_month(month: int, day: int, shown: str) -> None:
    if not 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1]):
        raise DateError(shown, f"day {day} is out of range for {calendar.month_name[month]}")


def _interpret(m: re.Match[str], shown: str, strict: bool, between: bool) -> tuple[str, object]:
    """One master match as ('ok', (DateRange, enumerated)), ('yearless', (m1, d1, m2, d2)),
    ('split', end_of_first_part) or ('skip', None); DateError if it names no real day."""
    k, g = m.lastgroup, m.group

    def is_and(conn_group: str) -> bool:
        return g(conn_group).strip().lower() == "and" and not between

    def capital(*groups: str) -> bool:  # a month word without a day must be capitalised
        return not strict or all(g(x)[0].isupper() for x in groups)

    if k == "A":
        m1, m2, y2 = _month(g("a_m1"), shown), _month(g("a_m2"), shown), int(g("a_y2"))
        d1, d2 = _day(g("a_d1")), _day(g("a_d2"))
        if g("a_y1") and is_and("a_c"):
            return "split", m.end("a_y1")
        y1 = int(g("a_y1")) if g("a_y1") else (y2 if (m1, d1) <= (m2, d2) else y2 - 1)
        return "ok", (DateRange(_mk(y1, m1, d1, shown), _mk(y2, m2, d2, shown), "day"),
                      is_and("a_c"))
    if k in ("B", "D"):
        p = k.lower()
        y, mo = int(g(f"{p}_y")), _month(g(f"{p}_m"), shown)
        rng = DateRange(_mk(y, mo, _day(g(f"{p}_d1")), shown),
                        _mk(y, mo, _day(g(f"{p}_d2")), shown), "day")
        return "ok", (rng, is_and(f"{p}_c"))
    if k == "C":
        if not capital("c_m1", "c_m2"):
            return "skip", None
        if g("c_y1") and is_and("c_c"):
            return "split", m.end("c_y1")
        m1, m2, y2 = _month(g("c_m1"), shown), _month(g("c_m2"), shown), int(g("c_y2"))
        y1 = int(g("c_y1")) if g("c_y1") else (y2 if m1 <= m2 else y2 - 1)
        return "ok", (_month_span(y1, m1, y2, m2), False)
    if k in ("E", "F", "G", "H"):
        p = k.lower()
        day = _mk(int(g(f"{p}_y")), _month(g(f"{p}_m"), shown), _day(g(f"{p}_d")), shown)
        return "ok", (DateRange(day, day, "day"), False)
    if k == "Y":
        y1, t2 = int(g("y_1")), g("y_2")
        y2 = int(t2) if len(t2) == 4 else y1 - y1 % 100 + int(t2)
        if y2 <= y1 or (g("y_c").strip().lower() == "and" and not between):
            return "split", m.end("y_1")
        return "ok", (DateRange(date(y1, 1, 1), date(y2, 12, 31), "year"), False)
    if k == "M":
        if not capital("m_m"):
            return "skip", None
        y, mo = int(g("m_y")), _month(g("m_m"), shown)
        return "ok", (_month_span(y, mo, y, mo), False)
    if k in ("P", "Q", "R"):
        names = {"P": ("p_m1", "p_d1", "p_m2", "p_d2"), "Q": ("q_m", "q_d1", "q_m", "q_d2"),
                 "R": ("r_m", "r_d", "r_m", "r_d")}[k]
        if not capital(names[0], names[2]):
            return "skip", None
        m1, d1, m2, d2 = (_month(g(x), shown) if i % 2 == 0 else _day(g(x))
                          for i, x in enumerate(names))
        _check_day_month(m1, d1, shown)
        _check_day_month(m2, d2, shown)
        return "yearless", (m1, d1, m2, d2)
    if k == "Z":
        if strict and _STATUTE.search(m.string, max(0, m.start() - 14), m.start()):
            return "skip", None  # "Care Standards Act 2000" names a statute, not a date
        y = int(g("z_y"))
        return "ok", (DateRange(date(y, 1, 1), date(y, 12, 31), "year"), False)
    return "skip", None  # pragma: no cover - every alternative is handled above


def _one(text: str, m: re.Match[str], out: DateMentions) -> int:
    """Record one master match into ``out``; return where the scan goes on."""
    between = bool(_BETWEEN.search(text, max(0, m.start() - 12), m.start()))
    try:
        kind, val = _interpret(m, m.group(), True, between)
        if kind == "split":  # "3 January 2013 and 5 February 2013": two dates, no range
            first = _MASTER.fullmatch(text, m.start(), val)
            if first is None:  # pragma: no cover - the first part is a date by construction
                return m.start() + 1
            m = first
            kind, val = _interpret(m, m.group(), True, False)
    except DateError as e:
        out.invalid.append(InvalidMention(m.start(), m.end(), m.group(), e.reason))
        return m.end()
    if kind == "ok":
        rng, enumerated = val
        out.append(DateMention(m.start(), m.end(), m.group(), rng, enumerated))
    elif kind == "yearless":
        out.yearless.append(YearlessMention(m.start(), m.end(), m.group(), *val))
    return m.start() + 1 if kind == "skip" else m.end()


def find_dates(text: str) -> DateMentions:
    """Every date or range in ``text``, in order; never raises.

    Day-and-month phrases without a year go to ``.yearless``; impossible ones to ``.invalid``.

    >>> ms = find_dates("Met on 10 and 22 January, then 4 and 5 December 2012 (2012-2013).")
    >>> [(m.text, m.range.precision, m.enumerated) for m in ms]
    [('4 and 5 December 2012', 'day', True), ('2012-2013', 'year', False)]
    >>> [y.text for y in ms.yearless], find_dates("31 February 2019").invalid[0].reason
    (['10 and 22 January'], 'day 31 is out of range for February 2019')
    >>> [m.text for m in find_dates("Call 0300 123 1231; Care Standards Act 2000; WS13 7FE")]
    []
    """
    out, pos = DateMentions(), 0
    while (m := _search(text, pos)) is not None:
        pos = _one(text, m, out)
    return out


def _search(text: str, pos: int) -> re.Match[str] | None:
    """``_MASTER.search(text, pos)``, trying only the positions where a date can start."""
    for start in _START.finditer(text, pos):
        m = _MASTER.match(text, start.start())
        if m is not None:
            return m
    return None


def parse_date(text: str) -> date | None:
    """One date from a data cell or phrase; None for an empty cell; DateError otherwise.

    Accepts an optional weekday (checked) and a trailing time (ignored).

    >>> parse_date("2019-01-08"), parse_date("8th January 2019"), parse_date("08/01/19")
    (datetime.date(2019, 1, 8), datetime.date(2019, 1, 8), datetime.date(2019, 1, 8))
    >>> parse_date("31/02/2019")
    Traceback (most recent call last):
    loaders.dates.DateError: '31/02/2019': day 31 is out of range for February 2019
    >>> parse_date("   ") is None
    True
    """
    s = " ".join(text.split())
    if not s:
        return None
    weekday = _WEEKDAY.match(s)
    body = _TIME.sub("", s[weekday.end():] if weekday else s)
    m = _SINGLE.fullmatch(body)
    if m is None:
        whole = _MASTER.fullmatch(body)
        if whole is not None and whole.lastgroup in ("P", "Q", "R"):
            raise DateError(text, "no year given")
        if whole is not None or _PREFIX.match(body):
            raise DateError(text, "a period, not a single day; use parse_date_range")
        raise DateError(text, "not a recognised date")
    if m.group("iy"):
        y, mo, d = int(m.group("iy")), _month(m.group("im"), text), int(m.group("id"))
    elif m.group("d"):
        y, mo, d = _year(m.group("y")), _month(m.group("m"), text), int(m.group("d"))
    else:
        y, mo, d = _year(m.group("y2")), _month(m.group("m2"), text), int(m.group("d2"))
    result = _mk(y, mo, d, text)
    if weekday and weekday.group()[:3].lower() != _WEEKDAYS[result.weekday()]:
        raise DateError(text, f"{result} is a {result:%A}, not {weekday.group().strip()}")
    return result


def parse_date_range(text: str) -> DateRange | None:
    """The span a date expression covers; None for an empty string; DateError otherwise.

    >>> parse_date_range("July 2019")
    DateRange(start=datetime.date(2019, 7, 1), end=datetime.date(2019, 7, 31), precision='month')
    >>> parse_date_range("between 3 and 5 March 2020").end, parse_date_range("2017").precision
    (datetime.date(2020, 3, 5), 'year')
    """
    s = " ".join(text.split())
    if not s:
        return None
    body = _PREFIX.sub("", s, count=1)
    between = s[:8].lower() == "between "
    m = _MASTER.fullmatch(body)
    if m is None:
        parts = re.split(r"\s+(?:to|until|-)\s+|\s*[–—]\s*", body, maxsplit=1)
        if len(parts) == 2:  # numeric ends, e.g. "08/01/2019 to 10/01/2019"
            start, end = parse_date(parts[0]), parse_date(parts[1])
            if start and end:
                return DateRange(start, end, "day")
        if between:
            raise DateError(text, "'between' needs two dates")
        day = parse_date(body)
        return DateRange(day, day, "day") if day else None
    if between and m.lastgroup not in ("A", "B", "C", "D", "Y"):
        raise DateError(text, "'between' needs two dates")
    kind, val = _interpret(m, text, False, between)
    if kind == "split":
        raise DateError(text, "two separate dates joined by 'and', not a range"
                        if re.search(r"\band\b", body, re.I) else "range ends before it starts")
    if kind == "yearless":
        raise DateError(text, "no year given")
    if kind != "ok":  # pragma: no cover - non-strict interpretation never skips
        raise DateError(text, "not a recognised date")
    return val[0]  # type: ignore[index]


__all__ = ["DateError", "DateMention", "DateMentions", "DateRange", "InvalidMention",
           "YearlessMention", "find_dates", "parse_date", "parse_date_range"]
