"""Prototype speed-ups of the build, applied as patches in a child process (the real modules
are not edited). Each variant builds a store and prints JSON with its timings, content
hash, counts and provenance rows, so ``compare.py`` can check that a variant gives the
same graph (same content hash) and what it saves.

Usage: python benchmarks/experiments/variants.py VARIANT[+VARIANT...] STORE PATH [PATH ...]

Variants:
- ``baseline``: ``graph.build.build`` as it is.
- ``parallel``: every file (CSVs included) loaded in 2 worker processes (fork), records
  sent back: measured slower for CSVs, so the build pools documents only
  (``graph.parallel``).

The variants measured first here and since made part of the build (issue 8, figures in
docs/benchmarks.md): ``gc`` (the cyclic GC paused: ``graph.build``), ``merge`` (the fast
path of ``Assembly._merge``) and ``dedupe`` (one record per entity per file:
``OfstedTable.repeats``).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

started = time.perf_counter()
import graph.build as gb  # noqa: E402


def _load_records(source):
    from loaders.registry import recognise

    module = recognise(source)
    return list(module.load(source)) if module else None


def main() -> None:
    variants = set(sys.argv[1].split("+"))
    unknown = variants - {"baseline", "parallel"}
    if unknown:
        sys.exit(f"unknown variant(s) {sorted(unknown)}: baseline, parallel (gc, merge and "
                 "dedupe are part of the build now)")
    store, paths = Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]]
    loaded: dict = {}
    if "parallel" in variants:
        import multiprocessing as mp

        sources = [s for s in gb.discover(paths) if not gb._skipped(s.path)]
        with mp.get_context("fork").Pool(2) as pool:
            for source, records in zip(sources, pool.map(_load_records, sources, chunksize=1),
                                       strict=True):
                loaded[source.name] = records
    if loaded:
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
                    return records
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
