"""The foundation's promises on the real Ofsted data (read in place from ../shared)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from graph.build import build
from graph.store import EmbeddedStore
from queries.entities import describe


def _data_records(path, header_line: int) -> int:
    """Non-blank CSV records after the header, counted independently of the loader."""
    text = path.read_bytes().decode("latin-1")
    records = list(csv.reader(io.StringIO(text)))[header_line:]
    return sum(1 for r in records if any(cell.strip() for cell in r))


def test_every_file_loads_and_every_row_is_accounted_for(real_store, ofsted_dir):
    sources = {s["path"]: s for s in real_store.sources()}
    csvs = sorted(ofsted_dir.rglob("*.csv"))
    assert len(csvs) == 18
    for path in csvs:
        name = path.relative_to(ofsted_dir.parent).as_posix()
        assert name in sources, f"{name} was not loaded"
        s = sources[name]
        assert s["rows_read"] == s["rows_used"] + s["rows_rejected"]
        detail = json.loads(s["detail"])
        assert s["rows_read"] == _data_records(path, detail["header_line"]), name
    assert sum(s["rows_read"] for s in sources.values()) > 36_000


def test_sector_scale(real_store):
    nodes = real_store.counts()["nodes"]
    assert nodes["Home"] >= 5000
    assert 1800 <= nodes["Provider"] <= 2200
    assert 140 <= nodes["Council"] <= 170
    assert nodes["Inspection"] > 20_000


def test_show_derby_home_a(real_store):
    page = describe(real_store, "home:SC036243")
    assert page["urn"] == "SC036243"
    assert page["council"] == "Derby"
    assert [p["name"] for p in page["providers"]] == ["Derby City Council"]
    dated = [(i["date"], i["overall"]) for i in page["inspections"]]
    assert ("2019-01-08", "Good") in dated
    assert ("2019-12-10", "Requires improvement to be good") in dated
    assert [d for d, _ in dated] == sorted(d for d, _ in dated)
    first = next(i for i in page["inspections"] if i["date"] == "2019-01-08")
    assert first["event"] == "10049675" and first["overall_score"] == 3


def test_show_walsall_home_and_owner(real_store):
    page = describe(real_store, "home:SC368032")
    assert page["council"] == "Walsall"
    assert page["providers"][-1]["name"] == "Constant Child Care Ltd"
    assert page["closure_date"] == "2020-12-04"


def test_show_cli_json_contract(real_store_dir):
    result = subprocess.run(
        [sys.executable, "-m", "cli", "show", "SC 36243", "--json", "--store",
         str(real_store_dir)], capture_output=True, text=True, check=True)
    page = json.loads(result.stdout)
    for key in ("urn", "council", "providers", "inspections"):
        assert key in page
    assert all({"from", "to"} <= set(p) for p in page["providers"])
    for inspection in page["inspections"]:
        assert {"event", "date", "type", "overall", "overall_score"} <= set(inspection)


def test_stats_json_shape(real_store_dir):
    result = subprocess.run([sys.executable, "-m", "cli", "stats", "--json", "--store",
                             str(real_store_dir)], capture_output=True, text=True, check=True)
    stats = json.loads(result.stdout)
    assert set(stats) == {"nodes", "relationships"}
    assert stats["relationships"]["OF"] >= stats["nodes"]["Inspection"] - 10


def test_two_builds_are_identical(tmp_path, ofsted_dir, real_store):
    first = build([ofsted_dir], tmp_path / "a")
    second = build([ofsted_dir], tmp_path / "b")
    assert first.meta["content_hash"] == second.meta["content_hash"]
    with EmbeddedStore(tmp_path / "a") as a, EmbeddedStore(tmp_path / "b") as b:
        assert a.counts() == b.counts()
        assert [n["id"] for n in a.nodes("Inspection")] == [n["id"] for n in b.nodes("Inspection")]


def test_2015_ids_reconciled_or_kept_apart_with_a_note(real_store):
    legacy_kept = [n for n in real_store.nodes("Inspection") if n.get("legacy_id")]
    assert legacy_kept and all("2015" in n["note"] for n in legacy_kept)
    merged = [n for n in real_store.nodes("Inspection")
              if n.get("event") and "2015 inspection ID" in (n.get("note") or "")]
    assert len(merged) > 100


def test_mangled_event_number_is_restored(real_store):
    event = real_store.node("inspection:10223112")
    assert event["event_mangled"] == "1.02E+07"
    assert set(event["history"]) == {"2023", "2024-previous"}


def test_every_relationship_ends_at_nodes_in_the_graph(real_store):
    dangling = real_store.sql(
        "SELECT e.id FROM edges e WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.src) "
        "OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = e.dst)")
    assert dangling == []


def test_a_council_is_one_provider_however_sources_spell_it(real_store):
    # The owner column says "Hull City Council"; Ofsted's area is "Kingston upon Hull, City of".
    hull = real_store.node("provider:council-kingston-upon-hull")
    assert "Hull City Council" in hull["names"]
    (link,) = real_store.edges("IS_COUNCIL", src=hull["id"])
    assert link["dst"] == "council:kingston-upon-hull"
    assert real_store.node("provider:council-hull") is None
    idle = real_store.sql(
        "SELECT id FROM nodes n WHERE label = 'Provider' AND NOT EXISTS "
        "(SELECT 1 FROM edges e WHERE e.src = n.id AND e.type = 'RUNS')")
    assert idle == []


def test_no_property_is_stored_as_null(real_store):
    assert real_store.sql("SELECT count(*) FROM nodes WHERE props LIKE '%\":null%'") == [(0,)]
