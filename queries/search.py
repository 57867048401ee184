"""Find entities by URN (any spacing), ID, alias or name; fuzzy, with suggestions.

>>> from queries.search import SearchIndex
>>> idx = SearchIndex([("home:SC036243", "Home", "SC036243"), ("home:SC036243", "Home", "Home A"),
...                    ("person:helen-smith", "Person", "Helen Smith"),
...                    ("provider:council-derby", "Provider", "Derby City Council")])
>>> [m.id for m in idx.search("SC 36243")]
['home:SC036243']
>>> idx.search("helen smyth")[0].id
'person:helen-smith'
>>> idx.resolve("SC 36243")
'home:SC036243'
>>> SearchIndex([("person:a", "Person", "Mr Smith"), ("person:b", "Person", "Helen Smith")]
...             ).resolve("Smith")  # doctest: +ELLIPSIS
Traceback (most recent call last):
graph.errors.Ambiguous: 'Smith' could be several entities: person:a (Mr Smith), person:b ...
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from graph.errors import Ambiguous, NotFound
from graph.names import normalise_urn


@dataclass(frozen=True)
class Match:
    id: str
    label: str
    term: str
    score: float


class SearchIndex:
    """An in-memory index over (id, label, term) rows from a store's ``search_terms()``."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.rows = rows
        self.labels = {node_id: label for node_id, label, _ in rows}
        self.by_term: dict[str, set[str]] = defaultdict(set)
        for node_id, _, term in rows:
            self.by_term[term.casefold()].add(node_id)
        self.terms = [utils.default_process(term) for _, _, term in rows]

    def search(self, text: str, *, limit: int = 10, labels: tuple[str, ...] = (),
               cutoff: float = 70) -> list[Match]:
        """Best matches first: exact ID, URN, exact term, then fuzzy on every term."""
        text = text.strip()
        if not text:
            return []
        found: dict[str, Match] = {}
        if text in self.labels:
            found[text] = Match(text, self.labels[text], text, 100.0)
        urn = normalise_urn(text)
        if urn:
            for node_id in sorted(self.by_term.get(urn.casefold(), ())):
                found.setdefault(node_id, Match(node_id, self.labels[node_id], urn, 100.0))
        for node_id in sorted(self.by_term.get(text.casefold(), ())):
            found.setdefault(node_id, Match(node_id, self.labels[node_id], text, 100.0))
        query = utils.default_process(text)
        if query and len(found) < limit:
            hits = process.extract(query, self.terms, scorer=fuzz.WRatio, limit=limit * 4,
                                   score_cutoff=cutoff, processor=None)
            for _, score, index in hits:
                node_id, label, term = self.rows[index]
                if node_id not in found or found[node_id].score < score:
                    found[node_id] = Match(node_id, label, term, float(score))
        matches = [m for m in found.values() if not labels or m.label in labels]
        matches.sort(key=lambda m: (-m.score, m.label, m.id))
        return matches[:limit]

    def resolve(self, text: str, *, labels: tuple[str, ...] = ()) -> str:
        """The one entity ``text`` names; :class:`NotFound` or :class:`Ambiguous` otherwise."""
        matches = self.search(text, labels=labels)
        exact = [m for m in matches if m.score >= 100]
        if len(exact) == 1:
            return exact[0].id
        if len(exact) > 1:
            raise Ambiguous(f"{text!r} names several entities",
                            [f"{m.id} ({m.term})" for m in exact])
        if matches and matches[0].score >= 95 and (
            len(matches) == 1 or matches[1].score < matches[0].score - 5
        ):
            return matches[0].id
        close = [m for m in matches if m.score >= 85 and m.score >= matches[0].score - 5]
        if len(close) > 1:  # "Smith": Mr Smith and Helen Smith are both near
            raise Ambiguous(f"{text!r} could be several entities",
                            [f"{m.id} ({m.term})" for m in close[:8]])
        raise NotFound(f"nothing called {text!r}",
                       [f"{m.id} ({m.term})" for m in matches[:5]])
