"""The inspection-graph explorer (Streamlit). Run with ``inspection-graph explore``.

A thin router: the pages live in ``explorer/`` (one module per page) and read the graph
only through ``queries/`` and the store. The front page (``/``) is the overview, and also
every entity's shareable address: ``/?urn=SC036243``, ``/?person=…``, ``/?provider=…``,
``/?council=…``, ``/?id=…``.
"""

from __future__ import annotations

import streamlit as st

from explorer import state

st.set_page_config(page_title="inspection-graph explorer", layout="wide")
# Pages turn problems into messages; should anything still escape, show no traceback.
st.set_option("client.showErrorDetails", "none")


def _page(path: str, title: str, icon: str, url_path: str | None = None, **kw) -> st.Page:
    return st.Page(f"explorer/{path}", title=title, icon=f":material/{icon}:",
                   url_path=url_path, **kw)


PAGES = {
    "Explore": [
        _page("overview.py", "Overview", "dashboard", default=True),
        _page("search.py", "Search", "search", "search"),
        _page("movement.py", "Staff moves", "swap_horiz", "movement"),
        _page("catalog.py", "Queries", "menu_book", "queries"),
    ],
    "Curate": [
        _page("review.py", "Review", "gavel", "review"),
        _page("upload.py", "Add documents", "upload_file", "add-documents"),
    ],
}

page = st.navigation(PAGES)
st.sidebar.caption(f"Reading the {state.describe_backend()}.")
page.run()
