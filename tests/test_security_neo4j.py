"""On the Neo4j side, user text reaches Cypher only as parameters; reads run in READ
access mode; credentials never show; the explorer binds to localhost; the embedded store
refuses writes.

No Neo4j runs here. ``AnsweringDriver`` is a recording stand-in for the driver (named as
such): it implements the one method our code calls (``session``) with sessions that
record each statement and its parameters (``tests/test_neo4j_write.RecordingSession``) and
answer lookups as if every node asked for existed. The tests are about OUR code's use of
parameters: whether Neo4j runs the statements is tests/test_neo4j_cypher_text.py's and,
with a server, tests/test_neo4j_live.py's business.
"""

from __future__ import annotations

import logging
from pathlib import Path

import neo4j
import pytest
import yaml

from graph import settings
from graph.errors import SchemaError, StoreError
from graph.store.neo4j_store import Neo4jStore
from queries.catalog import catalog, get_query, run
from tests.security_fixture import build_store, run_main
from tests.test_neo4j_write import RecordingSession

ROOT = Path(__file__).resolve().parents[1]
INJECTIONS = ["' }) DETACH DELETE n //", "\" }) MATCH (m) DETACH DELETE m //",
              "`]->() DETACH DELETE n //", "$id } RETURN 1 UNION MATCH (n) RETURN n //",
              "CALL dbms.security.listUsers()"]
REFERENCE_PREFIX = {"person": "person", "council": "council", "provider": "provider",
                    "document": "document"}


class Row:
    def __init__(self, data: dict) -> None:
        self._data = data

    def data(self) -> dict:
        return self._data


def answer(region: str):
    """Every node asked for by ID exists; every Home is in ``region``; nothing else."""
    def respond(query: str, params: dict) -> list[Row]:
        if "RETURN n {.*} AS n" in query and "id" in params:
            return [Row({"n": {"id": params["id"]}})]
        if query.startswith("MATCH (n:Home) RETURN n {.*} AS n"):
            return [Row({"n": {"id": "home:SC000001", "region": region}})]
        return []
    return respond


class AnsweringDriver:
    """Recording stand-in for ``neo4j.Driver``: ``session(**config)`` only."""

    def __init__(self, region: str) -> None:
        self.log: list[tuple[str, dict]] = []
        self.configs: list[dict] = []
        self.region = region

    def session(self, **config) -> RecordingSession:
        self.configs.append(config)
        return RecordingSession(self.log, answer=answer(self.region))

    def close(self) -> None:
        pass


def hostile_params(query, text: str) -> dict[str, object]:
    """Every parameter of ``query`` that takes text, filled with ``text`` (references as
    IDs of the right label, so they resolve); the rest left to their defaults."""
    params: dict[str, object] = {}
    for p in query.params:
        if p.type in REFERENCE_PREFIX:
            params[p.name] = f"{REFERENCE_PREFIX[p.type]}:{text}"
        elif p.type == "str":
            params[p.name] = text
        elif p.type == "urn":
            params[p.name] = "SC000001" if p.name != "to" else "SC000002"
    return params


@pytest.mark.parametrize("text", INJECTIONS)
@pytest.mark.parametrize("name", [q.name for q in catalog()])
def test_catalog_queries_send_user_text_only_as_parameters(name, text):
    query = get_query(name)
    driver = AnsweringDriver(region=text)
    store = Neo4jStore(driver, "neo4j")
    params = hostile_params(query, text)
    result = run(store, name, params)
    assert result.rows == []
    sent = [(q, p) for q, p in driver.log]
    assert all(text not in q for q, _ in sent), "user text in a statement's text"
    (cypher_params,) = [p for q, p in sent if q == query.cypher]  # the .cypher file, exactly
    for key, value in params.items():
        expected = value if not str(value).startswith("SC") else f"home:{value}"
        assert cypher_params[key] == expected
    assert {c["default_access_mode"] for c in driver.configs} == {neo4j.READ_ACCESS}


def test_ids_with_unknown_prefixes_never_become_labels():
    driver = AnsweringDriver(region="x")
    store = Neo4jStore(driver, "neo4j")
    for node_id in ("Evil`) DETACH DELETE n //:x", "nolabel:x", ":x", "`:x"):
        assert store.node(node_id) is None and store.provenance(node_id) == []
        assert list(store.edges(src=node_id)) == []
    assert driver.log == []
    for label in ("Person) DETACH DELETE n //", "Home`"):
        with pytest.raises(SchemaError):
            list(store.nodes(label))
        with pytest.raises(SchemaError):
            list(store.edges(label))


def test_the_explorer_offers_no_cypher_console():
    """Nothing in the explorer runs text a user typed as Cypher or SQL: if a console is
    ever added, it must use READ access on Neo4j and refuse writes on the embedded store."""
    for page in (ROOT / "explorer").glob("*.py"):
        source = page.read_text(encoding="utf-8")
        assert "run_cypher(" not in source and ".sql(" not in source, page.name


def test_the_embedded_store_refuses_writes(tmp_path):
    import sqlite3

    from graph.store import EmbeddedStore

    with EmbeddedStore(build_store(tmp_path)) as store:
        for statement in ("DELETE FROM nodes", "DROP TABLE nodes",
                          "INSERT INTO meta VALUES ('x', '1')", "UPDATE nodes SET props = '{}'",
                          "CREATE TABLE evil(x)"):
            with pytest.raises(sqlite3.OperationalError, match=r"readonly|read-only"):
                store.sql(statement)
        assert store.counts()["nodes"]["Home"] == 3


SECRET = "hunter2-Sup3rSecret"


@pytest.fixture()
def neo4j_env(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env but the one written here
    monkeypatch.setenv("NEO4J_URI", f"neo4j://reader:{SECRET}@127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    monkeypatch.setenv("NEO4J_USER", "reader")
    return tmp_path


def test_credentials_are_never_shown(neo4j_env, monkeypatch, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    store = build_store(neo4j_env / "g")
    outputs = []
    for args in (["push", "--store", str(store)], ["push", "--uri", f"bolt://u:{SECRET}@x:1",
                                                  "--store", str(store)]):
        code, output = run_main(args, capsys, monkeypatch)
        assert code == 2 and ("cannot reach Neo4j" in output or "not a usable" in output), output
        outputs.append(output)
    monkeypatch.setenv("INSPECTION_GRAPH_BACKEND", "neo4j")
    for args in (["show", "SC000001"], ["stats"], ["query", "staff-moves"]):
        code, output = run_main(args, capsys, monkeypatch)
        assert code == 2 and "Traceback" not in output, output
        outputs.append(output)
    with pytest.raises(StoreError) as info:
        Neo4jStore.from_settings()
    outputs.append(str(info.value))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for text in (*outputs, logged, repr(settings.describe())):
        assert SECRET not in text
    assert {r["name"]: r["value"] for r in settings.describe()}["neo4j_password"] == "(set)"


def test_credentials_from_dotenv_are_read_and_masked(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    (tmp_path / ".env").write_text(f"NEO4J_PASSWORD='{SECRET}'\n", encoding="utf-8")
    assert settings.get("neo4j_password") == SECRET
    assert SECRET not in repr(settings.describe())


def test_explorer_pages_never_show_credentials(neo4j_env, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("INSPECTION_GRAPH_BACKEND", "neo4j")
    for page in (None, "explorer/search.py", "explorer/movement.py", "explorer/catalog.py",
                 "explorer/review.py", "explorer/upload.py"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        shown = [e.value for kind in ("markdown", "caption", "info", "warning", "error",
                                      "code", "text") for e in at.get(kind)]
        shown += [str(e.proto) for e in at.sidebar]
        assert SECRET not in "\n".join(map(str, shown)), page


def test_explore_binds_to_localhost_unless_told_otherwise(monkeypatch, capsys):
    """``explore`` starts Streamlit with a command line we build: the address it binds.
    (``subprocess.call`` is replaced by a recorder: the test is about OUR command line.)"""
    import cli.explore_cmd as explore

    calls: list[list[str]] = []
    monkeypatch.setattr(explore.subprocess, "call", lambda cmd, env: calls.append(cmd) or 0)
    for extra in ([], ["--address", "0.0.0.0"]):
        code, _ = run_main(["explore", *extra], capsys, monkeypatch)
        assert code == 0
    default, chosen = (cmd[cmd.index("--server.address") + 1] for cmd in calls)
    assert (default, chosen) == ("127.0.0.1", "0.0.0.0")
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    published = [port for service in compose["services"].values()
                 for port in service.get("ports", [])]
    assert published and all(p.startswith("127.0.0.1:") for p in published), published
