"""Compare build variants (``variants.py``) on the same files: CPU and wall time (median of
``--runs`` fresh processes), peak memory, and whether each gives the baseline's graph.

Usage: python benchmarks/experiments/compare.py [--runs 3] [--variants a,b+c] [PATH ...]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from measure import ROOT, run_child  # noqa: E402

DEFAULT = "baseline,parallel"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--variants", default=DEFAULT)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    paths = args.paths or [ROOT.parent / "shared" / "data" / "ofsted"]
    work = Path(tempfile.mkdtemp(prefix="variants-"))
    rows = []
    for variant in args.variants.split(","):
        runs = []
        for n in range(args.runs):
            store = work / f"{variant}-{n}"
            runs.append(run_child("experiments/variants.py", variant, str(store),
                                  *map(str, paths)))
            shutil.rmtree(store, ignore_errors=True)
        rows.append({"variant": variant,
                     "wall_s": statistics.median(r["wall_s"] for r in runs),
                     "cpu_s": statistics.median(r["cpu_s"] for r in runs),
                     "build_s": statistics.median(r["build_s"] for r in runs),
                     "rss_mib": max(r["max_rss_mib"] for r in runs),
                     "hash": runs[0]["content_hash"][:12],
                     "provenance_rows": runs[0]["provenance_rows"],
                     "store_mib": runs[0]["store_mib"]})
        base = rows[0]
        row = rows[-1]
        row["same_graph"] = row["hash"] == base["hash"]
        row["cpu_saved"] = f"{1 - row['cpu_s'] / base['cpu_s']:.0%}"
        print(json.dumps(row), flush=True)
    shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'variant':28} {'wall s':>7} {'cpu s':>7} {'build s':>8} {'peak MiB':>9} "
          f"{'prov rows':>10} {'store MiB':>9} same-graph saved")
    for r in rows:
        print(f"{r['variant']:28} {r['wall_s']:7.2f} {r['cpu_s']:7.2f} {r['build_s']:8.2f} "
              f"{r['rss_mib']:9.0f} {r['provenance_rows']:10} {r['store_mib']:9.1f} "
              f"{r['same_graph']!s:10} {r['cpu_saved']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
