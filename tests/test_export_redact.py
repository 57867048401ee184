"""``export --redact``: no person's name or ID survives in any format; pseudonyms are
stable for a key and differ between keys; the key file is private."""

from __future__ import annotations

import os
import re
import stat

import pytest

from graph.exports import FORMATS, SUFFIXES, export
from graph.exports.base import ExportContext
from graph.exports.redact import KEY_FILE, Redactor, redaction_key, redactor_for
from tests.test_export_fixture_graph import hostile_store

TRACES = re.compile(r"hara|helen", re.IGNORECASE)  # any part of the name, ID or key


def exported_text(path) -> str:
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    return "".join(f.read_text(encoding="utf-8") for f in files)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_name_or_person_id_survives(tmp_path, fmt):
    with hostile_store(tmp_path / "store") as store:
        plain = tmp_path / f"plain{SUFFIXES[fmt]}"
        export(store, fmt, plain, ExportContext(meta=store.meta()))
        assert TRACES.search(exported_text(plain))  # the test can fail
        redactor = redactor_for(store, b"test key")
        out = tmp_path / f"redacted{SUFFIXES[fmt]}"
        summary = export(store, fmt, out, ExportContext(meta=store.meta()), redactor=redactor)
    text = exported_text(out)
    assert not TRACES.search(text), TRACES.search(text)
    tag = redactor.names["person:helen-o-hara-smith"].split()[1]
    assert f"Person {tag}" in text and f"person:p-{tag}" in text
    assert summary["nodes"] == 9 and summary["relationships"] == 15


def test_pseudonyms_are_stable_per_key():
    people = [{"id": f"person:p{i}", "name": f"Name Number{i}"} for i in range(500)]
    a, b = Redactor(b"k1", people), Redactor(b"k1", list(reversed(people)))
    assert a.names == b.names and a.ids == b.ids
    assert len(set(a.names.values())) == 500
    assert Redactor(b"k2", people).names != a.names
    assert re.fullmatch(r"Person [0-9a-f]{6,}", a.names["person:p1"])


def test_text_replacement_respects_word_boundaries():
    r = Redactor(b"k", [{"id": "person:ann-lee", "name": "Ann Lee",
                         "variants": ["Ms Lee"]},
                        {"id": "person:ann-lee-jones", "name": "Ann Lee-Jones"}])
    text = r.text("Ann Lee met ANN LEE-JONES and Ms Lee; Annabel Leeds stays; "
                  "person:ann-lee-jones, person:ann-lee.")
    assert "Annabel Leeds stays" in text
    assert "Ann" not in text.replace("Annabel", "") and "ann-lee" not in text
    assert text.count(r.names["person:ann-lee"]) == 2


def test_surnames_alone_are_redacted_too():
    r = Redactor(b"k", [{"id": "person:b", "name": "Councillor Bailey"},
                        {"id": "person:w", "name": "Councillor J. Whitby"},
                        {"id": "person:s1", "name": "Helen Smith"},
                        {"id": "person:s2", "name": "Mr Smith"},
                        {"id": "person:u", "name": "the manager of SC1", "unnamed": True}])
    text = r.text("Councillors Bailey and Whitby met Smith and the manager of SC1; bailey.")
    assert text == (f"Councillors {r.names['person:b']} and {r.names['person:w']} met "
                    "[name redacted] and the manager of SC1; bailey.")


def test_key_file_is_created_private_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv("INSPECTION_GRAPH_REDACT_KEY", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    key = redaction_key(tmp_path)
    mode = stat.S_IMODE(os.stat(tmp_path / KEY_FILE).st_mode)
    assert mode == 0o600 and len(key) == 64
    assert redaction_key(tmp_path) == key
    monkeypatch.setenv("INSPECTION_GRAPH_REDACT_KEY", "from the environment")
    assert redaction_key(tmp_path) == b"from the environment"


def test_names_folded_into_keys_are_redacted_too():
    """Found by tests/test_redaction_real.py: Person.name_key ("barry-edwards") and other
    keys holding a folded name left the real names in every redacted format."""
    r = Redactor(b"k", [{"id": "person:barry-edwards.ri@provider-x", "name": "Barry Edwards",
                         "name_key": "barry-edwards"}])
    tag = r.ids["person:barry-edwards.ri@provider-x"].split(":", 1)[1]
    assert r.text("key barry-edwards; id person:barry-edwards.ri@provider-x") == (
        f"key {tag}; id person:{tag}")
    assert r.text("xbarry-edwardsy barry-edwards2") == "xbarry-edwardsy barry-edwards2"
