"""Build the graph: discover files, load each with the loader its content calls for,
assemble, resolve, and swap the new store in atomically.

The graph is a pure function of (source files, curated judgements): the same inputs give
the same nodes, relationships and IDs. A file that cannot be read is refused as a whole
(nothing from it enters the graph) and reported with its reason; a build that loads
nothing leaves the previous store untouched.

Exit codes: 0 every file and row loaded; 1 the graph was built but some rows or files were
rejected (see the summary); 2 nothing was loaded (no file, or no row of any file, gave a
node) and the previous graph is untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import gc
import os
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph import curation
from graph.assemble import Assembly
from graph.errors import BuildError, InspectionGraphError, SourceError
from graph.parallel import read_in_order
from graph.records import Notice, Reject, Summary
from graph.resolve import resolve
from graph.store.sqlite_write import write_store
from loaders.base import HEAD_BYTES, Source, is_binary
from loaders.registry import recognise
from loaders.text import binary_kind

SKIPPED_NAMES = ("readme", "license", "licence", "changelog")
UPLOADS = "documents"


@dataclass
class FileReport:
    """What happened to one file."""

    name: str
    kind: str
    status: str  # loaded | partial | rejected | skipped
    rows_read: int = 0
    rows_used: int = 0
    rows_rejected: int = 0
    blank_rows: int = 0
    reasons: Counter = field(default_factory=Counter)
    message: str = ""
    rejects: list[tuple[str, str]] = field(default_factory=list)  # (locator, reason)


@dataclass
class BuildReport:
    files: list[FileReport]
    exit_code: int
    swapped: bool
    seconds: float
    counts: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)


def _skipped(path: Path) -> bool:
    stem = path.name.lower()
    return path.name.startswith(".") or any(stem.startswith(n) for n in SKIPPED_NAMES)


def discover(paths: Iterable[Path]) -> list[Source]:
    """Every file under ``paths`` (recursively), named relative to each path's parent."""
    found: dict[str, Source] = {}
    for root in paths:
        root = Path(root)
        if not root.exists():
            raise BuildError(f"{root}: no such file or folder")
        base = root.resolve().parent
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            rel = path.resolve().relative_to(base)
            if any(part.startswith(".") for part in rel.parts):
                continue
            found.setdefault(rel.as_posix(), Source(path, rel.as_posix()))
    return [found[name] for name in sorted(found)]


def _refusal(source: Source, exc: InspectionGraphError) -> str:
    """Why a file was refused, naming it as the build does (its path under the input)."""
    if isinstance(exc, SourceError):
        where = source.name if exc.line is None else f"{source.name}, line {exc.line}"
        return f"{where}: {exc.reason}"
    return str(exc) if source.name in str(exc) else f"{source.name}: {exc}"


def read_file(source: Source) -> FileReport | tuple[str, list]:
    """Recognise and load one file: ``(loader kind, records)``, or the report of a file
    skipped or refused. Touches no shared state, so files can be read in other processes
    (``graph.parallel``) and assembled here in their order."""
    if _skipped(source.path):
        return FileReport(source.name, "-", "skipped", message="folder documentation, not a source")
    try:
        if source.path.stat().st_size == 0:
            raise SourceError(source.name, "empty file")
        if len(source.head) < HEAD_BYTES and not source.head.strip():
            raise SourceError(source.name, "empty file (only spaces and blank lines)")
        module = recognise(source)
        if module is None:
            kind = binary_kind(source.head)
            what = (f"binary file: {kind}" if kind else "binary file" if is_binary(source.head)
                    else "no loader recognises its content")
            raise SourceError(source.name, f"not recognised ({what})")
        return module.KIND, list(module.load(source))
    except InspectionGraphError as exc:
        message = _refusal(source, exc)
        return FileReport(source.name, "-", "rejected", reasons=Counter({message: 1}),
                          message=message)
    except Exception as exc:  # a loader bug must not take the build down with it
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        message = f"{source.name}: could not be loaded ({detail})"
        return FileReport(source.name, "-", "rejected", reasons=Counter({message: 1}),
                          message=message)


def add_file(source: Source, read: FileReport | tuple[str, list],
             assembly: Assembly) -> FileReport:
    """Merge what :func:`read_file` gave into the graph under construction; report it."""
    if isinstance(read, FileReport):
        return read
    module_kind, records = read
    summary = next((r for r in records if isinstance(r, Summary)), None)
    for record in records:
        assembly.add(record)
    rejects = [(r.locator or "", r.reason) for r in records if isinstance(r, Reject)]
    report = FileReport(source.name, summary.kind if summary else module_kind, "loaded",
                        reasons=Counter(reason for _, reason in rejects), rejects=rejects)
    if summary:
        report.rows_read, report.rows_used = summary.rows_read, summary.rows_used
        report.rows_rejected, report.blank_rows = summary.rows_rejected, summary.blank_rows
    if report.rows_rejected or rejects:
        report.status = "partial"
    notes = [r.message for r in records if isinstance(r, Notice)]
    report.message = "; ".join(notes[:3]) + (f" (+{len(notes) - 3} more)" if len(notes) > 3 else "")
    return report


@contextlib.contextmanager
def _build_lock(store_dir: Path):
    store_dir.mkdir(parents=True, exist_ok=True)
    with open(store_dir / "build.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build is writing {store_dir}; "
                             "try again when it ends") from None
        yield


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a build runs, restoring it afterwards.

    Every record and merged entity lives until the store is written, and they form no
    reference cycles worth collecting, so each full collection rescans hundreds of
    thousands of live objects for nothing: measured, it cost half of the build's CPU time
    (docs/benchmarks.md). Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(paths: list[Path], store_dir: Path, *,
          on_file: Callable[[int, int, str], None] | None = None,
          workers: int = 1) -> BuildReport:
    """Build the graph from ``paths`` (plus documents added to the store) into ``store_dir``.

    ``workers``: processes reading documents when there are many (``graph.parallel``; the
    CLI passes ``INSPECTION_GRAPH_WORKERS`` or the CPUs); the graph is the same for any.
    With more than 1, a script that calls this needs the usual ``if __name__ ==
    "__main__":`` guard, as for any use of ``multiprocessing``: each worker imports the
    script's main module.
    """
    with _cyclic_gc_paused():
        return _build(paths, store_dir, on_file, workers)


def _build(paths: list[Path], store_dir: Path,
           on_file: Callable[[int, int, str], None] | None,
           workers: int) -> BuildReport:
    started = time.perf_counter()
    store_dir = Path(store_dir)
    uploads = store_dir / UPLOADS
    roots = [Path(p) for p in paths] + ([uploads] if uploads.is_dir() else [])
    sources = discover(roots)
    if not sources:
        raise BuildError("no files to load under " + ", ".join(str(p) for p in paths))
    judgements = curation.effective(curation.read_judgements(curation.judgements_path(store_dir)))
    assembly = Assembly()
    reports = []
    reads = read_in_order(sources, workers)
    for index, (source, read) in enumerate(zip(sources, reads, strict=True)):
        if on_file:
            on_file(index, len(sources), source.name)
        reports.append(add_file(source, read, assembly))
    loaded = [r for r in reports if r.status in ("loaded", "partial")]
    if not loaded or not assembly.nodes:  # e.g. only a header, or every row rejected
        return BuildReport(reports, 2, False, time.perf_counter() - started)
    resolve(assembly, judgements)
    meta = {
        "built_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "inputs": [os.fspath(Path(p).resolve()) for p in paths],
        "sources": [r.name for r in loaded],
        "judgements": len(judgements),
    }
    with _build_lock(store_dir):
        meta = write_store(assembly, store_dir, meta)
    bad = any(r.status in ("partial", "rejected") for r in reports)
    counts = {
        "nodes": dict(sorted(Counter(n.kind for n in assembly.nodes.values()).items())),
        "relationships": dict(sorted(Counter(e.kind for e in assembly.edges.values()).items())),
    }
    return BuildReport(reports, 1 if bad else 0, True, time.perf_counter() - started,
                       counts, meta)


def rebuild(store_dir: Path, *, on_file: Callable[[int, int, str], None] | None = None,
            workers: int = 1) -> BuildReport:
    """Build again from the inputs the current graph was built from (after a curated
    judgement, or after a document was added to the store's ``documents/`` folder)."""
    from graph.store.sqlite import EmbeddedStore

    with EmbeddedStore(store_dir) as store:
        inputs = store.meta().get("inputs") or []
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        raise BuildError("cannot rebuild: these inputs of the last build are gone: "
                         + ", ".join(missing))
    return build([Path(p) for p in inputs], store_dir, on_file=on_file, workers=workers)
