"""The synthetic sector: reproducible to the byte, read by the real loaders without a
single rejection, and distributed like the real data it was calibrated on."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from graph.build import build
from graph.store import EmbeddedStore
from loaders.base import Source
from loaders.registry import recognise
from synth import params
from synth.generate import make_sector, write_sector

ROOT = Path(__file__).resolve().parents[1]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "s"
    write_sector(out, scale=0.1, seed=5)
    return out


@pytest.fixture(scope="module")
def sector():
    return make_sector(0.5, seed=2)


def test_same_seed_gives_the_same_bytes_in_another_process(small, tmp_path):
    """Same (scale, seed) → byte-identical files, even with another hash seed (no set or
    dict-of-hash ordering leaks into the output); another seed → other files."""
    again = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "cli", "synth", "--scale", "0.1", "--seed", "5",
                    "-o", str(again)], check=True, cwd=ROOT, env=env, capture_output=True)
    first, second = _tree(small), _tree(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    other = tmp_path / "other"
    write_sector(other, scale=0.1, seed=6, reports=False)
    snapshot = "provider-level/provider_at_march_2020.csv"
    assert _tree(other)[snapshot] != first[snapshot]


def test_every_statistics_file_is_recognised_and_loads_without_rejections(small, tmp_path):
    csvs = sorted((small / "provider-level").glob("*.csv")) + sorted(
        (small / "joiners-leavers").glob("*.csv"))
    assert len(csvs) == 18
    for path in csvs:
        module = recognise(Source(path, path.name))
        assert module is not None and module.KIND.startswith("ofsted"), path.name
    report = build([small / "provider-level", small / "joiners-leavers"], tmp_path / "store")
    assert report.exit_code == 0, [(f.name, f.message) for f in report.files if f.reasons]
    assert all(f.status == "loaded" and f.rows_rejected == 0 for f in report.files)
    with EmbeddedStore(tmp_path / "store") as store:
        assert store.rejects() == []
        counts = store.counts()["nodes"]
        # a tenth of England: ~550 homes, ~15 councils, ~2,400 inspections in the files
        assert 450 <= counts["Home"] <= 650 and 12 <= counts["Council"] <= 18
        assert 1800 <= counts["Inspection"] <= 3000
        derby_like = store.node("home:" + _first_ch_urn(small))
        assert derby_like["first_seen"] <= derby_like["last_seen"]


def _first_ch_urn(folder: Path) -> str:
    text = (folder / "provider-level" / "provider_at_march_2024.csv").read_text("latin-1")
    return next(line.split(",")[1] for line in text.splitlines()
                if ",Children's home," in line)


def test_files_carry_the_label_and_each_years_quirks(small):
    level = small / "provider-level"
    public = sorted(level.glob("*.csv")) + sorted((small / "joiners-leavers").glob("*.csv"))
    for path in public + sorted((small / "reports").rglob("*.txt"))[:50]:
        first = path.read_bytes().split(b"\n", 1)[0]
        assert b"SYNTHETIC" in first, path
    y2015 = (level / "provider_at_march_2015.csv").read_text("utf-8-sig")
    assert "Inspection ID" in y2015.splitlines()[1] and "Adequate" in y2015
    assert "Provider information" in (level / "provider_at_march_2016.csv").read_text("utf-8")
    raw_2022 = (level / "provider_at_march_2022.csv").read_bytes()
    assert b"\x96" in raw_2022  # en dash in cp1252
    with pytest.raises(UnicodeDecodeError):
        raw_2022.decode("utf-8")
    y2024 = (level / "provider_at_march_2024.csv").read_bytes()
    assert y2024.split(b"\n", 1)[0].count(b"\xd0") == 1  # Mac Roman en dash in the title
    assert b"Previous full inspection event number" in y2024
    assert b"Requires improvement to be good" in y2024
    assert b"Requires improvement," in (level / "provider_at_march_2017.csv").read_bytes()
    assert b"\r\n" in (small / "joiners-leavers" / "joiners_leavers_2019.csv").read_bytes()


def test_urns_and_event_numbers_lie_in_synthetic_ranges(sector):
    urns = {h.urn for h in sector.homes}
    assert all(u.startswith("SC9") or (len(u) == 7 and u.startswith("9")) for u in urns)
    assert len(urns) == len(sector.homes)
    events = [i.event for h in sector.homes for i in h.inspections]
    assert len(set(events)) == len(events) and all(e.startswith("9") for e in events)


def test_no_synthetic_urn_is_a_real_one(sector, ofsted_dir):
    real = set()
    for path in ofsted_dir.rglob("*.csv"):
        real |= {line.split(",")[0 if "joiners" in path.name else 1]
                 for line in path.read_text("latin-1").splitlines()}
    assert len(real) > 5000 and {h.urn for h in sector.homes}.isdisjoint(real)


def test_the_document_loaders_read_every_report(tmp_path):
    """Each report is recognised as an Ofsted home report and loads without a rejection."""
    out = tmp_path / "s"
    write_sector(out, scale=0.05, seed=8, report_share=0.1)
    reports = sorted((out / "reports").rglob("*.txt"))
    assert len(reports) > 50
    report = build([out / "reports"], tmp_path / "store")
    assert report.exit_code == 0, [(f.name, f.message) for f in report.files if f.reasons][:3]
    assert len(report.files) == len(reports)
    assert all(f.status == "loaded" and not f.rows_rejected for f in report.files)
    with EmbeddedStore(tmp_path / "store") as store:
        counts = store.counts()
        assert counts["nodes"]["Document"] == len(reports)
        assert counts["relationships"]["MANAGED"] > 0


def test_documents_read_in_worker_processes_give_the_same_graph(tmp_path, monkeypatch):
    """Reports read by 2 worker processes, in chunks, while statistics files are read here:
    the same graph (content hash), files and per-file reports as a one-process build."""
    from graph import parallel

    out = tmp_path / "s"
    write_sector(out, scale=0.05, seed=8, report_share=0.1)
    monkeypatch.setattr(parallel, "MIN_POOLED", 20)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    serial = build([out], tmp_path / "one", workers=1)
    pooled = build([out], tmp_path / "two", workers=2)
    assert serial.exit_code == pooled.exit_code == 0
    assert serial.meta["content_hash"] == pooled.meta["content_hash"]
    assert [(f.name, f.kind, f.status, f.rows_read, f.message) for f in serial.files] == [
        (f.name, f.kind, f.status, f.rows_read, f.message) for f in pooled.files]
    assert sum(f.kind == "ofsted-home-report" for f in pooled.files) > 100


def test_build_summary_folds_many_clean_files_into_one_row_per_kind(tmp_path):
    """Thousands of reports: the CLI lists FILES_LISTED of them and sums the rest by kind
    (drawing a row per report took longer than loading them); the totals still add up."""
    from cli.build_cmd import FILES_LISTED

    out = tmp_path / "s"
    write_sector(out, scale=0.05, seed=8, report_share=0.1)
    reports = sorted((out / "reports").rglob("*.txt"))
    done = subprocess.run([sys.executable, "-m", "cli", "build", str(out / "reports"),
                           "--store", str(tmp_path / "store"), "--quiet"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    more = len(reports) - FILES_LISTED
    assert f"… {more:,} more files" in done.stdout
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in done.stdout.splitlines()
            if line.startswith("│")]
    assert sum(".txt" in row[0] for row in rows) == FILES_LISTED and len(rows) == FILES_LISTED + 1
    total = re.search(r"rows read (\d+), used (\d+)", done.stdout)
    assert (sum(int(row[3]) for row in rows), sum(int(row[4]) for row in rows)) == (
        int(total[1]), int(total[2]))


def test_distributions_match_the_calibration(sector):
    day = dt.date(2024, 3, 31).toordinal()
    active = [h for h in sector.homes if h.active_at(day)]
    sizes = sorted(Counter(h.owner_at(day) for h in active
                           if h.sector != "Local Authority").values())
    assert statistics.median(sizes) <= 2  # real: 1
    assert 3 <= statistics.quantiles(sizes, n=10)[-1] <= 8  # real p90: 5
    grades = Counter()
    for year in range(2015, 2025):
        cut = dt.date(year, 3, 31).toordinal()
        for home in sector.homes:
            shown = [i for i in home.inspections if i.kind == "Full inspection"
                     and i.start <= cut and i.published <= cut + 30]
            if home.group == "ch" and home.active_at(cut) and shown:
                grades[shown[-1].overall] += 1
    total = sum(grades.values())
    real = [statistics.mean(params.OVERALL_SHARE[y][k] for y in range(2015, 2025))
            for k in range(4)]
    for score, share in zip((1, 2, 3, 4), real, strict=True):
        assert abs(grades[score] / total - share) < 0.04, (score, grades[score] / total, share)
    listed_2024 = sum(1 for h in active if h.group == "ch")
    assert 0.85 < listed_2024 / (0.5 * params.ROWS_BY_TYPE["children's home"][-1]) < 1.25


def test_managers_serve_one_to_five_years_and_mostly_move_nearby(sector):
    lengths = [(t.end - t.start) / 365 for h in sector.homes for t in h.tenures
               if t.end is not None and t.end != h.closed]
    assert lengths and min(lengths) >= 1 - 1e-9 and max(lengths) <= 5 + 1e-9
    kinds = Counter(m.kind for m in sector.moves)
    assert len(sector.moves) > 500
    assert (kinds["provider"] + kinds["council"]) / len(sector.moves) > 0.5
    busy = defaultdict(list)  # nobody manages two homes at once
    for h in sector.homes:
        for t in h.tenures:
            busy[t.person].append((t.start, t.end or 10 ** 9))
    for spans in busy.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_reports_name_the_manager_in_post(small):
    truth = (small / ".truth" / "tenures.csv").read_text("utf-8").splitlines()[1:]
    by_urn = defaultdict(list)
    for line in truth:
        _, name, urn, start, end, registered, *_ = line.split(",")
        by_urn[urn].append((name, start, end, registered))
    checked = named = 0
    for path in sorted((small / "reports").rglob("*.txt"))[:300]:
        text = path.read_text("utf-8")
        urn = path.name.split("_")[0]
        dates = "Visit dates:" if "\nAssurance visit\n" in text else "Inspection dates:"
        for section in ("Information about this children's home", dates,
                        f"Unique reference number: {urn}", "Registered provider: ",
                        "Responsible individual: ", "Inspector\n"):
            assert section in text, (path, section)
        manager = text.split("Registered manager: ", 1)[1].split("\n", 1)[0]
        if manager != "Post Vacant":
            named += 1
            assert any(name == manager for name, *_ in by_urn[urn]), (path, manager)
        checked += 1
    assert checked == 300 and named > 150


def test_calibration_reproduces_the_embedded_constants(ofsted_dir):
    from synth.calibrate import calibrate

    measured = calibrate(ofsted_dir)
    assert measured["homes_per_provider_2024"] == params.HOMES_PER_PROVIDER
    assert tuple(measured["rows_per_council_2024"]) == params.ROWS_PER_COUNCIL
    rows = {t: tuple(measured["rows_by_type"][y].get(t, 0) for y in range(2015, 2025))
            for t in params.ROWS_BY_TYPE}
    assert rows == params.ROWS_BY_TYPE
    for prev, row in params.TRANSITIONS.items():
        got = measured["transitions_ch_2024"][prev]
        assert tuple(got.get(k, 0.0) for k in (1, 2, 3, 4)) == row
    assert round(measured["owner_change_rate_per_year"], 4) == params.OWNER_CHANGE_RATE
    assert measured["owner_blank_share"] == params.OWNER_BLANK_SHARE
    assert measured["short_breaks_share_ch"] == params.SHORT_BREAKS_SHARE
