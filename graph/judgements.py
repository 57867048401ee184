"""Ofsted's judgement vocabulary, kept as written and mapped onto ordinal scales.

Full judgements: 4 Outstanding, 3 Good, 2 Requires improvement (to be good) / Adequate /
Satisfactory, 1 Inadequate. Interim inspections use their own scale: 1 Improved
effectiveness, 0 Sustained effectiveness, -1 Declined in effectiveness. "Not judged" has
no score.

>>> score("Requires Improvement to be good"), score("Adequate"), score("GOOD")
(2, 2, 3)
>>> j = map_judgement("Decline in effectiveness")
>>> j.canonical, j.score, j.scale
('Declined in effectiveness', -1, 'interim')
>>> map_judgement("excellent") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Judgement:
    written: str
    canonical: str
    score: int | None
    scale: str


_VOCABULARY: tuple[tuple[str, str, int | None, str], ...] = (
    (r"outstanding", "Outstanding", 4, "full"),
    (r"good", "Good", 3, "full"),
    (r"requires? improvement( to be good)?", "Requires improvement to be good", 2, "full"),
    (r"adequate", "Adequate", 2, "full"),
    (r"satisfactory", "Satisfactory", 2, "full"),
    (r"inadequate", "Inadequate", 1, "full"),
    (r"improved( in)? effectiveness", "Improved effectiveness", 1, "interim"),
    (r"sustained( in)? effectiveness", "Sustained effectiveness", 0, "interim"),
    (r"declined?( in)? effectiveness", "Declined in effectiveness", -1, "interim"),
    (r"not judged", "Not judged", None, "none"),
)
_COMPILED = tuple((re.compile(rf"^{p}$"), c, s, k) for p, c, s, k in _VOCABULARY)

FULL_SCALE = {4: "Outstanding", 3: "Good", 2: "Requires improvement to be good", 1: "Inadequate"}


@lru_cache(maxsize=1024)
def map_judgement(written: str | None) -> Judgement | None:
    """The judgement a wording means, or ``None`` when it is outside the vocabulary."""
    if not written:
        return None
    text = re.sub(r"[^a-z ]+", " ", str(written).lower())
    text = " ".join(text.split())
    for pattern, canonical, value, scale in _COMPILED:
        if pattern.match(text):
            return Judgement(str(written).strip(), canonical, value, scale)
    return None


def score(written: str | None) -> int | None:
    """Ordinal score of a wording (see module doc), or ``None``."""
    judgement = map_judgement(written)
    return judgement.score if judgement else None


def below_good(overall_score: int | None) -> bool:
    """True for a full-scale score under Good (Requires improvement or Inadequate)."""
    return overall_score is not None and 1 <= overall_score <= 2
