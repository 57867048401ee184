"""The movement explorer (``/movement``): an interactive graph of staff moves between
homes, filtered by council, provider and dates, with homes coloured by their latest
judgement (clicking one opens its page); the time-ordered chain of moves onward from a
chosen home; and the time-respecting paths between two homes.

The graph is drawn by st-link-analysis (Cytoscape.js, bundled in the package: it needs
no network). See docs/explorer.md for why that component.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import streamlit as st

from explorer import data, evidence, state, widgets
from queries.explorer_common import COLOURS
from queries.explorer_moves import chain_from, filter_moves, paths_between

ANY = "Any"
MOVE_COLUMNS = {"sort_date": "When", "person": "Person", "from": "From", "to": "To",
                "role": "Role", "quote": "Quote"}


def _filters(moves: list[dict], homes: dict[str, dict]) -> dict[str, Any]:
    councils = {h["council_id"]: h.get("council") for h in homes.values() if h.get("council_id")}
    providers = {h["provider_id"]: h.get("provider") for h in homes.values()
                 if h.get("provider_id")}
    dates = sorted(str(m.get("sort_date") or m.get("date") or "") for m in moves)
    dates = [d for d in dates if len(d) >= 10]
    cols = st.columns(3)
    council = cols[0].selectbox("Council", [ANY, *sorted(councils, key=councils.get)],
                                format_func=lambda c: councils.get(c, c), key="moves_council")
    provider = cols[1].selectbox("Provider", [ANY, *sorted(providers, key=providers.get)],
                                 format_func=lambda p: providers.get(p, p), key="moves_provider")
    start = end = None
    if dates:
        low, high = dt.date.fromisoformat(dates[0][:10]), dt.date.fromisoformat(dates[-1][:10])
        chosen = cols[2].date_input("Between", (low, high), key="moves_dates")
        if isinstance(chosen, (tuple, list)) and len(chosen) == 2:
            start, end = chosen[0].isoformat(), chosen[1].isoformat()
    return {"council": None if council == ANY else council,
            "provider": None if provider == ANY else provider, "start": start, "end": end}


def _graph(moves: list[dict], homes: dict[str, dict], key: str) -> None:
    """The interactive graph; a click on a home opens its page."""
    try:
        from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis
    except ImportError:
        st.warning("The graph component (st-link-analysis) is not installed; the moves are "
                   "listed below. Install the project again to get it.")
        return
    ids = sorted({m["from_id"] for m in moves} | {m["to_id"] for m in moves})
    nodes = [{"data": {"id": i, "label": homes.get(i, {}).get("latest") or "Not inspected",
                       "name": homes.get(i, {}).get("home") or i,
                       "council": homes.get(i, {}).get("council") or "",
                       "provider": homes.get(i, {}).get("provider") or ""}} for i in ids]
    edges = [{"data": {"id": m["id"], "source": m["from_id"], "target": m["to_id"],
                       "label": "STAFF_MOVE", "person": m.get("person") or "",
                       "when": m.get("sort_date") or m.get("date") or "",
                       "quote": (m.get("quote") or "")[:300]}} for m in moves]
    styles = [NodeStyle(band, colour, caption="name") for band, colour in COLOURS.items()]
    with warnings.catch_warnings():  # the component warns about a parameter we do not use
        warnings.simplefilter("ignore", DeprecationWarning)
        edge_style = EdgeStyle("STAFF_MOVE", caption="when", directed=True)
    result = st_link_analysis({"nodes": nodes, "edges": edges}, layout="cose",
                              node_styles=styles,
                              edge_styles=[edge_style],
                              events=[Event("open", "click tap", "node")], height=460, key=key)
    st.caption("Homes are coloured by their latest full judgement. Click a home to open it.")
    handled = f"{key}_handled"
    if (isinstance(result, dict) and result.get("action") == "open"
            and result.get("timestamp") != st.session_state.get(handled)):
        st.session_state[handled] = result.get("timestamp")
        target = (result.get("data") or {}).get("target_id")
        if target:
            st.switch_page(widgets.ROOT, query_params=state.params_for(target))


def _home_choice(label: str, homes: dict[str, dict], key: str, default: str | None) -> str:
    options = sorted(homes, key=lambda h: homes[h].get("home") or h)
    index = options.index(default) if default in options else 0
    return st.selectbox(label, options, index=index, key=key,
                        format_func=lambda h: f"{homes[h].get('home')} — "
                                              f"{homes[h].get('council') or '?'}")


def _chain(moves: list[dict], homes: dict[str, dict]) -> None:
    st.subheader("The chain of moves onward from a home")
    wanted = state.target({"urn": st.query_params.get("home", "")}) \
        if st.query_params.get("home") else moves[0]["from_id"]  # where the first move starts
    start = _home_choice("From home", homes, "moves_chain_home", wanted)
    _as_query("move-chains", home=homes[start].get("urn") or start)
    chain = chain_from(moves, start)
    if not chain:
        st.caption("No move leaves this home.")
        return
    for step, move in enumerate(chain, 1):
        latest = homes.get(move["to_id"], {}).get("latest")
        st.markdown(f"{step}. **{move.get('sort_date') or move.get('date') or 'undated'}** — "
                    f"{move.get('person') or 'someone'}: {move['from']} → {move['to']}"
                    f" (now {latest or 'not inspected'})")
        if move.get("quote"):
            widgets.quote(move["quote"])
    widgets.links(((m["to_id"], m["to"]) for m in chain), label="Home")


def _as_query(name: str, **params: str) -> None:
    """A link to the same question as a named query (with its Cypher and downloads)."""
    st.page_link("explorer/catalog.py", label=f"As the named query {name}, with its Cypher",
                 icon=":material/menu_book:", query_params={"query": name, **params})


def _paths(moves: list[dict], homes: dict[str, dict]) -> None:
    st.subheader("Paths between two homes")
    cols = st.columns(2)
    with cols[0]:
        source = _home_choice("From", homes, "moves_path_from", None)
    with cols[1]:
        ids = sorted(homes, key=lambda h: homes[h].get("home") or h)
        target = _home_choice("To", homes, "moves_path_to", ids[-1] if ids else None)
    if source == target:
        st.caption("Choose two different homes.")
        return
    _as_query("paths-between", **{"from": homes[source].get("urn") or source,
                                  "to": homes[target].get("urn") or target})
    paths = paths_between(moves, source, target)
    if not paths:
        st.info("No time-respecting chain of moves connects these homes.")
        return
    for number, path in enumerate(paths, 1):
        steps = " → ".join([path[0]["from"], *(m["to"] for m in path)])
        dates = ", ".join(str(m.get("sort_date") or "undated") for m in path)
        st.markdown(f"**Path {number}** ({len(path)} move{'s' * (len(path) > 1)}): {steps}  \n"
                    f"dates: {dates}")


def render() -> None:
    st.title("Staff moves")
    st.caption("Who moved between homes, when, and what happened to each home's rating.")
    moves, homes = data.moves()
    if not moves:
        st.info("No staff moves in this graph yet. Moves come from documents that name "
                "managers (Ofsted reports, council papers, articles): add one on the "
                "**Add documents** page and its moves appear here, with their quotes.")
        return
    chosen = _filters(moves, homes)
    shown = filter_moves(moves, homes, **chosen)
    st.markdown(f"**{len(shown)}** of {len(moves)} moves between "
                f"{len({m['from_id'] for m in shown} | {m['to_id'] for m in shown})} homes.")
    if shown:
        _graph(shown, homes, key="moves_graph")
        widgets.table(shown, MOVE_COLUMNS, links={"From home": "from_id", "To home": "to_id"})
        evidence.per_row([{**m, "name": f"{m['from']} → {m['to']}"} for m in shown], "name",
                         title="Evidence for each move")
    _chain(moves, homes)
    _paths(moves, homes)


if __name__ == "__main__":
    widgets.run_page(render)
