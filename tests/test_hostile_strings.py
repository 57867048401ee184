"""Hostile strings that came in through the loaders (CSV cells, an Ofsted report's fields,
a blog's sentences, a file name) are kept verbatim and break nothing downstream: ``show``,
``query`` in every format, every export (where each reads back as the same string), and
the explorer's pages.

The store is built from the corpus's hostile inputs (tests/bad_inputs): hostile_cells.csv
(owner, local authority, name, event type and judgements), hostile_report.txt (provider,
address, responsible individual, manager), hostile_narrative.txt (a bidi override inside a
name, injections in a sentence) and a CSV whose path holds brackets, braces and quotes.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from streamlit.testing.v1 import AppTest

from cli.app import plain
from graph.build import build
from tests.bad_inputs.make import ESC_CELL, HOSTILE, manifest, materialise
from tests.security_fixture import run_main
from tests.test_explorer_pages import text
from tests.test_export_cypher import string_literals

ROOT = Path(__file__).resolve().parents[1]
PROVIDER = "provider:obrien-care-homes-x-param-detach-delete-n"
COUNCIL = "council:derby-drop-table-nodes-rlm-rlo-0-s-x-s-red-b-x-b"
REPORT_PROVIDER = "provider:obrien-care-homes-x-detach-delete-n"
RI = f"person:sean-obrien-smith.responsible-individual@{REPORT_PROVIDER.replace(':', '-')}"
EXPECTED = {
    PROVIDER: ("name", HOSTILE[0]),
    COUNCIL: ("name", HOSTILE[1]),
    "home:SC000301": ("name", "line one line two"),
    "inspection:10040301": ("overall", HOSTILE[3]),
    REPORT_PROVIDER: ("name", "O'Brien \"Care\" `Homes` {Ltd} ${x} // -- '}) DETACH DELETE n "
                              "// \u200fLimited"),
    RI: ("name", "Seán O'Brien-Smith\u200f"),
    "home:SC000302": ("constituency", "Derby South"),
}
STRINGS = [value for _, value in EXPECTED.values()] + [ESC_CELL]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for case in manifest():
        if case["case"] in ("hostile_cells", "hostile_report", "hostile_narrative",
                            "hostile_file_name"):
            materialise(case, root / "in")
    report = build([root / "in"], root / "store")
    assert report.exit_code == 1 and report.swapped  # the judgement outside the vocabulary
    return root / "store"


def run(args: list[str], store: Path, capsys, monkeypatch) -> str:
    code, output = run_main([*args, "--store", str(store)], capsys, monkeypatch)
    assert code == 0 and "Traceback" not in output, output[:3000]
    return output


@pytest.mark.parametrize("node_id", list(EXPECTED))
def test_show_keeps_them_verbatim_in_json_and_escaped_on_screen(node_id, store, capsys,
                                                               monkeypatch):
    key, value = EXPECTED[node_id]
    page = json.loads(run(["show", node_id, "--json"], store, capsys, monkeypatch))
    assert page[key] == value
    screen = run(["show", node_id], store, capsys, monkeypatch)
    assert plain(value).plain.split()[0] in screen
    assert "\x1b" not in screen  # a control character is shown, never sent


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_queries_in_every_format(fmt, store, capsys, monkeypatch):
    for name, params in (("home-timeline", ["home=SC000301"]), ("staff-moves", []),
                         ("council-overview", [f"council={COUNCIL}"]), ("verify-claims", []),
                         ("provider-league", ["year=2019", "settings=all"])):
        args = ["query", name, "--format", fmt, *[a for p in params for a in ("--param", p)]]
        output = run(args, store, capsys, monkeypatch)
        if fmt == "json":
            result = json.loads(output)
            assert result["rows"] and HOSTILE[0] not in result["cypher"]
            if name == "provider-league":
                assert HOSTILE[0] in {r["provider"] for r in result["rows"]}


def exported_strings(fmt: str, path: Path) -> set[str]:
    """Every string value an export holds, read back with a reader for its format."""
    if fmt == "cypher":
        body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("//"))
        return set(string_literals(body))
    if fmt in ("turtle", "jsonld"):
        graph = rdflib.Graph().parse(path, format="turtle" if fmt == "turtle" else "json-ld")
        return {str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)}
    if fmt in ("graphml", "gexf"):
        graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        return {str(v) for _, attrs in graph.nodes(data=True) for v in attrs.values()}
    out = set()
    for file in path.glob("*.csv"):
        with open(file, newline="", encoding="utf-8") as handle:
            out.update(cell for row in csv.reader(handle) for cell in row)
    return out


@pytest.mark.parametrize("fmt", ["cypher", "turtle", "jsonld", "graphml", "gexf", "csv"])
def test_every_export_reads_back_the_same_strings(fmt, store, tmp_path, capsys, monkeypatch):
    out = tmp_path / f"export.{fmt}"
    run(["export", fmt, "-o", str(out)], store, capsys, monkeypatch)
    found = exported_strings(fmt, out)
    for value in STRINGS:
        if fmt in ("graphml", "gexf"):  # XML 1.0 cannot hold ESC: U+FFFD, as documented
            value = value.replace("\x1b", "\ufffd")
        assert value in found, (fmt, value)


@pytest.mark.parametrize("params", [
    {"provider": PROVIDER.split(":", 1)[1]}, {"council": COUNCIL.split(":", 1)[1]},
    {"urn": "SC000301"}, {"person": RI.split(":", 1)[1]}, {"id": "inspection:10040301"},
], ids=["provider", "council", "home", "person", "inspection"])
def test_explorer_entity_pages(params, store, monkeypatch):
    monkeypatch.setenv("INSPECTION_GRAPH_STORE", str(store))
    monkeypatch.delenv("INSPECTION_GRAPH_BACKEND", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.exception or at.error]
    key = next(iter(params))
    node_id = {"urn": "home:", "id": ""}.get(key, f"{key}:") + params[key]
    expected = EXPECTED[node_id][1]
    shown = text(at) + "\n".join(t.value for t in at.title)
    assert expected.split()[0] in shown, shown[:2000]


def test_explorer_search_overview_and_moves(store, monkeypatch):
    monkeypatch.setenv("INSPECTION_GRAPH_STORE", str(store))
    monkeypatch.delenv("INSPECTION_GRAPH_BACKEND", raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    for name in ("explorer/search.py", "explorer/movement.py", "explorer/review.py"):
        at.switch_page(name).run()
        assert not at.exception, (name, [e.value for e in at.exception])
    at.switch_page("explorer/search.py").run()
    at.text_input(key="search_q").set_value("O'Brien \"Care\" `Homes`").run()
    assert not at.exception
    assert any("O'Brien" in p.proto.label for p in at.get("page_link"))
