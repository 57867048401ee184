"""Typed records that loaders yield and the build assembles into one graph.

Loaders never touch a store: they yield :class:`Node`, :class:`Edge`, :class:`Reject`,
:class:`Notice` and a closing :class:`Summary`. Every node and edge carries the
:class:`Provenance` it came from (file and row, or document, locator and quote).
Dates inside the graph are ISO 8601 strings, so they sort and serialise as they are.

>>> from graph.ids import home_id
>>> n = Node("Home", home_id("SC 36243"), {"urn": "SC036243"},
...          Provenance("provider_at_march_2019.csv", "line 4"), as_of="2019-03-31")
>>> n.id
'home:SC036243'
>>> e = Edge("LOCATED_IN", n.id, "council:derby", {}, n.prov)
>>> e.id
'LOCATED_IN:home:SC036243->council:derby'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from graph.model import model


class Provenance(NamedTuple):
    """Where a fact came from: a source (file or document ID), a locator, a quote, a rule.

    A named tuple, not a dataclass: a build makes one per row and rule (hundreds of
    thousands), and a tuple is made in a third of the time. Immutable and hashable either
    way; the build keeps each entity's provenance as an ordered set of them.

    >>> Provenance("a.csv", "line 2", rule="ofsted-provider-row").as_dict()["locator"]
    'line 2'
    """

    source: str
    locator: str = ""
    quote: str = ""
    rule: str = ""
    confidence: float = 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "locator": self.locator,
            "quote": self.quote,
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class Node:
    """One observation of a node; the build merges observations with the same ID."""

    label: str
    id: str
    props: dict[str, Any]
    prov: Provenance | None = None
    as_of: str | None = None


@cache
def _identity(rel_type: str) -> tuple[str, ...]:
    return tuple(model().relationship(rel_type).identity)


def edge_id(rel_type: str, src: str, dst: str, props: dict[str, Any]) -> str:
    """Deterministic relationship ID from its type, endpoints and identity properties."""
    identity = _identity(rel_type)
    base = f"{rel_type}:{src}->{dst}"
    if not identity:
        return base
    return base + "|" + "|".join(str(props.get(k) or "") for k in identity)


@dataclass(slots=True)
class Edge:
    """One observation of a relationship; its ID comes from type, ends and identity."""

    type: str
    src: str
    dst: str
    props: dict[str, Any]
    prov: Provenance | None = None
    as_of: str | None = None
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            self.id = edge_id(self.type, self.src, self.dst, self.props)


@dataclass(frozen=True, slots=True)
class Reject:
    """A row or passage a loader could not use, and why."""

    source: str
    locator: str
    reason: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a user should know about a source that is not an error (unknown columns)."""

    source: str
    message: str
    locator: str = ""


@dataclass(slots=True)
class Summary:
    """What a loader did with one file: rows read, used, rejected; blank rows skipped."""

    source: str
    kind: str
    rows_read: int = 0
    rows_used: int = 0
    rows_rejected: int = 0
    blank_rows: int = 0
    detail: dict[str, Any] = field(default_factory=dict)


Record = Node | Edge | Reject | Notice | Summary
