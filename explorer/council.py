"""A council's page (``/?council=<key>``): the homes in its area, the homes it runs
itself, and its own children's-services inspections.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from explorer import charts, data, evidence, widgets
from graph.errors import NotFound

HOME_COLUMNS = {"home": "Home", "provider": "Provider", "sector": "Sector",
                "status": "Status", "places": "Places", "latest": "Latest judgement",
                "latest_date": "Inspected"}


def render(node_id: str) -> None:
    view = data.view("Council", node_id)
    if view is None:
        raise NotFound(f"no council {node_id.removeprefix('council:')} in this graph")
    node = view["node"]
    st.title(f"{widgets.ICONS['Council']} {node.get('full_name') or node.get('name') or node_id}")
    st.markdown(" · ".join(x for x in (node.get("name"), node.get("region")) if x))
    widgets.share_link(node_id)
    homes, own = view["homes"], view["own_homes"]
    active = [h for h in homes if h.get("status") == "Active"]
    latest = Counter(h.get("latest") or "Not inspected" for h in active)
    cols = st.columns(4)
    cols[0].metric("Active homes in its area", len(active))
    cols[1].metric("Below Good", latest["Requires improvement"] + latest["Inadequate"])
    cols[2].metric("Run by the council", len([h for h in own if h.get("status") == "Active"]))
    cols[3].metric("Children's-services inspections", len(view["inspections"]))
    charts.latest_bands(dict(latest))
    for provider_id in view["providers"]:
        widgets.link(provider_id, "The council as a provider of homes", label="Provider")
    st.subheader("Homes the council runs")
    widgets.table(own, {**HOME_COLUMNS, "from": "Runs from", "to": "Until"},
                  links={"Page": "id"}, colour="Latest judgement")
    widgets.links(((h["id"], h["home"]) for h in own if h.get("status") == "Active"),
                  label="Home", limit=16)
    st.subheader("Its children's-services inspections")
    widgets.table(view["inspections"], {"date": "Date", "type": "Type",
                                        "judgement": "Judgement", "band": "Band"},
                  links={"Page": "id"}, colour="Band")
    evidence.per_row(view["inspections"], "date", title="Evidence for each inspection")
    st.subheader("All homes in its area")
    widgets.table(homes, HOME_COLUMNS, links={"Page": "id"}, colour="Latest judgement",
                  height=360)
    if view["people"]:
        st.subheader("People")
        widgets.table(view["people"], {"name": "Person", "role": "Role"},
                      links={"Page": "id"})
    if view["mentions"]:
        st.subheader("Documents and quotes")
        for mention in view["mentions"]:
            widgets.link(mention["document_id"], mention["document"], label="Document")
            if mention.get("quote"):
                widgets.quote(mention["quote"])
    evidence.box(view["evidence"], "Where this council comes from")
