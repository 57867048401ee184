"""The explorer's front page (``/``): the sector at a glance — homes, providers and
councils; judgements over time by sector; the largest providers — filtered by region and
council, with the search box on top.

The same address with an entity parameter (``/?urn=SC036243``, ``/?person=…``,
``/?provider=…``, ``/?council=…``, ``/?id=…``) opens that entity's page instead, so a link
to any page can be shared.
"""

from __future__ import annotations

import streamlit as st

from explorer import charts, data, entity, search, state, widgets
from queries.explorer_overview import filters

ALL = "All"


def _filters() -> tuple[str | None, str | None, bool]:
    choices = filters(data.sector_tables())
    left, right, kind = st.columns([2, 2, 1])
    region = left.selectbox("Region", [ALL, *choices["regions"]], key="overview_region")
    councils = [c for r, cs in choices["councils"].items() if region in (ALL, r) for c in cs]
    names = {cid: name for cid, name in councils}
    council = right.selectbox("Council", [ALL, *sorted(names, key=names.get)],
                              format_func=lambda c: names.get(c, c), key="overview_council")
    only_homes = kind.toggle("Children's homes only", value=True, key="overview_homes_only",
                             help="Off: every setting the statistics list (fostering and "
                                  "adoption agencies, boarding and special schools…).")
    return (None if region == ALL else region), (None if council == ALL else council), only_homes


def overview() -> None:
    st.title("Children's homes in England")
    st.caption("Homes, the organisations that run them, the people named in their reports, "
               "and Ofsted's inspections — every fact with its source.")
    search.search_box("overview", limit=8)
    region, council, only_homes = _filters()
    summary = data.sector_summary(region, council, only_homes)
    metrics = summary["metrics"]
    cols = st.columns(5)
    cols[0].metric("Active homes" if only_homes else "Active settings", f"{metrics['homes']:,}",
                   help=f"{metrics['homes_ever']:,} ever registered in the sources")
    cols[1].metric("Providers running them", f"{metrics['providers']:,}")
    cols[2].metric("Councils (areas)", f"{metrics['councils']:,}")
    cols[3].metric("Latest judgement below Good", f"{metrics['below_good']:,}")
    moves = data.counts()["relationships"].get("STAFF_MOVE", 0)
    cols[4].metric("Staff moves recorded", f"{moves:,}")
    charts.latest_bands(summary["latest"])
    if council:
        widgets.link(council, "Open this council's page", label="Council")
    st.subheader("Judgements over time, by sector")
    st.caption("Inspections of the homes selected, per year, by overall judgement.")
    charts.judgements_by_year(summary["by_year"])
    st.subheader("Largest providers")
    st.caption("By active homes in the selection; below Good = latest full judgement "
               "Requires improvement or Inadequate.")
    widgets.table(summary["providers"], {"provider": "Provider", "sector": "Sector",
                                         "homes": "Active homes", "below_good": "Below Good",
                                         "councils": "Councils"}, links={"Page": "id"})
    widgets.links(((p["id"], p["provider"]) for p in summary["providers"][:8]),
                  label="Provider")
    _about()


def _about() -> None:
    meta = data.meta()
    counts = data.counts()
    with st.expander("About this graph"):
        st.markdown(f"Built {meta.get('built_at', '?')} · content hash "
                    f"`{str(meta.get('content_hash', ''))[:16]}` · "
                    f"{meta.get('judgements', 0)} curated judgements")
        st.markdown("**Nodes:** " + ", ".join(f"{k} {v:,}" for k, v in counts["nodes"].items()))
        st.markdown("**Relationships:** " + ", ".join(
            f"{k} {v:,}" for k, v in counts["relationships"].items()))
        st.markdown("**Sources:** " + ", ".join(f"`{s}`" for s in meta.get("sources") or []))


def render() -> None:
    """An entity's page when the URL names one, else the overview."""
    target = entity.requested()
    if target:
        # the address bar shows the entity's canonical link (/?urn=SC036243), whichever
        # way it was reached (a link from this same page does not update it by itself)
        st.query_params.from_dict(state.params_for(target))
        entity.render(target)
    else:
        overview()


if __name__ == "__main__":
    widgets.run_page(render)
