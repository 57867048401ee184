"""Child process of the benchmark: build one store, print what happened as JSON.

Usage: python benchmarks/build_once.py STORE PATH [PATH ...]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

started = time.perf_counter()
from graph.build import build  # noqa: E402  (import time is part of what we measure)
from graph.parallel import workers  # noqa: E402


def main() -> None:
    imported = time.perf_counter()
    store, paths = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    report = build(paths, store, workers=workers())
    rejected_files = [f.name for f in report.files if f.status == "rejected"]
    print(json.dumps({
        "import_s": round(imported - started, 3),
        "build_s": round(report.seconds, 3),
        "exit_code": report.exit_code,
        "files": len(report.files),
        "files_rejected": len(rejected_files),
        "rows_read": sum(f.rows_read for f in report.files),
        "rows_rejected": sum(f.rows_rejected for f in report.files),
        "counts": report.counts,
    }))


if __name__ == "__main__":  # build() reads documents in worker processes
    main()
