"""Per-store indexes the embedded query implementations share, built once and cached on
the store, and the row pieces several queries return (moves, judgements, evidence).

Every piece here has a twin in the ``.cypher`` files; keep them in step (the live Neo4j
tests compare the rows). Dates are ISO strings throughout.

>>> claim_window("2019-07-16", "month")
('2019-07-01', '2019-07-31')
>>> claim_matches_dates(("2019-01-08", "2019-01-08"), ("2019-01-06", "2019-01-07"))
True
>>> move_key({"earliest": "2020-01-23", "sort_date": "2020-01-24"})
'2020-01-24'
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, cached_property, lru_cache
from typing import Any

from graph.model import model

#: A claim matches an inspection whose dates lie within this many days of the claimed
#: date (the 2016-18 statistics give a visit's last day, documents often its first).
TOLERANCE_DAYS = 3


@lru_cache(maxsize=1 << 16)
def _day(value: str) -> dt.date:
    """The date an ISO date or datetime string begins with (cached: a graph has a few
    thousand distinct days, and claims are checked against them hundreds of thousands of
    times)."""
    return dt.date.fromisoformat(value[:10])


def claim_window(date: str, precision: str | None) -> tuple[str, str]:
    """The days a claim's date covers: the day, the month or the year it names."""
    day = _day(date)
    if precision == "month":
        first = day.replace(day=1)
        after = (first.replace(year=first.year + 1, month=1) if first.month == 12
                 else first.replace(month=first.month + 1))
        return first.isoformat(), (after - dt.timedelta(days=1)).isoformat()
    if precision == "year":
        return day.replace(month=1, day=1).isoformat(), day.replace(month=12, day=31).isoformat()
    return day.isoformat(), day.isoformat()


def inspection_span(node: dict[str, Any]) -> tuple[str | None, str | None]:
    """First and last day of an inspection as recorded (either may be all we know)."""
    lo = node.get("start_date") or node.get("date") or node.get("end_date")
    hi = node.get("end_date") or node.get("date") or node.get("start_date")
    return lo, hi


def claim_matches_dates(window: tuple[str, str], span: tuple[str | None, str | None]) -> bool:
    """True when an inspection's span, widened by TOLERANCE_DAYS, meets the claim's window."""
    if span[0] is None or span[1] is None:
        return False
    slack = dt.timedelta(days=TOLERANCE_DAYS)
    return _day(window[0]) <= _day(span[1]) + slack and _day(window[1]) >= _day(span[0]) - slack


def move_key(props: dict[str, Any]) -> str | None:
    """The date a move is placed at in time: exact date, else sort_date, else a bound."""
    return (props.get("date") or props.get("sort_date") or props.get("earliest")
            or props.get("latest"))


def days_between(a: str, b: str) -> int:
    return abs((_day(a) - _day(b)).days)


class GraphIndex:
    """Adjacency by type over the embedded store's networkx view, built lazily."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.g = store.graph
        self._nodes = self.g._node  # networkx's own node -> attributes dict (fast lookups)
        self._prov: dict[str, list[dict[str, Any]]] = {}
        self._history: dict[str, list[dict[str, Any]]] = {}
        self._judgements: dict[str, list[dict[str, Any]]] = {}
        self._memo: dict[Any, Any] = {}
        self._move_rows: dict[str, dict[str, Any]] = {}

    def memo(self, key: Any, compute: Any) -> Any:
        """``compute()`` once per ``key`` for the life of the store (it never changes)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # -- adjacency ---------------------------------------------------------------------
    @cached_property
    def by_type(self) -> dict[str, list[tuple[str, str, str, dict[str, Any]]]]:
        """Every relationship as (id, src, dst, props), grouped by type, sorted by ID."""
        out: dict[str, list] = defaultdict(list)
        for src, dst, key, data in self.g.edges(keys=True, data=True):
            out[data["type"]].append((key, src, dst, data))
        for edges in out.values():
            edges.sort()
        return out

    def _group(self, rel_type: str, end: int) -> dict[str, list]:
        grouped: dict[str, list] = defaultdict(list)
        for edge in self.by_type.get(rel_type, ()):
            grouped[edge[end]].append(edge)
        return grouped

    @cached_property
    def moves_out(self) -> dict[str, list]:
        return self._group("STAFF_MOVE", 1)

    @cached_property
    def moves_in(self) -> dict[str, list]:
        return self._group("STAFF_MOVE", 2)

    @cached_property
    def inspections_of(self) -> dict[str, list]:
        return self._group("OF", 2)

    @cached_property
    def claims_about(self) -> dict[str, list]:
        return self._group("CLAIMS", 2)

    @cached_property
    def located(self) -> dict[str, list]:
        return self._group("LOCATED_IN", 1)

    @cached_property
    def in_council(self) -> dict[str, list]:
        return self._group("LOCATED_IN", 2)

    @cached_property
    def runs_home(self) -> dict[str, list]:
        return self._group("RUNS", 2)

    @cached_property
    def runs_provider(self) -> dict[str, list]:
        return self._group("RUNS", 1)

    @cached_property
    def council_providers(self) -> dict[str, list]:
        return self._group("IS_COUNCIL", 2)

    @cached_property
    def managed_by(self) -> dict[str, list]:
        return self._group("MANAGED", 1)

    @cached_property
    def managed_at(self) -> dict[str, list]:
        return self._group("MANAGED", 2)

    @cached_property
    def responsible_for(self) -> dict[str, list]:
        return self._group("RESPONSIBLE_FOR", 1)

    @cached_property
    def homes(self) -> list[str]:
        return sorted(n for n, d in self.g.nodes(data=True) if d.get("label") == "Home")

    def node(self, node_id: str) -> dict[str, Any]:
        return self._nodes.get(node_id) or {}

    def label(self, node_id: str) -> str | None:
        return self.node(node_id).get("label")

    def caption(self, node_id: str) -> str:
        """How a row names a home: its URN, else its name, else its ID."""
        node = self.node(node_id)
        return node.get("urn") or node.get("name") or node_id

    def evidence(self, owner: str) -> list[dict[str, Any]]:
        """Provenance of a node or relationship: source, locator, quote, rule, confidence."""
        if owner not in self._prov:
            self._prov[owner] = self.store.provenance(owner)
        return self._prov[owner]

    def prefetch(self, owners: list[str]) -> None:
        """Read the provenance of many owners at once (what :meth:`evidence` then returns)."""
        missing = [o for o in dict.fromkeys(owners) if o not in self._prov]
        keys = ("source", "locator", "quote", "rule", "confidence")
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            found: dict[str, list[dict[str, Any]]] = {o: [] for o in chunk}
            marks = ",".join("?" * len(chunk))
            for owner, *values in self.store.sql(
                    "SELECT owner, source, locator, quote, rule, confidence FROM provenance "
                    f"WHERE owner IN ({marks}) ORDER BY owner, seq", tuple(chunk)):
                found[owner].append(dict(zip(keys, values, strict=True)))
            self._prov.update(found)

    # -- rows ------------------------------------------------------------------------------
    def move_row(self, edge: tuple[str, str, str, dict[str, Any]]) -> dict[str, Any]:
        """A STAFF_MOVE as a row (twin of the ``move`` map in the Cypher files); a copy of
        the row built the first time."""
        row = self._move_rows.get(edge[0])
        if row is None:
            row = self._move_rows[edge[0]] = self._build_move_row(edge)
        return dict(row)

    def _build_move_row(self, edge: tuple[str, str, str, dict[str, Any]]) -> dict[str, Any]:
        edge_id, src, dst, m = edge
        person = m.get("person")
        return {
            "move_id": edge_id, "date": m.get("date"), "earliest": m.get("earliest"),
            "latest": m.get("latest"), "sort_date": m.get("sort_date"),
            "from_id": src, "from_home": self.caption(src),
            "to_id": dst, "to_home": self.caption(dst),
            "person_id": person,
            "person": m.get("person_name") or (self.node(person).get("name") if person else None),
            "role": m.get("role"), "quote": m.get("quote"), "document_id": m.get("document"),
            "derived_from": m.get("derived_from"), "evidence": self.evidence(edge_id),
        }

    def _inspection_judgement(self, inspection_id: str) -> dict[str, Any]:
        i = self.node(inspection_id)
        return {"kind": "inspection", "id": inspection_id, "date": i.get("date"),
                "end_date": i.get("end_date"), "event": i.get("event"), "type": i.get("type"),
                "judgement": i.get("overall"), "score": i.get("overall_score"),
                "scale": i.get("scale"), "source": i.get("source_kind"), "document_id": None,
                "evidence": None}

    def judgements(self, subject: str) -> list[dict[str, Any]]:
        """:meth:`history` without its evidence (``evidence`` is None in each entry): what
        a query that keeps only a few entries reads first, to fetch the evidence of just
        those. Cached; callers must not change the entries."""
        if subject in self._judgements:
            return self._judgements[subject]
        inspections = [self.node(e[1]) | {"id": e[1]} for e in self.inspections_of.get(subject, ())]
        out = [self._inspection_judgement(i["id"]) for i in inspections
               if i.get("overall_score") is not None and i.get("date")]
        for edge_id, doc, _, c in self.claims_about.get(subject, ()):
            if c.get("score") is None or not c.get("date"):
                continue
            window = claim_window(c["date"], c.get("precision"))
            if any(claim_matches_dates(window, inspection_span(i)) for i in inspections):
                continue
            out.append({"kind": "claim", "id": edge_id, "date": c["date"], "end_date": None,
                        "event": None, "type": None, "judgement": c.get("judgement"),
                        "score": c["score"], "scale": c.get("scale"), "source": "document",
                        "document_id": doc, "evidence": None})
        out.sort(key=lambda j: (j["date"], j["id"]))
        self._judgements[subject] = out
        return out

    def with_evidence(self, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Copies of judgement entries (from :meth:`judgements`) with their evidence,
        read in one batch."""
        self.prefetch([j["id"] for j in entries])
        return [j | {"evidence": self.evidence(j["id"])} for j in entries]

    def prefetch_histories(self, subjects: Iterable[str]) -> None:
        """Read at once the provenance :meth:`history` needs for each of ``subjects``
        (one query per 500 owners, where one by one it would be one per subject)."""
        self.prefetch([j["id"] for subject in subjects if subject not in self._history
                       for j in self.judgements(subject)])

    def history(self, subject: str) -> list[dict[str, Any]]:
        """A home's (or council's) judgements in date order: every inspection with an
        overall score, and every dated document claim about a time no inspection on record
        covers (no inspection's days, widened by TOLERANCE_DAYS, meet the claim's window):
        where a record exists it speaks, whether the claim agrees (verify-claims says).
        Sorted by (date, id); each entry with its evidence."""
        if subject not in self._history:
            self._history[subject] = self.with_evidence(self.judgements(subject))
        return self._history[subject]


def index_for(store: Any) -> GraphIndex:
    """The store's :class:`GraphIndex`, built on first use and kept on the store."""
    index = getattr(store, "_query_graph_index", None)
    if index is None:
        long_lived = getattr(store, "long_lived", contextlib.nullcontext)
        with long_lived():
            index = GraphIndex(store)
        store._query_graph_index = index
    return index


_ID_SUFFIXES = ("_id", "_ids")


@cache
def _prefixes() -> tuple[frozenset[str], frozenset[str]]:
    m = model()
    return frozenset(label.id_prefix for label in m.labels.values()), frozenset(m.relationships)


def collect_ids(rows: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """Node IDs and relationship IDs found under ``id``/``*_id``/``*_ids`` keys, sorted.

    >>> collect_ids([{"move_id": "STAFF_MOVE:home:A->home:B|person:x", "from_id": "home:A",
    ...               "steps": [{"person_id": "person:x"}], "quote": "home:not-an-id"}])
    (['home:A', 'person:x'], ['STAFF_MOVE:home:A->home:B|person:x'])
    """
    node_prefixes, rel_types = _prefixes()
    nodes: set[str] = set()
    rels: set[str] = set()

    def classify(value: str) -> None:
        prefix = value.split(":", 1)[0]
        if prefix in rel_types:
            rels.add(value)
        elif prefix in node_prefixes:
            nodes.add(value)

    def visit_list(items: list, id_key: bool) -> None:
        for item in items:
            kind = type(item)
            if kind is str:
                if id_key:
                    classify(item)
            elif kind is dict:
                visit_dict(item)
            elif kind is list:
                visit_list(item, id_key)

    def visit_dict(row: dict) -> None:
        for key, value in row.items():
            kind = type(value)
            if kind is str:
                if key == "id" or key.endswith(_ID_SUFFIXES):
                    classify(value)
            elif kind is dict:
                visit_dict(value)
            elif kind is list and key != "evidence":  # provenance names no entities
                visit_list(value, key == "id" or key.endswith(_ID_SUFFIXES))

    for row in rows:
        visit_dict(row)
    return sorted(nodes), sorted(rels)
