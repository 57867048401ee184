"""GraphML and GEXF exports read back with networkx: same counts as ``stats``, and the
attributes (hostile strings included) come back as written."""

from __future__ import annotations

import json
import time
from collections import Counter

import networkx as nx
import pytest

from graph.exports import export
from graph.exports.base import ExportContext
from tests.test_export_fixture_graph import HOSTILE, expected_counts, hostile_store

READERS = {"graphml": lambda p: nx.read_graphml(p, force_multigraph=True),
           "gexf": nx.read_gexf}


def counts_of(g: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    nodes = Counter(data["node_label"] for _, data in g.nodes(data=True))
    rels = Counter(data["rel_type"] for _, _, data in g.edges(data=True))
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


@pytest.mark.parametrize("fmt", READERS)
def test_fixture_round_trips(tmp_path, fmt):
    with hostile_store(tmp_path / "store") as store:
        counts = store.counts()
        export(store, fmt, tmp_path / f"g.{fmt}", ExportContext(meta=store.meta()))
        prov = store.provenance("home:SC036243")
    g = READERS[fmt](tmp_path / f"g.{fmt}")
    assert g.is_multigraph() and g.is_directed()
    assert counts_of(g) == counts
    home = g.nodes["home:SC036243"]
    assert home["node_label"] == "Home" and home["label"] == "SC036243" and home["places"] == 4
    assert home["registration_date"] == "2004-02-12"
    assert json.loads(home["aliases"]) == HOSTILE
    assert json.loads(home["provenance"]) == prov
    assert home["name"] == HOSTILE[5]
    judgements = json.loads(g.nodes["inspection:10049675"]["judgements"])
    assert judgements == {"overall": HOSTILE[7]}  # controls, exactly, inside JSON text
    assert g.nodes["inspection:10049675"]["note"] == HOSTILE[11]
    assert g.nodes["person:helen-o-hara-smith"]["prop_key"] == "helen-o-hara-smith"
    assert g.nodes["document:abcdef0123456789"]["kind"] == "narrative"
    keys = {k for _, _, k in g.edges(keys=True)}
    assert "RUNS:provider:o-brien-care->home:SC036243|2015-03-31" in keys


@pytest.mark.slow
@pytest.mark.parametrize("fmt", READERS)
def test_real_graph_reads_back_with_stats_counts(real_store, tmp_path, fmt, capsys):
    started = time.monotonic()
    summary = export(real_store, fmt, tmp_path / f"g.{fmt}", ExportContext(meta=real_store.meta()))
    exported = time.monotonic() - started
    started = time.monotonic()
    g = READERS[fmt](tmp_path / f"g.{fmt}")
    with capsys.disabled():
        print(f"\n[{fmt}] {summary['bytes']:,} bytes, exported in {exported:.1f} s, read back "
              f"in {time.monotonic() - started:.1f} s")
    assert counts_of(g) == expected_counts(real_store)
    assert g.number_of_nodes() == summary["nodes"]
