"""Review and Add documents write to the store: a judgement is recorded (who, when, why)
and the graph rebuilt; a document is saved, loaded by a rebuild and shown with its facts;
a refused document or a failed load leaves the graph as it was.

Each test gets its own store: the fixture graph, with the labelled sample data as the
build's input, so a rebuild really runs (and gives the sample graph plus what was added).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explorer.upload import add_document, refuse, sanitise
from graph.build import rebuild
from graph.errors import BuildError, ParameterError
from graph.store import EmbeddedStore
from synth.sample import write_sample
from tests.test_explorer_pages import APP, write_fixture

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture()
def store_dir(tmp_path, monkeypatch) -> Path:
    sample = tmp_path / "sample"
    write_sample(sample)
    store = write_fixture(tmp_path / "store", inputs=[str(sample)])
    monkeypatch.setenv("INSPECTION_GRAPH_STORE", str(store))
    monkeypatch.delenv("INSPECTION_GRAPH_BACKEND", raising=False)
    return store


def _review() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("explorer/review.py").run()
    assert not at.exception
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _judgements(store_dir: Path) -> list[dict]:
    path = store_dir / "judgements.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_confirming_records_who_when_why_and_rebuilds(store_dir):
    at = _review()
    at.text_input(key="review_who_0").set_value("tester")
    at.text_area(key="review_why_0").set_value("Same manager: the blog names the move.")
    _button(at, "Confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (item,) = _judgements(store_dir)
    assert (item["kind"], item["a"], item["b"], item["who"]) == (
        "same_person", "person:jane-doe", "person:j-doe", "tester")
    assert item["why"] == "Same manager: the blog names the move." and item["when"]
    assert "Recorded same_person by tester" in at.success[0].value
    assert "rebuilt" in at.success[0].value
    with EmbeddedStore(store_dir) as store:
        assert store.meta()["judgements"] == 1  # the new graph was built with it
    history = at.dataframe[-1].value.to_string()
    assert "tester" in history and "same_person" in history


def test_rejecting_records_not_same_person(store_dir):
    at = _review()
    at.text_area(key="review_why_0").set_value("Different first names in the reports.")
    _button(at, "Reject").click().run()
    assert [j["kind"] for j in _judgements(store_dir)] == ["not_same_person"]


def test_a_judgement_needs_a_reason(store_dir):
    at = _review()
    _button(at, "Confirm").click().run()
    assert not at.exception
    assert "say why" in at.error[0].value
    assert _judgements(store_dir) == []


def test_refusals_and_names():
    assert sanitise("../x/Report: SC036243.TXT") == "Report_SC036243.txt"
    assert refuse("photo.png", b"\x89PNG") and refuse("empty.txt", b"")
    assert refuse("fake.pdf", b"hello") == "fake.pdf is not a PDF file."
    assert refuse("blob.txt", bytes(range(256)) * 4)
    assert refuse("letter.txt", b"Dear Mr Smith") is None


def test_a_document_that_cannot_be_loaded_leaves_the_graph_as_it_was(store_dir):
    rebuild(store_dir)
    with EmbeddedStore(store_dir) as store:
        before = store.meta()["content_hash"]
    with pytest.raises(BuildError, match="could not be loaded"):
        add_document(store_dir, "broken.pdf", b"%PDF-1.4\nthis is not really a PDF\n")
    assert not (store_dir / "documents" / "broken.pdf").exists()
    with EmbeddedStore(store_dir) as store:
        assert store.meta()["content_hash"] == before
    with pytest.raises(ParameterError, match="not a document"):
        add_document(store_dir, "photo.png", b"\x89PNG\r\n")


def test_upload_page_adds_a_report_and_shows_its_facts(store_dir):
    report = SEEDS / "002_d5455c2d798b6e74.txt"
    if not report.is_file():
        pytest.skip("the seed documents are not beside the project")
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("explorer/upload.py").run()
    at.file_uploader[0].set_value(("Assurance visit SC368032.txt", report.read_bytes(),
                                   "text/plain"))
    at.run()
    _button(at, "Add Assurance visit SC368032.txt to the graph").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert "Added documents/Assurance_visit_SC368032.txt" in at.success[0].value
    assert (store_dir / "documents" / "Assurance_visit_SC368032.txt").is_file()
    labels = [p.proto.label for p in at.get("page_link")]
    assert any("SC368032" in label for label in labels), labels
    with EmbeddedStore(store_dir) as store:
        assert store.node("home:SC368032") is not None
        assert any(n.get("path", "").endswith("Assurance_visit_SC368032.txt")
                   for n in store.nodes("Document"))


def test_a_confirmed_same_person_is_one_person_in_the_rebuilt_graph(tmp_path, monkeypatch):
    if not SEEDS.is_dir():
        pytest.skip("the seed documents are not beside the project")
    from graph.build import build

    store_dir = tmp_path / "store"
    build([SEEDS], store_dir)
    monkeypatch.setenv("INSPECTION_GRAPH_STORE", str(store_dir))
    monkeypatch.delenv("INSPECTION_GRAPH_BACKEND", raising=False)
    with EmbeddedStore(store_dir) as store:
        pairs = [(q["subject"], q["candidate"]) for q in store.questions("open")
                 if q["kind"] == "same_person"]
    assert pairs, "the blog leaves a same-person question about the moved managers"
    at = _review()
    at.selectbox(key="review_kind").select("same_person").run()
    assert f"**{len(pairs)}** open question" in _markdown(at)
    at.text_area(key="review_why_0").set_value("The blog's manager who moved is this one.")
    _button(at, "Confirm").click().run()
    assert not at.exception and "rebuilt" in at.success[0].value
    # the page already reads the rebuilt graph: that question is no longer open
    assert f"**{len(pairs)}** open question" not in _markdown(at)
    a, b = pairs[0]
    with EmbeddedStore(store_dir) as store:
        survivors = [p for p in (a, b) if store.node(p) is not None]
        assert len(survivors) == 1, "the two mentions are now one Person"
        assert not [q for q in store.questions("open")
                    if {q["subject"], q["candidate"]} == {a, b}]
        managed = {e["dst"] for e in store.edges("MANAGED", src=survivors[0])}
        assert len(managed) >= 1
