"""Push throughput into Neo4j by batch size (``graph.store.neo4j_write.push``).

Usage::

    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... \\
        .venv/bin/python benchmarks/neo4j_push.py STORE [--batch-sizes 100,1000,5000]

With a Neo4j (``NEO4J_URI`` set): one full push per batch size (the first creates, later
ones MERGE over the same IDs, as a re-push after a rebuild does), timed end to end, in
rows (nodes + relationships) per second. Without one, ``--client-only`` times the client's
share alone — reading the store, building the MERGE rows, batching — by handing each batch
to a sink that counts it instead of sending it: the most a push could ever reach on this
machine, whatever the server. Both modes print JSON lines.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import contextmanager
from typing import Any


class _CountingTx:
    """Stands in for the server in --client-only mode: says every row was written."""

    def run(self, query: str, params: dict[str, Any]) -> _CountingTx:
        self.rows = len(params.get("rows") or [])
        return self

    def single(self) -> dict[str, int]:
        return {"written": self.rows}

    def consume(self) -> None:
        return None

    def __iter__(self):
        return iter(())


class _CountingSession:
    def execute_write(self, fn, *args):
        return fn(_CountingTx(), *args)

    execute_read = execute_write


@contextmanager
def _counting_session():
    yield _CountingSession()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("store")
    parser.add_argument("--batch-sizes", default="100,500,1000,2000,5000,10000")
    parser.add_argument("--client-only", action="store_true",
                        help="No server: time the client's share of a push.")
    args = parser.parse_args()
    from graph.store import EmbeddedStore
    from graph.store.neo4j_write import Neo4jWriter, push

    uri = os.environ.get("NEO4J_URI")
    if not uri and not args.client_only:
        print(json.dumps({"available": False,
                          "reason": "NEO4J_URI is not set (use --client-only)"}))
        return 0
    driver = None
    if uri and not args.client_only:
        from graph.store.neo4j_store import open_driver

        driver = open_driver(uri, os.environ.get("NEO4J_USER"),
                             os.environ.get("NEO4J_PASSWORD"))
    with EmbeddedStore(args.store) as store:
        counts = store.counts()
        rows = sum(counts["nodes"].values()) + sum(counts["relationships"].values())
        for size in (int(s) for s in args.batch_sizes.split(",")):
            session = driver.session if driver else _counting_session
            writer = Neo4jWriter(session, batch_size=size)
            started = time.perf_counter()
            report = push(store, writer, prune=True)
            seconds = time.perf_counter() - started
            print(json.dumps({"mode": "client-only" if driver is None else "neo4j",
                              "batch_size": size, "rows": rows, "seconds": round(seconds, 2),
                              "rows_per_s": round(rows / seconds), "retries": report.retries}),
                  flush=True)
    if driver is not None:
        driver.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
