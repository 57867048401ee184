"""``inspection-graph export`` and ``push`` from the command line, on the fixture graph."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cli import app
from graph.exports import FORMATS, SUFFIXES
from tests.test_export_fixture_graph import hostile_store

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env={"COLUMNS": "200", **(env or {})})


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli") / "store"
    hostile_store(d).close()
    return d


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_from_the_command_line(store_dir, tmp_path, fmt):
    out = tmp_path / f"g{SUFFIXES[fmt]}"
    result = invoke("export", fmt, "-o", str(out), "--store", str(store_dir), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["nodes"] == 9 and summary["relationships"] == 15 and out.exists()


def test_around_with_a_urn_in_any_spacing(store_dir, tmp_path):
    out = tmp_path / "a.cypher"
    result = invoke("export", "cypher", "--around", "SC 36243", "--hops", "1", "-o", str(out),
                    "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "// scope: subgraph within 1 hops of home:SC036243" in text
    assert "inspection:10049675" in text and "requirement:10049675:1" not in text


def test_query_result_export_states_query_params_and_cypher(store_dir, tmp_path):
    from queries.catalog import get_query

    out = tmp_path / "q.cypher"
    result = invoke("export", "cypher", "--query", "home-timeline", "--param", "home=SC036243",
                    "-o", str(out), "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "// scope: result of query home-timeline" in text
    assert "// parameters: home=home:SC036243" in text
    first_line = get_query("home-timeline").cypher.splitlines()[0]
    assert "//     " + first_line in text
    assert "MERGE (n:Home {id: 'home:SC036243'})" in text


@pytest.mark.parametrize("args, message", [
    (["export", "yaml", "-o", "x"], "unknown FORMAT"),
    (["export", "cypher", "-o", "x", "--hops", "2"], "--hops goes with --around"),
    (["export", "cypher", "-o", "x", "--param", "a=b"], "--param goes with --query"),
    (["export", "cypher", "-o", "x", "--around", "SC036243", "--query", "home-timeline"],
     "not both"),
    (["export", "cypher", "-o", "x", "--around", "SC999999"], "nothing called"),
    (["export", "cypher", "-o", "x", "--around", "SC036243", "--hops", "9"], "--hops must"),
])
def test_usage_errors_exit_2(store_dir, args, message):
    result = invoke(*args, "--store", str(store_dir))
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_redact_from_the_command_line(store_dir, tmp_path):
    out = tmp_path / "r.graphml"
    result = invoke("export", "graphml", "--redact", "-o", str(out), "--store", str(store_dir),
                    env={"INSPECTION_GRAPH_REDACT_KEY": "k"})
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Hara" not in text and "Person " in text


def test_push_without_neo4j_fails_clearly_and_never_prints_the_password(store_dir):
    result = invoke("push", "--store", str(store_dir), env={"NEO4J_URI": ""})
    assert result.exit_code == 2 and "NEO4J_URI is not set" in result.output
    secret = "s3cret-pass-word"
    result = invoke("push", "--store", str(store_dir), "--uri", "neo4j://127.0.0.1:9",
                    env={"NEO4J_PASSWORD": secret})
    assert result.exit_code == 2 and "cannot reach Neo4j at neo4j://127.0.0.1:9" in result.output
    result = invoke("push", "--store", str(store_dir), "--uri",
                    f"bolt://neo4j:{secret}@127.0.0.1:9", env={"NEO4J_PASSWORD": secret})
    assert result.exit_code == 2 and "not a usable Neo4j URI" in result.output
    assert secret not in result.output


def test_push_help_has_an_example():
    result = invoke("push", "--help")
    assert result.exit_code == 0 and "Example: inspection-graph push" in result.output
