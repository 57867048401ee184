"""CSV files for Neo4j 5's offline bulk importer, ``neo4j-admin database import full``.

``export csv -o DIR`` writes DIR/ with:

- ``nodes_<Label>.csv``: header ``id:ID(<Label>),:LABEL,<prop>[:<type>],…,prov_source:string[],
  …,prov_confidence:double[]`` (an ID space per label);
- ``rels_<TYPE>_<From>_<To>.csv``: header ``:START_ID(<From>),:END_ID(<To>),:TYPE,id,…`` (one
  file per type and pair of endpoint labels, so each refers to its ID spaces);
- ``nodes_BuildMeta.csv`` and ``nodes_Question.csv`` (whole-graph exports);
- ``after-import.cypher``: constraints and indexes, and the repair of provenance lists the
  CSV format cannot carry (below); ``import.sh``: the exact command; ``README.md``.

Types follow the storage contract (``graph.store.neo4j_schema``): ``long``, ``double``,
``boolean``, ``date`` (a column with any value that is not an ISO day becomes a string),
``string[]`` for string lists, JSON as text. Every string is double-quoted with ``""``
for a quote, so an empty string stays one; a null is an empty unquoted field (not set).
Strings may hold newlines (hence ``--multiline-fields=true``). The array delimiter is the
first of ``; | ¦ §`` that no list item contains.

Limits of the format: a CSV field cannot tell an empty list (or a list of one empty
string) from no list, so neo4j-admin sets neither; ``after-import.cypher`` restores the
provenance lists of that shape (``prov_quote`` of a row with no quote is ``['']``), and
an empty ``string_list`` property stays unset (readers treat both as "none").
"""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path
from typing import Any

from graph.exports.base import ExportContext, ExportEdge, ExportNode
from graph.exports.cypher import comment_text, schema_for
from graph.model import model
from graph.store import neo4j_schema as ns

TYPES = {"string": "", "integer": "long", "number": "double", "boolean": "boolean",
         "date": "date", "string_list": "string[]", "json": ""}
PROV_TYPES = {"prov_source": "string[]", "prov_locator": "string[]", "prov_quote": "string[]",
              "prov_rule": "string[]", "prov_confidence": "double[]"}
DELIMITERS = (";", "|", "¦", "§")


def _field(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "NaN" if value != value else repr(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, list):
        if not value:
            return ""
        value = delimiter.join("NaN" if v != v else str(v) if not isinstance(v, str) else v
                               for v in value)
    return '"' + str(value).replace('"', '""') + '"'


def _is_day(value: Any) -> bool:
    return isinstance(value, dt.date)


class Neo4jCsvExporter:
    """Buffers rows per file (types and the delimiter depend on every value), writes at
    :meth:`finalize`."""

    FORMAT = "csv"

    def __init__(self, path: Path | str, context: ExportContext) -> None:
        self.dir = Path(path)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.context = context
        self.model = model()
        self.files: dict[str, dict[str, Any]] = {}
        self.nodes = self.edges = 0
        self.used: set[str] = set()

    def _file(self, name: str, owner: str, lead: list[str]) -> dict[str, Any]:
        if name not in self.files:
            props = self._props_of(owner)
            self.files[name] = {"owner": owner, "lead": lead, "props": props, "rows": [],
                                "kind": "nodes" if name.startswith("nodes_") else "rels"}
        return self.files[name]

    def _props_of(self, owner: str) -> list[str]:
        if owner in self.model.labels:
            return list(self.model.labels[owner].properties)
        if owner in self.model.relationships:
            return list(self.model.relationships[owner].properties)
        return []

    def write(self, record: ExportNode | ExportEdge) -> None:
        if isinstance(record, ExportNode):
            f = self._file(f"nodes_{record.label}.csv", record.label,
                           [f"id:ID({record.label})", ":LABEL"])
            lead = [record.id, record.label]
            self.nodes += 1
            self.used.add(record.label)
        else:
            a, b = self.model.label_of_id(record.src), self.model.label_of_id(record.dst)
            f = self._file(f"rels_{record.type}_{a}_{b}.csv", record.type,
                           [f":START_ID({a})", f":END_ID({b})", ":TYPE", "id"])
            lead = [record.src, record.dst, record.type, record.id]
            self.edges += 1
            self.used.add(record.type)
        stored = ns.to_neo4j_props(f["owner"], record.props, self.model)
        extra = sorted(set(stored) - set(f["props"]))
        f["props"].extend(extra)  # properties the schema does not list, as strings
        f["rows"].append((lead, stored, ns.prov_lists(record.prov)))

    def _bookkeeping(self) -> None:
        if self.context.scope != "graph":
            return
        meta = self._file(f"nodes_{ns.META_LABEL}.csv", ns.META_LABEL,
                          [f"id:ID({ns.META_LABEL})", ":LABEL"])
        props = ns.meta_props(self.context.meta)
        meta["props"] = [k for k in props if k != "id"]
        meta["rows"].append(([ns.META_ID, ns.META_LABEL], props, {}))
        questions = self._file(f"nodes_{ns.QUESTION_LABEL}.csv", ns.QUESTION_LABEL,
                               [f"id:ID({ns.QUESTION_LABEL})", ":LABEL"])
        questions["props"] = [k for k in ns.QUESTION_KEYS if k != "id"]
        for q in self.context.questions:
            questions["rows"].append(([q["id"], ns.QUESTION_LABEL], ns.question_props(q), {}))

    def _header(self, f: dict[str, Any]) -> list[str]:
        types = {}
        spec = (self.model.labels.get(f["owner"]) or self.model.relationships.get(f["owner"]))
        for prop in f["props"]:
            ptype = spec.properties[prop].type if spec and prop in spec.properties else "string"
            if f["owner"] == ns.QUESTION_LABEL and prop == "score":
                ptype = "number"
            column = TYPES[ptype]
            if column == "date" and not all(_is_day(r[1][prop]) for r in f["rows"]
                                            if r[1].get(prop) is not None):
                column = ""
            types[prop] = column
        f["types"] = types
        cols = [f"{p}:{t}" if t else p for p, t in types.items()]
        if f["owner"] not in ns.BOOKKEEPING_LABELS:
            cols += [f"{k}:{t}" for k, t in PROV_TYPES.items()]
        return f["lead"] + cols

    def _delimiter(self) -> str:
        items = {v for f in self.files.values() for _, props, prov in f["rows"]
                 for value in [*props.values(), *prov.values()] if isinstance(value, list)
                 for v in value if isinstance(v, str)}
        for candidate in DELIMITERS:
            if not any(candidate in item for item in items):
                return candidate
        raise ValueError(f"every array delimiter {DELIMITERS} occurs in the data")

    def finalize(self) -> dict[str, Any]:
        self._bookkeeping()
        self.context.node_count, self.context.edge_count = self.nodes, self.edges
        delimiter = self._delimiter()
        for name, f in sorted(self.files.items()):
            header = self._header(f)
            lines = [",".join(header)]
            for lead, props, prov in f["rows"]:
                values = [*lead, *(props.get(p) for p in f["types"])]
                if len(header) > len(values):
                    values += [prov.get(k) for k in PROV_TYPES]
                lines.append(",".join(_field(v, delimiter) for v in values))
            with open(self.dir / name, "w", encoding="utf-8", newline="") as handle:
                handle.write("\n".join(lines) + "\n")  # data's own \r stays as it is
        self._write_scripts(delimiter)
        return {"path": str(self.dir), "format": self.FORMAT, "nodes": self.nodes,
                "relationships": self.edges, "files": sorted(self.files),
                "bytes": sum(p.stat().st_size for p in self.dir.iterdir())}

    def command(self, delimiter: str, database: str = "neo4j") -> list[str]:
        """The ``neo4j-admin`` command line (run in this folder, Neo4j stopped)."""
        args = ["neo4j-admin", "database", "import", "full", "--overwrite-destination=true",
                "--multiline-fields=true", f"--array-delimiter={delimiter}", "--id-type=string"]
        args += [f"--nodes={n}" for n in sorted(self.files) if n.startswith("nodes_")]
        args += [f"--relationships={n}" for n in sorted(self.files) if n.startswith("rels_")]
        return [*args, database]

    def _write_scripts(self, delimiter: str) -> None:
        repair = []
        for key in ("prov_locator", "prov_quote", "prov_rule"):
            for pattern, var in (("(x)", "x"), ("()-[x]->()", "x")):
                repair.append(f"MATCH {pattern} WHERE {var}.prov_source IS NOT NULL AND "
                              f"{var}.{key} IS NULL SET {var}.{key} = "
                              f"[s IN {var}.prov_source | '']")
        whole = self.context.scope == "graph"
        statements = schema_for(None if whole else self.used) + repair
        header = ["// " + line for k, v in self.context.describe()
                  for line in comment_text(f"{k}: {v}")]
        (self.dir / "after-import.cypher").write_text(
            "\n".join(header) + "\n// Run once after neo4j-admin import, with Neo4j started:\n"
            "//   cypher-shell -d neo4j -f after-import.cypher\n"
            + "".join(s + ";\n" for s in statements), encoding="utf-8")
        args = [shlex.quote(a) for a in self.command(delimiter)[:-1]]
        command = " ".join(args[:4]) + "".join(f" \\\n  {a}" for a in args[4:])
        script = ("#!/bin/sh\n# Load this folder into Neo4j 5 with neo4j-admin (offline bulk "
                  "import).\n# Neo4j must be STOPPED; the database (default neo4j) is "
                  "REPLACED.\nset -eu\ncd \"$(dirname \"$0\")\"\n"
                  f"{command} \\\n  \"${{1:-neo4j}}\"\n"
                  "echo 'Now start Neo4j and run: cypher-shell -d \"${1:-neo4j}\" -f "
                  "after-import.cypher'\n")
        path = self.dir / "import.sh"
        path.write_text(script, encoding="utf-8")
        path.chmod(0o755)
        (self.dir / "README.md").write_text(
            "# neo4j-admin import files (inspection-graph export)\n\n"
            + "\n".join(f"- {k}: {v}" for k, v in self.context.describe())
            + "\n\nWith Neo4j 5 stopped, from this folder (replaces database `neo4j`):\n\n"
            "```sh\n" + command + " \\\n  neo4j\n```\n\nor `sh import.sh [DATABASE]`. Then start "
            "Neo4j and run `cypher-shell -d neo4j -f after-import.cypher` (constraints, "
            "indexes, and provenance lists CSV cannot carry).\n\nWith the project's "
            "docker compose: `docker compose stop neo4j`, then\n`docker compose run --rm -v "
            "\"$PWD\":/import -w /import neo4j sh import.sh`, then\n`docker compose start "
            "neo4j`.\n", encoding="utf-8")
