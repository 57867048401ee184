"""Injection attempts through every input of the explorer (search box, every query form
field, the entity addresses, Review's who and why, an upload's file name) raise nothing,
change no graph, and show nothing they should not. Run with Streamlit's AppTest."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.build import build
from queries.catalog import catalog
from tests.security_fixture import PAYLOADS, build_store, content_hash, copy_store
from tests.test_explorer_pages import text, write_fixture

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SOME = [PAYLOADS[i] for i in (0, 2, 3, 5, 6, 7, 8, 9, 10, 12, 16)]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("explorer-security"))


@pytest.fixture()
def store(built, tmp_path, monkeypatch) -> Path:
    copied = copy_store(built, tmp_path / "store")
    monkeypatch.setenv("INSPECTION_GRAPH_STORE", str(copied))
    monkeypatch.delenv("INSPECTION_GRAPH_BACKEND", raising=False)
    return copied


def page(name: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if name:
        at.switch_page(name).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_search_box(store):
    before = content_hash(store)
    at = page("explorer/search.py")
    for payload in SOME:
        at.text_input(key="search_q").set_value(payload).run()
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value for e in at.error]
        exact = [p.proto.label for p in at.get("page_link") if "%)" not in p.proto.label]
        assert not exact, (payload, exact)  # suggestions at most, never a match
    assert content_hash(store) == before


def test_entity_addresses(store):
    for index, key in enumerate(("urn", "person", "provider", "council", "id")):
        at = page(**{key: SOME[index * 2]})
        assert at.warning, (key, text(at))
        assert not at.dataframe and not at.metric  # a message, no entity page


@pytest.mark.parametrize("query", catalog(), ids=lambda q: q.name)
def test_every_query_form_field(store, query):
    before = content_hash(store)
    at = page("explorer/catalog.py")
    at.selectbox(key="catalog_query").set_value(query.name).run()
    payload = SOME[[q.name for q in catalog()].index(query.name) % len(SOME)]
    filled = 0
    for param in query.params:
        key = f"catalog_{query.name}_{param.name}"
        field = next((w for w in at.text_input if w.key == key), None)
        if field is not None:
            field.set_value(payload)
            filled += 1
    next(b for b in at.button if b.label == "Run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    if filled:  # a name that names nothing is a message, not rows
        assert at.error or at.warning, text(at)
        assert not at.dataframe
    assert content_hash(store) == before


def test_review_who_and_why_are_recorded_verbatim(tmp_path, monkeypatch):
    sample_like = build_store(tmp_path / "plain")  # the graph its inputs give on their own
    store = write_fixture(tmp_path / "store", inputs=[str(tmp_path / "plain" / "in")])
    monkeypatch.setenv("INSPECTION_GRAPH_STORE", str(store))
    monkeypatch.delenv("INSPECTION_GRAPH_BACKEND", raising=False)
    at = page("explorer/review.py")
    who, why = PAYLOADS[3] + PAYLOADS[10], PAYLOADS[0] + "\n" + PAYLOADS[6]
    at.text_input(key="review_who_0").set_value(who)
    at.text_area(key="review_why_0").set_value(why)
    next(b for b in at.button if b.label == "Reject").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (item,) = [json.loads(line) for line in (store / "judgements.jsonl").read_text().splitlines()]
    assert (item["who"], item["why"]) == (who, why)
    assert "rebuilt" in at.success[0].value
    assert content_hash(store) == content_hash(sample_like)  # the judgement touches no one


def test_upload_file_names_cannot_leave_the_documents_folder(store, tmp_path):
    before = sorted(p.name for p in tmp_path.iterdir())
    at = page("explorer/upload.py")
    body = b"Home A (SC000003) was rated Inadequate on 8 January 2019.\n"
    at.file_uploader[0].set_value(("../../../etc/passwd.txt", body, "text/plain")).run()
    next(b for b in at.button if b.label.startswith("Add")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Added documents/passwd.txt" in at.success[0].value
    assert [p.name for p in (store / "documents").iterdir()] == ["passwd.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not Path("/etc/passwd.txt").exists()


def test_upload_of_a_hostile_document_name_and_text(store):
    at = page("explorer/upload.py")
    name = "{0}%s$x`'\"; DROP TABLE nodes;--\u202e.txt"
    body = ("Home A (SC000003) was rated Inadequate on 8 January 2019. "
            + PAYLOADS[0] + " " + PAYLOADS[5]).encode()
    at.file_uploader[0].set_value((name, body, "text/plain")).run()
    next(b for b in at.button if b.label.startswith("Add")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    saved = [p.name for p in (store / "documents").iterdir()]
    assert len(saved) == 1 and saved[0].endswith(".txt")
    assert re.fullmatch(r"[A-Za-z0-9._-]+", saved[0]), saved
    assert build([store / "documents"], store.parent / "check").exit_code == 0


def test_a_quote_cannot_put_a_link_or_an_image_on_the_page(tmp_path, monkeypatch):
    """A source sentence with Markdown in it is shown as its words: an image would make
    every reader's browser fetch it from wherever the document's author chose."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "post.txt").write_text(
        "Home A (SC000001) was rated Good on 8 January 2019 ![x](http://evil.example/p.png) "
        "[click](javascript:alert(1)) :red[alarm] $x^2$ <img src=x>.\n", encoding="utf-8")
    assert build([folder], tmp_path / "store").exit_code == 0
    monkeypatch.setenv("INSPECTION_GRAPH_STORE", str(tmp_path / "store"))
    monkeypatch.delenv("INSPECTION_GRAPH_BACKEND", raising=False)
    at = page(urn="SC000001")
    quoted = [m.value for m in at.markdown if "evil" in m.value]
    assert quoted, text(at)
    for value in quoted:
        assert not re.search(r"(?<!\\)!\[|(?<!\\)\]\(|(?<!\\):red\[|(?<!\\)\$|(?<!\\)<", value)
    assert "![x](http://evil.example/p.png)" in text(at)  # the words, as written
