"""RDF exports (Turtle and JSON-LD) read back with rdflib: hostile strings survive, the two
formats give the same graph, and the real graph's counts match ``stats``."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import pytest
import rdflib
from rdflib.compare import isomorphic

from graph.exports import export
from graph.exports.base import ExportContext
from graph.exports.rdf_model import NS, entity_iri
from graph.model import model
from tests.test_export_fixture_graph import HOSTILE, expected_counts, hostile_store

IG = rdflib.Namespace(NS["ig"])
PROV = rdflib.Namespace(NS["prov"])
FORMATS = {"turtle": ("g.ttl", "turtle"), "jsonld": ("g.jsonld", "json-ld")}


def counts_of(graph: rdflib.Graph) -> dict[str, dict[str, int]]:
    """Nodes per schema label (typed ig:Label) and relationships per type (reified
    statements with rdf:predicate ig:TYPE), as ``stats`` counts them."""
    m = model()
    nodes = {label: len(set(graph.subjects(rdflib.RDF.type, IG[label]))) for label in m.labels}
    rels = Counter(str(p).removeprefix(NS["ig"])
                   for p in graph.objects(None, rdflib.RDF.predicate))
    return {"nodes": {k: v for k, v in sorted(nodes.items()) if v},
            "relationships": {k: rels[k] for k in sorted(rels) if k in m.relationships}}


def parse_and_count(path: str, fmt: str) -> tuple[dict, int, float]:
    started = time.monotonic()
    graph = rdflib.Graph().parse(path, format=fmt)
    return counts_of(graph), len(graph), time.monotonic() - started


@pytest.fixture(scope="module")
def fixture_graphs(tmp_path_factory):
    d = tmp_path_factory.mktemp("rdf")
    with hostile_store(d / "store") as store:
        counts = store.counts()
        for fmt, (name, _) in FORMATS.items():
            export(store, fmt, d / name, ExportContext(meta=store.meta()))
    graphs = {fmt: rdflib.Graph().parse(d / name, format=parser)
              for fmt, (name, parser) in FORMATS.items()}
    return graphs, counts


def test_turtle_and_jsonld_give_the_same_graph(fixture_graphs):
    graphs, counts = fixture_graphs
    assert len(graphs["turtle"]) > 300
    assert isomorphic(graphs["turtle"], graphs["jsonld"])
    for graph in graphs.values():
        assert counts_of(graph) == counts


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_strings_survive(fixture_graphs, fmt):
    graph = fixture_graphs[0][fmt]
    literals = {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    assert set(HOSTILE) <= literals
    home = rdflib.URIRef(entity_iri("home:SC036243"))
    names = set(graph.objects(home, rdflib.URIRef("https://schema.org/alternateName")))
    assert {str(n) for n in names} == set(HOSTILE)


def test_vocabularies_and_provenance(fixture_graphs):
    graph = fixture_graphs[0]["turtle"]
    xsd = rdflib.XSD
    home = rdflib.URIRef(entity_iri("home:SC036243"))
    assert (home, rdflib.RDF.type, rdflib.URIRef(NS["org"] + "Site")) in graph
    reg = graph.value(home, IG.registration_date)
    assert reg.datatype == xsd.date and reg.toPython().isoformat() == "2004-02-12"
    assert graph.value(home, IG.places).toPython() == 4
    derivations = list(graph.objects(home, PROV.qualifiedDerivation))
    assert len(derivations) == 2
    rules = {str(graph.value(d, PROV.hadPlan)) for d in derivations}
    assert any(r.endswith("/rule/ofsted-provider-row") for r in rules)
    quotes = {str(graph.value(d, IG.quote)) for d in derivations} - {"None"}
    assert quotes == {HOSTILE[8]}
    runs = rdflib.URIRef(entity_iri("RUNS:provider:o-brien-care->home:SC036243|2015-03-31"))
    assert graph.value(runs, rdflib.RDF.subject) == rdflib.URIRef(
        entity_iri("provider:o-brien-care"))
    assert (rdflib.URIRef(entity_iri("provider:o-brien-care")),
            rdflib.URIRef(NS["org"] + "hasSite"), home) in graph


@pytest.mark.slow
def test_real_graph_reads_back_with_stats_counts(real_store, tmp_path, capsys):
    expected = expected_counts(real_store)
    timings = {}
    for fmt, (name, _) in FORMATS.items():
        started = time.monotonic()
        summary = export(real_store, fmt, tmp_path / name, ExportContext(meta=real_store.meta()))
        timings[fmt] = (time.monotonic() - started, summary["bytes"])
    with ProcessPoolExecutor(max_workers=2) as pool:  # rdflib parses ~10,000 triples/s
        futures = {fmt: pool.submit(parse_and_count, str(tmp_path / name), parser)
                   for fmt, (name, parser) in FORMATS.items()}
        results = {fmt: f.result() for fmt, f in futures.items()}
    with capsys.disabled():
        for fmt, (_counts, triples, seconds) in results.items():
            print(f"\n[{fmt}] {timings[fmt][1]:,} bytes, {triples:,} triples, exported in "
                  f"{timings[fmt][0]:.1f} s, parsed by rdflib in {seconds:.1f} s")
    for counts, _, _ in results.values():
        assert counts == expected
