"""neo4j-admin CSV export: headers in the documented format (Neo4j Operations Manual,
"Import header format": ``<name>:ID(<ID space>)``, ``:LABEL``, ``:START_ID(<space>)``,
``:END_ID(<space>)``, ``:TYPE``, typed properties ``<name>:<type>`` with int/long/
float/double/boolean/date/string …, arrays as ``<type>[]`` split on ``--array-delimiter``;
quoted fields with ``""`` for a quote; an empty field sets nothing), values read back as
the importer would read them, and the command line.

No neo4j-admin runs here (no Neo4j on these machines): the reader below follows the
documented rules, and ``after-import.cypher`` is checked with Neo4j's parser."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from graph.exports import export
from graph.exports.base import ExportContext
from graph.store import neo4j_schema as ns
from tests.cypher_parser import lint_cypher
from tests.test_export_fixture_graph import HOSTILE, expected_counts, hostile_store

HEADER = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)?:(?P<kind>ID|LABEL|START_ID|END_ID|TYPE|"
                    r"long|double|boolean|date|string|string\[\]|double\[\])"
                    r"(?:\((?P<space>[A-Za-z]+)\))?$|^(?P<plain>[A-Za-z_][A-Za-z0-9_]*)$")


def read_csv(text: str) -> list[list[str | None]]:
    """RFC 4180 fields; None for an empty unquoted field (the importer sets nothing)."""
    rows, row, i, n = [], [], 0, len(text)
    while i < n:
        if text[i] == '"':
            j, buf = i + 1, []
            while True:
                k = text.index('"', j)
                buf.append(text[j:k])
                if text.startswith('""', k):
                    buf.append('"')
                    j = k + 2
                else:
                    break
            row.append("".join(buf))
            i = k + 1
        else:
            j = i
            while j < n and text[j] not in ",\n":
                j += 1
            row.append(text[i:j] or None)
            i = j
        if i < n and text[i] == ",":
            i += 1
            if i == n or text[i] == "\n":
                row.append(None)
        if i < n and text[i] == "\n":
            rows.append(row)
            row, i = [], i + 1
    return rows


def text_of(path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def typed(column: str, raw: str | None, delimiter: str):
    if raw is None:
        return None
    kind = column.split(":", 1)[1] if ":" in column else "string"
    if kind.endswith("[]"):
        if raw == "":  # no characters, quoted or not: an empty array, which is not set
            return None
        items = raw.split(delimiter)
        return [float(x) for x in items] if kind == "double[]" else items
    return {"long": int, "double": float, "boolean": lambda v: v == "true",
            "date": dt.date.fromisoformat}.get(kind.split("(")[0], str)(raw)


@pytest.fixture(scope="module")
def fixture_csv(tmp_path_factory):
    d = tmp_path_factory.mktemp("csv")
    store = hostile_store(d / "store")
    summary = export(store, "csv", d / "out", ExportContext(meta=store.meta()))
    yield store, d / "out", summary
    store.close()


def test_headers_follow_the_documented_format(fixture_csv):
    _, out, summary = fixture_csv
    for name in summary["files"]:
        header = (out / name).read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        assert all(HEADER.match(c) for c in header), header
    home = (out / "nodes_Home.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    assert home[:2] == ["id:ID(Home)", ":LABEL"]
    for column in ("urn", "places:long", "registration_date:date", "aliases:string[]",
                   "named_only:boolean", "status_by_year", "prov_source:string[]",
                   "prov_confidence:double[]"):
        assert column in home
    runs = (out / "rels_RUNS_Provider_Home.csv").read_text(encoding="utf-8").split("\n")[0]
    assert runs.startswith(":START_ID(Provider),:END_ID(Home),:TYPE,id,from:date,")
    assert {"rels_OF_Inspection_Home.csv", "nodes_BuildMeta.csv",
            "nodes_Question.csv"} <= set(summary["files"])


def test_values_read_back_as_the_importer_reads_them(fixture_csv):
    store, out, summary = fixture_csv
    script = (out / "import.sh").read_text(encoding="utf-8")
    delimiter = re.search(r"--array-delimiter=(\S+)", script).group(1).strip("'")
    assert delimiter == "|"  # ";" occurs in the data
    for name in summary["files"]:
        if name.startswith("nodes_") and "BuildMeta" not in name and "Question" not in name:
            header, *rows = read_csv(text_of(out / name))
            for row in rows:
                values = {c.split(":")[0]: typed(c, v, delimiter)
                          for c, v in zip(header, row, strict=True)}
                values = {k: v for k, v in values.items() if v is not None}
                node = store.node(values.pop("id"))
                assert values.pop("") == node["label"]  # the :LABEL column
                want = {**ns.to_neo4j_props(node["label"], {k: v for k, v in node.items()
                                                            if k not in ("id", "label")}),
                        **ns.prov_lists(store.provenance(node["id"]))}
                lost = {k for k, v in want.items() if v == [""]}  # after-import.cypher
                assert values == {k: v for k, v in want.items() if k not in lost}
                assert lost <= {"prov_quote", "prov_locator", "prov_rule"}
    [question] = read_csv(text_of(out / "nodes_Question.csv"))[1:]
    assert HOSTILE[4] in question[-2]  # evidence, as JSON text


def test_command_line_and_after_import_script(fixture_csv):
    _, out, summary = fixture_csv
    script = (out / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script
    for flag in ("--overwrite-destination=true", "--multiline-fields=true", "--id-type=string"):
        assert flag in script
    for name in summary["files"]:
        flag = "--nodes=" if name.startswith("nodes_") else "--relationships="
        assert flag + name in script
    subprocess.run(["sh", "-n", str(out / "import.sh")], check=True)
    after = (out / "after-import.cypher").read_text(encoding="utf-8")
    statements = [s for s in after.split(";\n") if s.strip() and not s.startswith("//")]
    assert any("CREATE CONSTRAINT home_id" in s for s in statements)
    [result] = lint_cypher([after], exact=True)
    assert result.ok, result.errors


@pytest.mark.slow
def test_real_graph_rows_match_stats(real_store, tmp_path):
    summary = export(real_store, "csv", tmp_path / "out", ExportContext(meta=real_store.meta()))
    expected = expected_counts(real_store)
    found: dict[str, dict[str, int]] = {"nodes": {}, "relationships": {}}
    for name in summary["files"]:
        rows = len(read_csv(text_of(tmp_path / "out" / name))) - 1
        kind, owner = name.split("_", 1)
        owner = owner.removesuffix(".csv")
        if kind == "nodes" and owner not in ns.BOOKKEEPING_LABELS:
            found["nodes"][owner] = rows
        elif kind == "rels":
            rel_type = next(t for t in expected["relationships"] if owner.startswith(t + "_"))
            found["relationships"][rel_type] = found["relationships"].get(rel_type, 0) + rows
    assert found == {k: dict(sorted(v.items())) for k, v in expected.items()}
