"""The inspection-graph explorer (Streamlit). Run with ``inspection-graph explore``."""

from __future__ import annotations

import streamlit as st

from graph import settings
from graph.errors import InspectionGraphError
from graph.store import EmbeddedStore
from queries.entities import describe
from queries.search import SearchIndex

st.set_page_config(page_title="inspection-graph", layout="wide")


@st.cache_resource
def open_store(path: str) -> EmbeddedStore:
    return EmbeddedStore(path)


@st.cache_resource
def search_index(path: str) -> SearchIndex:
    return SearchIndex(open_store(path).search_terms())


def main() -> None:
    st.title("inspection-graph")
    path = str(settings.store_dir())
    try:
        store = open_store(path)
    except InspectionGraphError as exc:
        st.warning(f"{exc}")
        st.code("inspection-graph build ../shared/data/ofsted ../shared/seeds")
        return
    counts = store.counts()["nodes"]
    cols = st.columns(len(counts) or 1)
    for col, (label, count) in zip(cols, counts.items(), strict=False):
        col.metric(label, f"{count:,}")
    query = st.text_input("Search a URN, home, provider, council or person")
    if query:
        matches = search_index(path).search(query)
        if not matches:
            st.info("No match.")
        for match in matches:
            with st.expander(f"{match.label}: {match.term} ({match.id})"):
                st.json(describe(store, match.id))


main()
