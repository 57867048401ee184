"""Homes documents name, resolved against the registry (the homes Ofsted's files list).

1. Curated judgements first: ``alias`` ties a name or a URN as written ("Home B",
   "SC036109", "Queensferry Gardens"), in one document or everywhere, to a URN; the home
   node the document made is merged into that home. ``not_alias`` forbids one match.
2. A URN a document wrote that no Ofsted file lists is matched to registered children's
   homes using what the same documents say (:func:`score`): how near the URN is (one
   transposition, one digit), whether the home lies in a council the document names, and
   whether Ofsted's record has the dated judgements the document claims for it. Homes the
   same document names as other homes are never candidates, nor are settings that are not
   children's homes. A URN an Ofsted report gives in its own "Unique reference number"
   field is taken as written (a home the statistics do not list, with a ``note``). The
   best is taken when its confidence is at least ``ACCEPT`` and ``MARGIN`` above the
   next; the match, its evidence and its confidence are kept on the home
   (``urn_matches``) and every candidate stays visible as an open question
   (``unknown_urn``), the applied one marked ``applied``.
3. Homes known only by name stay named homes (``named_only``) with an open question
   (``unresolved_home_name``) until a judgement ties them to a URN.

Confidence scale (0-0.99): +0.4 URN one edit away (+0.2 two), +0.2 in a council the
document names (-0.2 when the document names councils and this is none of them), +0.3
for each dated claim Ofsted's record confirms on the day (at most two), -0.3 for each it
contradicts on the day. A one-transposition URN in the named council with one confirmed
judgement scores 0.9.

>>> score("SC036109", "SC036019", True, [{"date": "2019-07-02", "score": 3, "scale": "full",
...       "precision": "day", "judgement": "GOOD"}], [("2019-07-02", 3, "full", "10095674")])[0]
0.9
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from graph.assemble import Assembly, Merged
from graph.ids import home_id
from graph.names import normalise_urn
from graph.records import Provenance

ACCEPT, MARGIN, MAX_DISTANCE, MAX_QUESTIONS = 0.6, 0.2, 2, 5


def registered(node: Merged) -> bool:
    """A home some Ofsted file lists (any provenance that is not a document's)."""
    return any(not p.rule.startswith("doc-") for p in node.prov)


def stated_by_ofsted(node: Merged) -> bool:
    """A URN an Ofsted report gives as its own ("Unique reference number: ..."): a home
    the statistics happen not to list (closed between snapshots), never a typing slip."""
    return any(p.rule == "doc-report-urn" for p in node.prov)


def childrens_home(node: Merged) -> bool:
    """A setting registered as a children's home (documents are about homes, not about
    fostering agencies or schools that share a URN's digits)."""
    kind = str(node.props.get("provision_type") or "").casefold()
    return "children" in kind and "home" in kind


def _edit(a: str, b: str) -> str:
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
                and a[diff[1]] == b[diff[0]]:
            return "one transposition"
        if len(diff) == 1:
            return "one digit different"
    return "one digit more or fewer" if abs(len(a) - len(b)) == 1 else "two edits"


def score(written: str, urn: str, in_council: bool | None, claims: list[dict[str, Any]],
          events: list[tuple[str, int | None, str | None, str]]) -> tuple[float, list[str]]:
    """(confidence, evidence) that the URN ``written`` means the registered ``urn``.

    ``in_council``: None when the document names no council; ``events``: (day, score,
    scale, event) of the candidate's recorded inspections.
    """
    evidence, total = [], 0.0
    distance = DamerauLevenshtein.distance(written, urn)
    if distance == 1:
        total += 0.4
        evidence.append(f"{urn} is {_edit(written, urn)} away from {written}")
    elif distance == 2:
        total += 0.2
        evidence.append(f"{urn} is two edits away from {written}")
    if in_council is True:
        total += 0.2
        evidence.append("it lies in a council the document names")
    elif in_council is False:
        total -= 0.2
        evidence.append("it lies in none of the councils the document names")
    confirmed = 0
    by_day = defaultdict(list)
    for day, value, scale, event in events:
        by_day[day].append((value, scale, event))
    for claim in claims:
        if claim.get("precision") != "day" or claim.get("scale") != "full":
            continue
        days = {claim["date"], claim.get("end_date") or claim["date"]}
        same_day = [e for d in sorted(days) for e in by_day.get(d, [])]
        agree = [e for e in same_day if e[0] == claim.get("score")]
        if agree and confirmed < 2:
            confirmed += 1
            total += 0.3
            evidence.append(f"Ofsted's record has it judged {claim['judgement']!r} on "
                            f"{claim['date']} (event {agree[0][2]}), as the document claims")
        elif same_day and not agree:
            total -= 0.3
            evidence.append(f"Ofsted's record has another judgement on {claim['date']} than "
                            f"the document's {claim['judgement']!r}")
    return round(min(max(total, 0.0), 0.99), 2), evidence


class _Index:
    """What resolution needs to know about documents and homes, built once."""

    def __init__(self, assembly: Assembly) -> None:
        self.homes = {n.id: n for n in assembly.by_label("Home")}
        self.registered = {n.props["urn"]: n.id for n in self.homes.values()
                           if n.props.get("urn") and registered(n)}
        self.docs_of: dict[str, set[str]] = defaultdict(set)
        self.homes_of: dict[str, set[str]] = defaultdict(set)
        self.councils_of_doc: dict[str, set[str]] = defaultdict(set)
        self.claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for edge in assembly.by_type("MENTIONS"):
            if edge.dst.startswith("home:"):
                self.docs_of[edge.dst].add(edge.src)
                self.homes_of[edge.src].add(edge.dst)
            elif edge.dst.startswith("council:"):
                self.councils_of_doc[edge.src].add(edge.dst)
        for edge in assembly.by_type("CLAIMS"):
            self.claims[edge.dst].append(edge.props)
        self.council_of: dict[str, set[str]] = defaultdict(set)
        for edge in assembly.by_type("LOCATED_IN"):
            self.council_of[edge.src].add(edge.dst)
        self.events: dict[str, list[tuple[str, int | None, str | None, str]]] = defaultdict(list)
        self.on_day: dict[str, set[str]] = defaultdict(set)
        inspections = assembly.nodes
        for edge in assembly.by_type("OF"):
            node = inspections.get(edge.src)
            if node is None or edge.dst not in self.homes:
                continue
            p = node.props
            for day in {p.get("start_date"), p.get("end_date"), p.get("date")} - {None}:
                self.events[edge.dst].append((day, p.get("overall_score"), p.get("scale"),
                                              p.get("event") or node.id))
                self.on_day[day].add(edge.dst)
        self.documents = {n.id: n for n in assembly.by_label("Document")}

    def documents_named(self, written: str | None) -> set[str] | None:
        """Document IDs a judgement's ``document`` names (ID, checksum prefix or path)."""
        if not written:
            return None
        w = written.strip().casefold()
        return {d for d, n in self.documents.items()
                if w == d.casefold() or str(n.props.get("path", "")).casefold().endswith(w)
                or str(n.props.get("checksum", "")).startswith(w.removeprefix("document:"))}

    def named(self, name: str, documents: set[str] | None) -> list[str]:
        """Home IDs a name or URN as written refers to (in ``documents`` when given)."""
        folded, urn = " ".join(name.split()).casefold(), normalise_urn(name)
        out = []
        for hid, node in self.homes.items():
            p = node.props
            terms = {str(t).casefold() for t in [p.get("urn"), p.get("name"),
                                                  *(p.get("aliases") or []),
                                                  *(p.get("urns_as_written") or [])] if t}
            named = folded in terms or (urn and p.get("urn") == urn)
            if named and (documents is None or documents & self.docs_of.get(hid, set())):
                out.append(hid)
        return sorted(out)


def _judged(index: _Index, judgements: list[dict[str, Any]]):
    mapping: dict[str, tuple[str, dict[str, Any]]] = {}
    refused: set[tuple[str, str]] = set()
    for j in judgements:
        if j["kind"] not in ("alias", "not_alias"):
            continue
        urn = normalise_urn(j["urn"])
        if not urn:
            continue
        for hid in index.named(j["name"], index.documents_named(j.get("document"))):
            if j["kind"] == "not_alias":
                refused.add((hid, home_id(urn)))
            elif hid != home_id(urn) and not registered(index.homes[hid]):
                mapping[hid] = (home_id(urn), j)
    return mapping, refused


def resolve_homes(assembly: Assembly, judgements: list[dict[str, Any]]) -> None:
    """The pass: judgements, then automatic URN matches, then named homes' questions."""
    index = _Index(assembly)
    judged, refused = _judged(index, judgements)
    chosen: dict[str, tuple[str, dict[str, Any]]] = {}
    urns = sorted(index.registered)
    for hid, node in sorted(index.homes.items()):
        written = node.props.get("urn")
        if not written or registered(node) or hid in judged:
            continue
        if stated_by_ofsted(node):
            node.props["note"] = ("URN given by an Ofsted report but listed in none of the "
                                  "statistics files loaded")
            continue
        docs = index.docs_of.get(hid, set())
        named_councils = set().union(*(index.councils_of_doc.get(d, set()) for d in docs))
        taken = set().union(*(index.homes_of.get(d, set()) for d in docs)) - {hid}
        pool = {index.registered[u] for u, _, _ in process.extract(
            written, urns, scorer=DamerauLevenshtein.distance, score_cutoff=MAX_DISTANCE,
            limit=None)}
        for claim in index.claims.get(hid, []):
            if claim.get("precision") == "day" and named_councils:
                pool |= {h for h in index.on_day.get(claim["date"], set())
                         if index.council_of.get(h, set()) & named_councils}
        ranked = []
        for cand in sorted(pool - taken):
            if (hid, cand) in refused or not childrens_home(index.homes[cand]):
                continue
            in_council = bool(index.council_of.get(cand, set()) & named_councils) \
                if named_councils else None
            conf, evidence = score(written, index.homes[cand].props["urn"], in_council,
                                   index.claims.get(hid, []), index.events.get(cand, []))
            ranked.append((conf, cand, evidence))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        best = ranked[0] if ranked else None
        applied = bool(best and best[0] >= ACCEPT and
                       (len(ranked) == 1 or best[0] - ranked[1][0] >= MARGIN))
        alternatives = [{"urn": index.homes[c].props["urn"], "confidence": s}
                        for s, c, _ in ranked[1:MAX_QUESTIONS] if s > 0]
        document = sorted(docs)[0] if docs else None
        if applied:
            chosen[hid] = (best[1], {"as_written": written, "urn": index.homes[best[1]].props[
                "urn"], "confidence": best[0], "evidence": best[2], "documents": sorted(docs),
                "alternatives": alternatives, "decided_by": "resolver"})
        for conf, cand, evidence in [r for r in ranked if r[0] > 0][:MAX_QUESTIONS]:
            assembly.ask("unknown_urn", hid, cand, conf, {
                "as_written": written, "document": document, "applied": applied and
                cand == best[1], "evidence": evidence, "claims": index.claims.get(hid, [])})
        if not ranked or ranked[0][0] <= 0:
            assembly.ask("unknown_urn", hid, None, 0.0, {"as_written": written,
                                                         "document": document})
    _merge(assembly, index, judged, chosen)
    _named_homes(assembly, index, judged)


def _merge(assembly: Assembly, index: _Index, judged: dict, chosen: dict) -> None:
    mapping: dict[str, str] = {}
    matches: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for hid, (target, j) in judged.items():
        node = index.homes[hid]
        matches[target].append({"as_written": node.props.get("urn") or node.props.get("name"),
                                "urn": target.split(":", 1)[1], "confidence": 1.0,
                                "decided_by": "judgement", "judgement": j.get("id"),
                                "who": j.get("who"), "why": j.get("why"),
                                "document": j.get("document")})
        mapping[hid] = target
    for hid, (target, match) in chosen.items():
        matches[target].append(match)
        mapping[hid] = target
    for hid, target in mapping.items():
        props = index.homes[hid].props
        if props.get("urn"):
            props["urns_as_written"] = sorted({*(props.get("urns_as_written") or []),
                                               props.pop("urn")})
        if target not in assembly.nodes:  # a URN no file lists: the judgement says it is one
            props["urn"] = target.split(":", 1)[1]
        if props.pop("named_only", None):
            props["aliases"] = sorted({*(props.get("aliases") or []), props.pop("name", "")}
                                      - {""})
        props.pop("in_registry", None)
    assembly.redirect(mapping)
    for target, items in matches.items():
        node = assembly.nodes.get(target)
        if node is None:
            continue
        node.props["urn_matches"] = [*(node.props.get("urn_matches") or []), *items]
        for item in items:
            node.prov[Provenance(",".join(item.get("documents") or [item.get("document") or ""]),
                                 item["as_written"] or "", "; ".join(item.get("evidence", [])),
                                 "urn-match", float(item["confidence"]))] = None


def _named_homes(assembly: Assembly, index: _Index, judged: dict) -> None:
    by_council: dict[str, list[tuple[bool, str]]] = defaultdict(list)
    for hid, node in sorted(index.homes.items()):
        kind = str(node.props.get("provision_type") or "").casefold()
        if registered(node) and "children" in kind and "home" in kind:
            council_run = str(node.props.get("sector") or "").casefold() == "local authority"
            for council in index.council_of.get(hid, ()):
                by_council[council].append((not council_run, node.props["urn"]))
    for hid, node in sorted(assembly.nodes.items()):
        if node.kind != "Home" or registered(node) or hid in judged:
            continue
        node.props["in_registry"] = False
        if not node.props.get("named_only"):
            continue
        councils = sorted(index.council_of.get(hid, ()))
        docs = sorted(index.docs_of.get(hid, ()))
        assembly.ask("unresolved_home_name", hid, None, 0.0, {
            "as_written": node.props.get("name"), "document": docs[0] if docs else None,
            "council": councils[0] if councils else None,
            "possible": [u for c in councils for _, u in sorted(by_council.get(c, []))][:20]})


PASSES = (resolve_homes,)
