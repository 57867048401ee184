"""The graph as RDF: which vocabularies say what, as plain descriptions the Turtle and
JSON-LD writers (``graph.exports.rdf``) render.

Vocabularies, where they fit: W3C ORG (``org:Organization``, ``org:Site``,
``org:hasSite``), PROV-O (``prov:Activity``, ``prov:Entity``, the qualified derivation
pattern for provenance), schema.org (``schema:name``, ``schema:Person``,
``schema:mentions`` …), Dublin Core terms (``dcterms:title``), XSD datatypes
(``xsd:date`` for dates); ``ig:`` (``https://w3id.org/inspection-graph/ns#``) for the rest.

- Every node is ``<…/id/{node ID}>``, typed ``ig:{Label}`` plus the established classes
  that fit; each property is one triple per value (a list gives one triple per item),
  typed by the schema; ``json`` properties are ``rdf:JSON`` literals.
- Every relationship is a direct triple ``<src> ig:{TYPE} <dst>`` (plus an established
  predicate where one fits) and, because it has an ID, properties and provenance, a
  resource ``<…/id/{edge ID}>`` described with RDF reification (``rdf:subject``,
  ``rdf:predicate``, ``rdf:object``) carrying them.
- Provenance: each record is ``prov:qualifiedDerivation [ prov:entity <row>;
  prov:hadPlan <rule>; ig:quote …; ig:confidence … ]``; ``<row>`` is the source file's
  IRI plus ``#`` and the locator (``dcterms:isPartOf`` its file), a Document's IRI when
  the source is a document. ``ig:confidence`` is left out when it is 1.0 (certain), and
  ``ig:quote`` when there is none.
- The build: ``<…/build/{content hash}>`` (``prov:Bundle``, ``schema:Dataset``) with the
  hash, build time, inputs and the export's scope.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from graph.model import model

BASE = "https://w3id.org/inspection-graph/"
NS = {
    "ig": BASE + "ns#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
CLASSES = {
    "Council": ["org:Organization", "schema:GovernmentOrganization"],
    "Provider": ["org:Organization", "schema:Organization"],
    "Home": ["org:Site", "schema:Place"],
    "Inspection": ["prov:Activity", "schema:Event"],
    "Person": ["prov:Person", "schema:Person"],
    "Document": ["prov:Entity", "schema:CreativeWork"],
    "Requirement": [],
}
PROPERTIES = {"name": "schema:name", "title": "dcterms:title",
              "aliases": "schema:alternateName", "start_date": "schema:startDate",
              "end_date": "schema:endDate"}
EXTRA_PREDICATES = {"RUNS": "org:hasSite", "WORKS_FOR": "schema:worksFor",
                    "MENTIONS": "schema:mentions"}
DATATYPES = {"integer": "xsd:integer", "number": "xsd:double", "boolean": "xsd:boolean",
             "date": "xsd:date", "json": "rdf:JSON"}


@dataclass(frozen=True)
class Iri:
    value: str  # a full IRI, or a prefixed name from NS


@dataclass(frozen=True)
class Lit:
    lexical: str
    datatype: str | None = None  # a prefixed name from NS; None for a plain string


Pairs = list[tuple[str, "Iri | Lit | Pairs"]]  # a nested list is a blank node


def expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return NS[prefix] + local if prefix in NS and not name.startswith("http") else name


def entity_iri(entity_id: str) -> str:
    return BASE + "id/" + quote(entity_id, safe=":-._~")


def source_iri(source: str, locator: str = "") -> str:
    if source.startswith("document:"):
        iri = entity_iri(source)
    else:
        iri = BASE + "source/" + quote(source, safe="/-._~")
    return iri + ("#" + quote(locator, safe="-._~") if locator else "")


def rule_iri(rule: str) -> str:
    return BASE + "rule/" + quote(rule or "unstated", safe="-._~")


def literal(ptype: str | None, value: Any) -> Lit:
    """A property value as a literal typed by the schema."""
    import json

    if ptype == "json" or isinstance(value, (dict, list)):
        return Lit(json.dumps(value, sort_keys=True, ensure_ascii=False,
                              separators=(",", ":")), "rdf:JSON")
    if isinstance(value, bool):
        return Lit("true" if value else "false", "xsd:boolean")
    if isinstance(value, int):
        return Lit(str(value), "xsd:integer")
    if isinstance(value, float):
        return Lit(_double(value), "xsd:double")
    if ptype == "date" and _is_day(value):
        return Lit(value, "xsd:date")
    return Lit(str(value))


def _double(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "INF" if value > 0 else "-INF"
    return repr(value)


def _is_day(value: Any) -> bool:
    import datetime as dt

    try:
        return isinstance(value, str) and len(value) == 10 and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


class RdfMapper:
    """Turns export records into (subject IRI, pairs) descriptions, remembering the source
    rows and rules it has referred to so :meth:`sources` can describe each once."""

    def __init__(self) -> None:
        self.model = model()
        self.rows: dict[str, tuple[str, str]] = {}
        self.rules: set[str] = set()

    def _props(self, owner_props: Any, props: dict[str, Any]) -> Pairs:
        pairs: Pairs = []
        for key in sorted(props):
            value = props[key]
            if value is None:
                continue
            spec = owner_props.get(key)
            predicate = PROPERTIES.get(key, f"ig:{key}")
            ptype = spec.type if spec else None
            items = value if isinstance(value, list) and ptype == "string_list" else [value]
            pairs.extend((predicate, literal(ptype, item)) for item in items)
        return pairs

    def _prov(self, prov: list[dict[str, Any]]) -> Pairs:
        pairs: Pairs = []
        for p in prov:
            source, locator = str(p.get("source") or ""), str(p.get("locator") or "")
            row = source_iri(source, locator)
            self.rows.setdefault(row, (source, locator))
            self.rules.add(str(p.get("rule") or ""))
            blank: Pairs = [("prov:entity", Iri(row)),
                            ("prov:hadPlan", Iri(rule_iri(str(p.get("rule") or ""))))]
            if p.get("quote"):
                blank.append(("ig:quote", Lit(str(p["quote"]))))
            confidence = p.get("confidence")
            if confidence is None or float(confidence) != 1.0:
                value = float("nan") if confidence is None else float(confidence)
                blank.append(("ig:confidence", literal(None, value)))
            pairs.append(("prov:qualifiedDerivation", blank))
        return pairs

    def node(self, node: Any) -> tuple[str, Pairs]:
        label = self.model.label(node.label)
        pairs: Pairs = [("rdf:type", Iri(c)) for c in [f"ig:{node.label}", *CLASSES[node.label]]]
        pairs.append(("ig:id", Lit(node.id)))
        pairs += self._props(label.properties, node.props)
        return entity_iri(node.id), pairs + self._prov(node.prov)

    def edge(self, edge: Any) -> Iterator[tuple[str, Pairs]]:
        rel = self.model.relationship(edge.type)
        src, dst = Iri(entity_iri(edge.src)), Iri(entity_iri(edge.dst))
        direct: Pairs = [(f"ig:{edge.type}", dst)]
        if edge.type in EXTRA_PREDICATES:
            direct.append((EXTRA_PREDICATES[edge.type], dst))
        if edge.type == "INSPECTED":  # the inspection was carried out by the person
            yield dst.value, [("prov:wasAssociatedWith", src)]
        yield src.value, direct
        pairs: Pairs = [("rdf:type", Iri("rdf:Statement")), ("rdf:subject", src),
                        ("rdf:predicate", Iri(f"ig:{edge.type}")), ("rdf:object", dst),
                        ("ig:id", Lit(edge.id))]
        pairs += self._props(rel.properties, edge.props)
        yield entity_iri(edge.id), pairs + self._prov(edge.prov)

    def sources(self) -> Iterator[tuple[str, Pairs]]:
        """Each source row, file and rule referred to, described once (sorted)."""
        files: dict[str, str] = {}
        for row, (source, locator) in sorted(self.rows.items()):
            file_iri = source_iri(source)
            files[file_iri] = source
            if locator:
                yield row, [("rdf:type", Iri("prov:Entity")), ("dcterms:isPartOf", Iri(file_iri)),
                            ("ig:locator", Lit(locator))]
        for file_iri, source in sorted(files.items()):
            if not source.startswith("document:"):
                yield file_iri, [("rdf:type", Iri("prov:Entity")), ("ig:path", Lit(source))]
        for rule in sorted(self.rules):
            yield rule_iri(rule), [("rdf:type", Iri("prov:Plan")),
                                   ("rdfs:label", Lit(rule or "unstated"))]

    def build(self, context: Any) -> tuple[str, Pairs]:
        meta = context.meta
        pairs: Pairs = [("rdf:type", Iri("prov:Bundle")), ("rdf:type", Iri("schema:Dataset"))]
        for key, value in context.describe():
            pairs.append((f"ig:{key.replace(' ', '_')}", Lit(value)))
        if meta.get("built_at"):
            pairs.append(("prov:generatedAtTime", Lit(str(meta["built_at"]), "xsd:dateTime")))
        for item in meta.get("inputs") or []:
            pairs.append(("ig:input", Lit(str(item))))
        return BASE + "build/" + str(meta.get("content_hash", "unknown")), pairs
