"""The scale benchmark: build, memory, store, open, queries and the parse floor, per dataset.

Usage (from the project folder)::

    .venv/bin/python benchmarks/run.py --scales real,1,10 --json benchmarks/results.json

Datasets: ``real`` (the Ofsted files in ../shared/data/ofsted) and synthetic sectors of the
given scales (``inspection-graph synth``, cached under --work; reports included unless
--no-reports). For each: the build in a fresh process (wall and CPU time, peak RSS), the
store's size, opening it (fresh process, median of three), every catalog query's latency
over random parameters (fresh process), and the parse floor: pandas and pyarrow reading the
same CSVs in this process. Figures go to stdout as a table, and optionally to JSON.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import ROOT, machine, parse_floor, run_child, shown, size_mib

REAL = ROOT.parent / "shared" / "data" / "ofsted"
COLUMNS = (("dataset", "dataset", "{}"), ("input MiB", "input_mib", "{:.1f}"),
           ("rows", "csv_rows", "{}"), ("reports", "text_files", "{}"),
           ("nodes", "nodes", "{}"), ("rels", "relationships", "{}"),
           ("build s", "build_wall_s", "{:.1f}"), ("build cpu s", "build_cpu_s", "{:.1f}"),
           ("peak MiB", "build_rss_mib", "{:.0f}"), ("store MiB", "store_mib", "{:.1f}"),
           ("open s", "open_s", "{:.2f}"), ("graph s", "graph_s", "{:.2f}"),
           ("pandas s", "pandas_s", "{:.2f}"), ("pyarrow s", "pyarrow_s", "{:.2f}"),
           ("build/pandas", "x_pandas", "{:.1f}"), ("build/pyarrow", "x_pyarrow", "{:.1f}"))


def synthetic(work: Path, scale: float, seed: int, share: float, fresh: bool) -> dict:
    """Write (or reuse) the synthetic sector of (scale, seed) under ``work``, with
    ``share`` of its reports (0: none)."""
    from synth.generate import write_sector

    tag = "" if share >= 1 else ("-noreports" if share <= 0 else f"-reports{share:g}")
    folder = work / f"synth-{scale:g}-seed{seed}{tag}"
    summary_file = folder / ".truth" / "summary.json"
    if summary_file.is_file() and not fresh:
        summary = json.loads(summary_file.read_text())
        if summary.get("scale") == scale and summary.get("seed") == seed:
            return {"path": folder, "synth_s": None, **summary}
    shutil.rmtree(folder, ignore_errors=True)
    summary = write_sector(folder, scale, seed, reports=share > 0, report_share=min(share, 1))
    return {"path": folder, "synth_s": summary["seconds_total"], **summary}


def bench_dataset(name: str, paths: list[Path], work: Path, args: argparse.Namespace) -> dict:
    store = work / f"store-{name}"
    out: dict[str, Any] = {"dataset": name, "paths": [shown(p) for p in paths]}
    floor = parse_floor(paths, repeat=args.repeat)
    out.update(floor)
    builds = []
    for _ in range(args.repeat if floor["csv_rows"] < 200_000 else 1):
        shutil.rmtree(store, ignore_errors=True)
        builds.append(run_child("build_once.py", str(store), *map(str, paths),
                                timeout=args.build_timeout, limit_gib=args.limit_gib))
    middle = sorted(builds, key=lambda b: b["wall_s"])[len(builds) // 2]
    out.update(build_wall_s=middle["wall_s"], build_s=middle["build_s"],
               build_cpu_s=middle["cpu_s"], build_import_s=middle["import_s"],
               build_rss_mib=max(b["max_rss_mib"] for b in builds),
               build_walls=[b["wall_s"] for b in builds], exit_code=middle["exit_code"],
               files=middle["files"], files_rejected=middle["files_rejected"],
               rows_rejected=middle["rows_rejected"], counts=middle["counts"])
    out["store_mib"] = size_mib(store)
    opens = [run_child("open_once.py", str(store)) for _ in range(min(3, args.repeat))]
    out["open_s"] = statistics.median(o["open_s"] for o in opens)
    out["graph_s"] = statistics.median(o["graph_s"] for o in opens)
    out["nodes"], out["relationships"] = opens[0]["nodes"], opens[0]["relationships"]
    # the floor of a dataset with documents includes reading their text
    out["x_pandas"] = out["build_wall_s"] / max(floor["pandas_s"] + floor["text_s"], 1e-9)
    out["x_pyarrow"] = out["build_wall_s"] / max(floor["pyarrow_s"] + floor["text_s"], 1e-9)
    if args.queries:
        result = run_child("query_once.py", str(store), str(args.samples), str(args.seed),
                           str(args.query_budget))
        out["queries"] = result.get("queries")
        out["queries_note"] = None if result.get("available") else result.get("reason")
        out["query_rss_mib"] = result["max_rss_mib"]
    if not args.keep:
        shutil.rmtree(store, ignore_errors=True)
    return out


def _one(item: str, args: argparse.Namespace) -> dict | None:
    if item == "real":
        paths = args.real or [REAL]
        if not all(p.exists() for p in paths):
            print(f"real: skipped, no data at {paths}", flush=True)
            return None
        return bench_dataset("real", paths, args.work, args)
    scale, _, share_text = item.partition(":")
    share = (float(share_text) if share_text else 1.0) if args.reports else 0.0
    data = synthetic(args.work, float(scale), args.seed, share, args.fresh)
    row = bench_dataset(data["path"].name.replace(f"-seed{args.seed}", ""), [data["path"]],
                        args.work, args)
    row["synth_s"] = data["synth_s"]
    return row


def _table(rows: list[dict]) -> str:
    rows = [r for r in rows if "error" not in r]
    cells = [[title for title, _, _ in COLUMNS]]
    for row in rows:
        cells.append([fmt.format(row[key]) if row.get(key) is not None else "-"
                      for _, key, fmt in COLUMNS])
    widths = [max(len(r[i]) for r in cells) for i in range(len(COLUMNS))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True))
                     for r in cells)


def _query_table(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        if "error" in row:
            lines.append(f"{row['dataset']}: failed: {row['error']}")
            continue
        if not row.get("queries"):
            note = row.get("queries_note") or "not measured"
            lines.append(f"{row['dataset']}: queries {note}")
            continue
        lines.append(f"{row['dataset']} (ms)       first   median      p95      max  "
                     "calls  empty  errors")
        for name, q in row["queries"].items():
            lines.append(f"  {name:24} {q['first_ms']:8.1f} {q['median_ms']:8.2f} "
                         f"{q['p95_ms']:8.2f} {q['max_ms']:8.1f} {q['calls']:6} "
                         f"{q['empty']:6} {q['errors']:7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="real,1,10",
                        help="Comma-separated: real and/or synthetic scales, a scale optionally "
                        "with the share of reports to write (e.g. real,1,10:0.1).")
    parser.add_argument("--real", type=Path, action="append", help="Real data folder(s).")
    parser.add_argument("--work", type=Path, default=Path("/tmp/inspection-graph-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--samples", type=int, default=200, help="Calls per query.")
    parser.add_argument("--query-budget", type=float, default=30.0,
                        help="Seconds per query before sampling stops (at least 20 calls).")
    parser.add_argument("--repeat", type=int, default=3, help="Builds per small dataset.")
    parser.add_argument("--queries", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--reports", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--build-timeout", type=float, default=3600,
                        help="Seconds before a build is stopped (recorded as failed).")
    parser.add_argument("--limit-gib", type=float, default=None,
                        help="Cap each build's address space (GiB); it fails beyond it.")
    parser.add_argument("--fresh", action="store_true", help="Regenerate synthetic data.")
    parser.add_argument("--keep", action="store_true", help="Keep the stores built.")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"),
               "datasets": []}
    print(json.dumps(results["machine"]), flush=True)
    for item in args.scales.split(","):
        item = item.strip()
        try:
            row = _one(item, args)
        except RuntimeError as exc:  # a failed or stopped build: say so, go on
            row = {"dataset": item, "error": str(exc).splitlines()[0]}
            print(f"{item}: {row['error']}", flush=True)
        if row is None:
            continue
        results["datasets"].append(row)
        if "error" not in row:
            print(_table([row]).splitlines()[-1], flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1, default=str) + "\n")
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["load_average_end"] = machine()["load_average"]
    print()
    print(_table(results["datasets"]))
    print()
    print(_query_table(results["datasets"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
