"""Add documents (``/add-documents``): upload a report, letter or article; it is saved in
the store's ``documents/`` folder, loaded like any other source by a rebuild, and its
facts appear with their evidence. A document that cannot be loaded, or a rebuild that
fails, leaves the graph as it was and says why.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from explorer import data, state, widgets
from graph.build import UPLOADS, BuildReport, rebuild
from graph.errors import BuildError, InspectionGraphError, ParameterError
from loaders.base import is_binary

ACCEPTED = ("txt", "pdf", "html", "htm", "md")
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Added:
    """A document added to the store and the rebuild that loaded it."""

    path: Path
    name: str  # as the build names it: documents/<file>
    report: BuildReport


def sanitise(filename: str) -> str:
    """A safe file name: no folders, only letters, digits, dot, dash and underscore.

    >>> sanitise("../../etc/Ofsted report (SC036243).PDF")
    'Ofsted_report_SC036243.pdf'
    >>> sanitise(".hidden.txt")
    'hidden.txt'
    """
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-")[:100] or "document"
    return f"{stem}.{ext.lower()}" if ext else stem


def refuse(filename: str, content: bytes) -> str | None:
    """Why a file is not a document this tool loads, or ``None`` when it may be one."""
    ext = filename.rpartition(".")[2].lower() if "." in filename else ""
    if ext not in ACCEPTED:
        return (f"{filename} is not a document this tool reads: upload a report or article "
                f"as {', '.join('.' + e for e in ACCEPTED)}.")
    if not content:
        return f"{filename} is empty."
    if len(content) > MAX_BYTES:
        return f"{filename} is {len(content) / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB."
    if ext == "pdf":
        return None if content[:5] == b"%PDF-" else f"{filename} is not a PDF file."
    if is_binary(content[:8192]):
        return f"{filename} is not text (it looks like a binary file)."
    return None


def add_document(store_dir: Path, filename: str, content: bytes) -> Added:
    """Save the document into ``store_dir/documents/`` and rebuild. If the rebuild fails,
    or refuses the document, the file is removed and :class:`BuildError` says why; the
    graph is then the one there was before."""
    reason = refuse(filename, content)
    if reason:
        raise ParameterError(reason)
    folder = Path(store_dir) / UPLOADS
    folder.mkdir(parents=True, exist_ok=True)
    name = sanitise(filename)
    path = folder / name
    stem, _, ext = name.rpartition(".")
    counter = 1
    while path.exists() and path.read_bytes() != content:
        counter += 1
        path = folder / f"{stem}-{counter}.{ext}"
    existed = path.exists()
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    tmp.write_bytes(content)
    os.replace(tmp, path)
    build_name = f"{UPLOADS}/{path.name}"
    try:
        report = rebuild(store_dir)
    except InspectionGraphError as exc:
        if not existed:
            path.unlink(missing_ok=True)
        raise BuildError(f"the graph was not rebuilt, so it is as it was: {exc}") from None
    mine = next((f for f in report.files if f.name == build_name), None)
    if not report.swapped or mine is None or mine.status == "rejected":
        why = mine.message if mine else "the build did not read it"
        if not existed:
            path.unlink(missing_ok=True)
        if report.swapped:
            rebuild(store_dir)  # the graph as it was, without the refused file
        raise BuildError(f"{filename} could not be loaded ({why}); the graph is as it was.")
    return Added(path, build_name, report)


def _facts(added: Added) -> None:
    """The document's node and everything it says, with quotes."""
    documents = data.documents_by_path()
    doc_id = documents.get(added.name) or documents.get(added.path.name)
    if doc_id is None:
        st.info("The document was loaded, but it yields no Document node in this graph.")
        return
    view = data.view("Document", doc_id) or {}
    st.subheader("What the graph now holds from it")
    widgets.link(doc_id, f"Open the document's page ({len(view.get('mentions') or [])} "
                 "mentions)", label="Document")
    for mention in (view.get("mentions") or [])[:30]:
        widgets.link(mention["id"], mention["entity"], label=mention.get("label"))
        if mention.get("quote"):
            widgets.quote(mention["quote"])
    if view.get("moves"):
        st.markdown(f"**Staff moves it states:** {len(view['moves'])}")
    if view.get("claims"):
        st.markdown(f"**Ratings it claims:** {len(view['claims'])}")


def render() -> None:
    st.title("Add documents")
    st.caption("Upload an Ofsted report or letter, a council paper or an article. It is "
               "loaded like any other source: its homes, people, moves and claims appear "
               "with the quotes they come from.")
    widgets.neo4j_note()
    # No `type=` filter: a wrong file gets our message rather than Streamlit's refusal.
    upload = st.file_uploader("Document", key="upload_file",
                              help=f"Text, PDF or HTML, up to {MAX_BYTES // 2**20} MB.")
    if upload is None:
        folder = state.store_dir() / UPLOADS
        added = sorted(p.name for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
        st.caption(f"Documents added so far: {', '.join(added) if added else 'none'}.")
        return
    content = upload.getvalue()
    reason = refuse(upload.name, content)
    if reason:
        st.error(reason)
        return
    if st.button(f"Add {upload.name} to the graph", type="primary", key="upload_go"):
        with st.spinner("Loading the document and rebuilding the graph…"):
            added = add_document(state.store_dir(), upload.name, content)
        st.success(f"Added {added.name}; the graph was rebuilt in "
                   f"{added.report.seconds:.1f} s.")
        _facts(added)


if __name__ == "__main__":
    widgets.run_page(render)
