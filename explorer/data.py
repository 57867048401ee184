"""Query results behind ``st.cache_data``, keyed on the graph's content, so a page shown
twice is answered from memory and a rebuilt graph is read afresh.

Each public function takes only what the query needs; the store and its key come from
:mod:`explorer.state`. Nothing here renders anything.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from explorer import state
from queries import explorer_entities, explorer_moves, explorer_overview
from queries.entities import describe as _describe_entity
from queries.explorer_common import home_summary
from queries.explorer_evidence import documents_by_path as _documents_by_path


def _ctx() -> tuple[str, Any]:
    reader = state.store()
    return state.store_key(reader), reader


def meta() -> dict[str, Any]:
    return state.store().meta()


@st.cache_data(show_spinner=False, max_entries=8)
def _counts(key: str, _reader: Any) -> dict[str, dict[str, int]]:
    return _reader.counts()


def counts() -> dict[str, dict[str, int]]:
    return _counts(*_ctx())


@st.cache_data(show_spinner=False, max_entries=512)
def _describe(key: str, _reader: Any, node_id: str) -> dict[str, Any] | None:
    return _describe_entity(_reader, node_id)


def describe(node_id: str) -> dict[str, Any] | None:
    """The entity page of any node (``queries.entities.describe``)."""
    key, reader = _ctx()
    return _describe(key, reader, node_id)


@st.cache_data(show_spinner=False, max_entries=512)
def _node(key: str, _reader: Any, node_id: str) -> dict[str, Any] | None:
    return _reader.node(node_id)


def node(node_id: str) -> dict[str, Any] | None:
    key, reader = _ctx()
    return _node(key, reader, node_id)


_VIEWS = {"Person": explorer_entities.person_view, "Provider": explorer_entities.provider_view,
          "Council": explorer_entities.council_view,
          "Document": explorer_entities.document_view}


@st.cache_data(show_spinner=False, max_entries=256)
def _view(key: str, _reader: Any, label: str, node_id: str) -> dict[str, Any] | None:
    return _VIEWS[label](_reader, node_id)


def view(label: str, node_id: str) -> dict[str, Any] | None:
    """A person's, provider's, council's or document's view (``queries.explorer_entities``)."""
    key, reader = _ctx()
    return _view(key, reader, label, node_id)


@st.cache_data(show_spinner=False, max_entries=512)
def _home_summary(key: str, _reader: Any, home_id: str) -> dict[str, Any]:
    return home_summary(_reader, home_id)


def summary_of_home(home_id: str) -> dict[str, Any]:
    key, reader = _ctx()
    return _home_summary(key, reader, home_id)


@st.cache_data(show_spinner="Reading the sector…", max_entries=4)
def _sector(key: str, _reader: Any) -> dict[str, list[dict[str, Any]]]:
    return explorer_overview.sector_tables(_reader)


def sector_tables() -> dict[str, list[dict[str, Any]]]:
    return _sector(*_ctx())


@st.cache_data(show_spinner=False, max_entries=64)
def _summary(key: str, _reader: Any, region: str | None, council: str | None,
             childrens_homes: bool) -> dict:
    return explorer_overview.summarise(_sector(key, _reader), region=region, council=council,
                                       childrens_homes=childrens_homes)


def sector_summary(region: str | None, council: str | None,
                   childrens_homes: bool = False) -> dict[str, Any]:
    key, reader = _ctx()
    return _summary(key, reader, region, council, childrens_homes)


@st.cache_data(show_spinner=False, max_entries=4)
def _moves(key: str, _reader: Any) -> tuple[list[dict[str, Any]], dict[str, dict]]:
    moves = explorer_moves.all_moves(_reader)
    return moves, explorer_moves.homes_of_moves(_reader, moves)


def moves() -> tuple[list[dict[str, Any]], dict[str, dict]]:
    """Every staff move and a summary of every home they touch."""
    return _moves(*_ctx())


@st.cache_data(show_spinner=False, max_entries=4)
def _documents(key: str, _reader: Any) -> dict[str, str]:
    return _documents_by_path(_reader)


def documents_by_path() -> dict[str, str]:
    return _documents(*_ctx())


@st.cache_data(show_spinner=False, max_entries=256)
def _search(key: str, text: str, labels: tuple[str, ...], limit: int) -> list[dict[str, Any]]:
    index = state.search_index()
    return [m.__dict__ for m in index.search(text, labels=labels, limit=limit)]


def search(text: str, labels: tuple[str, ...] = (), limit: int = 10) -> list[dict[str, Any]]:
    """Matches for a search box: ``id``, ``label``, ``term`` and ``score``, best first."""
    key, _ = _ctx()
    return _search(key, text, tuple(labels), limit)


@st.cache_data(show_spinner=False, max_entries=8)
def _questions(key: str, _reader: Any) -> list[dict[str, Any]]:
    return _reader.questions()


def questions() -> list[dict[str, Any]]:
    return _questions(*_ctx())


@st.cache_data(show_spinner=False, max_entries=2048)
def _provenance(key: str, _reader: Any, owner: str) -> list[dict[str, Any]]:
    return _reader.provenance(owner)


def provenance(owner: str) -> list[dict[str, Any]]:
    """The evidence behind one node or relationship."""
    key, reader = _ctx()
    return _provenance(key, reader, owner)
