"""Injection attempts through every option of the command line change nothing and return
nothing they should not: Cypher and SQL injections, parameters, backticks, path
traversal, format strings, markup, wildcards and a 100,000-character string, as a
reference, a query name, a parameter key and value, a judgement's fields, an export's
scope and path, and a store folder.

The commands run in-process through the real entry point (``cli.main``, which turns
errors into messages), a few also as subprocesses. After them all the graph is byte for
byte what it was; the only change is the judgements recorded, each verbatim.
"""

from __future__ import annotations

import json

import pytest

from graph import curation
from queries.catalog import catalog
from tests.security_fixture import (
    PAYLOADS,
    build_store,
    content_hash,
    copy_store,
    run_main,
)
from tests.test_bad_inputs import run_cli

PAYLOAD_IDS = [f"p{i}" for i in range(len(PAYLOADS))]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("security"))


@pytest.fixture()
def store(built, tmp_path):
    return copy_store(built, tmp_path / "store")


def clean(code: int, output: str, allowed=(0, 2)) -> str:
    assert "Traceback" not in output and "internal error" not in output, output[:2000]
    assert code in allowed, (code, output[:2000])
    return output


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
def test_reads_with_hostile_text_change_nothing_and_find_nothing_unintended(
        payload, store, capsys, monkeypatch, tmp_path):
    before = (store / "graph.sqlite").read_bytes()
    s = ["--store", str(store)]

    def run(*args: str, allowed=(0, 2)) -> tuple[int, str]:
        code, output = run_main([*args, *s], capsys, monkeypatch)
        clean(code, output, allowed)
        return code, output

    urn_like = payload == "\u202eSC000001"  # a URN in odd spacing is still that URN
    for args in (["show", payload], ["show", payload, "--json"]):
        code, output = run(*args)
        assert code == (0 if urn_like else 2), output[:500]
        if code == 0 and "--json" in args:
            assert json.loads(output)["id"] == "home:SC000001"
    run("query", payload, allowed=(2,))
    run("query", "staff-moves", "--param", f"{payload}=1", allowed=(2,))
    for query in catalog():
        for param in query.params:
            code, output = run("query", query.name, "--param", f"{param.name}={payload}",
                               "--format", "json")
            if code == 0:  # only a URN that names a home is read as one
                assert urn_like and param.type == "urn", (query.name, param.name)
                result = json.loads(output)
                assert result["params"][param.name] == "home:SC000001"
                assert payload not in result["cypher"]
    out = str(tmp_path / "export.cypher")
    run("export", "cypher", "-o", out, "--around", payload, allowed=(0, 2) if urn_like else (2,))
    run("export", "cypher", "-o", out, "--query", payload, allowed=(2,))
    run("export", "graphml", "-o", out, "--query", "staff-moves", "--param",
        f"person={payload}", allowed=(2,))
    run("judge", "same-person", payload, "Jane Doe", "--why", "w", "--no-rebuild",
        allowed=(2,))
    run("judge", "alias", "Home A", payload, "--why", "w", "--no-rebuild",
        allowed=(0, 2) if urn_like else (2,))
    run("judge", "alias", "Home A", "SC000001", "--document", payload, "--why", "w",
        "--no-rebuild", allowed=(2,))
    assert (store / "graph.sqlite").read_bytes() == before
    assert not list(store.glob(".graph.sqlite.*"))


def test_judgement_fields_are_recorded_verbatim_and_change_no_graph(store, capsys,
                                                                    monkeypatch):
    before = content_hash(store)
    s = ["--store", str(store)]
    for payload in PAYLOADS[:-1]:
        code, output = run_main(["judge", "alias", payload, "SC000001", "--why", payload,
                                 "--who", payload, "--no-rebuild", *s], capsys, monkeypatch)
        clean(code, output, (0,))
    code, output = run_main(["judge", "not-alias", PAYLOADS[0], "SC000002", "--why",
                             PAYLOADS[-1], "--who", PAYLOADS[4], *s], capsys, monkeypatch)
    clean(code, output, (0,))  # with a rebuild
    recorded = curation.read_judgements(curation.judgements_path(store))
    assert [j["name"] for j in recorded] == [*PAYLOADS[:-1], PAYLOADS[0]]
    assert [j["why"] for j in recorded][:-1] == [p.strip() for p in PAYLOADS[:-1]]
    assert recorded[-1]["why"] == PAYLOADS[-1] and recorded[-1]["who"] == PAYLOADS[4]
    assert content_hash(store) == before  # aliases for names no document writes
    for args in (["judge", "list"], ["judge", "list", "--json"]):
        code, output = run_main([*args, *s], capsys, monkeypatch)
        clean(code, output, (0,))
        assert "[/red]" in output  # shown as text, not read as markup
    listed = json.loads(output)
    assert [j["name"] for j in listed] == [j["name"] for j in recorded]


def test_store_and_output_paths_with_traversal_are_refused_or_kept_where_asked(
        store, tmp_path, capsys, monkeypatch):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)  # ../../ lands in tmp_path, never outside it
    for args in (["stats", "--store", "../../etc/passwd"],
                 ["show", "SC000001", "--store", "../../../../../../../../etc"],
                 ["query", "staff-moves", "--store", "{0}%s$x"]):
        code, output = run_main(args, capsys, monkeypatch)
        assert "no graph in" in clean(code, output, (2,))
    code, output = run_main(["export", "csv", "-o", "../../etc/passwd", "--store", str(store)],
                            capsys, monkeypatch)
    clean(code, output, (0,))  # written where the user asked: tmp_path/etc/passwd/
    assert (tmp_path / "etc" / "passwd" / "import.sh").is_file()


@pytest.mark.parametrize("args", [
    ["show", PAYLOADS[0]],
    ["query", "staff-moves", "--param", f"council={PAYLOADS[6]}"],
    ["judge", "same-person", PAYLOADS[4], "Jane Doe", "--why", "w", "--no-rebuild"],
    ["export", "cypher", "-o", "x.cypher", "--around", PAYLOADS[10]],
])
def test_the_real_command_line_says_why_in_one_line(args, store, tmp_path):
    before = (store / "graph.sqlite").read_bytes()
    proc = run_cli(*args, "--store", str(store))
    output = proc.stdout + proc.stderr
    assert proc.returncode == 2 and "Traceback" not in output
    assert output.startswith("error: ") and output.count("\n") == 1
    assert (store / "graph.sqlite").read_bytes() == before


def test_terminal_text_is_never_markup_nor_control_sequences():
    from cli.app import plain

    text = plain("[/red] \x1b[2J\x1b]0;title\x07 ok\nnext")
    assert text.plain == "[/red] \\x1b[2J\\x1b]0;title\\x07 ok\nnext"
    assert not text.spans
