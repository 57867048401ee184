"""Prototype speed-ups of the build, applied as patches in a child process (the real modules
are not edited). Each variant builds a store and prints JSON with its timings, content
hash, counts and provenance rows, so ``compare.py`` can check that a variant gives the
same graph (same content hash) and what it saves.

Usage: python benchmarks/experiments/variants.py VARIANT[+VARIANT...] STORE PATH [PATH ...]

Variants:
- ``baseline``: ``graph.build.build`` as it is.
- ``gc``: the cyclic garbage collector paused during the build (every object the build
  makes lives until the store is written; generation-2 passes rescan them all, again and
  again, for nothing).
- ``merge``: a faster ``Assembly._merge`` (policies looked up once per label, a fast path
  for "latest", no second call for a property seen before). Same semantics.
- ``dedupe``: a loader's records that repeat the previous record of the same entity in
  the same file exactly (a Council node on every row of its council, the same Provider
  node on every row of its homes, IS_COUNCIL per row) are dropped before assembly, and
  the "first_seen/last_seen" Home record is folded into the row's Home record. Same nodes
  and relationships; fewer provenance rows (one per file and entity, not one per row).
- ``parallel``: the files are loaded in 2 worker processes (fork), records sent back.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import sys
import time
from pathlib import Path

started = time.perf_counter()
import graph.build as gb  # noqa: E402
from graph import assemble  # noqa: E402
from graph.records import Edge, Node  # noqa: E402

_MISSING = object()
_POLICIES: dict[int, dict[str, str]] = {}


def fast_merge(self, target, specs, props, prov, as_of):
    self._seq += 1
    stamp = (as_of or "", self._seq)
    current, stamps = target.props, target.stamps
    policies = _POLICIES.get(id(specs))
    if policies is None:
        policies = _POLICIES[id(specs)] = {n: s.merge for n, s in specs.items()}
    for name, value in props.items():
        if not value and (value is None or value == "" or value == [] or value == {}):
            continue
        policy = policies.get(name, "latest")
        old = current.get(name, _MISSING)
        if old is _MISSING:
            stamps[name] = stamp
            if policy == "union":
                current[name] = []
                assemble._merge_value(target, specs.get(name), name, value, stamp)
            elif policy == "history":
                current[name] = dict(value)
            else:
                current[name] = value
        elif policy == "latest":
            if stamp >= stamps.get(name, ("", -1)):
                current[name] = value
                stamps[name] = stamp
        elif policy == "history":
            old.update(value)
        else:
            assemble._merge_value(target, specs.get(name), name, value, stamp)
    if prov is not None:
        target.prov[prov] = None


def _key(record) -> tuple:
    items = tuple((k, tuple(v) if isinstance(v, list) else
                   (json.dumps(v, sort_keys=True) if isinstance(v, dict) else v))
                  for k, v in record.props.items())
    return type(record).__name__, record.id, record.as_of, items


def dedupe(records: list) -> list:
    """Drop records that repeat the previous record of the same entity in the file (so
    "latest" values come out the same); fold first/last seen into the row's Home."""
    seen: dict = {}
    out: list = []
    last_home = None
    for r in records:
        if isinstance(r, Node) and r.label == "Home" and r.prov is None \
                and last_home is not None and last_home.id == r.id \
                and set(r.props) == {"first_seen", "last_seen"}:
            last_home.props = {**last_home.props, **r.props}
            continue
        if (isinstance(r, Node) and r.label in ("Council", "Provider")) or \
                (isinstance(r, Edge) and r.type == "IS_COUNCIL"):
            key = _key(r)
            if seen.get(r.id) == key:
                continue
            seen[r.id] = key
        if isinstance(r, Node) and r.label == "Home":
            last_home = r
        out.append(r)
    return out


def _load_records(source):
    from loaders.registry import recognise

    module = recognise(source)
    return list(module.load(source)) if module else None


def main() -> None:
    variants = set(sys.argv[1].split("+"))
    store, paths = Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]]
    if "gc" in variants:
        gc.disable()
    if "merge" in variants:
        assemble.Assembly._merge = fast_merge
    loaded: dict = {}
    if "parallel" in variants:
        import multiprocessing as mp

        sources = [s for s in gb.discover(paths) if not gb._skipped(s.path)]
        with mp.get_context("fork").Pool(2) as pool:
            for source, records in zip(sources, pool.map(_load_records, sources, chunksize=1),
                                       strict=True):
                loaded[source.name] = records
    if "dedupe" in variants or loaded:
        import loaders.registry as registry

        original = registry.recognise

        def recognise(source):
            module = original(source)
            if module is None:
                return None

            class Wrapped:
                KIND = module.KIND

                @staticmethod
                def load(src):
                    records = loaded.get(src.name)
                    if records is None:
                        records = list(module.load(src))
                    return dedupe(records) if "dedupe" in variants else records
            return Wrapped
        gb.recognise = recognise
    report = gb.build(paths, store)
    con = sqlite3.connect(store / "graph.sqlite")
    prov_rows = con.execute("SELECT count(*) FROM provenance").fetchone()[0]
    con.close()
    print(json.dumps({"variant": sys.argv[1], "build_s": round(report.seconds, 3),
                      "total_s": round(time.perf_counter() - started, 3),
                      "content_hash": report.meta["content_hash"], "counts": report.counts,
                      "provenance_rows": prov_rows,
                      "store_mib": round((store / "graph.sqlite").stat().st_size / 2**20, 1)}))


if __name__ == "__main__":
    main()
