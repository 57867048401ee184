"""Search: one box for a URN (any spacing), an alias, or a home, provider, council or
person name; fuzzy, with suggestions. Each result opens the entity's page.

Run by Streamlit as the ``/search`` page; :func:`search_box` is also on the overview.
"""

from __future__ import annotations

import inspect

import streamlit as st

from explorer import data, widgets

LABELS = ("Home", "Provider", "Council", "Person", "Document", "Inspection")


def _describe(match: dict) -> str:
    """A result's label: the term matched and what the entity is."""
    label, node_id = match["label"], match["id"]
    if label == "Home":
        home = data.summary_of_home(node_id)
        bits = [home.get("council"), home.get("provider"), home.get("status")]
        latest = f"latest {home['latest']} ({home['latest_date']})" if home.get("latest") else ""
        text = f"{home['home']} — " + ", ".join(b for b in (*bits, latest) if b)
    else:
        node = data.node(node_id) or {}
        text = str(node.get("name") or node.get("title") or node.get("date") or node_id)
        extra = node.get("sector") or node.get("region") or node.get("type") or ""
        text += f" — {extra}" if extra else ""
    if match["term"].casefold() not in text.casefold():
        text += f"  ·  matched “{match['term']}”"
    return text


#: Suggestions while typing (after a short pause), where this Streamlit offers it.
LIVE = {"live": "400ms"} if "live" in inspect.signature(st.text_input).parameters else {}


@st.fragment
def search_box(key: str = "q", *, labels: tuple[str, ...] = (), limit: int = 10,
               placeholder: str = "SC036243, SC 36243, Home A, Derby, a provider or person"
               ) -> None:
    """The search box and its results (exact matches, then suggestions). A fragment:
    typing reruns only the box and its results, not the page around it (and a problem
    in it is a message, as on any page)."""
    widgets.run_page(lambda: _box(key, labels, limit, placeholder))


def _box(key: str, labels: tuple[str, ...], limit: int, placeholder: str) -> None:
    widget = f"search_{key}"
    if key == "q" and widget not in st.session_state:
        st.session_state[widget] = st.query_params.get(key, "")
    text = st.text_input("Search the graph", key=widget,
                         placeholder=placeholder,
                         help="A URN in any spacing (SC 36243), an alias a document uses "
                              "(Home A), or a home, provider, council or person name. "
                              "Spelling mistakes are forgiven.", **LIVE)
    if key == "q" and text != st.query_params.get(key, ""):
        st.query_params[key] = text
    if not text.strip():
        return
    matches = data.search(text, labels, limit)
    exact = [m for m in matches if m["score"] >= 100]
    others = [m for m in matches if m["score"] < 100]
    if not matches:
        st.info(f"Nothing matches “{text}”. Try a URN (SC036243), a council (Derby), "
                "a provider or a person's name.")
        return
    for match in exact:
        widgets.link(match["id"], _describe(match), label=match["label"])
    if others:
        st.caption("Did you mean:" if not exact else "Also close:")
        for match in others:
            widgets.link(match["id"], f"{_describe(match)}  ({match['score']:.0f}%)",
                         label=match["label"])


def render() -> None:
    st.title("Search")
    st.caption("Find a home, provider, council, person or document. Results open the "
               "entity's page; every fact there links to its source.")
    only = st.pills("Only", LABELS, selection_mode="multi", key="search_labels")
    search_box("q", labels=tuple(only or ()), limit=15)


if __name__ == "__main__":
    widgets.run_page(render)
