"""The explorer's charts (Altair, bundled with Streamlit: nothing loads from the network):
an inspection timeline, tenures as bars in time, judgements by year and sector.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from queries.explorer_common import BANDS, COLOURS

_SCORES = {"Outstanding": 4, "Good": 3, "Requires improvement": 2, "Inadequate": 1,
           "Improved effectiveness": 2.5, "Sustained effectiveness": 2.5,
           "Declined in effectiveness": 2.5}
_SCALE = alt.Scale(domain=list(BANDS), range=[COLOURS[b] for b in BANDS])


def inspection_timeline(inspections: list[dict[str, Any]], *, height: int = 220) -> None:
    """Each inspection as a point in time, placed by its judgement (interim outcomes in
    between the grades), joined by a line through the full inspections."""
    rows = [{"date": i.get("date"), "band": i.get("band"), "judgement": i.get("overall"),
             "type": i.get("type"), "score": _SCORES[i["band"]]}
            for i in inspections if i.get("date") and i.get("band") in _SCORES]
    if not rows:
        st.caption("No judged inspections to chart.")
        return
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    axis = alt.Axis(values=[1, 2, 3, 4], labelExpr="{'1': 'Inadequate', '2': 'Req. improvement',"
                    " '3': 'Good', '4': 'Outstanding'}[datum.label]", title=None)
    base = alt.Chart(frame).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("score:Q", scale=alt.Scale(domain=[0.5, 4.5]), axis=axis))
    full = frame[frame["score"] == frame["score"].round()]
    line = alt.Chart(full).mark_line(color="#999999").encode(x="date:T", y="score:Q")
    points = base.mark_point(size=120, filled=True).encode(
        color=alt.Color("band:N", scale=_SCALE, title="Judgement"),
        tooltip=[alt.Tooltip("date:T"), "type:N", "judgement:N"])
    st.altair_chart((line + points).properties(height=height), width="stretch")


def tenures(rows: list[dict[str, Any]], *, who: str = "name", height: int | None = None) -> None:
    """Tenures as bars from start to end; a tenure known only by one date is a point
    (its bounds are in the table beside it)."""
    data = [{"who": r.get(who) or r.get("id"), "role": r.get("role") or "",
             "start": r.get("start") or r.get("end"), "end": r.get("end") or r.get("start")}
            for r in rows if r.get("start") or r.get("end")]
    if not data:
        st.caption("No dated tenures to chart.")
        return
    frame = pd.DataFrame(data)
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column], errors="coerce")
    y = alt.Y("who:N", title=None, axis=alt.Axis(labelLimit=320))
    tooltip = ["who:N", "role:N", alt.Tooltip("start:T"), alt.Tooltip("end:T")]
    base = alt.Chart(frame)
    bars = base.mark_bar(height=14, cornerRadius=3).encode(
        x=alt.X("start:T", title=None), x2="end:T", y=y,
        color=alt.Color("role:N", title="Role"), tooltip=tooltip)
    points = base.mark_point(size=90, filled=True).encode(
        x="start:T", y=y, color=alt.Color("role:N", title="Role"), tooltip=tooltip)
    st.altair_chart((bars + points).properties(
        height=height or 40 + 28 * frame["who"].nunique()), width="stretch")


def judgements_by_year(rows: list[dict[str, Any]], *, height: int = 160) -> None:
    """Stacked bars of inspections per year by judgement, one row of bars per sector."""
    if not rows:
        st.caption("No inspections to chart.")
        return
    frame = pd.DataFrame(rows)
    frame = frame[frame["year"] >= 2014]
    if frame.empty:
        st.caption("No inspections since 2014 to chart.")
        return
    totals = frame.groupby("sector")["count"].sum().sort_values(ascending=False)
    sectors = [s for s, n in totals.items() if n >= max(20, totals.max() * 0.01)]
    frame = frame[frame["sector"].isin(sectors)]
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("year:O", title=None), y=alt.Y("sum(count):Q", title="Inspections"),
        color=alt.Color("band:N", scale=_SCALE, title="Judgement"),
        order=alt.Order("band_order:Q"),
        tooltip=["year:O", "sector:N", "band:N", "sum(count):Q"],
    ).transform_calculate(band_order=f"indexof({list(BANDS)!r}, datum.band)").properties(
        height=height, width=560).facet(
        row=alt.Row("sector:N", title=None, sort=sectors,
                    header=alt.Header(labelAngle=0, labelAlign="left"))
    ).resolve_scale(y="independent")
    st.altair_chart(chart, width="content")


def latest_bands(counts: dict[str, int], *, title: str = "Homes by latest judgement") -> None:
    """One bar per judgement band: how many homes have it as their latest."""
    order = [b for b in (*BANDS, "Not inspected") if counts.get(b)]
    if not order:
        return
    rows = [{"band": b, "homes": counts[b]} for b in order]
    scale = alt.Scale(domain=order, range=[COLOURS[b] for b in order])
    chart = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        y=alt.Y("band:N", sort=order, title=None),
        x=alt.X("homes:Q", title=title),
        color=alt.Color("band:N", scale=scale, legend=None),
        tooltip=["band:N", "homes:Q"])
    text = chart.mark_text(align="left", dx=3).encode(text="homes:Q", color=alt.value("#333"))
    st.altair_chart((chart + text).properties(height=22 * len(order) + 30), width="stretch")
