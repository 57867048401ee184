"""Write a whole synthetic sector to a folder: the statistics, the reports, the truth.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "s"
>>> result = write_sector(out, scale=0.02, seed=3, reports=False)
>>> sorted(p.name for p in (out / "provider-level").iterdir())[:2]
['provider_at_march_2015.csv', 'provider_at_march_2016.csv']
>>> result["files"] == 18 and result["reports"] == 0
True
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import time
from pathlib import Path

from synth import formats, timeline
from synth import reports as report_writer
from synth.sector import Sector, build_sector

MARKER = "README-SYNTHETIC.txt"
PARTS = ("provider-level", "joiners-leavers", "reports", ".truth")
README = """SYNTHETIC DATA written by `inspection-graph synth --scale {scale} --seed {seed}`.

Fictional councils, providers, children's homes and people, in the formats of Ofsted's
children's social care statistics (provider-level snapshots 2015-2024, the 2018 owner
list, joiners and leavers 2017-2023) and of Ofsted's children's home reports. Nothing
here describes a real home or person; it is NOT Ofsted data. Sizes are {scale} times
England's; distributions were measured on the real files (synth/params.py says which).

.truth/ (hidden, so builds skip it) holds the ground truth the files were written from:
tenures.csv (who managed which home when) and moves.csv (managers moving between homes).
"""


def _d(day: int | None) -> str:
    return dt.date.fromordinal(day).isoformat() if day else ""


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_truth(s: Sector, out: Path) -> None:
    """The ground truth behind the files (for checking what a loader recovers)."""
    out.mkdir(parents=True, exist_ok=True)
    tenures = [["person", "name", "urn", "from", "to", "registered", "moved_from", "move"]]
    for home in s.homes:
        for t in home.tenures:
            moved = s.homes[t.move.from_home].urn if t.move else ""
            tenures.append([t.person, s.people[t.person], home.urn, _d(t.start), _d(t.end),
                            _d(t.registered), moved, t.move.kind if t.move else ""])
    (out / "tenures.csv").write_bytes(_csv(tenures))
    moves = [["person", "name", "from_urn", "to_urn", "left", "started", "kind"]]
    for m in s.moves:
        moves.append([m.person, s.people[m.person], s.homes[m.from_home].urn,
                      s.homes[m.to_home].urn, _d(m.left), _d(m.started), m.kind])
    (out / "moves.csv").write_bytes(_csv(moves))


def make_sector(scale: float, seed: int = 1) -> Sector:
    """The full synthetic sector: settings, owners, inspections, managers, RIs."""
    sector = build_sector(scale, seed)
    timeline.add_inspections(sector)
    timeline.add_managers(sector)
    timeline.add_responsible_individuals(sector)
    return sector


def _clear(out: Path) -> None:
    """Remove a previous synthetic sector from ``out``; refuse to touch anything else."""
    if not out.exists():
        return
    if any(out.iterdir()) and not (out / MARKER).is_file():
        raise FileExistsError(f"{out} is not empty and holds no {MARKER}: choose an empty "
                              "folder (synth only overwrites its own output)")
    for part in PARTS:
        shutil.rmtree(out / part, ignore_errors=True)


def write_sector(out: Path, scale: float, seed: int = 1, *, reports: bool = True,
                 report_share: float = 1.0) -> dict[str, object]:
    """Write the sector of (scale, seed) into ``out``; the same arguments always give
    byte-identical files. Returns counts and timings."""
    out = Path(out)
    _clear(out)
    started = time.perf_counter()
    sector = make_sector(scale, seed)
    modelled = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(README.format(scale=f"{scale:g}", seed=seed), encoding="utf-8")
    files = formats.write_files(sector, out)
    count = report_writer.write_reports(sector, out, report_share) if reports else 0
    write_truth(sector, out / ".truth")
    summary = {
        "scale": scale, "seed": seed, "files": len(files), "reports": count,
        "councils": len(sector.councils), "providers": len(sector.providers),
        "settings": len(sector.homes), "people": len(sector.people),
        "inspections": sum(len(h.inspections) for h in sector.homes),
        "tenures": sum(len(h.tenures) for h in sector.homes), "moves": len(sector.moves),
        "seconds_model": round(modelled - started, 2),
        "seconds_total": round(time.perf_counter() - started, 2),
    }
    (out / ".truth" / "summary.json").write_text(
        json.dumps({k: v for k, v in summary.items() if not k.startswith("seconds")},
                   indent=1) + "\n", encoding="utf-8")
    return summary

