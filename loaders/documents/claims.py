"""Dated rating claims: a document saying what Ofsted judged, and when.

A judgement wording counts as a claim only after a rating verb ("rated", "judged",
"deteriorated to", "improved the rating to", "became", "Inspection date: ...") with
nothing between them but small words or a name ("rated the Home as", "rated Derbyshire
as"): "a steep decline in effectiveness" or "good practice" claim nothing. Its date is the
nearest date before it in the sentence, else the first after it; a sentence that says "at
the time" takes the last date stated before it. "By July 2019" is a bound, not a date: a
month or a year after "by" dates nothing. A rating that "would be" given is a pledge.

>>> text = ("At the 8 Jan 2019 inspection it was rated GOOD, by 29 October 2019 it had "
...         "deteriorated to INADEQUATE")
>>> [(c.judgement, str(c.date.start), c.date.precision) for c in find_claims(text, 0, len(text))]
[('GOOD', '2019-01-08', 'day'), ('INADEQUATE', '2019-10-29', 'day')]
>>> find_claims("Staff make good progress in a steep decline in effectiveness.", 0, 60)
[]
>>> find_claims("In 2017 the pledge was that all homes would be rated Good.", 0, 58)
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.judgements import Judgement, map_judgement
from loaders.dates import DateMention, DateRange, find_dates

TERMS = (r"(?:outstanding|good|requires?\s+improvement(?:\s+to\s+be\s+good)?|inadequate|"
         r"adequate|satisfactory|(?:improved|sustained|declined?)(?:\s+in)?\s+effectiveness)")
_TERM = re.compile(rf"[“\"‘']?(?P<j>\b{TERMS}\b)[”\"’']?", re.IGNORECASE)
_TRIGGER = re.compile(r"\b(?:rated|judged|graded|re-?graded|deteriorated|declined|improved|fell|"
                      r"dropped|rose|became|become|downgraded|upgraded|inspection date)\b"
                      r"(?P<gap>[^.;!?]{0,40}?)[“\"‘']?\s*$", re.IGNORECASE)
_GAP_WORDS = frozenset((
    "the", "home", "rating", "grade", "judgement", "to", "as", "be", "a", "an", "at", "of", "was",
    "is", "overall", "being", "its", "it", "this", "their", "from", "by", "been", "had", "has",
    "date"))
_HYPOTHETICAL = re.compile(r"\b(?:would|will|should|could|must|might|aims?|aimed|pledged?|"
                           r"wants?|wanted|hopes?|hoped|expects?|expected|target)\b[^,;]*$",
                           re.IGNORECASE)
_AT_THE_TIME = re.compile(r"\bat (?:the|that) time\b", re.IGNORECASE)
_BY = re.compile(r"\bby\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Claim:
    """A judgement wording, where it is, what it means and the date it is given for."""

    start: int
    end: int
    judgement: str
    meaning: Judgement
    date: DateRange | None
    date_text: str | None
    date_rule: str


def _gap_ok(gap: str) -> bool:
    for word in re.findall(r"[\w’'-]+", gap):
        if word.casefold() not in _GAP_WORDS and not word[0].isupper() and not word.isdigit():
            return False
    return True


def _dated(mention: DateMention, text: str) -> bool:
    """False for "by July 2019": a month or year after "by" is a bound, not a date."""
    before = text[max(0, mention.start - 4):mention.start]
    return mention.range.precision == "day" or not _BY.search(before)


def rating_terms(text: str, start: int, end: int) -> list[tuple[int, int, str, Judgement]]:
    """(start, end, as written, meaning) of every judgement wording a rating verb governs."""
    found = []
    for m in _TERM.finditer(text, start, end):
        trigger = _TRIGGER.search(text, max(start, m.start() - 60), m.start())
        if trigger is None or not _gap_ok(trigger.group("gap")):
            continue
        if _HYPOTHETICAL.search(text, max(start, trigger.start() - 80), trigger.start()):
            continue  # "all homes would be rated Good" is a pledge, not a rating
        meaning = map_judgement(m.group("j"))
        if meaning is not None:
            found.append((m.start("j"), m.end("j"), " ".join(m.group("j").split()), meaning))
    return found


def find_claims(text: str, start: int, end: int,
                earlier: list[DateMention] | None = None) -> list[Claim]:
    """The claims in the sentence ``text[start:end]``; ``earlier`` holds date mentions
    (offsets into ``text``) before it, for "at the time"."""
    dates = [DateMention(d.start + start, d.end + start, d.text, d.range, d.enumerated)
             for d in find_dates(text[start:end])]
    dates = [d for d in dates if _dated(d, text)]
    out = []
    for j0, j1, written, meaning in rating_terms(text, start, end):
        before = [d for d in dates if d.end <= j0]
        after = [d for d in dates if d.start >= j1]
        mention, rule = None, "same sentence"
        if before:
            mention = before[-1]
        elif after:
            mention = after[0]
        elif earlier and _AT_THE_TIME.search(text, start, end):
            mention, rule = earlier[-1], "at the time"
        out.append(Claim(j0, j1, written, meaning, mention.range if mention else None,
                         mention.text if mention else None, rule if mention else "undated"))
    return out
