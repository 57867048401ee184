"""The sector view: a provider league table for a year, and a council's overview.

A year's statistics are the homes Ofsted's provider-level file lists at 31 March of that
year (:func:`listed`): a home carrying ``snapshots`` (snapshot days) is listed when it has
that day; otherwise when a LOCATED_IN observation has that day and the day lies between
its ``first_seen`` and ``last_seen`` snapshots (the joiners/leavers lists also observe
LOCATED_IN, but never move those two). "Homes" means children's homes by default: any
provision type that says children's home (secure children's homes and residential special
schools registered as children's homes included); ``settings=all`` counts every setting.

A home's provider that year is the RUNS spell observed (or inferred) that day; a home
listed without an owner counts on a row with no provider. Its judgement that year is the
latest full inspection that year's file gives (the inspection whose ``history`` has the
year). Cypher twins: ``provider_league.cypher``, ``council_overview.cypher``.
"""

from __future__ import annotations

from typing import Any

from graph.errors import ParameterError
from queries.index import GraphIndex

NO_OWNER = "(owner not given in the statistics)"
SECTIONS = ("own home", "home in area", "children's services")


def is_childrens_home(provision_type: str | None) -> bool:
    """True for a provision type that says children's home.

    >>> is_childrens_home("Residential special school (registered as a children's home)")
    True
    """
    return "children's home" in (provision_type or "").lower().replace("’", "'")


def listed(ix: GraphIndex, home: str, day: str) -> bool:
    """True when the year's statistics (snapshot ``day``) list the home."""
    node = ix.node(home)
    if node.get("snapshots") is not None:
        return day in node["snapshots"]
    first, last = node.get("first_seen"), node.get("last_seen")
    return (first is not None and last is not None and first <= day <= last
            and any(day in (e[3].get("observed") or ()) for e in ix.located.get(home, ())))


def _year_judgement(ix: GraphIndex, home: str, year: str) -> dict[str, Any] | None:
    best = None
    for _, inspection_id, _, _ in ix.inspections_of.get(home, ()):
        node = ix.node(inspection_id)
        if year in (node.get("history") or {}) and (
                best is None or (node.get("date") or "", inspection_id) >
                (best.get("date") or "", best["id"])):
            best = node | {"id": inspection_id}
    return best


def _row_evidence(ix: GraphIndex, home: str, year: str) -> list[dict[str, Any]]:
    return [e | {"home_id": home} for e in ix.evidence(home)
            if e["rule"] == "ofsted-provider-row" and year in e["source"]]


def _listing(ix: GraphIndex, year: str) -> list[dict[str, Any]]:
    """Every home the year's statistics list, with what the league needs (cached)."""
    day = f"{year}-03-31"
    out = []
    for home in ix.homes:
        if not listed(ix, home, day):
            continue
        node = ix.node(home)
        owners = sorted(e[1] for e in ix.runs_home.get(home, ())
                        if day in (e[3].get("observed") or ())
                        or day in (e[3].get("inferred_observed") or ()))
        judgement = _year_judgement(ix, home, year) or {}
        score = judgement.get("overall_score") if judgement.get("scale") == "full" else None
        out.append({"home": home, "provision_type": node.get("provision_type"),
                    "region": node.get("region"), "owner": owners[0] if owners else None,
                    "councils": {e[2] for e in ix.located.get(home, ())
                                 if day in (e[3].get("observed") or ())},
                    "score": score, "evidence": _row_evidence(ix, home, year)})
    return out


def provider_league(ix: GraphIndex, params: dict[str, Any]) -> list[dict[str, Any]]:
    year = str(params["year"])
    groups: dict[str | None, dict[str, Any]] = {}
    for item in ix.memo(("listing", year), lambda: _listing(ix, year)):
        if params["settings"] == "childrens-homes" and not is_childrens_home(
                item["provision_type"]):
            continue
        if params.get("region") is not None and item["region"] != params["region"]:
            continue
        if params.get("council") is not None and params["council"] not in item["councils"]:
            continue
        group = groups.setdefault(item["owner"], {"homes": [], "judged": 0, "below_good": 0,
                                                  "inadequate": 0, "evidence": []})
        group["homes"].append(item["home"])
        group["evidence"].extend(item["evidence"])
        if item["score"] is not None:
            group["judged"] += 1
            group["below_good"] += item["score"] in (1, 2)
            group["inadequate"] += item["score"] == 1
    rows = []
    for owner, group in groups.items():
        provider = ix.node(owner) if owner else {}
        homes = len(group["homes"])
        rows.append({"provider_id": owner, "provider": provider.get("name") or NO_OWNER,
                     "sector": provider.get("sector"), "homes": homes,
                     "judged": group["judged"], "below_good": group["below_good"],
                     "inadequate": group["inadequate"],
                     "share_below_good": group["below_good"] / homes,
                     "home_ids": group["homes"], "evidence": group["evidence"]})
    rows.sort(key=lambda r: (-r["homes"], -r["share_below_good"], r["provider"],
                             r["provider_id"] or ""))
    ranked = [{"rank": k + 1} | row for k, row in enumerate(rows)]
    return ranked[: params["limit"]] if params["limit"] else ranked


def _check_league(store: Any, params: dict[str, Any]) -> None:
    region = params.get("region")
    if region is None:
        return
    regions = getattr(store, "_query_regions", None)
    if regions is None:
        regions = sorted({n.get("region") for n in store.nodes("Home") if n.get("region")})
        store._query_regions = regions
    for known in regions:
        if known.casefold() == region.casefold():
            params["region"] = known
            return
    raise ParameterError(f"parameter region: no home is in region {region!r} "
                         f"(regions: {', '.join(regions)})")


provider_league.check = _check_league  # type: ignore[attr-defined]


def _home_row(ix: GraphIndex, home: str, council: str, own_providers: set[str]
              ) -> dict[str, Any]:
    node = ix.node(home)
    spells = sorted(ix.runs_home.get(home, ()),
                    key=lambda e: (e[3].get("from") is None, e[3].get("from") or "", e[1], e[0]))
    provider_ids: list[str] = []
    for spell in spells:
        if spell[1] not in provider_ids:
            provider_ids.append(spell[1])
    located = [e for e in ix.located.get(home, ()) if e[2] == council]
    own = [e for e in spells if e[1] in own_providers]
    evidence = [p for e in located + own for p in ix.evidence(e[0])]
    history = ix.history(home)
    latest = history[-1] if history else {}
    return {"section": "own home" if own else "home in area", "subject_id": home,
            "subject": ix.caption(home), "provision_type": node.get("provision_type"),
            "sector": node.get("sector"), "status": node.get("status"),
            "registration_date": node.get("registration_date"),
            "closure_date": node.get("closure_date"), "first_seen": node.get("first_seen"),
            "last_seen": node.get("last_seen"), "in_area": bool(located),
            "provider_ids": provider_ids,
            "providers": [ix.node(p).get("name") for p in provider_ids],
            "kind": latest.get("kind"), "id": latest.get("id"), "date": latest.get("date"),
            "judgement": latest.get("judgement"), "score": latest.get("score"),
            "scale": latest.get("scale"), "source": latest.get("source"),
            "event": latest.get("event"), "document_id": latest.get("document_id"),
            "judgements": history, "evidence": evidence}


def council_overview(ix: GraphIndex, params: dict[str, Any]) -> list[dict[str, Any]]:
    council = params["council"]
    own_providers = {e[1] for e in ix.council_providers.get(council, ())}
    homes = {e[1] for e in ix.in_council.get(council, ())}
    homes |= {e[2] for p in own_providers for e in ix.runs_provider.get(p, ())}
    rows = [_home_row(ix, h, council, own_providers) for h in sorted(homes)
            if ix.label(h) == "Home" and (params["settings"] == "all"
                                          or is_childrens_home(ix.node(h).get("provision_type")))]
    name = ix.node(council).get("name")
    for j in ix.history(council):
        rows.append({"section": "children's services", "subject_id": council,
                     "subject": name, "provision_type": None, "sector": None, "status": None,
                     "registration_date": None, "closure_date": None, "first_seen": None,
                     "last_seen": None, "in_area": None, "provider_ids": [], "providers": [],
                     "kind": j["kind"], "id": j["id"], "date": j["date"],
                     "judgement": j["judgement"], "score": j["score"], "scale": j["scale"],
                     "source": j["source"], "event": j["event"],
                     "document_id": j["document_id"], "judgements": [],
                     "evidence": j["evidence"]})
    rows.sort(key=lambda r: (SECTIONS.index(r["section"]), r["subject"] or "",
                             r["subject_id"], r["date"] or "", r["id"] or ""))
    return rows
