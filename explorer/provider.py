"""A provider's page (``/?provider=<key>``): its homes, their judgements, its responsible
individuals and the councils it works in.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from explorer import charts, data, evidence, widgets
from graph.errors import NotFound

HOME_COLUMNS = {"home": "Home", "council": "Council", "status": "Status", "places": "Places",
                "latest": "Latest judgement", "latest_date": "Inspected", "from": "Runs from",
                "to": "Until", "inferred": "Inferred"}


def render(node_id: str) -> None:
    view = data.view("Provider", node_id)
    if view is None:
        raise NotFound(f"no provider {node_id.removeprefix('provider:')} in this graph")
    node = view["node"]
    st.title(f"{widgets.ICONS['Provider']} {node.get('name') or node_id}")
    names = [n for n in node.get("names") or [] if n != node.get("name")]
    st.markdown(" · ".join(x for x in (node.get("sector"), node.get("company_number") and
                                       f"company {node['company_number']}") if x) or "Provider")
    if names:
        st.caption("Also written: " + "; ".join(names))
    for council in view["is_council"]:
        widgets.link(council["id"], f"This provider is the council {council.get('name')}",
                     label="Council")
    widgets.share_link(node_id)
    homes = view["homes"]
    active = [h for h in homes if h.get("status") == "Active"]
    latest = Counter(h.get("latest") or "Not inspected" for h in active)
    cols = st.columns(4)
    cols[0].metric("Homes run (ever)", len(homes))
    cols[1].metric("Active homes", len(active))
    cols[2].metric("Active, below Good", latest["Requires improvement"] + latest["Inadequate"])
    cols[3].metric("Councils", len(view["councils"]))
    charts.latest_bands(dict(latest))
    st.subheader("Homes")
    widgets.table(homes, HOME_COLUMNS, links={"Page": "id"}, colour="Latest judgement")
    widgets.links(((h["id"], h["home"]) for h in homes), label="Home")
    evidence.per_row(homes, "home", title="Evidence for each ownership spell")
    st.subheader("Judgements of its homes")
    charts.inspection_timeline(view["judgements"], height=200)
    widgets.table(view["judgements"], {"date": "Date", "home": "Home", "type": "Type",
                                       "judgement": "Judgement", "band": "Band"},
                  links={"Home page": "home_id"}, colour="Band", height=300)
    st.subheader("Responsible individuals")
    widgets.table(view["people"], {"name": "Person", "role": "Role", "observed": "Seen"},
                  links={"Page": "id"})
    evidence.per_row(view["people"], "name")
    st.subheader("Councils")
    widgets.table(view["councils"], {"council": "Council", "homes": "Homes",
                                     "active": "Active"}, links={"Page": "id"})
    evidence.box(view["evidence"], "Where this provider comes from")
