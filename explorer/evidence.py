"""Evidence on screen: every fact leads to its source document and quote, or to the
statistics file and the row itself (read back from the file the build loaded).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import streamlit as st

from explorer import data, state, widgets
from queries.explorer_evidence import describe_source, source_file, source_row, summary

#: How many data rows one evidence box reads back from their files.
ROWS_SHOWN = 4
#: How many sources one evidence box lists (a provider can have hundreds of rows).
LISTED = 15


@lru_cache(maxsize=4096)
def _row(inputs: tuple[str, ...], store_dir: str, source: str, locator: str,
         mtime_key: str) -> str | None:
    return source_row(source_file(list(inputs), store_dir, source), locator)


def _inputs() -> tuple[tuple[str, ...], str, str]:
    meta = data.meta()
    return tuple(meta.get("inputs") or ()), str(state.store_dir()), str(meta.get("content_hash"))


def items(evidence: list[dict[str, Any]], *, rows: int = ROWS_SHOWN) -> None:
    """Each provenance item: a document link and its quote, or a file, row and rule."""
    if not evidence:
        st.caption("No recorded source.")
        return
    documents = data.documents_by_path()
    inputs, store_dir, key = _inputs()
    shown = 0
    for item in evidence[:LISTED]:
        item = describe_source(item, documents)
        rule = f" · rule `{item['rule']}`" if item.get("rule") else ""
        confidence = item.get("confidence")
        conf = f" · confidence {confidence:.2f}" if confidence not in (None, 1, 1.0) else ""
        if item["document_id"]:
            st.page_link("explorer/overview.py", label=item["label"], icon=":material/description:",
                         query_params={"id": item["document_id"]})
        else:
            st.markdown(f":material/table_rows: `{item['label']}`{rule}{conf}")
        if item.get("quote"):
            widgets.quote(item["quote"])
        elif item["kind"] == "data" and shown < rows:
            raw = _row(inputs, store_dir, str(item.get("source") or ""),
                       str(item.get("locator") or ""), key)
            shown += 1
            if raw:
                st.code(raw, language=None, wrap_lines=True)
            elif item.get("locator"):
                st.caption(f"{Path(str(item.get('source'))).name} is not beside the graph "
                           "any more, so the row cannot be shown.")
        if item["document_id"] and (rule or conf):
            st.caption(rule.strip(" ·") + conf)
    if len(evidence) > LISTED:
        files = sorted({str(e.get("source")) for e in evidence[LISTED:]})
        st.caption(f"… and {len(evidence) - LISTED} more, from "
                   + ", ".join(f"`{f}`" for f in files[:8]) + (" …" if len(files) > 8 else ""))


def box(evidence: list[dict[str, Any]], title: str = "Where this comes from", *,
        expanded: bool = False) -> None:
    """An expander holding the evidence for one fact or one table."""
    plural = "s" * (len(evidence) != 1)
    with st.expander(f":material/manage_search: {title} — {len(evidence)} source{plural}",
                     expanded=expanded):
        items(evidence)


def per_row(rows: list[dict[str, Any]], name: str, *, title: str = "Evidence for each row",
            limit: int = 40) -> None:
    """An expander with each row's evidence under the row's name."""
    with_evidence = [r for r in rows if r.get("evidence")]
    if not with_evidence:
        return
    with st.expander(f":material/manage_search: {title} ({len(with_evidence)})"):
        for row in with_evidence[:limit]:
            st.markdown(f"**{row.get(name) or row.get('id')}** — {summary(row['evidence'])}")
            items(row["evidence"], rows=1)
        if len(with_evidence) > limit:
            st.caption(f"… and {len(with_evidence) - limit} more.")
