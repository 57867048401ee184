"""Time each explorer page on a real store with Streamlit's AppTest and print a table.

Usage::

    .venv/bin/python benchmarks/explorer_pages.py --store /tmp/e [--runs 3]

After one visit that imports the explorer and opens the store, for each page: the first
visit ("cold": it fills the result caches) and the best of ``--runs`` later visits
("warm": what a user sees once the store is loaded). AppTest runs the page's script in
this process, so the figures are server time — what Streamlit spends before it sends the
page — not the browser's drawing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _pages(store_dir: Path) -> list[tuple[str, str | None, dict[str, str], object]]:
    """(name, page file, query params, action after the first run) for every page."""
    from graph.store import EmbeddedStore

    with EmbeddedStore(store_dir) as store:
        person = next(iter(store.nodes("Person")), None)
        providers = {}
        for edge in store.edges("RUNS"):
            providers[edge["src"]] = providers.get(edge["src"], 0) + 1
        councils = {}
        for edge in store.edges("LOCATED_IN"):
            councils[edge["dst"]] = councils.get(edge["dst"], 0) + 1
    biggest = max(providers, key=providers.get)
    council = max(councils, key=councils.get)

    def search(at):
        at.text_input(key="search_q").set_value("SC 36243").run()

    def query(at):
        if at.selectbox:
            at.selectbox(key="catalog_query").select("home-timeline").run()
            at.text_input[0].set_value("SC036243")
            at.button[0].click().run()

    pages = [
        ("Overview", None, {}, None),
        ("Search: SC 36243", "explorer/search.py", {}, search),
        ("Home SC036243", None, {"urn": "SC036243"}, None),
        (f"Provider (largest: {providers[biggest]} homes)", None,
         {"provider": biggest.split(":", 1)[1]}, None),
        (f"Council (most homes: {councils[council]})", None,
         {"council": council.split(":", 1)[1]}, None),
        ("Staff moves", "explorer/movement.py", {}, None),
        ("Queries: home-timeline", "explorer/catalog.py", {}, query),
        ("Review", "explorer/review.py", {}, None),
        ("Add documents", "explorer/upload.py", {}, None),
    ]
    if person:
        pages.insert(3, (f"Person ({person.get('name')})", None,
                         {"person": person["id"].split(":", 1)[1]}, None))
    return pages


def _visit(page: str | None, params: dict[str, str], action) -> tuple[float, int]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    started = time.perf_counter()
    at.run()
    if page:
        started = time.perf_counter()
        at.switch_page(page).run()
    if action:
        started = time.perf_counter()
        action(at)
    seconds = time.perf_counter() - started
    problems = len(at.exception) + len(at.error)
    return seconds, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["INSPECTION_GRAPH_STORE"] = str(args.store.resolve())
    os.environ.pop("INSPECTION_GRAPH_BACKEND", None)
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    _visit("explorer/upload.py", {}, None)  # load the explorer's modules and open the store
    rows = []
    for name, page, params, action in _pages(args.store):
        cold, problems = _visit(page, params, action)
        warm = min(_visit(page, params, action)[0] for _ in range(args.runs))
        rows.append((name, cold, warm, problems))
    width = max(len(r[0]) for r in rows)
    print(f"| {'Page'.ljust(width)} | first visit (s) | later visits (s) | problems |")
    print(f"|{'-' * (width + 2)}|----------------:|-----------------:|---------:|")
    for name, cold, warm, problems in rows:
        print(f"| {name.ljust(width)} | {cold:15.2f} | {warm:16.2f} | {problems:8d} |")
    return 0 if all(r[3] == 0 for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
