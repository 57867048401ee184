"""Review (``/review``): the open questions resolution leaves — candidate same-person
pairs, URNs a document wrote that are not in the registry (with their candidates), home
names no judgement ties to a URN — with the evidence side by side. Confirming or
rejecting one records a curated judgement (who, when, why) and rebuilds the graph, so
the graph reflects it at once.
"""

from __future__ import annotations

import getpass
from typing import Any

import streamlit as st

from explorer import data, state, widgets
from graph import curation, settings
from graph.build import rebuild
from graph.errors import InspectionGraphError
from queries.explorer_common import caption

PER_PAGE = 8
FLASH = "review_flash"
WHAT = {"person": "Are these the same person?", "urn": "Is this URN, as written, this home?",
        "name": "Is this named home this registered home?"}


def family(kind: str) -> str:
    """Which judgement a question calls for: ``person`` (same_person / not_same_person) or
    ``urn`` / ``name`` (alias / not_alias).

    >>> family("same_person"), family("unknown_urn"), family("unresolved_home_name")
    ('person', 'urn', 'name')
    """
    kind = kind.casefold()
    if "person" in kind or "people" in kind:
        return "person"
    return "urn" if "urn" in kind else "name"


def _urn(node_id: str | None) -> str | None:
    if not node_id:
        return None
    node = data.node(node_id) or {}
    return node.get("urn") or node_id.removeprefix("home:")


def _as_written(question: dict[str, Any]) -> str:
    ev = question.get("evidence") or {}
    node = data.node(question["subject"]) or {}
    return str(ev.get("as_written") or ev.get("name") or ev.get("urn_as_written")
               or node.get("name") or (node.get("aliases") or [None])[0] or node.get("urn")
               or question["subject"].split(":")[-1])


def judgement_for(question: dict[str, Any], confirm: bool, urn: str | None = None
                  ) -> tuple[str, dict[str, str], str | None]:
    """(kind, fields, document) of the curated judgement answering ``question``."""
    ev = question.get("evidence") or {}
    document = ev.get("document") if isinstance(ev.get("document"), str) else None
    if family(question["kind"]) == "person":
        kind = "same_person" if confirm else "not_same_person"
        return kind, {"a": question["subject"], "b": question["candidate"] or ""}, None
    kind = "alias" if confirm else "not_alias"
    return kind, {"name": _as_written(question),
                  "urn": urn or _urn(question.get("candidate")) or ""}, document


SHOWN = ("name", "roles", "place", "documents", "description", "role_family", "unnamed",
         "key", "name_key")


def _side(node_id: str | None, title: str, said: Any = None) -> None:
    """One side of a question: the entity (with a link), what it is, where, in which
    documents, and the quotes the sources give."""
    st.markdown(f"**{title}**")
    node = data.node(node_id) if node_id else None
    if not node_id:
        st.caption("No candidate: choose or type the URN below.")
    elif node is None:
        st.markdown(f"`{node_id}` (not in the graph)")
    else:
        widgets.link(node_id, caption(node, node_id), node=node)
        lines = [str(node[k]) for k in ("description",) if node.get(k)]
        roles = ", ".join(node.get("roles") or [])
        lines += [f"roles: {roles}"] if roles else []
        lines += [f"{k}: {'; '.join(map(str, v)) if isinstance(v, list) else v}"
                  for k, v in node.items() if k not in (*SHOWN, "id", "label", "aliases")
                  and v not in (None, "", [], {}) and not isinstance(v, dict)][:6]
        if node.get("aliases"):
            lines.append("also called: " + "; ".join(node["aliases"]))
        st.markdown("\n".join(f"- {line}" for line in lines))
        if node.get("label") == "Home":
            home = data.summary_of_home(node_id)
            st.markdown(f"- council: {home.get('council')}; latest: {home.get('latest')} "
                        f"({home.get('latest_date')})")
        if isinstance(node.get("place"), str) and node["place"] != node_id:
            widgets.link(node["place"], f"at {caption(data.node(node['place']), node['place'])}")
        for doc in node.get("documents") or []:
            widgets.link(doc, caption(data.node(doc), doc), label="Document")
    if said:
        said = said if isinstance(said, dict) else {"evidence": said}
        _evidence({k: v for k, v in said.items() if k not in SHOWN})


def _evidence(ev: dict[str, Any]) -> None:
    """The evidence a question carries: quotes as quotes, lists as lists."""
    for key, value in ev.items():
        if value in (None, "", [], {}):
            continue
        if "quote" in key:
            for quote in value if isinstance(value, list) else [value]:
                widgets.quote(quote)
        elif key == "document" and isinstance(value, str) and value.startswith("document:"):
            widgets.link(value, f"In {caption(data.node(value), value)}", label="Document")
        elif key == "applied":
            st.markdown("- the build applied this match (a judgement can overturn it)")
        elif isinstance(value, list):
            st.markdown(f"- {key}:\n" + "\n".join(f"  - {_item(v)}" for v in value[:20]))
        elif isinstance(value, dict):
            st.markdown(f"- {key}: " + "; ".join(f"{k} {v}" for k, v in value.items()))
        else:
            st.markdown(f"- {key}: {value}")


def _item(value: Any) -> str:
    """One list item of evidence: a claim or other record as a short line."""
    if isinstance(value, dict):
        head = " ".join(str(value[k]) for k in ("date", "judgement") if value.get(k))
        rest = "; ".join(f"{k} {v}" for k, v in value.items()
                         if k not in ("date", "judgement") and v not in (None, ""))
        return f"{head} ({rest})" if head and rest else head or rest
    return str(value)


def _answer(question: dict[str, Any], index: int) -> None:
    kind = family(question["kind"])
    with st.form(f"review_{index}"):
        urn = None
        if kind != "person" and not question.get("candidate"):
            possible = [str(u) for u in (question.get("evidence") or {}).get("possible") or []]
            if possible:
                urn = st.selectbox("Registered home it is", possible, index=None,
                                   placeholder="one of the homes in the council's area",
                                   key=f"review_pick_{index}")
            urn = st.text_input("…or type its URN", key=f"review_urn_{index}") or urn
        who = st.text_input("Who is judging", value=settings.get("reviewer") or _login(),
                            key=f"review_who_{index}")
        why = st.text_area("Why (recorded with the judgement)", key=f"review_why_{index}")
        cols = st.columns(2)
        confirm = cols[0].form_submit_button("Confirm", icon=":material/check:")
        reject = cols[1].form_submit_button("Reject", icon=":material/close:")
    if confirm or reject:
        judgement, fields, document = judgement_for(question, bool(confirm), urn)
        path = curation.judgements_path(state.store_dir())
        item = curation.add_judgement(path, judgement, fields, who=who, why=why,
                                      document=document)
        message = f"Recorded {item['kind']} by {item['who']} at {item['when']}."
        st.session_state[FLASH] = ("success", message + " " + _rebuild())
        st.rerun()


def _rebuild() -> str:
    """Rebuild with the new judgement; says what happened."""
    with st.spinner("Rebuilding the graph with this judgement…"):
        try:
            report = rebuild(state.store_dir())
        except InspectionGraphError as exc:
            return (f"The graph was NOT rebuilt ({exc}); it is as it was. Run "
                    "`inspection-graph rebuild` when the cause is fixed.")
    if not report.swapped:
        return "The graph was NOT rebuilt (nothing could be loaded); it is as it was."
    return f"The graph was rebuilt in {report.seconds:.1f} s: the judgement is in force."


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def _history() -> None:
    judgements = curation.read_judgements(curation.judgements_path(state.store_dir()))
    st.subheader(f"Judgements recorded ({len(judgements)})")
    rows = [{**j, "between": " / ".join(str(j.get(k)) for k in ("a", "b", "name", "urn")
                                        if j.get(k))} for j in reversed(judgements)]
    widgets.table(rows, {"when": "When", "who": "Who", "kind": "Judgement",
                         "between": "About", "document": "In document", "why": "Why"})


def render() -> None:
    st.title("Review")
    st.caption("Resolution never merges silently: what it could not decide waits here. "
               "Each answer is recorded with who, when and why, and the graph is rebuilt.")
    widgets.neo4j_note()
    if FLASH in st.session_state:
        _, message = st.session_state.pop(FLASH)
        (st.success if "NOT" not in message else st.warning)(message)
    questions = [q for q in data.questions() if q.get("status", "open") == "open"]
    if not questions:
        st.success("No open questions: resolution decided everything in this graph.")
    else:
        kinds = sorted({q["kind"] for q in questions})
        kind = st.selectbox("Kind", ["All", *kinds], key="review_kind")
        chosen = [q for q in questions if kind in ("All", q["kind"])]
        pages = max(1, (len(chosen) + PER_PAGE - 1) // PER_PAGE)
        page = st.number_input(f"Page (of {pages})", 1, pages, 1, key="review_page") \
            if pages > 1 else 1
        st.markdown(f"**{len(chosen)}** open question{'s' * (len(chosen) != 1)}.")
        for index, question in enumerate(chosen[(page - 1) * PER_PAGE: page * PER_PAGE]):
            st.divider()
            st.markdown(f"#### {WHAT[family(question['kind'])]}  \n`{question['kind']}` · "
                        f"score {question.get('score')}")
            ev = dict(question.get("evidence") or {})
            left, right = st.columns(2)
            with left:
                _side(question["subject"], "As the source has it", ev.pop("subject", None))
            with right:
                _side(question.get("candidate"), "Candidate", ev.pop("candidate", None))
            ev.pop("possible", None)
            _evidence(ev)
            _answer(question, (page - 1) * PER_PAGE + index)
    _history()


if __name__ == "__main__":
    widgets.run_page(render)
