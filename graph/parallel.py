"""Read many documents in worker processes while the build assembles, in the files' order.

A build reads files one by one and merges their records in order (so that "latest" ties
break the same way every time). Reading a report (extracting its text and finding homes,
people, dates and judgements) costs about 1.5 ms of CPU for a few dozen records, so a
sector's worth of reports (27,000 at England's size) is most of a build; reading them in
other processes while this one merges roughly halves that on 2 cores. CSV files stay in
this process: sending their records back (pickling) costs more than reading them
(measured in docs/benchmarks.md).

Results come back in the order of the files, chunk by chunk, with at most a few chunks in
flight, so memory stays bounded and the graph is the same as a serial build's.

>>> from loaders.base import Source
>>> from pathlib import Path
>>> [r.status for r in read_in_order([Source(Path("/nonexistent/README"), "README")], 2)]
['skipped']
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from graph import settings
from loaders.base import Source

#: Fewer documents than this are read here: starting workers costs more than they save.
MIN_POOLED = 400
#: Documents per task sent to a worker, and tasks in flight per worker.
CHUNK = 64
AHEAD = 2


def workers() -> int:
    """Worker processes for reading documents: ``INSPECTION_GRAPH_WORKERS``, else the CPUs
    this process may use (at most 8); 1 reads everything here."""
    written = settings.get("workers")
    if written:
        try:
            return max(1, int(written))
        except ValueError:
            raise ValueError(f"INSPECTION_GRAPH_WORKERS must be a whole number, not "
                             f"{written!r}") from None
    return max(1, min(8, len(os.sched_getaffinity(0))))


def _pooled(source: Source) -> bool:
    """A document (not a table): worth reading in another process."""
    from loaders import documents
    from loaders.registry import recognise

    try:
        return recognise(source) is documents
    except OSError:
        return False  # read_file reports it


def _read_chunk(sources: list[Source]) -> list:
    from graph.build import read_file

    return [read_file(source) for source in sources]


def read_in_order(sources: list[Source], n_workers: int) -> Iterator:
    """What ``graph.build.read_file`` gives for each source, in order; documents are read
    by ``n_workers`` processes when there are at least ``MIN_POOLED`` of them."""
    from graph.build import read_file

    pooled = ({i for i, s in enumerate(sources) if _pooled(s)}
              if n_workers > 1 and len(sources) >= MIN_POOLED else set())
    if len(pooled) < MIN_POOLED:
        yield from map(read_file, sources)
        return
    order = [sources[i] for i in sorted(pooled)]
    chunks = iter([order[i:i + CHUNK] for i in range(0, len(order), CHUNK)])
    # forkserver: workers start from a clean process, never from a copy of a threaded one
    # (the explorer rebuilds from a Streamlit thread)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(n_workers, mp_context=context) as pool:
        in_flight: deque[Future] = deque()
        ready: deque = deque()

        def top_up() -> None:
            while len(in_flight) < n_workers * AHEAD and (chunk := next(chunks, None)):
                in_flight.append(pool.submit(_read_chunk, chunk))

        top_up()
        for index, source in enumerate(sources):
            if index not in pooled:
                yield read_file(source)
                continue
            if not ready:
                ready.extend(in_flight.popleft().result())
                top_up()
            yield ready.popleft()
