"""The explorer's connection to the graph: the store behind ``st.cache_resource``, a key
that changes whenever the graph does (so ``st.cache_data`` results follow a rebuild), the
search index, and the mapping between entity IDs and shareable URLs (``/?urn=SC036243``).

The embedded store is opened read-only and reopened when ``graph.sqlite`` is replaced (a
build swaps the file atomically, so a reader never sees half a graph); until the new
file opens, the explorer keeps reading the graph it had. With
``INSPECTION_GRAPH_BACKEND=neo4j`` the same pages read Neo4j instead.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
from pathlib import Path
from typing import Any

import streamlit as st

from graph import settings
from graph.errors import NotFound, StoreError
from graph.names import normalise_urn
from graph.store.base import GraphReader
from queries.search import SearchIndex

log = logging.getLogger("inspection_graph.explorer")

#: URL parameter → (label, ID prefix). A home is addressed by URN, the rest by ID key.
PARAMS = {"urn": ("Home", "home"), "person": ("Person", "person"),
          "provider": ("Provider", "provider"), "council": ("Council", "council"),
          "id": (None, "")}
BUILD_HELP = ("inspection-graph build ../shared/data/ofsted ../shared/seeds\n"
              "# or, without the real data:\n"
              "inspection-graph sample -o sample-data && inspection-graph build sample-data")

_last: dict[str, Any] = {}
_lock = threading.Lock()


def store_dir() -> Path:
    """The store folder the explorer was started on (``INSPECTION_GRAPH_STORE``)."""
    return settings.store_dir().resolve()


def backend() -> str:
    return (settings.get("backend") or "embedded").strip().lower()


def _token(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = (path / "graph.sqlite").stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


@st.cache_resource(max_entries=4, show_spinner=False)
def _open_embedded(path: str, token: tuple[int, int, int]) -> GraphReader:
    from graph.store import EmbeddedStore

    store = EmbeddedStore(path)
    threading.Thread(target=_warm, args=(store,), name="explorer-warm", daemon=True).start()
    return store


def _warm(store: GraphReader) -> None:
    """Build the query catalog's index while the first page is read, so the first named
    query answers as fast as the later ones."""
    try:
        from queries.index import index_for
    except ImportError:
        return
    try:
        index_for(store)
    except Exception:  # a warm-up must never take the explorer down
        log.warning("could not prepare the query index in advance", exc_info=True)


@st.cache_resource(max_entries=1, show_spinner="Connecting to Neo4j…")
def _open_neo4j(uri: str | None, database: str | None) -> GraphReader:
    try:
        from graph.store.neo4j_store import Neo4jStore
    except ImportError:
        raise StoreError("this installation has no Neo4j backend yet; unset "
                         "INSPECTION_GRAPH_BACKEND to read the embedded store") from None
    return Neo4jStore.from_settings()


def store() -> GraphReader:
    """The graph to read: raises :class:`StoreError` (with how to build one) if none."""
    if backend() == "neo4j":
        return _open_neo4j(settings.get("neo4j_uri"), settings.get("neo4j_database"))
    path = store_dir()
    token = _token(path)
    if token is None:
        raise StoreError(f"there is no graph in {path} yet")
    try:
        opened = _open_embedded(str(path), token)
    except StoreError:
        with _lock:
            previous = _last.get(str(path))
        if previous is None:
            raise
        log.warning("the new graph in %s did not open; still reading the previous one", path)
        return previous
    with _lock:
        replaced = _last.get(str(path))
        _last[str(path)] = opened
    if replaced is not None and replaced is not opened:
        # the previous graph was frozen out of the GC's scans while it was the current one
        # (EmbeddedStore.long_lived); once no session reads it, the GC may free it
        gc.unfreeze()
    return opened


def store_key(reader: GraphReader | None = None) -> str:
    """Changes whenever the graph does: the backend, folder and content hash of the build."""
    reader = reader or store()
    meta = reader.meta()
    return "|".join(str(x) for x in (reader.backend, getattr(reader, "dir", ""),
                                     meta.get("content_hash"), meta.get("built_at")))


@st.cache_resource(max_entries=4, show_spinner=False)
def _index(key: str, _reader: GraphReader) -> SearchIndex:
    return SearchIndex(_reader.search_terms())


def search_index() -> SearchIndex:
    reader = store()
    return _index(store_key(reader), reader)


def params_for(node_id: str, node: dict[str, Any] | None = None) -> dict[str, str]:
    """The URL parameters that open an entity's page (``{"urn": "SC036243"}``).

    >>> params_for("home:SC036243"), params_for("person:helen-smith")
    ({'urn': 'SC036243'}, {'person': 'helen-smith'})
    >>> params_for("home:named:derby:queensferry-gardens"), params_for("inspection:1")
    ({'id': 'home:named:derby:queensferry-gardens'}, {'id': 'inspection:1'})
    """
    prefix, _, key = node_id.partition(":")
    if prefix == "home":
        urn = (node or {}).get("urn") or normalise_urn(key)
        return {"urn": urn} if urn and f"home:{urn}" == node_id else {"id": node_id}
    if prefix in ("person", "provider", "council") and key:
        return {prefix: key}
    return {"id": node_id}


def url_for(node_id: str) -> str:
    """A shareable link (relative to the explorer's address) to an entity's page.

    >>> url_for("home:SC036243")
    '/?urn=SC036243'
    """
    from urllib.parse import urlencode

    return "/?" + urlencode(params_for(node_id))


def target(params: dict[str, str]) -> str | None:
    """The entity ID the URL parameters name, or ``None`` when they name none.

    Raises :class:`NotFound` when a parameter is given but names nothing sensible.

    >>> target({"urn": "SC 36243"}), target({"person": "person:helen-smith"}), target({})
    ('home:SC036243', 'person:helen-smith', None)
    """
    for name, (_, prefix) in PARAMS.items():
        value = (params.get(name) or "").strip()
        if not value:
            continue
        if name == "urn":
            urn = normalise_urn(value)
            if urn is None:
                raise NotFound(f"{value!r} is not a URN (URNs look like SC036243)")
            return f"home:{urn}"
        if name == "id" or value.startswith(prefix + ":"):
            return value
        return f"{prefix}:{value}"
    return None


def describe_backend() -> str:
    """Where the explorer reads from, for the sidebar (never a credential)."""
    if backend() == "neo4j":
        uri = settings.get("neo4j_uri") or "(NEO4J_URI not set)"
        scheme, sep, rest = uri.rpartition("://")
        host = rest.split("@")[-1]  # drop any user:password@ a URI may carry
        return f"Neo4j at {scheme}{sep}{host}"
    return f"embedded store {os.fspath(store_dir())}"
