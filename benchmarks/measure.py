"""Measuring tools the benchmark shares: child processes with their own CPU time and peak
memory, the parse floor (pandas and pyarrow on the same CSV files), sizes on disk, and the
machine. Public tools only: ``os.wait4`` (the child's rusage), ``time``, pandas, pyarrow.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SKIPPED = ("readme", "license", "licence", "changelog")  # a build skips these too
ROOT = HERE.parent
#: The project folder as reached, symbolic links not resolved (``../shared`` may be one).
PROJECT = Path(os.path.abspath(__file__)).parent.parent


def shown(path: Path) -> str:
    """A path as a results file records it: relative to the project when it lies beside
    or inside it (``../shared/data/ofsted``), so results name no machine's folders.

    >>> shown(PROJECT.parent / "shared" / "seeds")
    '../shared/seeds'
    >>> shown(Path("/elsewhere/synth"))
    '/elsewhere/synth'
    """
    path = Path(os.path.abspath(path))
    if path.is_relative_to(PROJECT.parent):
        return os.path.relpath(path, PROJECT)
    return str(path)


def _limit(gib: float | None):
    """A pre-exec hook capping the child's address space (a shared machine's safety net)."""
    if not gib:
        return None

    def apply() -> None:
        import resource

        cap = int(gib * 2 ** 30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    return apply


def run_child(script: str, *args: str, timeout: float | None = None,
              limit_gib: float | None = None) -> dict[str, Any]:
    """Run ``benchmarks/<script>`` in a fresh interpreter; its stdout is one JSON object.

    Returns that object plus ``wall_s`` (whole process, start-up included), ``cpu_s``
    (user + system) and ``max_rss_mib`` (peak resident memory) of that child alone, read
    with ``os.wait4`` so earlier children do not blur the figure.
    """
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(HERE / script), *args],
                                stdout=subprocess.PIPE, stderr=err, cwd=ROOT,
                                preexec_fn=_limit(limit_gib))
        assert proc.stdout is not None
        output = proc.stdout.read()
        deadline = None if timeout is None else started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline and time.perf_counter() > deadline:
                proc.kill()
                deadline = None
            time.sleep(0.01)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{script} {' '.join(args)} failed ({proc.returncode}):\n"
                           + stderr[-3000:])
    result = json.loads(output.decode("utf-8"))
    result.update(wall_s=round(wall, 3), cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
                  max_rss_mib=round(usage.ru_maxrss / 1024, 1))
    return result


def files_under(paths: list[Path]) -> list[Path]:
    """Every visible file under ``paths``, as a build would discover them."""
    out = []
    for root in paths:
        root = Path(root)
        found = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        out += [p for p in found
                if not any(part.startswith(".") for part in p.relative_to(root.parent).parts)
                and not p.name.lower().startswith(SKIPPED)]
    return out


def _header_index(path: Path) -> int:
    """Lines before the header row (the one with a URN cell), as the loaders find it."""
    with open(path, "rb") as handle:
        for n, line in enumerate(handle):
            cells = [c.strip(b'\xef\xbb\xbf" \r\n') for c in line.split(b",")]
            if b"URN" in cells:
                return n
            if n > 60:
                break
    return 0


def parse_floor(paths: list[Path], repeat: int = 3) -> dict[str, Any]:
    """The floor a build is compared with: the time to parse the same files with pandas
    (C engine) and with pyarrow (multi-threaded), each all CSVs as strings from the header
    row on; plus reading and decoding every text file. Best of ``repeat`` runs."""
    import pandas as pd
    import pyarrow.csv as pacsv

    files = files_under(paths)
    csvs = [p for p in files if p.suffix.lower() == ".csv"]
    texts = [p for p in files if p.suffix.lower() in (".txt", ".html", ".htm", ".md")]
    skips = {p: _header_index(p) for p in csvs}
    best = {"pandas_s": float("inf"), "pyarrow_s": float("inf"), "text_s": float("inf")}
    rows = 0
    for _ in range(repeat):
        started, rows = time.perf_counter(), 0
        for p in csvs:
            frame = pd.read_csv(p, skiprows=skips[p], dtype=str, keep_default_na=False,
                                encoding="utf-8", encoding_errors="replace", index_col=False)
            rows += len(frame)
        best["pandas_s"] = min(best["pandas_s"], time.perf_counter() - started)
        started = time.perf_counter()
        for p in csvs:
            options = pacsv.ReadOptions(skip_rows=skips[p], encoding="latin-1")
            pacsv.read_csv(p, read_options=options, parse_options=pacsv.ParseOptions(
                invalid_row_handler=lambda row: "skip"))
        best["pyarrow_s"] = min(best["pyarrow_s"], time.perf_counter() - started)
        started = time.perf_counter()
        for p in texts:
            p.read_bytes().decode("utf-8", "replace")
        best["text_s"] = min(best["text_s"], time.perf_counter() - started)
    floor = min(best["pandas_s"], best["pyarrow_s"]) + best["text_s"]
    return {**{k: round(v, 3) for k, v in best.items()}, "floor_s": round(floor, 3),
            "csv_files": len(csvs), "text_files": len(texts), "csv_rows": rows,
            "input_mib": round(sum(p.stat().st_size for p in files) / 2 ** 20, 1)}


def size_mib(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
                 / 2 ** 20, 1)


def machine() -> dict[str, Any]:
    """CPU model, cores, memory, Python, load: what a reader needs to compare figures."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                       .splitlines() if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem_kib = 0
    return {"cpu": cpu or platform.processor(), "cores": os.cpu_count(),
            "memory_gib": round(mem_kib / 2 ** 20, 1), "python": platform.python_version(),
            "platform": platform.platform(), "load_average": [round(x, 2) for x in
                                                              os.getloadavg()]}
