"""Records out of one document: IDs, provenance (file, locator, verbatim sentence) and the
nodes and relationships every kind of document shares.

Person key rule (the ID is ``person:<key>``): a person is who a source says they are in
one role for one employer, so the key is ``<name key>.<role family>@<place>``, the place
being who they hold the role for as far as the source says: the provider a report names
for its registered manager and responsible individual, Ofsted for inspectors, the council
for its officers and councillors, else the home itself:
``person:barry-edwards.responsible-individual@provider-constant-child-care``,
``person:shazana-jamal.inspector@ofsted``, ``person:mr-smith.addressee@council-derby``,
``person:helen-smith.manager@home-named-derby-queensferry-gardens``.
The same full name in the same role family for the same employer is the same person in
any document (a registered manager moving between one provider's homes stays one person,
so their tenures make a move); anything else is a separate person until a curated
``same_person`` judgement says otherwise (resolution asks when full names coincide). A
partial name ("Mr Smith", "Councillor J. Whitby") keys on its title and initials, so it
never meets a full name.
A manager a source does not name is ``unnamed-<n>.<family>@<place>~<document>``: one
person per statement, described by what the source says.

>>> person_key(parse_person("Helen Smith"), "manager", "home:named:derby:queensferry-gardens")
'helen-smith.manager@home-named-derby-queensferry-gardens'
>>> unnamed_key("manager", "home:SC488596", "6b9ffd15aa", 1)
'unnamed-1.manager@home-SC488596~6b9ffd15'
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from graph.ids import (
    council_id,
    document_id,
    home_id,
    make_id,
    named_home_id,
    person_id,
    provider_id,
)
from graph.names import PersonName, company_number, parse_person
from graph.records import Edge, Node, Provenance, Record, Summary
from loaders.base import Source
from loaders.documents.mentions import HomeRef
from loaders.documents.passages import Sentences
from loaders.text import ExtractedText, normalise_for_comparison

MANAGING = frozenset({"manager", "deputy-manager"})


def place_token(node_id: str) -> str:
    return node_id.replace(":", "-")


def person_key(name: PersonName, family: str, place: str) -> str:
    return f"{name.key}.{family}@{place_token(place)}"


def unnamed_key(family: str, place: str, checksum: str, n: int) -> str:
    return f"unnamed-{n}.{family}@{place_token(place)}~{checksum[:8]}"


class DocumentRecords:
    """Collects one document's records and counts the facts found and emitted."""

    def __init__(self, source: Source, extracted: ExtractedText) -> None:
        self.source, self.extracted, self.text = source, extracted, extracted.text
        self.checksum = hashlib.sha256(
            normalise_for_comparison(extracted.text).encode("utf-8")).hexdigest()
        self.id = document_id(self.checksum)
        self.sentences = Sentences(self.text)
        self.records: list[Record] = []
        self.found: Counter[str] = Counter()
        self.used: Counter[str] = Counter()
        self.kind = "narrative"
        self.title = ""
        self.date: str | None = None
        self.council_key: str | None = None
        self._unnamed = 0
        self._homes: dict[str, str] = {}

    # -- provenance -----------------------------------------------------------------
    def quote(self, offset: int) -> str:
        return self.sentences.at(offset).text if self.sentences.items else ""

    def prov(self, offset: int, rule: str, quote: str | None = None,
             confidence: float = 1.0) -> Provenance:
        offset = min(max(offset, 0), len(self.text))
        return Provenance(self.source.name, self.extracted.locate(offset),
                          self.quote(offset) if quote is None else quote, f"doc-{rule}",
                          confidence)

    def node(self, label: str, node_id: str, props: dict[str, Any], prov: Provenance,
             as_of: str | None = None) -> str:
        stamp = (self.date or "") if as_of is None else as_of
        self.records.append(Node(label, node_id, props, prov, stamp))
        return node_id

    def edge(self, rel: str, src: str, dst: str, props: dict[str, Any], prov: Provenance) -> None:
        self.records.append(Edge(rel, src, dst, props, prov, self.date or ""))

    def mention(self, target: str, offset: int, as_written: str, rule: str = "mention") -> None:
        prov = self.prov(offset, rule)
        self.edge("MENTIONS", self.id, target, {"quote": prov.quote, "locator": prov.locator,
                                                "as_written": " ".join(as_written.split())}, prov)

    # -- shared entities ------------------------------------------------------------
    def council(self, written: str, key: str, offset: int) -> str:
        """A Council node (registry names win: documents write with as_of ``""``)."""
        cid = council_id(key)
        self.node("Council", cid, {"name": written, "full_name": written, "aliases": [written]},
                  self.prov(offset, "council"), as_of="")
        return cid

    def home(self, ref: HomeRef, rule: str = "home-mention") -> str:
        """The Home a mention names: by URN, else a named home of the document's council."""
        if ref.urn:
            hid = home_id(ref.urn)
            props: dict[str, Any] = {"urn": ref.urn, "aliases": [ref.alias] if ref.alias else []}
            written: str | None = ref.as_written
            if ref.alias:
                inside = "(" in ref.as_written
                written = ref.as_written[ref.as_written.index("(") + 1:].rstrip(") ") \
                    if inside else None
            written = " ".join(written.split()) if written else None
            if written and written != ref.urn:
                props["urns_as_written"] = [written]
        else:
            council = self.council_key or "unknown"
            hid = named_home_id(council, ref.name or ref.as_written)
            props = {"name": ref.name, "aliases": [ref.name, " ".join(ref.as_written.split())],
                     "named_only": True}
            if self.council_key and hid not in self._homes.values():
                self.edge("LOCATED_IN", hid, council_id(council), {}, self.prov(ref.start, rule))
        self.node("Home", hid, props, self.prov(ref.start, rule), as_of="")
        self._homes[ref.key] = hid
        return hid

    def provider(self, name: str, offset: int, address: str | None = None) -> str:
        pid = provider_id(name)
        self.node("Provider", pid, {"name": name, "names": [name],
                                    "norm_name": pid.split(":", 1)[1],
                                    "company_number": company_number(name), "address": address},
                  self.prov(offset, "provider"), as_of="")
        return pid

    def person(self, written: str, family: str, place: str, role: str, offset: int,
               rule: str) -> str:
        name = parse_person(written)
        key = person_key(name, family, place)
        pid = person_id(key)
        self.node("Person", pid, {
            "name": name.display, "key": key, "name_key": name.key, "title": name.title,
            "roles": [role], "role_family": family, "place": place, "documents": [self.id],
            "unnamed": False}, self.prov(offset, rule))
        self.mention(pid, offset, written, "person-mention")
        return pid

    def unnamed_person(self, family: str, place: str, role: str, name: str, description: str,
                       offset: int, rule: str) -> str:
        self._unnamed += 1
        key = unnamed_key(family, place, self.checksum, self._unnamed)
        pid = person_id(key)
        self.node("Person", pid, {
            "name": name, "key": key, "roles": [role], "role_family": family, "place": place,
            "documents": [self.id], "unnamed": True, "description": description},
            self.prov(offset, rule))
        self.mention(pid, offset, self.quote(offset), "unnamed-person")
        return pid

    def holds(self, person: str, family: str, role: str, place: str, offset: int, rule: str,
              observed: str | None = None, **bounds: Any) -> None:
        """A person in a role at a place: MANAGED (a home's managers), RESPONSIBLE_FOR (a
        provider's responsible individual), else WORKS_FOR."""
        prov = self.prov(offset, rule)
        props: dict[str, Any] = {"role": role, "observed": [observed] if observed else [],
                                 "documents": [self.id]}
        if place.startswith("home:") and family in MANAGING:
            props["role"] = " ".join(role.casefold().split())  # part of a tenure's identity
            self.edge("MANAGED", person, place, props | {k: v for k, v in bounds.items() if v},
                      prov)
        elif place.startswith("provider:") and family == "responsible-individual":
            self.edge("RESPONSIBLE_FOR", person, place, props, prov)
        elif place.split(":", 1)[0] in ("home", "provider", "council"):
            self.edge("WORKS_FOR", person, place, props, prov)

    def document_inspection_id(self, subject: str, start: str | None, kind: str) -> str:
        from graph.ids import document_inspection_id, slug

        if start:
            return document_inspection_id(subject, start, kind)
        return make_id("Inspection", f"{subject.split(':', 1)[1]}:undated-{self.checksum[:8]}:"
                                     f"{slug(kind)}")

    # -- closing ----------------------------------------------------------------------
    def finish(self) -> list[Record]:
        """The Document node first, then every record, then the Summary."""
        prov = Provenance(self.source.name, "line 1", self.title, "doc-document")
        document = Node("Document", self.id, {
            "title": self.title, "path": self.source.name, "kind": self.kind,
            "format": self.extracted.format, "date": self.date, "checksum": self.checksum,
            "chars": len(normalise_for_comparison(self.text))}, prov, self.date or "")
        summary = Summary(self.source.name, self.kind, rows_read=sum(self.found.values()),
                          rows_used=sum(self.used.values()), detail={
                              "document_kind": self.kind, "document": self.id,
                              "format": self.extracted.format, "title": self.title,
                              "facts_found": dict(sorted(self.found.items())),
                              "facts_used": dict(sorted(self.used.items()))})
        return [document, *self.records, summary]
