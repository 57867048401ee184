"""A self-contained Cypher script that recreates the graph (or a part of it) in any Neo4j 5.

The script follows the Neo4j storage contract (``graph.store.neo4j_schema``): constraints
and indexes first, then one ``MERGE (n:Label {id: …}) SET n = {…}`` per node, then one
``MATCH (a:L1 {id: …}) MATCH (b:L2 {id: …}) MERGE (a)-[r:TYPE {id: …}]->(b) SET r = {…}``
per relationship, with provenance in the ``prov_*`` lists (with ``--no-provenance``,
``SET … +=``, so pasting it never wipes provenance already there). Running it twice creates
no duplicates. A header of ``//`` comments states the build's content hash, its inputs, the
scope (and a query's name, parameters and Cypher) and a SHA-256 of the statements.

Values are data written as literals, never code: the house rule that user text reaches
Cypher only as parameters holds for the driver layer; a script cannot take parameters,
so every string is escaped by :func:`cypher_string`, which the tests check against
Neo4j's own parser. The escaping rules (Neo4j 5, single-quoted strings):

- ``\\`` → ``\\\\``, ``'`` → ``\\'``; newline, carriage return, tab, backspace and form
  feed → ``\\n \\r \\t \\b \\f``;
- every other control, format (bidi marks, zero-width characters), surrogate, private-use,
  unassigned, line- or paragraph-separator character → ``\\uXXXX`` (a pair of them
  outside the BMP). Neo4j decodes ``\\uXXXX`` anywhere in the
  text *before* it lexes, so ``'`` and ``\\`` are never written that way (``\\u0027`` would
  end the string); doubling every backslash keeps a ``\\u`` in the data from being decoded;
- everything else (double quotes, backticks, braces, ``//``, ``/*``, emoji, any script)
  is written as it is, in UTF-8.

Header comments get the same care: a backslash run before ``u`` is doubled (so no
``\\uXXXX`` is decoded inside a comment) and control characters become ``<U+XXXX>``.

>>> cypher_string("it's C:\\\\ and {x} // `y`")
"'it\\\\'s C:\\\\\\\\ and {x} // `y`'"
>>> cypher_literal(["a", 1, 2.5, True])
"['a', 1, 2.5, true]"
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

from graph.exports.base import ExportContext, ExportEdge, ExportNode, output_path
from graph.model import model
from graph.store import neo4j_schema as ns

_SHORT = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
          "\f": "\\f"}
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_INT_RANGE = (-(2**63), 2**63 - 1)


def _hidden(char: str) -> bool:
    """Characters a reader could not see or that could break a line: escaped."""
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def cypher_string(text: str) -> str:
    """``text`` as a single-quoted Cypher string literal that Neo4j reads back exactly."""
    out = []
    for char in text:
        short = _SHORT.get(char)
        if short is not None:
            out.append(short)
        elif _hidden(char):
            if ord(char) > 0xFFFF:  # outside the BMP: a UTF-16 surrogate pair
                code = ord(char) - 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04X}\\u{0xDC00 + (code & 0x3FF):04X}")
            else:
                out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def _float(value: float) -> str:
    if math.isnan(value):
        return "(0.0 / 0.0)"
    if math.isinf(value):
        return "(1.0 / 0.0)" if value > 0 else "(-1.0 / 0.0)"
    text = repr(value)
    return text if any(c in text for c in ".e") else text + ".0"


def cypher_literal(value: Any) -> str:
    """A value as Cypher literal text: strings escaped, ``date('…')`` for dates."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if not _INT_RANGE[0] <= value <= _INT_RANGE[1]:
            raise ValueError(f"{value} does not fit a Neo4j integer")
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dt.datetime):
        raise TypeError("datetimes are not part of the graph model")
    if isinstance(value, dt.date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return cypher_map(value)
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def cypher_map(props: dict[str, Any]) -> str:
    """A map literal; keys are names (quoted when they must be), values literals."""
    return "{" + ", ".join(f"{ns.quote_name(k)}: {cypher_literal(v)}"
                           for k, v in props.items()) + "}"


_BACKSLASHES_BEFORE_U = re.compile(r"(\\+)(?=u)")


def comment_text(text: str) -> list[str]:
    """``text`` as the bodies of ``//`` comment lines: one per line, nothing Neo4j decodes."""
    lines = []
    for line in text.splitlines() or [""]:
        line = _BACKSLASHES_BEFORE_U.sub(lambda m: m.group(1) * 2, line)
        lines.append("".join(f"<U+{ord(c):04X}>" if _hidden(c) else c for c in line))
    return lines


# -- statements --------------------------------------------------------------------------
def _neo4j_props(owner: str, record_id: str, props: dict[str, Any],
                 prov: list[dict[str, Any]]) -> dict[str, Any]:
    stored = ns.to_neo4j_props(owner, props)
    lists = ns.prov_lists(prov) if prov else {}  # none only with --no-provenance
    return {"id": record_id, **{k: stored[k] for k in sorted(stored)}, **lists}


def _set(prov: list[dict[str, Any]]) -> str:
    """``=`` replaces every property; without provenance (``--no-provenance``) ``+=`` adds,
    so pasting into a database that has the provenance does not wipe it."""
    return "=" if prov else "+="


def node_statement(node: ExportNode) -> str:
    label = ns.quote_name(ns.check_label(node.label))
    props = _neo4j_props(node.label, node.id, node.props, node.prov)
    return (f"MERGE (n:{label} {{id: {cypher_string(node.id)}}}) "
            f"SET n {_set(node.prov)} {cypher_map(props)}")


def edge_statement(edge: ExportEdge) -> str:
    m = model()
    rel = ns.quote_name(ns.check_type(edge.type))
    a, b = (ns.quote_name(m.label_of_id(edge.src)), ns.quote_name(m.label_of_id(edge.dst)))
    props = _neo4j_props(edge.type, edge.id, edge.props, edge.prov)
    return (f"MATCH (a:{a} {{id: {cypher_string(edge.src)}}}) "
            f"MATCH (b:{b} {{id: {cypher_string(edge.dst)}}}) "
            f"MERGE (a)-[r:{rel} {{id: {cypher_string(edge.id)}}}]->(b) "
            f"SET r {_set(edge.prov)} {cypher_map(props)}")


def meta_statement(meta: dict[str, Any]) -> str:
    return (f"MERGE (m:{ns.META_LABEL} {{id: {cypher_string(ns.META_ID)}}}) "
            f"SET m = {cypher_map(ns.meta_props(meta))}")


def question_statement(question: dict[str, Any]) -> str:
    props = ns.question_props(question)
    return (f"MERGE (q:{ns.QUESTION_LABEL} {{id: {cypher_string(question['id'])}}}) "
            f"SET q = {cypher_map(props)}")


def schema_for(used: set[str] | None = None) -> list[str]:
    """Constraints and indexes; with ``used``, only those of these labels and types."""
    return [s for owner, s in ns.schema_plan() if used is None or owner in used]


class CypherExporter:
    """Writes the script to ``path`` at :meth:`finalize` (statements are kept until then,
    so the header can state counts and the statements' SHA-256)."""

    def __init__(self, path: Path | str, context: ExportContext) -> None:
        self.path = output_path(path)
        self.context = context
        self.sections: list[tuple[str, list[str]]] = []
        self.used: set[str] = set()
        self.nodes = self.edges = 0

    def _add(self, title: str, statement: str) -> None:
        if not self.sections or self.sections[-1][0] != title:
            self.sections.append((title, []))
        self.sections[-1][1].append(statement)

    def write(self, record: ExportNode | ExportEdge) -> None:
        if isinstance(record, ExportNode):
            self._add(f"nodes: {record.label}", node_statement(record))
            self.used.add(record.label)
            self.nodes += 1
        else:
            self._add(f"relationships: {record.type}", edge_statement(record))
            self.used.add(record.type)
            self.edges += 1

    def _parts(self) -> tuple[list[str], list[str]]:
        """The schema statements and the bookkeeping statements around the records."""
        whole = self.context.scope == "graph"
        schema = schema_for(None if whole else self.used)
        bookkeeping = []
        if whole:
            bookkeeping = [question_statement(q) for q in self.context.questions]
            bookkeeping.append(meta_statement(self.context.meta))
        return schema, bookkeeping

    def statements(self) -> list[str]:
        """Every statement of the script, in order, without the ``;``."""
        schema, bookkeeping = self._parts()
        return schema + [s for _, group in self.sections for s in group] + bookkeeping

    def header(self, digest: str) -> list[str]:
        c = self.context
        lines = ["inspection-graph Cypher export, for Neo4j 5 (Browser, or cypher-shell -f "
                 "FILE). Re-running it creates no duplicates: every node is MERGEd on its id "
                 "and every relationship on its endpoints and id."]
        lines += [f"{key}: {value}" for key, value in c.describe()]
        if c.query_cypher:
            lines.append("query Cypher (as run; parameters above):")
            lines += ["    " + line for line in c.query_cypher.strip("\n").splitlines()]
        lines.append(f"statements sha256: {digest}")
        lines.append("Every value below is a quoted literal (data, not code); provenance is in "
                     "the prov_source/prov_locator/prov_quote/prov_rule/prov_confidence lists.")
        return ["// " + body for line in lines for body in comment_text(line)]

    def finalize(self) -> dict[str, Any]:
        self.context.node_count, self.context.edge_count = self.nodes, self.edges
        schema, bookkeeping = self._parts()
        body = ["\n// constraints and indexes", *(s + ";" for s in schema)]
        for title, group in self.sections:
            body.append(f"\n// {title} ({len(group)})")
            body += [s + ";" for s in group]
        if bookkeeping:
            body.append("\n// bookkeeping: open questions and the build's meta")
            body += [s + ";" for s in bookkeeping]
        text = "\n".join(body) + "\n"
        digest = hashlib.sha256(text.encode()).hexdigest()
        self.path.write_text("\n".join(self.header(digest)) + "\n" + text, encoding="utf-8")
        return {"path": str(self.path), "format": "cypher", "nodes": self.nodes,
                "relationships": self.edges,
                "statements": len(schema) + self.nodes + self.edges + len(bookkeeping),
                "bytes": self.path.stat().st_size, "sha256": digest}
