"""RDF exports: Turtle and JSON-LD, written as a stream (the real graph has over a
million triples, too many to hold in an rdflib Graph quickly) and read back with rdflib
by the tests. The mapping to vocabularies is ``graph.exports.rdf_model``'s.

Escaping: Turtle strings are ``"…"`` with ``\\\\ \\" \\n \\r \\t \\b \\f`` and ``\\uXXXX``
(``\\UXXXXXXXX`` outside the BMP) for every other control or invisible character; IRIs are
percent-encoded; JSON-LD strings are JSON strings (``json.dumps``).

>>> turtle_string('say "hi"\\n')
'"say \\\\"hi\\\\"\\\\n"'
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any, TextIO

from graph.exports.base import ExportContext, ExportEdge, ExportNode, output_path
from graph.exports.rdf_model import NS, Iri, Lit, Pairs, RdfMapper, expand

_TTL_SHORT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
              "\f": "\\f"}
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")


def turtle_string(text: str) -> str:
    out = []
    for char in text:
        if char in _TTL_SHORT:
            out.append(_TTL_SHORT[char])
        elif unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}:
            code = ord(char)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _turtle_iri(name: str) -> str:
    prefix, _, local = name.partition(":")
    if prefix in NS and _LOCAL.match(local):
        return name
    return "<" + expand(name) + ">"


def _turtle_object(obj: Iri | Lit | Pairs, indent: str) -> str:
    if isinstance(obj, Iri):
        return _turtle_iri(obj.value)
    if isinstance(obj, Lit):
        text = turtle_string(obj.lexical)
        return text if obj.datatype is None else f"{text}^^{_turtle_iri(obj.datatype)}"
    inner = f" ;\n{indent}    ".join(f"{_turtle_iri(p)} {_turtle_object(o, indent + '    ')}"
                                    for p, o in obj)
    return f"[\n{indent}    {inner}\n{indent}]"


def _group(pairs: Pairs) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for predicate, obj in pairs:
        grouped.setdefault(predicate, []).append(obj)
    return grouped


class _RdfExporter:
    """Shared by both formats: records → descriptions → ``_emit``; sources and the
    build's description at the end."""

    def __init__(self, path: Path | str, context: ExportContext) -> None:
        self.path = output_path(path)
        self.context = context
        self.mapper = RdfMapper()
        self.handle: TextIO = open(self.path, "w", encoding="utf-8")  # noqa: SIM115
        self.nodes = self.edges = 0
        self._start()

    def write(self, record: ExportNode | ExportEdge) -> None:
        if isinstance(record, ExportNode):
            self._emit(*self.mapper.node(record))
            self.nodes += 1
        else:
            for subject, pairs in self.mapper.edge(record):
                self._emit(subject, pairs)
            self.edges += 1

    def finalize(self) -> dict[str, Any]:
        self.context.node_count, self.context.edge_count = self.nodes, self.edges
        for subject, pairs in self.mapper.sources():
            self._emit(subject, pairs)
        self._emit(*self.mapper.build(self.context))
        self._end()
        self.handle.close()
        return {"path": str(self.path), "format": self.FORMAT, "nodes": self.nodes,
                "relationships": self.edges, "bytes": self.path.stat().st_size}

    FORMAT = ""

    def _start(self) -> None: ...

    def _emit(self, subject: str, pairs: Pairs) -> None: ...

    def _end(self) -> None: ...


class TurtleExporter(_RdfExporter):
    FORMAT = "turtle"

    def _start(self) -> None:
        for key, value in self.context.describe(counts=False):
            self.handle.write("# " + f"{key}: {value}".encode("unicode_escape").decode() + "\n")
        for prefix, iri in NS.items():
            self.handle.write(f"@prefix {prefix}: <{iri}> .\n")
        self.handle.write("\n")

    def _emit(self, subject: str, pairs: Pairs) -> None:
        parts = []
        for predicate, objects in _group(pairs).items():
            head = "a" if predicate == "rdf:type" else _turtle_iri(predicate)
            parts.append(f"{head} " + ", ".join(_turtle_object(o, "    ") for o in objects))
        self.handle.write(f"<{subject}> " + " ;\n    ".join(parts) + " .\n")


def _jsonld_object(obj: Iri | Lit | Pairs) -> Any:
    if isinstance(obj, Iri):
        return {"@id": obj.value}
    if isinstance(obj, Lit):
        return obj.lexical if obj.datatype is None else {"@value": obj.lexical,
                                                         "@type": obj.datatype}
    return _jsonld_node(None, obj)


def _jsonld_node(subject: str | None, pairs: Pairs) -> dict[str, Any]:
    node: dict[str, Any] = {} if subject is None else {"@id": subject}
    for predicate, objects in _group(pairs).items():
        if predicate == "rdf:type":
            node["@type"] = [o.value for o in objects]
        else:
            node[predicate] = [_jsonld_object(o) for o in objects]
    return node


class JsonLdExporter(_RdfExporter):
    FORMAT = "jsonld"

    def _start(self) -> None:
        self.handle.write('{"@context": ' + json.dumps(NS) + ',\n "@graph": [\n')
        self._first = True

    def _emit(self, subject: str, pairs: Pairs) -> None:
        if not self._first:
            self.handle.write(",\n")
        self._first = False
        self.handle.write(json.dumps(_jsonld_node(subject, pairs), ensure_ascii=False))

    def _end(self) -> None:
        self.handle.write("\n]}\n")
