"""The query catalog (``/queries``): any named query, its parameters as form fields, the
result table, the evidence of each row, the Cypher; downloads as CSV, JSON and a Cypher
script of the result.

Reads ``queries.catalog`` (``catalog()`` and ``run(store, name, params)``); the Cypher
script comes from ``graph.exports`` when that is installed.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from explorer import evidence, state, widgets
from queries.explorer_evidence import summary

#: Link cells show the entity's key, not the whole address.
LINK_TEXT = r"^/\?(?:urn|person|provider|council|id)=(.*)$"
_LABELLED = ("home:", "person:", "provider:", "council:", "inspection:", "document:",
             "requirement:")


def _entity_url(value: Any) -> Any:
    """A node ID becomes a link to its page; a relationship ID or other value stays."""
    if isinstance(value, str) and value.startswith(_LABELLED) and "->" not in value:
        return state.url_for(value)
    return None if not isinstance(value, str) else value


def _get(obj: Any, name: str, default: Any = None) -> Any:
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def _catalog() -> list[Any] | None:
    try:
        from queries.catalog import catalog
    except ImportError:
        return None
    return list(catalog())


@st.cache_data(show_spinner="Running the query…", max_entries=64)
def _run(key: str, _reader: Any, name: str, params: tuple[tuple[str, Any], ...]) -> dict:
    from queries.catalog import run

    result = run(_reader, name, dict(params))
    return {"rows": [dict(r) for r in _get(result, "rows", [])],
            "cypher": _get(result, "cypher", ""), "params": dict(_get(result, "params", {}) or {}),
            "entities": list(_get(result, "entities", []) or []),
            "relationships": list(_get(result, "relationships", []) or []),
            "script": _script(result, _reader)}


def _script(result: Any, reader: Any) -> str | None:
    """The Cypher script that recreates the result's subgraph (``graph.exports``), or
    ``None`` when this installation has no exports."""
    try:
        from graph.exports import export
        from graph.exports.base import ExportContext
        from graph.exports.subgraph import from_query
    except ImportError:
        return None
    context = ExportContext(meta=reader.meta(), scope="query", query=_get(result, "query"),
                            params=dict(_get(result, "params", {}) or {}),
                            query_cypher=_get(result, "cypher"))
    with tempfile.TemporaryDirectory(prefix="explorer-export-") as folder:
        path = Path(folder) / "result.cypher"
        export(reader, "cypher", path, context, selection=from_query(result))
        return path.read_text(encoding="utf-8")


def _field(param: Any, key: str, prefill: dict[str, str] | None = None) -> Any:
    """A form field for one parameter, by its type (``queries.params``)."""
    name, kind = _get(param, "name"), str(_get(param, "type", "str")).lower()
    default, choices = _get(param, "default"), _get(param, "choices")
    if prefill and prefill.get(name):  # a shared link: /queries?query=…&home=SC036243
        default = int(prefill[name]) if kind == "int" and prefill[name].isdigit() \
            else prefill[name]
    help_ = _get(param, "help") or None
    label = name.replace("_", " ") + (" *" if _get(param, "required") else "")
    if choices:
        options = ["", *choices] if not _get(param, "required") else list(choices)
        index = options.index(default) if default in options else 0
        return st.selectbox(label, options, index=index, help=help_, key=key) or None
    if kind in ("int", "integer"):
        low, high = _get(param, "min"), _get(param, "max")
        value = int(default) if default is not None else (low or 0)
        return int(st.number_input(label, min_value=low, max_value=high, value=value, step=1,
                                   help=help_, key=key))
    if kind in ("bool", "boolean"):
        return st.checkbox(label, value=bool(default), help=help_, key=key)
    if kind == "date":
        value = dt.date.fromisoformat(str(default)) if default else None
        chosen = st.date_input(label, value=value, min_value=dt.date(2000, 1, 1),
                               help=help_, key=key)
        return chosen.isoformat() if isinstance(chosen, dt.date) else None
    hint = {"urn": "a URN (any spacing), alias or home ID", "council": "a council name",
            "provider": "a provider name", "person": "a person's name or ID",
            "document": "a document title or ID"}.get(kind)
    text = st.text_input(label, value="" if default is None else str(default), help=help_,
                         placeholder=hint, key=key)
    return text.strip() or None


def _downloads(name: str, result: dict) -> None:
    rows = [{k: (json.dumps(v, default=str) if isinstance(v, (dict, list)) else v)
             for k, v in row.items()} for row in result["rows"]]
    payload = {"query": name, "params": result["params"], "cypher": result["cypher"],
               "rows": result["rows"]}
    cols = st.columns(3)
    cols[0].download_button("CSV", pd.DataFrame(rows).to_csv(index=False),
                            file_name=f"{name}.csv", mime="text/csv")
    cols[1].download_button("JSON", json.dumps(payload, indent=2, default=str),
                            file_name=f"{name}.json", mime="application/json")
    if result["script"]:
        cols[2].download_button("Cypher script", result["script"],
                                file_name=f"{name}.cypher", mime="text/plain")
    else:
        cols[2].caption("The Cypher script export is not installed yet.")


def _show(name: str, result: dict) -> None:
    rows = result["rows"]
    st.markdown(f"**{len(rows)}** row{'s' * (len(rows) != 1)}")
    if rows:
        shown = [{**{k: v for k, v in r.items() if k != "evidence"},
                  "evidence": summary(r.get("evidence") or [])} for r in rows]
        frame = pd.DataFrame(shown).dropna(axis="columns", how="all")
        config = {}
        for column in frame.columns:
            if frame[column].map(lambda v: isinstance(v, (dict, list))).any():
                frame[column] = frame[column].map(lambda v: json.dumps(v, default=str)
                                                  if isinstance(v, (dict, list)) else v)
            elif column == "id" or column.endswith("_id"):
                frame[column] = frame[column].map(_entity_url)
                config[column] = st.column_config.LinkColumn(column, display_text=LINK_TEXT)
        st.dataframe(frame, hide_index=True, width="stretch", column_config=config)
        labelled = [{**r, "name": f"Row {i}"} for i, r in enumerate(rows, 1)]
        evidence.per_row(labelled, "name", title="Evidence for each row")
    st.markdown("**Cypher** (runs on the Neo4j export with the same parameters)")
    st.code(result["cypher"] or "(no Cypher for this query)", language="cypher")
    _downloads(name, result)


def render() -> None:
    st.title("Queries")
    st.caption("Named questions the graph answers, each with its evidence and its Cypher.")
    definitions = _catalog()
    if definitions is None:
        st.info("The query catalog is not part of this installation yet.")
        return
    if not definitions:
        st.info("The query catalog is empty.")
        return
    by_name = {_get(d, "name"): d for d in definitions}
    wanted = st.query_params.get("query")
    names = list(by_name)
    name = st.selectbox("Query", names, index=names.index(wanted) if wanted in names else 0,
                        format_func=lambda n: f"{_get(by_name[n], 'title') or n} ({n})",
                        key="catalog_query")
    definition = by_name[name]
    st.markdown(_get(definition, "description") or "")
    if _get(definition, "example"):
        st.caption(f"Example: `{_get(definition, 'example')}`")
    with st.form(f"catalog_form_{name}"):
        prefill = st.query_params.to_dict() if wanted == name else {}
        params = {_get(p, "name"): _field(p, f"catalog_{name}_{_get(p, 'name')}", prefill)
                  for p in _get(definition, "params", []) or []}
        submitted = st.form_submit_button("Run")
    if submitted or st.session_state.get("catalog_last") == name:
        st.session_state["catalog_last"] = name
        reader = state.store()
        result = _run(state.store_key(reader), reader, name,
                      tuple(sorted((k, v) for k, v in params.items() if v is not None)))
        _show(name, result)


if __name__ == "__main__":
    widgets.run_page(render)
