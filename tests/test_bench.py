"""The benchmark harness runs end to end at a tiny scale and reports every figure.

No timing assertions: speed is measured by the benchmark itself, never in a timed test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ("build_wall_s", "build_cpu_s", "build_rss_mib", "store_mib", "open_s", "graph_s",
           "pandas_s", "pyarrow_s", "floor_s", "x_pandas", "x_pyarrow", "csv_rows", "nodes")


def test_bench_runs_end_to_end_and_prints_every_figure(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "cli", "bench", "--scales", "0.02", "--samples", "3",
         "--repeat", "1", "--no-reports", "--work", str(tmp_path / "work"), "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=True)
    for title in ("build s", "peak MiB", "store MiB", "open s", "pandas s", "pyarrow s",
                  "build/pandas", "median", "p95"):
        assert title in result.stdout, title
    data = json.loads(out.read_text())
    assert data["machine"]["cores"] >= 1 and data["machine"]["cpu"]
    (row,) = data["datasets"]
    assert row["dataset"] == "synth-0.02-noreports" and row["exit_code"] == 0
    for figure in FIGURES:
        assert isinstance(row[figure], (int, float)) and row[figure] > 0, figure
    assert row["build_rss_mib"] > 20  # a Python process, measured, not a placeholder
    queries = row["queries"]
    assert "staff-moves" in queries and "paths-between" in queries
    for figures in queries.values():
        assert figures["calls"] == 3 and figures["p95_ms"] >= figures["median_ms"] >= 0
    # the synthetic data was cached for the next run, with its ground truth
    assert (tmp_path / "work" / "synth-0.02-seed1-noreports" / ".truth" / "moves.csv").is_file()


def test_results_record_paths_beside_the_project_relative_to_it():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from measure import shown
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    project = Path(os.path.abspath(__file__)).parents[1]  # as reached: ../shared may be a link
    assert shown(project.parent / "shared" / "data" / "ofsted") == "../shared/data/ofsted"
    assert shown(project / "tests" / "bad_inputs") == "tests/bad_inputs"
    outside = Path("/nonexistent-elsewhere/synth")
    assert shown(outside) == str(outside)
