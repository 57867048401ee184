"""Which part of the graph to export: everything, the neighbourhood of one entity, or the
entities and relationships a named query's result touches.

>>> import tempfile, pathlib
>>> from graph.assemble import Assembly
>>> from graph.records import Edge, Node, Provenance
>>> from graph.store import EmbeddedStore, write_store
>>> a, p = Assembly(), Provenance("f", "row 2")
>>> for urn in ("SC000001", "SC000002"):
...     a.add(Node("Home", f"home:{urn}", {"urn": urn}, p))
...     a.add(Edge("LOCATED_IN", f"home:{urn}", "council:derby", {}, p))
>>> a.add(Node("Council", "council:derby", {"name": "Derby"}, p))
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = write_store(a, d, {})
>>> with EmbeddedStore(d) as store:
...     one, two = around(store, "home:SC000001", 1), around(store, "home:SC000001", 2)
>>> sorted(one.nodes), len(two.nodes)
(['council:derby', 'home:SC000001'], 3)
"""

from __future__ import annotations

from typing import Any

from graph.errors import NotFound, ParameterError
from graph.exports.base import Selection

#: More hops than this rarely helps a report and can reach most of the graph.
MAX_HOPS = 6


def around(reader: Any, node_id: str, hops: int) -> Selection:
    """Every node within ``hops`` relationships of ``node_id`` (in either direction); the
    export then takes every relationship between two of them (the induced subgraph)."""
    if not 0 <= hops <= MAX_HOPS:
        raise ParameterError(f"--hops must be between 0 and {MAX_HOPS}, not {hops}")
    if reader.node(node_id) is None:
        raise NotFound(f"no entity {node_id}")
    seen = {node_id}
    frontier = {node_id}
    for _ in range(hops):
        reached: set[str] = set()
        for current in sorted(frontier):
            for edge in reader.edges(src=current):
                reached.add(edge["dst"])
            for edge in reader.edges(dst=current):
                reached.add(edge["src"])
        frontier = reached - seen
        seen |= frontier
        if not frontier:
            break
    return Selection(nodes=seen)


def from_query(result: Any) -> Selection:
    """The entities and relationships a query result names (``QueryResult.entities`` and
    ``.relationships``); the endpoints of each relationship come with it."""
    return Selection(nodes=set(result.entities), edges=set(result.relationships))


def resolve_ref(reader: Any, ref: str) -> str:
    """A URN (any spacing), ID or name → an entity ID, as ``show`` resolves it."""
    from queries.search import SearchIndex

    return SearchIndex(reader.search_terms()).resolve(ref)
