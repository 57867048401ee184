"""Shared pieces of every page: the guard that turns problems into messages, links to
entity pages, tables with links, and the "no graph yet" notice.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
import streamlit as st

from explorer import state
from graph import settings
from graph.errors import Ambiguous, InspectionGraphError, NotFound, StoreError
from queries.explorer_common import COLOURS

log = logging.getLogger("inspection_graph.explorer")

#: Tables up to this many rows colour their judgement column (styling costs time).
STYLED_ROWS = 80
#: The page every entity link opens (the root URL: ``/?urn=SC036243``).
ROOT = "explorer/overview.py"
#: Material Symbols ship with Streamlit, so they show on a closed network (emoji need fonts).
ICONS = {"Home": ":material/home:", "Person": ":material/person:",
         "Provider": ":material/business:", "Council": ":material/account_balance:",
         "Inspection": ":material/fact_check:", "Document": ":material/description:",
         "Requirement": ":material/gavel:"}


def safe(message: object) -> str:
    """A message fit to show: any ``user:password@`` in a URI and the configured secrets
    are masked (driver errors can echo the URI they were given).

    >>> safe("bad URI 'neo4j://neo4j:hunter2@db:7687'")
    "bad URI 'neo4j://***@db:7687'"
    """
    text = settings.mask_userinfo(str(message))
    for setting in settings.SETTINGS:
        value = settings.get(setting.name) if setting.secret else None
        if value and len(value) >= 4:
            text = text.replace(value, "***")
    return text


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    r"""Source text shown as itself: every character Markdown (or Streamlit's ``:red[…]``
    and ``$…$``) would act on is escaped, so a document cannot put a link, an image (which
    the browser would fetch), a heading or a colour on the page.

    >>> print(escape_markdown("![x](http://evil/p.png) *a*"))
    \!\[x\]\(http\://evil/p\.png\) \*a\*
    """
    return _MARKDOWN.sub(r"\\\1", text)


def quote(text: object) -> None:
    """A quote from a source, as a block quote of its exact words."""
    st.markdown("> " + escape_markdown(str(text)).replace("\n", "\n> "))


def run_page(render: Callable[[], None]) -> None:
    """Run a page; a known problem shows as a message, anything else as a short note
    (details go to the log), never as a traceback."""
    try:
        state.store()  # no graph: say how to build one, whatever the page
        render()
    except StoreError as exc:
        no_store(exc)
    except (NotFound, Ambiguous) as exc:
        st.warning(safe(exc))
    except InspectionGraphError as exc:
        st.error(safe(exc))
    except Exception as exc:  # the explorer must not show a traceback to investigators
        log.exception("explorer page failed")
        st.error(f"This page could not be shown ({type(exc).__name__}: "
                 f"{safe(exc)[:200]}). The details are in the explorer's log; the other "
                 "pages still work.")


def no_store(exc: Exception | None = None) -> None:
    """How to build a graph, shown when there is none to read."""
    st.info("**No graph to explore yet.** " + (safe(exc) if exc else ""))
    if state.backend() == "neo4j":
        st.markdown("Push a graph to Neo4j first (`inspection-graph push`), or unset "
                    "`INSPECTION_GRAPH_BACKEND` to read the embedded store.")
        return
    st.markdown(f"Build one into `{state.store_dir()}`, then reload this page:")
    st.code(state.BUILD_HELP, language="bash")


def link(node_id: str, text: str | None = None, *, label: str | None = None,
         node: dict[str, Any] | None = None, key: str | None = None) -> None:
    """A link to an entity's page (same tab, keeps the session)."""
    icon = ICONS.get(label or (node or {}).get("label") or "")
    st.page_link(ROOT, label=text or node_id, icon=icon,
                 query_params=state.params_for(node_id, node))


def links(items: Iterable[tuple[str, str]], *, label: str | None = None,
          limit: int = 12) -> None:
    """A few links in a row of columns."""
    items = list(items)[:limit]
    if not items:
        return
    columns = st.columns(min(len(items), 4))
    for index, (node_id, text) in enumerate(items):
        with columns[index % len(columns)]:
            link(node_id, text, label=label)


def table(rows: list[dict[str, Any]], columns: dict[str, str], *,
          links: dict[str, str] | None = None, key: str | None = None,
          height: int | str = "auto", colour: str | None = None) -> None:
    """A table of ``rows`` showing ``columns`` (key → header). ``links`` maps a header
    to the row key holding an entity ID: that column then opens the entity's page."""
    if not rows:
        st.caption("None.")
        return
    links = links or {}
    data = {header: [row.get(col) for row in rows] for col, header in columns.items()
            if any(row.get(col) not in (None, "", [], {}) for row in rows)}
    config: dict[str, Any] = {}
    for header, id_key in links.items():
        data[header] = [state.url_for(row[id_key]) if row.get(id_key) else None
                        for row in rows]
        config[header] = st.column_config.LinkColumn(header, display_text="open ↗",
                                                     width="small")
    for header, values in data.items():
        if values and all(isinstance(v, (list, tuple)) for v in values if v is not None):
            data[header] = ["; ".join(map(str, v)) if v else None for v in values]
        elif len({type(v) for v in values if v is not None}) > 1:
            data[header] = [None if v is None else str(v) for v in values]
    frame = pd.DataFrame(data)
    styled: Any = frame
    if colour and colour in frame.columns and len(frame) <= STYLED_ROWS:
        styled = frame.style.map(lambda v: f"background-color: {COLOURS[v]}33"
                                 if v in COLOURS else "", subset=[colour])
    st.dataframe(styled, hide_index=True, column_config=config, key=key, height=height,
                 width="stretch")


def judgement_badge(band: str | None, date: str | None = None) -> str:
    """Markdown for a judgement with its colour."""
    if not band:
        return "not inspected on the full scale"
    colour = {"Outstanding": "blue", "Good": "blue", "Requires improvement": "orange",
              "Inadequate": "red"}.get(band, "gray")
    return f":{colour}-badge[{band}]" + (f" ({date})" if date else "")


def share_link(node_id: str) -> None:
    """The shareable address of the entity on screen."""
    st.caption(f"Link to share: `{state.url_for(node_id)}` (after the explorer's address)")


def neo4j_note() -> None:
    """On the Neo4j backend, say where curation and uploads go (the embedded store)."""
    if state.backend() == "neo4j":
        st.info(f"Judgements and documents go to the embedded store in `{state.store_dir()}` "
                "and rebuild it; run `inspection-graph push` to bring Neo4j up to date.")
