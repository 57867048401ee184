"""Normalisers for the keys entities are matched on: URNs, provider, council, person names.

Each is a pure function with stated invariants (tested with hypothesis):

- :func:`normalise_urn` returns ``None`` or a canonical URN, and is idempotent.
- :func:`provider_key` ignores case, punctuation, ``Limited``/``Ltd`` and company numbers.
- :func:`council_key` maps "Derby City Council", "Derby" and "DERBY CITY" to one key.
- :func:`parse_person` never turns a title or a surname alone into a full name.

>>> normalise_urn("SC 36243"), normalise_urn("sc-036243"), normalise_urn("1027092")
('SC036243', 'SC036243', '1027092')
>>> provider_key("Constant Child Care Limited") == provider_key("Constant Child Care Ltd")
True
>>> council_key("Bristol, City of"), council_key("Kingston upon Hull City Council")
('bristol', 'kingston-upon-hull')
>>> parse_person("Mr Smith").full, parse_person("Helen Smith").full
(False, True)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_URN_SC = re.compile(r"^SC([0-9OIL]{1,6})$")
_URN_NUM = re.compile(r"^[0-9]{6,7}$")
_DIGIT_SLIPS = str.maketrans({"O": "0", "I": "1", "L": "1"})


@lru_cache(maxsize=65536)
def normalise_urn(text: str | None) -> str | None:
    """Canonical URN (``SC`` + six digits, or a 6-7 digit number), or ``None``.

    Spaces, hyphens and dots inside are ignored, case is folded, a letter O/I/L typed for a
    digit after ``SC`` is read as the digit, and short ``SC`` numbers are zero-padded.
    """
    if not text:
        return None
    compact = re.sub(r"[\s\-\.\u00a0_/]", "", str(text)).upper()
    match = _URN_SC.match(compact)
    if match:
        digits = match.group(1).translate(_DIGIT_SLIPS)
        return "SC" + digits.zfill(6) if digits.isdigit() else None
    if _URN_NUM.match(compact):
        return compact
    return None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    text = text.replace("&", " and ").replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


_LEGAL_SUFFIXES = re.compile(
    r"\b(limited|ltd|plc|llp|cic|c i c|incorporated|inc|company|co)\b\.?"
)
_COMPANY_NUMBER = re.compile(r"\b(?:company\s*(?:no|number)\s*)?\(?\b(?:[a-z]{2})?\d{6,8}\)?\b")


@lru_cache(maxsize=16384)
def provider_key(name: str) -> str:
    """Matching key of an organisation's name, as a slug.

    >>> provider_key("ACME Care (UK) Limited 01234567")
    'acme-care-uk'
    >>> provider_key("The Priory Group Ltd.") == provider_key("Priory Group Limited")
    True
    """
    text = _fold(name)
    text = _COMPANY_NUMBER.sub(" ", text)
    text = _LEGAL_SUFFIXES.sub(" ", text)
    words = text.split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return "-".join(words) or "unknown"


def company_number(name: str) -> str | None:
    """A company number embedded in a name (``Foo Ltd (01234567)`` → ``01234567``)."""
    match = re.search(r"\b((?:SC|NI|OC)?\d{8})\b", name.upper())
    return match.group(1) if match else None


_COUNCIL_WORDS = re.compile(
    r"\b(city and county council|metropolitan borough council|borough council|"
    r"county borough council|county council|city council|district council|council|"
    r"london borough of|royal borough of|borough of|city of|county of|the)\b"
)


_COUNCIL_OWNER = re.compile(r"\b(council|london borough of|royal borough of)\b", re.IGNORECASE)


def is_council_name(name: str) -> bool:
    """True for an organisation name that is a local authority's.

    >>> is_council_name("Derby City Council"), is_council_name("Council Care Homes Ltd")
    (True, False)
    """
    return bool(_COUNCIL_OWNER.search(name)) and not _LEGAL_SUFFIXES.search(_fold(name))


@lru_cache(maxsize=4096)
def council_key(name: str) -> str:
    """Matching key of a local authority's name, as a slug (``derby``, ``derbyshire``)."""
    text = _fold(name)
    text = _COUNCIL_WORDS.sub(" ", text)
    text = re.sub(r"\bst\b", "saint", text)
    words = text.split()
    if words and words[-1] == "city" and len(words) > 1:
        words = words[:-1]
    return "-".join(words) or "unknown"


_TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame",
    "councillor", "cllr", "rev", "reverend",
}


@dataclass(frozen=True)
class PersonName:
    """A person's name split into title, given names, surname.

    ``full`` is true only when a given name (not just an initial) and a surname are known:
    only full names may ever be matched across documents.
    """

    written: str
    title: str | None
    given: tuple[str, ...]
    surname: str | None

    @property
    def full(self) -> bool:
        return bool(self.surname) and any(len(g.rstrip(".")) > 1 for g in self.given)

    @property
    def key(self) -> str:
        """Matching key: folded given names and surname (``helen-smith``), or the partial form."""
        parts = [*(g.rstrip(".") for g in self.given), self.surname or ""]
        core = "-".join(_fold(p).replace(" ", "-") for p in parts if p)
        if self.full:
            return core
        return f"{_fold(self.title or '').replace(' ', '-') or 'x'}-{core}".strip("-")

    @property
    def display(self) -> str:
        parts = [self.title] if self.title else []
        return " ".join([*parts, *self.given, self.surname or ""]).strip()


def parse_person(text: str) -> PersonName:
    """Split a written name; never raises.

    >>> parse_person("Councillor J. Whitby")
    PersonName(written='Councillor J. Whitby', title='Councillor', given=('J.',), surname='Whitby')
    """
    written = " ".join(str(text).split())
    tokens = [t for t in re.split(r"\s+", written.strip(" ,;:")) if t]
    title = None
    if tokens and tokens[0].lower().rstrip(".") in _TITLES:
        title = tokens.pop(0).rstrip(".")
    if not tokens:
        return PersonName(written, title, (), None)
    return PersonName(written, title, tuple(tokens[:-1]), tokens[-1])
