"""Child process of the benchmark: time every catalog query on one store, print JSON.

Usage: python benchmarks/query_once.py STORE [SAMPLES] [SEED] [BUDGET_SECONDS]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from querybench import bench_queries

from graph.store import EmbeddedStore

samples = int(sys.argv[2]) if len(sys.argv) > 2 else 200
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
budget = float(sys.argv[4]) if len(sys.argv) > 4 else 30.0
try:
    import queries.catalog  # noqa: F401
except ImportError as exc:  # the catalog is not in this tree yet
    print(json.dumps({"available": False, "reason": str(exc)}))
    sys.exit(0)
with EmbeddedStore(sys.argv[1]) as store:
    print(json.dumps({"available": True, "queries": bench_queries(store, samples, seed, budget)}))
