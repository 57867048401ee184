"""The schema as data: ``graph/schema/*.yaml`` loaded once into an immutable model.

A bad reference (a relationship to an unknown label, an unknown property type or merge
policy) fails at load time, not in the middle of a build.

>>> m = model()
>>> m.label("Home").id_prefix
'home'
>>> m.relationship("STAFF_MOVE").identity
('person',)
>>> sorted(m.relationship("OF").to_labels)
['Council', 'Home']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from graph.errors import SchemaError

SCHEMA_DIR = Path(__file__).with_name("schema")
PROPERTY_TYPES = frozenset(
    {"string", "integer", "number", "boolean", "date", "string_list", "json"}
)
MERGE_POLICIES = frozenset({"latest", "min", "max", "union", "history", "text_union"})


@dataclass(frozen=True)
class Property:
    """One property of a label or relationship type."""

    name: str
    type: str
    merge: str
    description: str = ""
    index: bool = False


@dataclass(frozen=True)
class Label:
    """A node label: its ID prefix, natural key and properties."""

    name: str
    description: str
    id_prefix: str
    natural_key: tuple[str, ...]
    caption: str
    properties: MappingProxyType

    def prop(self, name: str) -> Property:
        try:
            return self.properties[name]
        except KeyError:
            raise SchemaError(f"{self.name} has no property {name!r}") from None


@dataclass(frozen=True)
class RelType:
    """A relationship type: allowed endpoints, identity properties, properties."""

    name: str
    description: str
    from_labels: frozenset[str]
    to_labels: frozenset[str]
    identity: tuple[str, ...]
    properties: MappingProxyType


@dataclass(frozen=True)
class Model:
    """The whole schema; look types up with :meth:`label` and :meth:`relationship`."""

    labels: MappingProxyType
    relationships: MappingProxyType

    def label(self, name: str) -> Label:
        try:
            return self.labels[name]
        except KeyError:
            raise SchemaError(f"unknown label {name!r}") from None

    def relationship(self, name: str) -> RelType:
        try:
            return self.relationships[name]
        except KeyError:
            raise SchemaError(f"unknown relationship type {name!r}") from None

    def label_of_id(self, node_id: str) -> str:
        """The label a node ID belongs to, from its prefix (``home:SC036243`` → Home)."""
        prefix = node_id.split(":", 1)[0]
        for label in self.labels.values():
            if label.id_prefix == prefix:
                return label.name
        raise SchemaError(f"no label has the ID prefix {prefix!r} ({node_id!r})")


def _properties(owner: str, raw: dict[str, Any] | None) -> MappingProxyType:
    props = {}
    for name, spec in (raw or {}).items():
        spec = spec or {}
        ptype, merge = spec.get("type"), spec.get("merge", "latest")
        if ptype not in PROPERTY_TYPES:
            raise SchemaError(f"{owner}.{name}: unknown property type {ptype!r}")
        if merge not in MERGE_POLICIES:
            raise SchemaError(f"{owner}.{name}: unknown merge policy {merge!r}")
        props[name] = Property(
            name, ptype, merge, spec.get("description", ""), bool(spec.get("index"))
        )
    return MappingProxyType(props)


def load_model(schema_dir: Path = SCHEMA_DIR) -> Model:
    """Read every YAML file in ``schema_dir``; raise :class:`SchemaError` on a bad one."""
    labels: dict[str, Label] = {}
    rels: dict[str, RelType] = {}
    for path in sorted(schema_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if path.stem == "relationships":
            for name, spec in data.items():
                rels[name] = RelType(
                    name=name,
                    description=" ".join(str(spec.get("description", "")).split()),
                    from_labels=frozenset(spec["from"]),
                    to_labels=frozenset(spec["to"]),
                    identity=tuple(spec.get("identity") or ()),
                    properties=_properties(name, spec.get("properties")),
                )
            continue
        name = data["label"]
        labels[name] = Label(
            name=name,
            description=" ".join(str(data.get("description", "")).split()),
            id_prefix=data["id_prefix"],
            natural_key=tuple(data["natural_key"]),
            caption=data.get("caption", "id"),
            properties=_properties(name, data.get("properties")),
        )
    prefixes = [label.id_prefix for label in labels.values()]
    if len(set(prefixes)) != len(prefixes):
        raise SchemaError(f"two labels share an ID prefix: {prefixes}")
    for rel in rels.values():
        for end in rel.from_labels | rel.to_labels:
            if end not in labels:
                raise SchemaError(f"{rel.name} refers to unknown label {end!r}")
        for key in rel.identity:
            if key not in rel.properties:
                raise SchemaError(f"{rel.name}: identity property {key!r} is not declared")
    return Model(MappingProxyType(labels), MappingProxyType(rels))


@cache
def model() -> Model:
    """The schema shipped with the package, loaded once."""
    return load_model()
