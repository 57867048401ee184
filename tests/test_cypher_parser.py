"""Tests of the Cypher parser harness (tests/cypher_parser.py, tools/cypher-lint).

They prove the harness passes valid Cypher 5 and fails invalid Cypher, with
positions. When the parser is not installed they fail (never skip) and name
the install command: CI installs it, and so should a developer.
"""

from __future__ import annotations

import time

import pytest

from tests import cypher_parser
from tests.cypher_parser import CypherDiagnostics, install_hint, lint_cypher


def lint(statements: list[str], **kwargs) -> list[CypherDiagnostics]:
    """lint_cypher, failing the test with the install command if the parser is missing."""
    if not cypher_parser.cypher_parser_available():
        pytest.fail(f"Neo4j's Cypher parser is not installed; run: {install_hint()}")
    return lint_cypher(statements, **kwargs)


def report(statements: list[str], results: list[CypherDiagnostics]) -> str:
    """Readable list of every statement that has errors, for assertion messages."""
    return "\n".join(
        f"{statements[r.index]!r}: " + "; ".join(map(str, r.errors)) for r in results if r.errors
    )


# A string literal with quotes, backslashes, `//`, braces, backticks, Unicode
# (raw and as \u escapes, including a surrogate pair) and control escapes.
TRICKY_SINGLE = (
    r"""'Inspector\'s "view": C:\\temp\\ // not a comment {x: 1} `tick` """
    r"""café 😀 \u00e9 \uD83D\uDE00 \n\t\r\b\f'"""
)
TRICKY_DOUBLE = r'''"Inspector's \"view\": C:\\temp\\ /* no */ {x} ``tick`` \u00E9\n"'''

VALID = [
    "MERGE (h:Home {id: $id}) SET h += $props",
    "UNWIND $rows AS row MERGE (h:Home {id: row.id}) SET h += row.props",
    "UNWIND $rows AS row\nMATCH (h:Home {id: row.home})\nMERGE (p:Provider {id: row.provider})\n"
    "MERGE (h)-[:RUN_BY]->(p)",
    "CREATE CONSTRAINT home_id IF NOT EXISTS FOR (n:Home) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX home_name IF NOT EXISTS FOR (n:Home) ON (n.name)",
    f"MERGE (h:Home {{id: 'SC-1'}}) SET h.note = {TRICKY_SINGLE}",
    f"MERGE (h:Home {{id: 'SC-1'}}) SET h.note = {TRICKY_DOUBLE}",
    "MERGE (h:Home {id: 'SC-1'}) SET h.raw = 'line 1\nline 2\ttab', h.beds = 5, h.lat = -51.5",
    "MERGE (h:`Home Base` {`odd``key`: 'x'}) // a comment with ' and \"\nRETURN h",
    # a script: several statements, checked as a whole
    "CREATE CONSTRAINT home_id IF NOT EXISTS FOR (n:Home) REQUIRE n.id IS UNIQUE;\n"
    "MERGE (h:Home {id: 'a'}) SET h.name = 'A';\n"
    "MERGE (h:Home {id: 'b'}) SET h.name = 'B';\n",
]


def test_valid_statements_have_no_errors():
    results = lint(VALID)
    assert [r.index for r in results] == list(range(len(VALID)))
    assert all(r.ok for r in results), report(VALID, results)


# (statement, line, column) of the first error
INVALID = [
    ("MATCH (n RETURN n", 1, 10),
    ("MERGE (h:Home {id: 'a}) RETURN h", 1, 20),  # unterminated string
    ("MERGE (h:Home {id: 'a'}) SET h.x = 'it''s'", 1, 40),  # '' is not an escape in Cypher
    ("RETURN 'C:\\' AS s", 1, 8),  # the backslash escapes the closing quote
    ("RETURN 'a\\u0027b' AS s", 1, 16),  # \u0027 is replaced by ' before the string is read
    ("RETURN '\\u12' AS s", 1, 11),  # \u needs four hex digits
    ("MERGE (h:Home {id: 'a'})\nSET h.name = 'A';\nMATCH (n\nRETURN n;", 4, 1),
    ("MATCH (h:Home) SET h.x = y", 1, 26),  # semantic: undefined variable
]


def test_invalid_statements_have_errors_with_positions():
    statements = [s for s, _, _ in INVALID]
    results = lint(statements)
    for (statement, line, column), result in zip(INVALID, results, strict=True):
        assert result.errors, f"no error for {statement!r}"
        first = result.errors[0]
        assert (first.line, first.column) == (line, column), f"{statement!r}: {first}"


def test_error_offset_indexes_the_python_string():
    statement = "RETURN '😀 é' AS s;\nMATCH (n RETURN n"
    [result] = lint([statement])
    [error] = result.errors
    assert (error.line, error.column) == (2, 10)
    assert statement[error.offset :].startswith("RETURN n")


# What may stand inside a string literal, and whether Neo4j accepts it there.
ESCAPES = [
    ("\\'", True),
    ('\\"', True),
    ("\\\\", True),
    ("\\n\\t\\r\\b\\f", True),
    ("\\u00e9\\u00C9", True),
    ("\\uD83D\\uDE00", True),  # a surrogate pair: one emoji
    ("\\u0041\\u0000\\u000a", True),
    ("\\q\\x41\\0\\U0001F600", True),  # accepted, but not escapes: the backslash stays
    ("raw newline\n, tab\t, NUL\0, emoji 😀", True),
    ("\\", False),  # escapes the closing quote
    ("\\u0027", False),  # becomes a quote, which ends the string early
    ("\\u005C", False),  # becomes a backslash, which escapes the closing quote
    ("\\u", False),
    ("\\uzzzz", False),
    ("'", False),
]


def test_string_escapes():
    statements = [f"RETURN 'a{body}' AS s" for body, _ in ESCAPES]
    results = lint(statements)
    wrong = [
        f"{statement!r}: expected {'valid' if valid else 'an error'}, got {r.errors}"
        for statement, (_, valid), r in zip(statements, ESCAPES, results, strict=True)
        if r.ok != valid
    ]
    assert not wrong, "\n".join(wrong)


def test_warnings_are_reported_apart_from_errors():
    [result] = lint(["MATCH (n) RETURN id(n)"])
    assert result.ok
    assert result.warnings and "deprecated" in result.warnings[0].message


def test_shared_templates_give_the_same_results_as_exact_checks():
    """Statements that differ only in literals share one check; values Neo4j checks still count."""
    families = {
        "MERGE (h:Home {{id: 'x', beds: {}}})": ["5", "9223372036854775808", "-3", "1e400"],
        "MERGE (h:Home {{id: '{}'}}) SET h.x = 1": ["a", "it''s", "b\\'c", "C:\\", "\\u0027", "é"],
        "LOAD CSV FROM 'f' AS row FIELDTERMINATOR '{}' RETURN row": [",", "ab", "\\t", ""],
        "MATCH (n) SET n:$('{}')": ["A", "", "B"],
        "MATCH (n) RETURN n LIMIT {}": ["1", "-1", "2"],
        "UNWIND [1] AS x CALL (x) {{ CREATE (:A) }} IN TRANSACTIONS OF {} ROWS": ["5", "0", "7"],
        "MATCH (n) WHERE n.x = {} RETURN m": ["1", "2.5"],
        "MATCH (n) RETURN id(n), '{}' AS s": ["a", "b"],
    }
    statements = [family.format(value) for family, values in families.items() for value in values]
    shared = lint(statements)
    assert shared == lint(statements, exact=True)
    assert sum(not r.ok for r in shared) == 12, report(statements, shared)


def test_thousands_of_statements_in_one_call():
    statements = [
        f"MERGE (h:Home {{id: 'SC{i:06d}'}}) SET h.name = 'Home \\'{i}\\'', "
        f"h.beds = {i % 17}, h.lat = {50 + i / 1000:.4f}"
        for i in range(3000)
    ]
    statements[1234] = statements[1234].replace("SET", "SET (")
    started = time.monotonic()
    results = lint(statements)
    elapsed = time.monotonic() - started
    assert [r.index for r in results if r.errors] == [1234]
    assert elapsed < 60, f"{len(statements)} statements took {elapsed:.1f} s"


def test_missing_package_raises_with_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(cypher_parser, "PACKAGE_DIR", tmp_path / "not-installed")
    assert not cypher_parser.cypher_parser_available()
    with pytest.raises(RuntimeError, match="npm ci --prefix tools/cypher-lint"):
        lint_cypher(["RETURN 1"])


def test_missing_node_raises_with_install_hint(monkeypatch):
    monkeypatch.setattr(cypher_parser.shutil, "which", lambda name: None)
    assert not cypher_parser.cypher_parser_available()
    with pytest.raises(RuntimeError, match=r"Node\.js"):
        lint_cypher(["RETURN 1"])
