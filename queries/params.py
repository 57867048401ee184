"""Query parameters: declared as data, parsed from strings (``--param key=value``) into the
typed values both the embedded implementation and the Cypher receive.

Types: ``str``, ``int``, ``date`` (ISO ``YYYY-MM-DD``, passed on as that string), ``choice``,
and references resolved to entity IDs: ``urn`` (a home: URN in any spacing, a URN as a
document wrote it, an ID or an alias), ``council``, ``provider``, ``person``, ``document``.

>>> p = Param.from_spec("from", {"type": "date", "help": "Day"})
>>> p.parse(None, "2019-10-29")
'2019-10-29'
>>> p.parse(None, "29/10/2019")
Traceback (most recent call last):
...
graph.errors.ParameterError: parameter from: '29/10/2019' is not a date (write YYYY-MM-DD)
>>> Param.from_spec("n", {"type": "int", "default": 2, "min": 1, "help": "N"}).parse(None, "0")
Traceback (most recent call last):
...
graph.errors.ParameterError: parameter n: 0 is below the least allowed value 1
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.errors import NotFound, ParameterError
from graph.ids import council_id, home_id, provider_id
from graph.names import normalise_urn

TYPES = ("str", "int", "date", "choice", "urn", "council", "provider", "person", "document")
REFERENCE_LABELS = {"urn": "Home", "council": "Council", "provider": "Provider",
                    "person": "Person", "document": "Document"}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


@dataclass(frozen=True)
class Param:
    """One typed parameter of a query."""

    name: str
    type: str
    help: str
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None

    @classmethod
    def from_spec(cls, name: str, spec: Mapping[str, Any]) -> Param:
        ptype = spec.get("type", "str")
        if ptype not in TYPES:
            raise ValueError(f"parameter {name}: unknown type {ptype!r}")
        return cls(name=name, type=ptype, help=str(spec.get("help", "")),
                   default=spec.get("default"), required=bool(spec.get("required")),
                   choices=tuple(spec.get("choices") or ()), min=spec.get("min"),
                   max=spec.get("max"))

    def describe(self) -> dict[str, Any]:
        out = {"name": self.name, "type": self.type, "default": self.default,
               "required": self.required, "help": self.help}
        if self.choices:
            out["choices"] = list(self.choices)
        return out

    def parse(self, store: Any, value: Any) -> Any:
        """The typed value of ``value`` (a string from the command line, or typed)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if self.type == "int":
            return self._int(value)
        text = str(value).strip()
        if self.type == "date":
            return self._date(value, text)
        if self.type == "choice":
            for choice in self.choices:
                if _fold(choice) == _fold(text):
                    return choice
            raise ParameterError(f"parameter {self.name}: {text!r} is not one of "
                                 + ", ".join(repr(c) for c in self.choices))
        if self.type in REFERENCE_LABELS:
            return resolve_reference(store, self.type, text, self.name)
        return text

    def _int(self, value: Any) -> int:
        if isinstance(value, bool):
            raise ParameterError(f"parameter {self.name}: {value!r} is not a whole number")
        try:
            number = value if isinstance(value, int) else int(str(value).strip())
        except ValueError:
            raise ParameterError(f"parameter {self.name}: {value!r} is not a whole "
                                 "number") from None
        if self.min is not None and number < self.min:
            raise ParameterError(f"parameter {self.name}: {number} is below the least "
                                 f"allowed value {self.min}")
        if self.max is not None and number > self.max:
            raise ParameterError(f"parameter {self.name}: {number} is above the most "
                                 f"allowed value {self.max}")
        return number

    def _date(self, value: Any, text: str) -> str:
        if isinstance(value, dt.date):
            return value.isoformat()[:10]
        if not _ISO_DAY.match(text):
            raise ParameterError(f"parameter {self.name}: {text!r} is not a date "
                                 "(write YYYY-MM-DD)")
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ParameterError(f"parameter {self.name}: {text!r} is not a real "
                                 "date") from None


def parse_params(store: Any, params: tuple[Param, ...], given: Mapping[str, Any], *,
                 query: str = "") -> dict[str, Any]:
    """Typed values of every parameter (defaults applied), in declaration order."""
    known = [p.name for p in params]
    for key in given:
        if key not in known:
            near = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise ParameterError(f"query {query} has no parameter {key!r}{hint} "
                                 f"(parameters: {', '.join(known) or 'none'})")
    typed: dict[str, Any] = {}
    for p in params:
        value = p.parse(store, given[p.name]) if p.name in given else None
        if value is None:
            if p.required:
                raise ParameterError(f"query {query} needs parameter {p.name!r}: {p.help}")
            value = p.default
        typed[p.name] = value
    return typed


def search_index(store: Any):
    """The store's :class:`~queries.search.SearchIndex`, built once and kept on the store."""
    from queries.search import SearchIndex

    index = getattr(store, "_query_search_index", None)
    if index is None:
        index = SearchIndex(store.search_terms())
        with contextlib.suppress(AttributeError):  # a store without attributes: rebuild
            store._query_search_index = index
    return index


def _nearest(store: Any, text: str, label: str) -> list[str]:
    matches = search_index(store).search(text, labels=(label,), limit=5, cutoff=60)
    return [f"{m.term} ({m.id})" if m.term != m.id else m.id for m in matches]


def _label_of(store: Any, node_id: str) -> str | None:
    node = store.node(node_id)
    return node.get("label") if node else None


def resolve_reference(store: Any, ptype: str, text: str, name: str = "") -> str:
    """The ID of the entity ``text`` names, of the label ``ptype`` refers to.

    A URN not in the registry resolves to the home documents' URNs were resolved to (its
    ``urns_as_written``); an unknown one raises :class:`NotFound` with the nearest URNs.
    """
    label = REFERENCE_LABELS[ptype]
    if store is None:
        return text
    if text.split(":", 1)[0] == label.lower() and _label_of(store, text) == label:
        return text
    if ptype == "urn":
        urn = normalise_urn(text)
        if urn:
            if _label_of(store, home_id(urn)) == "Home":
                return home_id(urn)
            index = search_index(store)
            redirected = sorted({m.id for m in index.search(urn, labels=("Home",))
                                 if m.score >= 100 and normalise_urn(m.term) == urn})
            if len(redirected) == 1:
                return redirected[0]
            raise NotFound(f"parameter {name}: no home with URN {urn}",
                           _nearest(store, urn, "Home"))
    guesses = {"council": council_id, "provider": provider_id}
    if ptype in guesses:
        try:
            guess = guesses[ptype](text)
        except ValueError:
            guess = None
        if guess and _label_of(store, guess) == label:
            return guess
    try:
        return search_index(store).resolve(text, labels=(label,))
    except NotFound:
        raise NotFound(f"parameter {name}: no {label.lower()} called {text!r}",
                       _nearest(store, text, label)) from None
