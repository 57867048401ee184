"""Homes and councils as a document writes them: URNs (any spacing or slip), aliases bound
to a URN ("Home A (SC036243)" makes every later "Home A" that home), and homes known only
by name ("Queensferry Gardens Children's Home", a list of names beside known ones).

>>> text = ("Care Home C (SC488596) was judged RI. The Manager from Home C moved to "
...         "Home A (SC 36243). Cricklewood Children's Home and Moorfields Children's Home"
...         " ... Visits to Cricklewood, Moorfields and Bute Walk took place.")
>>> index = HomeIndex(text)
>>> for r in index.refs()[:4]:
...     print(r.as_written, r.urn, r.alias, r.name, sep=" | ")
Care Home C (SC488596) | SC488596 | Home C | None
Home C | SC488596 | Home C | None
Home A (SC 36243) | SC036243 | Home A | None
Cricklewood | None | None | Cricklewood
>>> sorted(index.named)
['bute-walk', 'cricklewood', 'moorfields']
>>> councils("Focused visit to Derby City Council children's services; the Children in "
...          "Care Council met. Derby City Council's plan.")
[('Derby City Council', 'derby', 2)]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from graph.ids import slug
from graph.names import council_key, normalise_urn

URN_PATTERN = r"(?<![A-Za-z0-9])[Ss][Cc][ \-.]?[0-9][0-9OIL]{3,5}(?![A-Za-z0-9])"
_URN = re.compile(URN_PATTERN)
_NUMERIC_URN = re.compile(r"\b(?:URN|[Uu]nique reference number)\s*:?\s*(\d{6,7})\b")
_WORD = r"[A-Z][\w’'&-]*"
_GAP = r"(?:[ \t]+\n?|\n)[ \t]*"  # between words of one name: a line may wrap, no paragraph
_ALIAS = re.compile(rf"(?P<alias>{_WORD}(?:{_GAP}{_WORD}){{0,3}})\s*\(\s*"
                    rf"(?P<urn>{URN_PATTERN})\s*\)")
_LETTER_ALIAS = re.compile(r"^(?:care\s+|children'?s\s+)?home\s+([a-z0-9]{1,2})$")
_LEADING = re.compile(r"^(?:(?:At|In|To|From|By|And|As|Of|For|With|Then|Since|When|Visits?)\s+)+")
_SUFFIX = re.compile(r"\s+Children['’]s\s+Home$")
_NAMED = re.compile(rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}})\s+Children['’]s\s+Home\b(?!s)")
_LIST_ITEM = rf"{_WORD}(?:\s+{_WORD}){{0,2}}"
_LIST = re.compile(rf"{_LIST_ITEM}(?:,\s+{_LIST_ITEM})+,?\s+and\s+{_LIST_ITEM}")
_PLACE = re.compile(r"\b(?:provided at|provision at|visits? to|visited)\s+(?P<name>The\s+[A-Z]\w+"
                    r"(?:\s+[A-Z]\w+)?)")
_NOT_HOME = re.compile(r"\b(?:Council|City|County|Borough|Ofsted|OFSTED|Board|Department|"
                       r"Cabinet|Children|Care|Service|Services|Director|Manager|The|Home|"
                       r"Homes|Review|Recommendation|January|February|March|April|May|June|"
                       r"July|August|September|October|November|December)$")
_COUNCIL = re.compile(
    r"(?P<a>[A-Z][a-z]+(?:(?:-| )(?:upon|on|under|le|[A-Z][a-z]+))*)\s+"
    r"(?:City|County|Borough|District|Metropolitan Borough|County Borough)\s+Council\b"
    r"|(?:London|Royal) Borough of (?P<b>[A-Z][a-z]+(?: [A-Z][a-z]+)*)"
    r"|\b(?P<c>[A-Z][a-z]+) Council\b")
_NOT_COUNCIL = frozenset({"care", "children", "youth", "parish", "town", "school", "student",
                          "research", "privy", "european", "arts", "sports", "british", "the",
                          "city", "county", "borough", "district", "security", "medical",
                          "housing", "trades", "football"})


@dataclass(frozen=True, slots=True)
class HomeRef:
    """One mention of a home: where, as written, and which home it names."""

    start: int
    end: int
    as_written: str
    urn: str | None = None
    alias: str | None = None
    name: str | None = None

    @property
    def key(self) -> str:
        """``urn:SC036243`` or ``named:queensferry-gardens``: one key per home."""
        return f"urn:{self.urn}" if self.urn else f"named:{slug(self.name or '')}"


def canonical_alias(written: str) -> str:
    """How an alias is kept: "HOME A", "Care Home A" and "Home A" are all "Home A".

    >>> canonical_alias("CARE HOME c"), canonical_alias("At Queensferry Gardens")
    ('Home C', 'Queensferry Gardens')
    """
    text = " ".join(written.split())
    match = _LETTER_ALIAS.match(text.casefold())
    if match:
        return "Home " + match.group(1).upper()
    return _LEADING.sub("", text)


def urns(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, as written, URN) for every URN in ``text`` (SC URNs anywhere, numeric
    ones only after "URN" or "Unique reference number").

    >>> [u[2:] for u in urns("Home B (SC036109); SC 36243; URN: 1234567; call 0300 123 1231")]
    [('SC036109', 'SC036109'), ('SC 36243', 'SC036243'), ('1234567', '1234567')]
    """
    found = []
    for m in _URN.finditer(text):
        urn = normalise_urn(m.group())
        if urn:
            found.append((m.start(), m.end(), m.group(), urn))
    for m in _NUMERIC_URN.finditer(text):
        found.append((m.start(1), m.end(1), m.group(1), m.group(1)))
    return sorted(found)


def _letter_alias_pattern(alias: str) -> re.Pattern[str]:
    letter = re.escape(alias.split()[-1])
    return re.compile(rf"\b(?:(?:Care|CARE)\s+)?(?:Home|HOME)\s+{letter}\b(?![\w’'])")


class HomeIndex:
    """Every home a text names, with aliases bound to URNs; built once per document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bindings: dict[str, list[tuple[int, str]]] = {}
        self.written: dict[str, set[str]] = {}
        self._bound_spans: list[HomeRef] = []
        for m in _ALIAS.finditer(text):
            urn = normalise_urn(m.group("urn"))
            alias = canonical_alias(m.group("alias"))
            if not urn or not alias or (_NOT_HOME.search(alias) and not alias.startswith("Home")):
                continue
            lead = len(m.group("alias")) - len(_LEADING.sub("", m.group("alias")))
            start = m.start() + lead
            self.bindings.setdefault(alias, []).append((start, urn))
            self._bound_spans.append(HomeRef(start, m.end(), text[start:m.end()], urn, alias))
        self.named: dict[str, str] = {}
        self._named_forms: dict[str, set[str]] = {}
        self._find_named()

    # -- homes known by name ---------------------------------------------------------
    def _add_name(self, name: str) -> None:
        name = _LEADING.sub("", " ".join(name.split()))
        if not name or _NOT_HOME.search(name) or name in self.bindings:
            return
        key = slug(name)
        forms = self._named_forms.setdefault(key, set())
        forms.add(name)
        plain = sorted(f for f in forms if "'" not in f and "’" not in f)
        self.named[key] = plain[0] if plain else sorted(forms)[0]

    def _find_named(self) -> None:
        for m in _NAMED.finditer(self.text):
            self._add_name(m.group("name"))
        for m in _PLACE.finditer(self.text):
            if re.search(r"\bhomes?\b|\bprovision\b", self.text[max(0, m.start() - 300):m.end()],
                         re.IGNORECASE):
                self._add_name(m.group("name"))
        for m in _LIST.finditer(self.text):
            items = [i.strip() for i in re.split(r",\s+|\s+and\s+", m.group()) if i.strip()]
            items = [_SUFFIX.sub("", _LEADING.sub("", i)) for i in items]
            known = sum(slug(i) in self.named for i in items)
            if known >= max(2, len(items) // 2):
                for item in items:
                    self._add_name(item)

    # -- mentions ---------------------------------------------------------------------
    def alias_urn(self, alias: str, offset: int) -> str | None:
        """The URN ``alias`` is bound to at ``offset``: the latest binding before it, else
        the first one after it."""
        bound = self.bindings.get(alias)
        if not bound:
            return None
        before = [urn for start, urn in bound if start <= offset]
        return before[-1] if before else bound[0][1]

    def refs(self, start: int = 0, end: int | None = None) -> list[HomeRef]:
        """Every home mention in ``text[start:end]``, in order, overlaps resolved (an alias
        with its URN in brackets is one mention)."""
        end = len(self.text) if end is None else end
        found: list[HomeRef] = [r for r in self._bound_spans if start <= r.start < end]
        for s, e, written, urn in urns(self.text[start:end]):
            found.append(HomeRef(start + s, start + e, written, urn))
        for alias in self.bindings:
            pattern = (_letter_alias_pattern(alias) if alias.startswith("Home ")
                       else re.compile(rf"\b{re.escape(alias)}\b"))
            for m in pattern.finditer(self.text, start, end):
                found.append(HomeRef(m.start(), m.end(), m.group(),
                                     self.alias_urn(alias, m.start()), alias))
        for key, forms in self._named_forms.items():
            for form in forms:
                for m in re.finditer(rf"\b{re.escape(form)}(?![\w’'])", self.text[start:end]):
                    found.append(HomeRef(start + m.start(), start + m.end(), m.group(),
                                         name=self.named[key]))
        return _without_overlaps(found)


def _without_overlaps(refs: list[HomeRef]) -> list[HomeRef]:
    refs.sort(key=lambda r: (r.start, -(r.end - r.start)))
    out: list[HomeRef] = []
    for ref in refs:
        if out and ref.start < out[-1].end:
            continue
        out.append(ref)
    return out


def councils(text: str) -> list[tuple[str, str, int]]:
    """(name as written, council key, mentions) for each council a text names, most
    mentioned first (ties: first mentioned)."""
    counts: Counter[str] = Counter()
    written: dict[str, str] = {}
    order: dict[str, int] = {}
    for m in _COUNCIL.finditer(text):
        bare = m.group("c")
        if bare and bare.casefold() in _NOT_COUNCIL:
            continue
        full = " ".join(m.group().split())
        key = council_key(full)
        if key in ("unknown", *_NOT_COUNCIL):
            continue
        counts[key] += 1
        written.setdefault(key, full)
        order.setdefault(key, m.start())
    return [(written[k], k, n) for k, n in sorted(counts.items(),
                                                   key=lambda kv: (-kv[1], order[kv[0]]))]


def council_mentions(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, as written, council key) of every council name in ``text``."""
    out = []
    for m in _COUNCIL.finditer(text):
        bare = m.group("c")
        if bare and bare.casefold() in _NOT_COUNCIL:
            continue
        key = council_key(m.group())
        if key not in ("unknown", *_NOT_COUNCIL):
            out.append((m.start(), m.end(), " ".join(m.group().split()), key))
    return out
