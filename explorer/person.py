"""A person's page (``/?person=<key>``): roles, tenures as a timeline, staff moves, and
each home's judgements before, during and after their time there.
"""

from __future__ import annotations

import streamlit as st

from explorer import charts, data, evidence, widgets
from graph.errors import NotFound


def _tenures(view: dict) -> None:
    st.subheader("Tenures")
    tenures = view["tenures"]
    if not tenures:
        st.caption("No tenure at a home is recorded for this person.")
        return
    charts.tenures(tenures, who="home")
    widgets.table(tenures, {"home": "Home", "role": "Role", "start": "From", "end": "To",
                            "exact": "Exact dates", "observed": "Seen in post"},
                  links={"Page": "home_id"})
    evidence.per_row(tenures, "home", title="Evidence for each tenure")
    st.subheader("Each home's judgements before, during and after")
    for tenure in tenures:
        widgets.link(tenure["home_id"], f"{tenure['home']} — {tenure.get('role') or 'role'}"
                     f" {tenure.get('start') or '?'} to {tenure.get('end') or '?'}",
                     label="Home")
        widgets.table(tenure["inspections"], {"phase": "When", "date": "Date", "type": "Type",
                             "judgement": "Judgement", "band": "Band"},
                      links={"Page": "id"}, colour="Band")


def _moves(view: dict) -> None:
    st.subheader("Staff moves")
    moves = view["moves"]
    if not moves:
        st.caption("No move between homes is recorded for this person.")
        return
    widgets.table(moves, {"from": "From", "to": "To", "date": "Date", "earliest": "After",
                          "latest": "Before", "role": "Role", "quote": "Quote"},
                  links={"From home": "from_id", "To home": "to_id"})
    for move in moves:
        widgets.link(move["to_id"], f"{move['from']} → {move['to']}", label="Home")
    evidence.per_row([{**m, "name": f"{m['from']} → {m['to']}"} for m in moves], "name",
                     title="Evidence for each move")


def render(node_id: str) -> None:
    view = data.view("Person", node_id)
    if view is None:
        raise NotFound(f"no person {node_id.removeprefix('person:')} in this graph")
    node = view["node"]
    st.title(f"{widgets.ICONS['Person']} {node.get('name') or node_id}")
    if node.get("unnamed"):
        st.info("No source names this person: " + str(node.get("description") or ""))
    roles = node.get("roles") or []
    st.markdown("**Roles sources give:** " + (", ".join(roles) if roles else "none stated"))
    widgets.share_link(node_id)
    _tenures(view)
    _moves(view)
    if view["roles"]:
        st.subheader("Roles at providers and councils")
        widgets.table(view["roles"], {"role": "Role", "at": "At", "observed": "Seen"},
                      links={"Page": "at_id"})
        evidence.per_row(view["roles"], "at")
    if view["inspected"]:
        st.subheader("Inspections they took part in")
        widgets.table(view["inspected"], {"date": "Date", "type": "Type", "role": "Role",
                                          "subject": "Of"}, links={"Page": "subject_id"})
    st.subheader("Documents and quotes")
    if not view["mentions"]:
        st.caption("No document loaded so far mentions this person.")
    for mention in view["mentions"]:
        widgets.link(mention["document_id"], mention["document"], label="Document")
        if mention.get("quote"):
            widgets.quote(mention["quote"])
    evidence.box(view["evidence"], "Where this person comes from")
