"""Child process of the benchmark: open a store the way a reader does, print timings.

``open_s``: import the store module, open the SQLite file read-only and count nodes and
relationships (what ``inspection-graph stats`` and every page needs first);
``graph_s``: then load the whole graph into networkx (what traversing queries need).

Usage: python benchmarks/open_once.py STORE
"""

from __future__ import annotations

import json
import sys
import time

started = time.perf_counter()
from graph.store import EmbeddedStore  # noqa: E402

imported = time.perf_counter()
store = EmbeddedStore(sys.argv[1])
counts = store.counts()
opened = time.perf_counter()
graph = store.graph
loaded = time.perf_counter()
print(json.dumps({
    "import_s": round(imported - started, 3),
    "open_s": round(opened - started, 3),
    "graph_s": round(loaded - opened, 3),
    "nodes": sum(counts["nodes"].values()),
    "relationships": sum(counts["relationships"].values()),
}))
