"""Entity pages by URL: ``/?urn=SC036243``, ``/?person=<key>``, ``/?provider=<key>``,
``/?council=<key>`` or ``/?id=<any ID>`` open the page of that entity. Homes, people,
providers and councils have their own pages; documents, inspections and anything else
show their facts, relationships and evidence here.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from explorer import council, data, evidence, home, person, provider, state, widgets
from graph.errors import NotFound

PAGES = {"Home": home.render, "Person": person.render, "Provider": provider.render,
         "Council": council.render}


def requested() -> str | None:
    """The entity the URL asks for (``None`` when it asks for none)."""
    return state.target({k: st.query_params.get(k, "") for k in state.PARAMS})


def _suggest(node_id: str) -> list[str]:
    text = node_id.split(":", 1)[-1].replace("-", " ")
    return [f"{m['id']} ({m['term']})" for m in data.search(text, (), 5)]


def render(node_id: str) -> None:
    node = data.node(node_id)
    if node is None:
        what = (f"no home with URN {node_id.removeprefix('home:')}"
                if node_id.startswith("home:SC") else f"nothing with the ID {node_id!r}")
        raise NotFound(f"{what} in this graph", _suggest(node_id))
    page = PAGES.get(node.get("label"))
    if page is not None:
        page(node_id)
    elif node.get("label") == "Document":
        _document(node_id)
    else:
        _generic(node_id)
    st.divider()
    if st.button("Search again", icon=":material/search:"):
        st.query_params.clear()
        st.switch_page("explorer/search.py")


def _relationships(rows: list[dict[str, Any]], direction: str) -> None:
    other, name = ("to", "to_name") if direction == "out" else ("from", "from_name")
    shown = [{"type": r["type"], "other": r.get(name), "other_id": r.get(other),
              **{k: r.get(k) for k in ("date", "role", "from", "to_date")}}
             for r in rows]
    widgets.table(shown, {"type": "Relationship", "other": "With", "date": "Date",
                          "role": "Role"}, links={"Page": "other_id"})


def _generic(node_id: str) -> None:
    page = data.describe(node_id) or {}
    label = page.get("label", "")
    name = page.get("name") or page.get("date") or node_id
    st.title(f"{widgets.ICONS.get(label, '')} {label}: {name}")
    widgets.share_link(node_id)
    hidden = {"relationships_out", "relationships_in", "mentions", "evidence", "moves"}
    facts = [{"fact": k, "value": v if not isinstance(v, (dict, list)) else str(v)}
             for k, v in page.items() if k not in hidden and v not in (None, "", [], {})]
    widgets.table(facts, {"fact": "Fact", "value": "Value"})
    for rel in page.get("relationships_in", []) + page.get("relationships_out", []):
        target = rel.get("to") or rel.get("from")
        if target and target.startswith(("home:", "council:")) and rel["type"] == "OF":
            widgets.link(target, f"Inspection of {rel.get('to_name') or target}")
    st.subheader("Relationships")
    _relationships(page.get("relationships_out", []), "out")
    _relationships(page.get("relationships_in", []), "in")
    evidence.box(page.get("evidence") or [], expanded=True)


def _document(node_id: str) -> None:
    view = data.view("Document", node_id) or {}
    node = view.get("node") or {}
    st.title(f"{widgets.ICONS['Document']} {node.get('title') or node_id}")
    st.markdown(" · ".join(str(x) for x in (node.get("kind"), node.get("date"),
                                            node.get("path")) if x))
    widgets.share_link(node_id)
    if view.get("claims"):
        st.subheader("Ratings it claims")
        widgets.table(view["claims"], {"subject": "Of", "date": "Date",
                                       "judgement": "Judgement",
                                       "ofsted": "Ofsted's record that month",
                                       "check": "Check"}, links={"Page": "id"})
    if view.get("moves"):
        st.subheader("Staff moves it states")
        widgets.table(view["moves"], {"person": "Person", "from": "From", "to": "To",
                                      "date": "Date", "quote": "Quote"},
                      links={"From home": "from_id", "To home": "to_id"})
    st.subheader(f"What it mentions ({len(view.get('mentions') or [])})")
    for mention in view.get("mentions") or []:
        written = mention.get("as_written")
        shown = written and written != mention.get("quote") and len(written) < 80
        widgets.link(mention["id"], mention["entity"] + (f" — as “{written}”" if shown else ""),
                     label=mention.get("label"))
        if mention.get("quote"):
            widgets.quote(mention["quote"])
    evidence.box(view.get("evidence") or [], "Where this document comes from")
