"""``inspection-graph queries`` and ``inspection-graph query`` on the fixture graph: table,
JSON and CSV output, and one-line errors with exit status 2."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from cli import app
from queries.catalog import catalog
from tests.test_queries_fixture import C, move_id
from tests.test_queries_fixture import store as store

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def test_queries_lists_the_catalog():
    result = invoke("queries")
    assert result.exit_code == 0, result.output
    for query in catalog():
        assert query.name in result.output
    listed = json.loads(invoke("queries", "--json").output)
    assert [q["name"] for q in listed] == [q.name for q in catalog()]
    assert listed[1]["params"][0] == {"name": "home", "type": "urn", "default": None,
                                      "required": False, "help": "Chains starting at this home."}


def test_query_json_has_the_contracted_shape(store):
    result = invoke("query", "move-chains", "--param", "home=SC000003", "--param", "limit=1",
                    "--format", "json", "--store", str(store.dir))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["query", "params", "rows", "cypher", "entities", "relationships"]
    assert data["query"] == "move-chains"
    assert data["params"] == {"home": C, "person": None, "max_length": 10, "limit": 1}
    assert [s["move_id"] for s in data["rows"][0]["steps"]] == [
        move_id(m) for m in ("m1", "m2", "m6")]
    assert data["cypher"].startswith("// move-chains")
    assert move_id("m1") in data["relationships"]


def test_query_table_and_csv(store):
    table = invoke("query", "staff-moves", "-p", "council=Derby", "--store", str(store.dir))
    assert table.exit_code == 0, table.output
    assert "Staff moves between homes (6 rows)" in table.output
    assert "Pat One" in table.output and "SC000003" in table.output
    out = invoke("query", "ratings-around-moves", "-p", "home=SC000001", "-f", "csv",
                 "--store", str(store.dir))
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert len(rows) == 3
    into_a = next(r for r in rows if r["move_id"] == move_id("m1"))
    assert into_a["destination.before"] == "2019-10-29 INADEQUATE [document]"
    assert into_a["destination.change"] == "1"
    assert "ofsted" not in into_a["evidence"] and into_a["evidence"].startswith("document:")


def test_query_errors_are_one_line(store):
    cases = [
        (("query", "move-chain"), "no query 'move-chain' (did you mean: move-chains"),
        (("query", "staff-moves", "-p", "from=2019-02-30"), "is not a real date"),
        (("query", "staff-moves", "-p", "from"), "--param 'from': write key=value"),
        (("query", "home-timeline", "-p", "home=SC999999"), "no home with URN SC999999"),
        (("query", "staff-moves", "-f", "xml"), "--format 'xml'"),
    ]
    for args, message in cases:
        result = invoke(*args, "--store", str(store.dir))
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)
        assert "Traceback" not in result.output
