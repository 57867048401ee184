"""``export --redact``: replace people's names and IDs with stable pseudonyms.

For sharing outside the team. Each Person gets a pseudonym from an HMAC-SHA256 of their
ID under a secret key: ``Person 3f2a9c`` (the name) and ``person:p-3f2a9c`` (the ID). The
same key gives the same pseudonyms in every export, so two shared files can be compared;
without the key the pseudonyms cannot be turned back into names. The key is
``INSPECTION_GRAPH_REDACT_KEY`` (environment or ``.env``), else a random key kept in
``<store>/.redact-key`` (created on first use, readable by its owner only).

What is replaced, in every format: each Person's ID (wherever it appears: node and
relationship IDs, endpoints, ``STAFF_MOVE.person``, open questions) and, in every string
(properties, JSON values, provenance quotes and locators, titles), every name the graph
knows for a named person: ``Person.name``, the ``as_written`` of MENTIONS of them and the
``person_name`` of their STAFF_MOVEs (whole words, any case), then each of their surnames
as a capitalised word on its own ("Councillors Bailey and Whitby"; a surname two people
share becomes ``[name redacted]``; a place that shares a surname is redacted too, the safe
side), and each full name folded into a key (``helen-smith``, as in ``name_key``).
``title`` is dropped; ``key`` and ``name_key`` become the pseudonym's key. A name the
graph does not know (a first name alone, someone no Person holds) cannot be found and
stays: read a redacted export before it leaves the team.

>>> r = Redactor(b"k", [{"id": "person:helen-smith", "name": "Helen Smith"}])
>>> r.text("Helen Smith (person:helen-smith) met HELEN SMITH.")
'Person ec6188 (person:p-ec6188) met Person ec6188.'
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from graph.exports.base import ExportEdge, ExportNode
from graph.ids import slug

KEY_FILE = ".redact-key"
DIGITS = 6
MIN_NAME_LENGTH = 4
MIN_SURNAME_LENGTH = 3
SHARED_SURNAME = "[name redacted]"
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord",
                    "lady", "councillor", "councillors", "cllr", "rev", "the"})


def redaction_key(store_dir: Path | None) -> bytes:
    """The HMAC key: the setting if set, else the store's key file (created if missing)."""
    from graph import settings

    value = settings.get("redact_key")
    if value:
        return value.encode()
    if store_dir is None:
        raise ValueError("no redaction key: set INSPECTION_GRAPH_REDACT_KEY")
    path = Path(store_dir) / KEY_FILE
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    return path.read_text(encoding="utf-8").strip().encode()


class Redactor:
    """Pseudonyms for ``people`` (Person node dicts, with optional ``variants``: other
    spellings of the name) under ``key``; apply with :meth:`node`, :meth:`edge`, :meth:`text`."""

    def __init__(self, key: bytes, people: Iterable[dict[str, Any]]) -> None:
        people = sorted(people, key=lambda p: p["id"])
        self.names: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        digests = {p["id"]: hmac.new(key, p["id"].encode(), hashlib.sha256).hexdigest()
                   for p in people}
        length = DIGITS
        while len({d[:length] for d in digests.values()}) < len(digests):
            length += 2  # a collision: longer pseudonyms for everyone, still deterministic
        variants: dict[str, str] = {}
        for person in people:
            tag = digests[person["id"]][:length]
            self.ids[person["id"]] = f"person:p-{tag}"
            self.names[person["id"]] = f"Person {tag}"
            if person.get("unnamed"):
                continue
            for name in [person.get("name"), *person.get("variants", ())]:
                if isinstance(name, str) and len(name.strip()) >= MIN_NAME_LENGTH:
                    variants.setdefault(name.strip().casefold(), self.names[person["id"]])
        self._variants = variants
        surnames: dict[str, set[str]] = {}
        for person in people:
            if not person.get("unnamed"):
                for name in [person.get("name"), *person.get("variants", ())]:
                    surname = _surname(name)
                    if surname:
                        surnames.setdefault(surname, set()).add(person["id"])
        self._surnames = {s: self.names[next(iter(ids))] if len(ids) == 1 else SHARED_SURNAME
                          for s, ids in surnames.items()}
        self._id_re = _alternation(self.ids, r"(?!\w|-(?!>))")  # "->" may follow
        # a name folded into a key ("helen-smith", the Person's name_key) is a name too
        self._slugs = {slug(n): self.ids[p["id"]].split(":", 1)[1] for p in people
                       if not p.get("unnamed") for n in [p.get("name"), *p.get("variants", ())]
                       if isinstance(n, str) and "-" in slug(n)}
        self._slug_re = _alternation(self._slugs, r"(?![a-z0-9])", lead=r"(?<![a-z0-9])")
        self._name_re = _alternation(variants, r"(?!\w)", flags=re.IGNORECASE, lead=r"(?<!\w)")
        self._surname_re = _alternation(self._surnames, r"(?!\w)", lead=r"(?<!\w)")

    def text(self, value: str) -> str:
        """``value`` with every person ID and known name replaced."""
        if self._id_re is not None:
            value = self._id_re.sub(lambda m: self.ids[m.group(0)], value)
        if self._slug_re is not None:
            value = self._slug_re.sub(lambda m: self._slugs[m.group(0)], value)
        if self._name_re is not None:
            value = self._name_re.sub(lambda m: self._variants[m.group(0).casefold()], value)
        if self._surname_re is not None:
            value = self._surname_re.sub(lambda m: self._surnames[m.group(0)], value)
        return value

    def value(self, value: Any) -> Any:
        """Any property value, strings replaced inside lists and JSON objects too."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {self.text(k): self.value(v) for k, v in value.items()}
        return value

    def _prov(self, prov: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: self.value(v) for k, v in p.items()} for p in prov]

    def node(self, node: ExportNode) -> ExportNode:
        props = {k: self.value(v) for k, v in node.props.items()}
        if node.id in self.ids:
            props.pop("title", None)
            props["name"] = self.names[node.id]
            props["key"] = self.ids[node.id].split(":", 1)[1]
            if "name_key" in props:
                props["name_key"] = props["key"]
        return replace(node, id=self.text(node.id), props=props, prov=self._prov(node.prov))

    def edge(self, edge: ExportEdge) -> ExportEdge:
        return replace(edge, id=self.text(edge.id), src=self.text(edge.src),
                       dst=self.text(edge.dst),
                       props={k: self.value(v) for k, v in edge.props.items()},
                       prov=self._prov(edge.prov))

    def question(self, question: dict[str, Any]) -> dict[str, Any]:
        return {k: self.value(v) for k, v in question.items()}


def _surname(name: Any) -> str | None:
    """The last word of a name, titles and initials aside, if it looks like a surname."""
    if not isinstance(name, str):
        return None
    words = [w.strip(".,;:()") for w in name.split()]
    words = [w for w in words if w and w.casefold() not in TITLES and len(w.rstrip(".")) > 1]
    if not words or not words[-1][0].isupper() or len(words[-1]) < MIN_SURNAME_LENGTH:
        return None
    return words[-1]


def _alternation(words: Iterable[str], tail: str, *, flags: int = 0,
                 lead: str = "") -> re.Pattern[str] | None:
    words = sorted(set(words), key=lambda w: (-len(w), w))
    if not words:
        return None
    return re.compile(lead + "(?:" + "|".join(map(re.escape, words)) + ")" + tail, flags)


def redactor_for(reader: Any, key: bytes) -> Redactor:
    """A redactor for every Person in ``reader``, with the name variants the graph holds."""
    variants: dict[str, set[str]] = {}
    for edge in reader.edges("MENTIONS"):
        if edge["dst"].startswith("person:") and edge.get("as_written"):
            variants.setdefault(edge["dst"], set()).add(edge["as_written"])
    for edge in reader.edges("STAFF_MOVE"):
        if edge.get("person") and edge.get("person_name"):
            variants.setdefault(edge["person"], set()).add(edge["person_name"])
    people = [{**p, "variants": sorted(variants.get(p["id"], ()))}
              for p in reader.nodes("Person")]
    return Redactor(key, people)
