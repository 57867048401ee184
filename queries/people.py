"""people-at-failing-homes: people linked to two or more homes judged Inadequate or declining.

A person is linked to a home when they MANAGED it (the link's days run from ``from``,
else ``from_earliest``, to ``to``, else ``to_latest``), or were RESPONSIBLE_FOR a provider
that RUNS it (the days of that RUNS spell). A judgement in the home's history
(:meth:`queries.index.GraphIndex.history`) is failing when it is Inadequate (full scale 1),
Declined in effectiveness (interim -1), or a lower full judgement than the home's previous
full one (``reason``: ``inadequate``, ``declined``, ``lower than previous``). ``during`` is
true when it falls within the link's days, false outside them, null when the link has no
days at all (an open end counts as open).

Cypher twin: ``people_at_failing_homes.cypher``.
"""

from __future__ import annotations

from typing import Any

from queries.index import GraphIndex


def failing(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The failing judgements of a history, each with its reason and the previous full one.

    >>> h = [{"id": "a", "date": "2018-01-01", "score": 3, "scale": "full", "judgement": "Good"},
    ...      {"id": "b", "date": "2019-01-01", "score": 2, "scale": "full", "judgement": "RI"},
    ...      {"id": "c", "date": "2019-06-01", "score": -1, "scale": "interim", "judgement": "D"}]
    >>> [(f["id"], f["reason"]) for f in failing(h)]
    [('b', 'lower than previous'), ('c', 'declined')]
    """
    out, previous = [], None
    for j in history:
        reason = None
        if j["scale"] == "full" and j["score"] == 1:
            reason = "inadequate"
        elif j["scale"] == "interim" and j["score"] == -1:
            reason = "declined"
        elif j["scale"] == "full" and previous is not None and j["score"] < previous["score"]:
            reason = "lower than previous"
        if reason:
            before = None if previous is None else {
                "id": previous["id"], "date": previous["date"],
                "judgement": previous["judgement"], "score": previous["score"]}
            out.append(j | {"reason": reason, "previous": before})
        if j["scale"] == "full":
            previous = j
    return out


def _during(day: str, lo: str | None, hi: str | None) -> bool | None:
    if lo is None and hi is None:
        return None
    return (lo is None or day >= lo) and (hi is None or day <= hi)


def _links(ix: GraphIndex, person: str, which: str) -> list[dict[str, Any]]:
    links = []
    if which in ("any", "managed"):
        for edge_id, _, home, m in ix.managed_by.get(person, ()):
            links.append({"link": "MANAGED", "link_id": edge_id, "role": m.get("role"),
                          "home_id": home, "provider_id": None, "runs_id": None,
                          "from": m.get("from") or m.get("from_earliest"),
                          "to": m.get("to") or m.get("to_latest")})
    if which in ("any", "responsible"):
        for edge_id, _, provider, r in ix.responsible_for.get(person, ()):
            for runs_id, _, home, spell in ix.runs_provider.get(provider, ()):
                links.append({"link": "RESPONSIBLE_FOR", "link_id": edge_id,
                              "role": r.get("role"), "home_id": home,
                              "provider_id": provider, "runs_id": runs_id,
                              "from": spell.get("from"), "to": spell.get("to")})
    return links


def people_at_failing_homes(ix: GraphIndex, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows = ix.memo(("people-at-failing-homes", params["link"], params["during"]),
                   lambda: _people(ix, params["link"], params["during"]))
    return [dict(r) for r in rows if r["homes"] >= params["min_homes"]]


def _people(ix: GraphIndex, which: str, during: str) -> list[dict[str, Any]]:
    """Every person with at least one failing home, most homes first (cached per options)."""
    rows = []
    people = [p for p in sorted(set(ix.managed_by) | set(ix.responsible_for))
              if ix.label(p) == "Person"]
    links_of = {person: _links(ix, person, which) for person in people}
    every_link = [link for links in links_of.values() for link in links]
    homes = sorted({link["home_id"] for link in every_link})
    failing_at = {home: failing(ix.judgements(home)) for home in homes}
    ix.prefetch([f["id"] for found in failing_at.values() for f in found]
                + [link["link_id"] for link in every_link if failing_at[link["home_id"]]])
    failing_at = {home: ix.with_evidence(found) for home, found in failing_at.items()}
    for person in people:
        kept = []
        for link in links_of[person]:
            home = link["home_id"]
            if not failing_at[home]:
                continue
            found = [f | {"during": _during(f["date"], link["from"], link["to"])}
                     for f in failing_at[home]]
            found = [f for f in found if during == "any" or f["during"]]
            if found:
                kept.append(link | {"home": ix.caption(link["home_id"]), "failing": found,
                                    "evidence": ix.evidence(link["link_id"])})
        home_ids = sorted({link["home_id"] for link in kept})
        if not home_ids:
            continue
        kept.sort(key=lambda k: (k["home_id"], k["link_id"], k["runs_id"] or ""))
        node = ix.node(person)
        rows.append({"person_id": person, "person": node.get("name"),
                     "roles": node.get("roles"), "homes": len(home_ids),
                     "home_ids": home_ids, "links": kept, "evidence": None})
    ix.prefetch([r["person_id"] for r in rows])
    for row in rows:
        row["evidence"] = ix.evidence(row["person_id"])
    rows.sort(key=lambda r: (-r["homes"], r["person"] is None, r["person"] or "",
                             r["person_id"]))
    return rows
