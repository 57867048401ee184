"""The catalog of named investigative queries, and one way to run them on either store.

Each query is data (``queries/catalog.yaml``): name, title, description, typed parameters
with defaults and help, an example, a ``.cypher`` file and an embedded implementation.
:func:`run` checks and types the parameters, then runs the embedded implementation on the
embedded store, or the Cypher on a Neo4j store (one with ``run_cypher``); both give the
same rows. Every row carries its evidence; the entities and relationships the rows touch
are collected from their ID fields, so a result can be exported as a subgraph.

>>> [q.name for q in catalog()][:3]
['staff-moves', 'move-chains', 'paths-between']
>>> get_query("move-chain")
Traceback (most recent call last):
...
graph.errors.NotFound: no query 'move-chain' (did you mean: move-chains?)
>>> get_query("staff-moves").param("from").type
'date'
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from graph.errors import NotFound
from queries.params import Param, parse_params

HERE = Path(__file__).resolve().parent
CATALOG_FILE = HERE / "catalog.yaml"


@dataclass(frozen=True)
class Query:
    """One named query: what it answers, its parameters, its Cypher and its implementation."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    cypher_file: str
    implementation: str
    example: str
    table: tuple[str, ...] = ()

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    @property
    def cypher_path(self) -> Path:
        return HERE / self.cypher_file

    @property
    def cypher(self) -> str:
        """The Cypher text, exactly as the file holds it."""
        return self.cypher_path.read_text(encoding="utf-8")

    def function(self) -> Callable[..., list[dict[str, Any]]]:
        module, _, attr = self.implementation.partition(":")
        return getattr(importlib.import_module(module), attr)

    def describe(self) -> dict[str, Any]:
        """The entry as plain data (for ``inspection-graph queries --json``)."""
        return {"name": self.name, "title": self.title, "description": self.description,
                "params": [p.describe() for p in self.params], "example": self.example,
                "cypher_file": f"queries/{self.cypher_file}"}


@dataclass
class QueryResult:
    """What running a query gives: typed parameters, rows, the Cypher, and what they touch.

    ``entities`` and ``relationships`` (the node and relationship IDs the rows name) are
    collected from the rows when first asked for: a table on screen does not need them, and
    on a result of thousands of rows collecting them costs as much as the query.
    """

    query: str
    params: dict[str, Any]
    rows: list[dict[str, Any]]
    cypher: str

    @cached_property
    def _touched(self) -> tuple[list[str], list[str]]:
        from queries.index import collect_ids

        return collect_ids(self.rows)

    @property
    def entities(self) -> list[str]:
        return self._touched[0]

    @property
    def relationships(self) -> list[str]:
        return self._touched[1]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape: query, params, rows, cypher, entities, relationships."""
        return {"query": self.query, "params": self.params, "rows": self.rows,
                "cypher": self.cypher, "entities": self.entities,
                "relationships": self.relationships}


def _query(name: str, spec: Mapping[str, Any]) -> Query:
    params = tuple(Param.from_spec(pname, pspec or {})
                   for pname, pspec in (spec.get("params") or {}).items())
    return Query(name=name, title=spec["title"], description=" ".join(spec["description"].split()),
                 params=params, cypher_file=spec["cypher"], implementation=spec["implementation"],
                 example=spec["example"], table=tuple(spec.get("table") or ()))


@cache
def _load() -> tuple[Query, ...]:
    data = yaml.safe_load(CATALOG_FILE.read_text(encoding="utf-8"))
    return tuple(_query(name, spec) for name, spec in data.items())


def catalog() -> list[Query]:
    """Every query, in catalog order."""
    return list(_load())


def get_query(name: str) -> Query:
    """The query called ``name``; :class:`NotFound` with near names otherwise."""
    for query in _load():
        if query.name == name:
            return query
    names = [q.name for q in _load()]
    near = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    near += [n for n in names if name and name in n and n not in near]
    raise NotFound(f"no query {name!r}", near[:3])


def run(store: Any, name: str, params: Mapping[str, Any] | None = None) -> QueryResult:
    """Run the query ``name`` on ``store`` with ``params`` (strings or typed values).

    Raises :class:`~graph.errors.NotFound` for an unknown query or entity (with near
    matches) and :class:`~graph.errors.ParameterError` for an unknown, missing or
    malformed parameter.
    """
    from queries.index import index_for

    query = get_query(name)
    typed = parse_params(store, query.params, dict(params or {}), query=name)
    function = query.function()
    check = getattr(function, "check", None)
    if check is not None:  # checks that involve several parameters, or the data
        check(store, typed)
    cypher = query.cypher
    if getattr(store, "backend", None) == "neo4j" and hasattr(store, "run_cypher"):
        rows = list(store.run_cypher(cypher, typed))
    else:
        rows = function(index_for(store), dict(typed))
    return QueryResult(query=name, params=typed, rows=rows, cypher=cypher)
