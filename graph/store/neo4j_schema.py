"""How the graph is laid out in Neo4j: the storage contract, in one place.

Both the driver layer (``neo4j_write``, ``neo4j_store``) and the exports that target
Neo4j (Cypher scripts, ``neo4j-admin`` CSV) use this module, so they agree exactly.

The contract
------------
- One label per node, from the schema (``graph/schema/*.yaml``); a uniqueness constraint
  on ``id`` for every label, named ``<label>_id`` (``home_id``), and a range index for
  every schema property marked ``index: true`` (``home_urn``).
- Relationships carry their properties plus ``id`` (the edge ID) and are MERGEd on their
  endpoints (matched by label and ``id``), then type and ``{id}``; every relationship
  type has a range index on ``id`` (``runs_id``).
- Values: scalars native; schema ``date`` properties as Neo4j ``DATE`` (a value that is
  not an ISO day stays a string); ``string_list`` as lists of strings; ``json``
  properties as JSON text (sorted keys). Null properties are not set.
- Provenance: parallel lists ``prov_source``, ``prov_locator``, ``prov_quote``,
  ``prov_rule``, ``prov_confidence`` on every node and relationship (Neo4j lists cannot
  hold null: a missing text is ``""``, a missing confidence ``NaN``).
- Bookkeeping: one ``(:BuildMeta {id: 'build'})`` node holds the build's meta as JSON in
  ``meta``, with ``content_hash``, ``built_at`` and ``format_version`` copied out for
  Cypher; each open question of resolution is a ``(:Question {id, kind, subject,
  candidate, score, evidence, status})`` node (``evidence`` JSON). Neither has
  relationships, and neither counts as part of the graph.

Names (labels, types, property keys) come from the schema only and are checked against
it; values always travel as parameters (the driver layer) or as escaped literals in a
script (``graph.exports.cypher``).

>>> quote_name("Home"), quote_name("odd name")
('Home', '`odd name`')
>>> to_neo4j_props("Home", {"urn": "SC1", "registration_date": "2004-02-12", "places": None})
{'urn': 'SC1', 'registration_date': datetime.date(2004, 2, 12)}
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from graph.errors import SchemaError
from graph.model import Model, model

META_LABEL = "BuildMeta"
META_ID = "build"
QUESTION_LABEL = "Question"
BOOKKEEPING_LABELS = (META_LABEL, QUESTION_LABEL)
PROV_FIELDS = ("source", "locator", "quote", "rule", "confidence")
PROV_KEYS = tuple(f"prov_{f}" for f in PROV_FIELDS)
QUESTION_KEYS = ("id", "kind", "subject", "candidate", "score", "evidence", "status")

_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def quote_name(name: str) -> str:
    """A label, type or property key as Cypher text: plain if it can be, else backticked."""
    if _PLAIN_NAME.match(name):
        return name
    return "`" + name.replace("`", "``") + "`"


def check_label(name: str, m: Model | None = None) -> str:
    """``name`` if the schema (or the bookkeeping) has that label, else :class:`SchemaError`."""
    if name in BOOKKEEPING_LABELS:
        return name
    return (m or model()).label(name).name


def check_type(name: str, m: Model | None = None) -> str:
    """``name`` if the schema has that relationship type, else :class:`SchemaError`."""
    return (m or model()).relationship(name).name


def _index_name(owner: str, prop: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", f"{owner.lower()}_{prop.lower()}")


def schema_plan(m: Model | None = None) -> list[tuple[str, str]]:
    """(label or type, statement): constraints, then indexes, for the whole schema."""
    m = m or model()
    out = []
    for label in [*sorted(m.labels), *BOOKKEEPING_LABELS]:
        out.append((label, f"CREATE CONSTRAINT {_index_name(label, 'id')} IF NOT EXISTS "
                           f"FOR (n:{quote_name(label)}) REQUIRE n.id IS UNIQUE"))
    for name in sorted(m.labels):
        for prop in sorted(p.name for p in m.labels[name].properties.values() if p.index):
            out.append((name, f"CREATE INDEX {_index_name(name, prop)} IF NOT EXISTS "
                              f"FOR (n:{quote_name(name)}) ON (n.{quote_name(prop)})"))
    for rel in sorted(m.relationships):
        out.append((rel, f"CREATE INDEX {_index_name(rel, 'id')} IF NOT EXISTS "
                         f"FOR ()-[r:{quote_name(rel)}]-() ON (r.id)"))
    return out


def schema_statements(m: Model | None = None) -> list[str]:
    """Constraints, then indexes, for every label and type of the schema (idempotent)."""
    return [statement for _, statement in schema_plan(m)]


# -- values ----------------------------------------------------------------------------
def _prop_types(owner: str, m: Model) -> Mapping[str, Any]:
    if owner in m.labels:
        return m.labels[owner].properties
    if owner in m.relationships:
        return m.relationships[owner].properties
    raise SchemaError(f"no label or relationship type {owner!r}")


def dumps(value: Any) -> str:
    """JSON text exactly as the embedded store writes it (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _iso_day(value: Any) -> dt.date | Any:
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def to_neo4j_value(ptype: str | None, value: Any) -> Any:
    """One property value in the form Neo4j stores (see the module's contract)."""
    if ptype == "date":
        return _iso_day(value)
    if ptype == "json" or isinstance(value, dict):
        return dumps(value)
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        return dumps(value)
    return value


def to_neo4j_props(owner: str, props: Mapping[str, Any], m: Model | None = None) -> dict:
    """The properties of a node (label ``owner``) or relationship (type ``owner``) for Neo4j;
    nulls are left out."""
    types = _prop_types(owner, m or model())
    out = {}
    for key, value in props.items():
        if value is None:
            continue
        spec = types.get(key)
        out[key] = to_neo4j_value(spec.type if spec else None, value)
    return out


def prov_lists(prov: Iterable[Mapping[str, Any]]) -> dict[str, list]:
    """Provenance records as the five parallel lists (no nulls: ``""`` and ``NaN``)."""
    lists: dict[str, list] = {key: [] for key in PROV_KEYS}
    for p in prov:
        for field, key in zip(PROV_FIELDS, PROV_KEYS, strict=True):
            value = p.get(field)
            if field == "confidence":
                lists[key].append(math.nan if value is None else float(value))
            else:
                lists[key].append("" if value is None else str(value))
    return lists


def prov_from_lists(raw: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The parallel lists back into records shaped like the embedded store's."""
    lists = [list(raw.get(key) or []) for key in PROV_KEYS]
    out = []
    for values in zip(*lists, strict=True):
        record = dict(zip(PROV_FIELDS, values, strict=True))
        conf = record["confidence"]
        record["confidence"] = None if conf is None or math.isnan(conf) else conf
        out.append(record)
    return out


def from_neo4j_value(ptype: str | None, value: Any) -> Any:
    """A stored value back into the embedded store's form (ISO dates, parsed JSON)."""
    if hasattr(value, "iso_format"):  # neo4j.time.Date / DateTime / Time
        return value.iso_format()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if ptype == "json" and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, tuple):
        return list(value)
    return value


def from_neo4j_props(owner: str, raw: Mapping[str, Any], m: Model | None = None) -> dict:
    """Stored properties (without ``id`` and provenance) as the embedded store gives them:
    values converted back, keys sorted."""
    types = _prop_types(owner, m or model())
    out = {}
    for key in sorted(raw):
        if key == "id" or key in PROV_KEYS:
            continue
        spec = types.get(key)
        out[key] = from_neo4j_value(spec.type if spec else None, raw[key])
    return out


def normalise(value: Any) -> Any:
    """Any value a query returns, with Neo4j temporal values as ISO strings (recursively)."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalise(v) for v in value]
    return value


# -- bookkeeping -----------------------------------------------------------------------
def meta_props(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The BuildMeta node's properties: the whole meta as JSON, plus handy copies."""
    props: dict[str, Any] = {"id": META_ID, "meta": dumps(dict(meta))}
    for key in ("content_hash", "built_at", "format_version"):
        if isinstance(meta.get(key), str):
            props[key] = meta[key]
    return props


def question_props(question: Mapping[str, Any]) -> dict[str, Any]:
    """A question of resolution as a Question node's properties (nulls left out)."""
    props = {k: question.get(k) for k in QUESTION_KEYS}
    props["evidence"] = dumps(props["evidence"] or {})
    return {k: v for k, v in props.items() if v is not None}


def question_from_props(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A Question node back into the embedded store's ``questions()`` shape."""
    out = {k: raw.get(k) for k in QUESTION_KEYS}
    out["evidence"] = json.loads(out["evidence"] or "{}")
    return out


# -- write statements (values always as parameters) ------------------------------------
def node_merge_query(label: str) -> str:
    """MERGE a batch of ``$rows`` ({id, props}) of one label on its ``id``."""
    name = quote_name(check_label(label))
    return (f"UNWIND $rows AS row MERGE (n:{name} {{id: row.id}}) SET n = row.props "
            "RETURN count(n) AS written")


def rel_merge_query(rel_type: str, src_label: str, dst_label: str) -> str:
    """MERGE a batch of ``$rows`` ({id, src, dst, props}) of one type between two labels."""
    rel = quote_name(check_type(rel_type))
    a, b = quote_name(check_label(src_label)), quote_name(check_label(dst_label))
    return (f"UNWIND $rows AS row MATCH (a:{a} {{id: row.src}}) MATCH (b:{b} {{id: row.dst}}) "
            f"MERGE (a)-[r:{rel} {{id: row.id}}]->(b) SET r = row.props "
            "RETURN count(r) AS written")


def node_ids_query(label: str) -> str:
    return f"MATCH (n:{quote_name(check_label(label))}) RETURN n.id AS id"


def rel_ids_query(rel_type: str) -> str:
    return f"MATCH ()-[r:{quote_name(check_type(rel_type))}]->() RETURN r.id AS id"


def node_delete_query(label: str) -> str:
    return (f"UNWIND $ids AS id MATCH (n:{quote_name(check_label(label))} {{id: id}}) "
            "DETACH DELETE n")


def rel_delete_query(rel_type: str) -> str:
    return (f"UNWIND $ids AS id MATCH ()-[r:{quote_name(check_type(rel_type))} {{id: id}}]->() "
            "DELETE r")
