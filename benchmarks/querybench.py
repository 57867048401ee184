"""Latency of every catalog query (``queries.catalog``) over many random parameters.

Parameters are drawn from the store itself, as a user would type them: a home's URN, a
council's or provider's name, a person's ID, a date in the data's years, an int within its
bounds, any of a choice's values. Half the homes and people are drawn from those that
have staff moves, so that move queries do real work, and a second home is, half the time,
one to three moves from the first (so paths exist). Required parameters are always set;
each optional one half the time. The first call of each query is timed apart (it builds
the shared indexes and, for the first query, loads the graph).
"""

from __future__ import annotations

import random
import statistics
import time
from typing import Any


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


class Sampler:
    """Random parameter values drawn from one store."""

    def __init__(self, store: Any, rng: random.Random) -> None:
        self.rng = rng
        rows = store.sql("SELECT id, label, caption FROM nodes WHERE label IN "
                         "('Home','Council','Provider','Person','Document')")
        self.ids: dict[str, list[tuple[str, str | None]]] = {}
        for node_id, label, caption in rows:
            self.ids.setdefault(label, []).append((node_id, caption))
        moved = store.sql("SELECT src, dst FROM edges WHERE type = 'STAFF_MOVE' ORDER BY id")
        self.moved_homes = sorted({x for pair in moved for x in pair})
        self.near: dict[str, list[str]] = {}
        for src, dst in moved:
            self.near.setdefault(src, []).append(dst)
            self.near.setdefault(dst, []).append(src)
        people = store.sql("SELECT src FROM edges WHERE type = 'MANAGED'")
        self.managers = sorted({p for (p,) in people})
        regions = store.sql("SELECT DISTINCT json_extract(props, '$.region') FROM nodes "
                            "WHERE label = 'Home'")
        self.regions = sorted(r for (r,) in regions if r)

    def _entity(self, label: str, preferred: list[str]) -> str | None:
        if preferred and self.rng.random() < 0.5:
            return self.rng.choice(preferred)
        pool = self.ids.get(label) or []
        return self.rng.choice(pool)[0] if pool else None

    def value(self, param: Any) -> Any:
        kind = param.type
        if kind == "urn":
            home = self._entity("Home", self.moved_homes)
            return home.split(":", 1)[1] if home else None
        if kind in ("council", "provider"):
            label = kind.capitalize()
            pool = self.ids.get(label) or []
            if not pool:
                return None
            node_id, caption = self.rng.choice(pool)
            return caption or node_id
        if kind == "person":
            return self._entity("Person", self.managers)
        if kind == "document":
            return self._entity("Document", [])
        if kind == "date":
            return f"{self.rng.randint(2015, 2024)}-{self.rng.randint(1, 12):02d}-01"
        if kind == "int":
            low = param.min if param.min is not None else 0
            default = param.default if isinstance(param.default, int) else low + 5
            high = min(param.max if param.max is not None else default * 2, max(default * 2,
                                                                                 low + 1))
            return self.rng.randint(low, max(low, high))
        if kind == "choice":
            return self.rng.choice(param.choices) if param.choices else None
        if param.name == "region" and self.regions:
            return self.rng.choice(self.regions)
        return None

    def walk(self, urn: str) -> str | None:
        """A home one to three staff moves away from home ``urn`` (so that a path exists)."""
        node = f"home:{urn}"
        for _ in range(self.rng.randint(1, 3)):
            if node not in self.near:
                break
            node = self.rng.choice(self.near[node])
        return node.split(":", 1)[1] if node != f"home:{urn}" else None

    def params(self, query: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_home = None
        for param in query.params:
            if param.required or self.rng.random() < 0.5:
                value = self.value(param)
                if param.type == "urn" and first_home and self.rng.random() < 0.5:
                    value = self.walk(first_home) or value  # a second home, connected
                if value is not None:
                    out[param.name] = value
                    first_home = first_home or (value if param.type == "urn" else None)
        if "from" in out and "to" in out and query.param("from").type == "date" \
                and out["from"] > out["to"]:
            out["from"], out["to"] = out["to"], out["from"]
        return out


def bench_queries(store: Any, samples: int = 200, seed: int = 1,
                  budget_s: float = 30.0) -> dict[str, dict[str, Any]]:
    """Per query: first-call, median, p95 and max latency (ms) over ``samples`` calls (fewer,
    but at least 20, when the calls after the first would take more than ``budget_s``
    seconds in all)."""
    from graph.errors import InspectionGraphError
    from queries.catalog import catalog, run

    rng = random.Random(seed)
    sampler = Sampler(store, rng)
    results = {}
    for query in catalog():
        times, errors, empty, first = [], 0, 0, None
        spent = 0.0
        for n in range(samples + 1):
            if n > 20 and spent > budget_s:
                break
            params = sampler.params(query)
            started = time.perf_counter()
            try:
                result = run(store, query.name, params)
                empty += not result.rows
            except InspectionGraphError:
                errors += 1  # e.g. a required home that has no record: still timed
            elapsed = (time.perf_counter() - started) * 1000
            if n == 0:
                first = elapsed  # not in the budget: it may load the whole graph
            else:
                spent += elapsed / 1000
                times.append(elapsed)
        results[query.name] = {
            "first_ms": round(first or 0, 1), "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(_percentile(times, 0.95), 2), "max_ms": round(max(times), 1),
            "calls": len(times), "errors": errors, "empty": empty}
    return results
