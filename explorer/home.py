"""A home's page (``/?urn=SC036243``): facts; providers over time; the inspection
timeline (chart and table); managers as tenures; staff moves in and out; what documents
claim about it, checked against Ofsted's record; requirements; documents and quotes.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from explorer import charts, data, evidence, widgets
from graph.errors import NotFound
from queries.explorer_common import band, caption, window
from queries.explorer_entities import check_claims

FACTS = (("provision_type", "Provision type"), ("sector", "Sector"), ("status", "Status"),
         ("places", "Places"), ("registration_date", "Registered"),
         ("closure_date", "Closed / resigned"), ("local_authority", "Local authority"),
         ("region", "Region"), ("constituency", "Constituency"),
         ("short_breaks_only", "Short breaks"), ("first_seen", "First in the statistics"),
         ("last_seen", "Last in the statistics"), ("aliases", "Also called"),
         ("urns_as_written", "URNs as documents wrote them"))


def _header(page: dict[str, Any], summary: dict[str, Any]) -> None:
    st.title(f"{widgets.ICONS['Home']} {summary['home']}")
    bits = [page.get("provision_type"), page.get("sector")]
    st.markdown(" · ".join(b for b in bits if b) or "Home")
    cols = st.columns(4)
    cols[0].markdown("**Latest judgement**  \n" + widgets.judgement_badge(
        summary.get("latest"), summary.get("latest_date")))
    cols[1].metric("Places", page.get("places") if page.get("places") is not None else "—")
    cols[2].metric("Status", page.get("status") or "—")
    cols[3].metric("Registered", page.get("registration_date") or "—")
    row = st.columns(3)
    with row[0]:
        if page.get("council_id"):
            widgets.link(page["council_id"], f"Council: {page.get('council')}", label="Council")
    with row[1]:
        if summary.get("provider_id"):
            widgets.link(summary["provider_id"], f"Provider: {summary['provider']}",
                         label="Provider")
    widgets.share_link(page["id"])


def _facts(page: dict[str, Any]) -> None:
    rows = [{"fact": label, "value": page.get(key)} for key, label in FACTS
            if page.get(key) not in (None, "", [], {})]
    widgets.table(rows, {"fact": "Fact", "value": "Value"})
    evidence.box(page.get("evidence") or [], "Where these facts come from")


def _inspections(page: dict[str, Any]) -> None:
    st.subheader("Inspection timeline")
    inspections = [{**i, "band": band(i), "evidence": data.provenance(i["id"])}
                   for i in page.get("inspections") or []]
    charts.inspection_timeline(inspections)
    path = [f"{i.get('date')} **{i.get('band') or i.get('overall') or 'not judged'}**"
            for i in inspections if i.get("date")]
    if path:
        st.markdown("Judgements in order: " + " → ".join(path))
    widgets.table(inspections, {"date": "Date", "end_date": "Ends", "type": "Type",
                                "overall": "Judgement", "band": "Band", "event": "Event",
                                "publication_date": "Published", "inspectors": "Inspectors"},
                  links={"Page": "id"}, colour="Band")
    evidence.per_row(inspections, "date", title="Evidence for each inspection")


def _providers(page: dict[str, Any]) -> None:
    st.subheader("Providers over time")
    rows = page.get("providers") or []
    widgets.table(rows, {"name": "Provider", "from": "From", "to": "To",
                         "inferred": "Inferred"}, links={"Page": "id"})
    evidence.per_row(rows, "name", title="Evidence for each ownership spell")


def _people(page: dict[str, Any]) -> None:
    st.subheader("Managers")
    managed = [{**p, "start": window(p)[0], "end": window(p)[1]}
               for p in page.get("people") or [] if p.get("relationship") == "MANAGED"]
    if managed:
        charts.tenures(managed)
        widgets.table(managed, {"name": "Person", "role": "Role", "start": "From",
                                "end": "To", "observed": "Seen in post"},
                      links={"Page": "id"})
        widgets.links(((p["id"], p["name"]) for p in managed), label="Person")
        evidence.per_row(managed, "name", title="Evidence for each tenure")
    else:
        st.caption("No manager is named in the sources loaded so far.")
    others = [p for p in page.get("people") or [] if p.get("relationship") != "MANAGED"]
    if others:
        with st.expander(f"Responsible individuals and inspectors ({len(others)})"):
            widgets.table(others, {"name": "Person", "role": "Role", "date": "Date"},
                          links={"Page": "id"})


def _named(move: dict[str, Any]) -> dict[str, Any]:
    """A move with its homes' captions (URN and the name documents use) and its person."""
    person = data.node(move["person_id"]) if move.get("person_id") else None
    return {**move, "from": caption(data.node(move["from_id"]), move["from_id"]),
            "to": caption(data.node(move["to_id"]), move["to_id"]),
            "person": move.get("person") if not person else caption(person)}


def _moves(page: dict[str, Any]) -> None:
    st.subheader("Staff moves in and out")
    cols = {"person": "Person", "from": "From", "to": "To", "date": "Date",
            "earliest": "After", "latest": "Before", "role": "Role", "quote": "Quote"}
    moves_in = [_named(m) for m in page.get("moves_in") or []]
    moves_out = [_named(m) for m in page.get("moves_out") or []]
    if not moves_in and not moves_out:
        st.caption("No staff move into or out of this home is recorded in the sources "
                   "loaded so far.")
        return
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Moved in** ({len(moves_in)})")
        widgets.table(moves_in, cols, links={"From home": "from_id"})
        for move in moves_in:
            widgets.link(move["from_id"], f"from {move['from']}", label="Home")
            if move.get("person_id"):
                widgets.link(move["person_id"], move["person"], label="Person")
    with right:
        st.markdown(f"**Moved out** ({len(moves_out)})")
        widgets.table(moves_out, cols, links={"To home": "to_id"})
        for move in moves_out:
            widgets.link(move["to_id"], f"to {move['to']}", label="Home")
            if move.get("person_id"):
                widgets.link(move["person_id"], move["person"], label="Person")
    rows = [{**m, "evidence": data.provenance(m["id"]),
             "name": f"{m.get('person') or 'someone'}: {m['from']} → {m['to']}"}
            for m in moves_in + moves_out]
    evidence.per_row(rows, "name", title="Evidence for each move")


def _claims(page: dict[str, Any]) -> None:
    claims = page.get("claims") or []
    if not claims:
        return
    st.subheader("What documents claim, checked against Ofsted's record")
    inspections = [{**i, "band": band(i)} for i in page.get("inspections") or []]
    rows = check_claims(claims, inspections)
    widgets.table(rows, {"date": "Claimed date", "judgement": "Claimed judgement",
                         "ofsted": "Ofsted's record that month", "check": "Check"},
                  links={"Document": "document"})
    evidence.per_row(rows, "judgement", title="Where each claim is made")


def _documents(page: dict[str, Any]) -> None:
    requirements = page.get("requirements") or []
    if requirements:
        st.subheader("Requirements")
        widgets.table(requirements, {"regulation": "Regulation", "text": "Requirement",
                                     "due_date": "Due", "compliance_notice": "Notice"})
    st.subheader("Documents and quotes")
    mentions = page.get("mentions") or []
    if not mentions:
        st.caption("No document loaded so far mentions this home.")
    for mention in mentions:
        widgets.link(mention["document"], mention.get("title") or mention["document"],
                     label="Document")
        if mention.get("quote"):
            widgets.quote(mention["quote"])
        if mention.get("locator"):
            st.caption(str(mention["locator"]))


def render(node_id: str) -> None:
    page = data.describe(node_id)
    if page is None or page.get("label") != "Home":
        raise NotFound(f"no home {node_id.removeprefix('home:')} in this graph")
    summary = data.summary_of_home(node_id)
    _header(page, summary)
    _inspections(page)
    _moves(page)
    _people(page)
    _providers(page)
    _claims(page)
    _documents(page)
    st.subheader("Facts")
    _facts(page)
