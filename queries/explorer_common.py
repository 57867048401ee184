"""Small read helpers the explorer's views share: judgement bands, a home's latest
judgement, tenure windows, captions. They read only through
:class:`graph.store.base.GraphReader`, so they work on either backend.

>>> band({"overall": "Requires improvement to be good", "overall_score": 2, "scale": "full"})
'Requires improvement'
>>> band({"overall": "Declined in effectiveness", "overall_score": -1, "scale": "interim"})
'Declined in effectiveness'
>>> window({"from_earliest": "2019-01-01", "observed": ["2019-06-01", "2020-02-01"]})
('2019-01-01', '2020-02-01')
"""

from __future__ import annotations

from typing import Any

from graph.judgements import map_judgement
from graph.store.base import GraphReader

#: Display names of the full scale, best first, and the interim scale.
BANDS = ("Outstanding", "Good", "Requires improvement", "Inadequate",
         "Improved effectiveness", "Sustained effectiveness", "Declined in effectiveness")
_FULL = {4: "Outstanding", 3: "Good", 2: "Requires improvement", 1: "Inadequate"}
#: Colours by band (colour-blind-safe-ish: blue good, orange/red bad).
COLOURS = {
    "Outstanding": "#1a6faf", "Good": "#4aa3df", "Requires improvement": "#f0a030",
    "Inadequate": "#d7301f", "Improved effectiveness": "#7fbf7b",
    "Sustained effectiveness": "#b0b0b0", "Declined in effectiveness": "#e6550d",
    "Not inspected": "#dddddd",
}


def band(inspection: dict[str, Any]) -> str | None:
    """The judgement band of an inspection: the full scale in four words, or the interim
    outcome; ``None`` when it has no judgement."""
    scale, score = inspection.get("scale"), inspection.get("overall_score")
    if scale == "full" and score in _FULL:
        return _FULL[score]
    judged = map_judgement(inspection.get("overall"))
    if judged is None:
        return None
    if judged.scale == "full":
        return _FULL.get(judged.score)
    return judged.canonical if judged.scale == "interim" else None


def caption(node: dict[str, Any] | None, fallback: str = "") -> str:
    """How an entity is named on screen: a home by URN (and name), others by name."""
    if not node:
        return fallback
    if node.get("label") == "Home":
        urn, name = node.get("urn"), node.get("name")
        if urn and name and name != urn:
            return f"{urn} ({name})"
        aliases = node.get("aliases") or []
        if urn and aliases:
            return f"{urn} ({aliases[0]})"
        return str(urn or name or (aliases[0] if aliases else None) or node.get("id"))
    return str(node.get("name") or node.get("title") or node.get("urn") or node.get("date")
               or node.get("regulation") or node.get("id") or fallback)


def inspections_of(store: GraphReader, subject_id: str) -> list[dict[str, Any]]:
    """Every inspection of a home or council, oldest first, each with its band."""
    out = []
    for edge in store.edges("OF", dst=subject_id):
        node = store.node(edge["src"]) or {"id": edge["src"]}
        out.append({**node, "band": band(node)})
    out.sort(key=lambda i: (str(i.get("date") or ""), str(i.get("event") or ""), i["id"]))
    return out


def latest_full(inspections: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The latest inspection judged on the full scale (oldest-first input)."""
    full = [i for i in inspections if i.get("band") in _FULL.values()]
    return full[-1] if full else None


def latest_judgement(store: GraphReader, home_id: str) -> tuple[str | None, str | None]:
    """(band, date) of a home's latest full inspection, or (None, None)."""
    latest = latest_full(inspections_of(store, home_id))
    return (latest["band"], latest.get("date")) if latest else (None, None)


def council_of(store: GraphReader, home_id: str) -> dict[str, Any] | None:
    """The council whose area a home lies in (the latest one a source shows)."""
    edges = list(store.edges("LOCATED_IN", src=home_id))
    if not edges:
        return None
    edges.sort(key=lambda e: max(e.get("observed") or [""]))
    return store.node(edges[-1]["dst"])


def current_provider(store: GraphReader, home_id: str) -> dict[str, Any] | None:
    """The provider of a home's latest ownership spell."""
    spells = list(store.edges("RUNS", dst=home_id))
    if not spells:
        return None
    spells.sort(key=lambda e: (str(e.get("from") or ""), str(e.get("to") or "9999")))
    return store.node(spells[-1]["src"])


def window(tenure: dict[str, Any]) -> tuple[str | None, str | None]:
    """(start, end) of a tenure: exact dates where given, else the widest bounds, else the
    dates a source shows the person in post."""
    observed = sorted(str(d) for d in tenure.get("observed") or [] if d)
    start = (tenure.get("from") or tenure.get("from_earliest") or tenure.get("from_latest")
             or (observed[0] if observed else None))
    end = (tenure.get("to") or tenure.get("to_latest") or tenure.get("to_earliest")
           or (observed[-1] if observed else None))
    return start, end


def phase(date: str | None, start: str | None, end: str | None) -> str:
    """Where a date falls against a tenure's window. An open end is said, not guessed:
    with only a start, a later date is "during or after"; with only an end, an earlier
    date is "before or during".

    >>> [phase(d, "2019-01-01", "2019-12-31") for d in ("2018-05-01", "2019-06-01", "2020-02-01")]
    ['before', 'during', 'after']
    >>> phase("2024-01-24", "2019-11-12", None), phase("2017-06-13", None, "2019-11-12")
    ('during or after', 'before or during')
    """
    if not date:
        return "undated"
    if start and date < start:
        return "before"
    if end and date > end:
        return "after"
    if start and end:
        return "during"
    return "during or after" if start else "before or during" if end else "unknown"


def home_summary(store: GraphReader, home_id: str) -> dict[str, Any]:
    """One line about a home: caption, council, provider, status, latest judgement."""
    node = store.node(home_id) or {"id": home_id, "label": "Home"}
    council = council_of(store, home_id)
    provider = current_provider(store, home_id)
    latest_band, latest_date = latest_judgement(store, home_id)
    return {
        "id": home_id, "urn": node.get("urn"), "home": caption(node, home_id),
        "council": council.get("name") if council else node.get("local_authority"),
        "council_id": council["id"] if council else None,
        "provider": provider.get("name") if provider else None,
        "provider_id": provider["id"] if provider else None,
        "sector": node.get("sector"), "status": node.get("status"),
        "places": node.get("places"), "latest": latest_band, "latest_date": latest_date,
    }
