"""Every catalog query's .cypher file, checked by Neo4j's own Cypher parser
(tests/cypher_parser.py), and by the house rules: read-only, parameters only (exactly the
query's declared parameters), nodes looked up by label and key."""

from __future__ import annotations

import re

import pytest

from queries.catalog import catalog
from tests import cypher_parser
from tests.cypher_parser import install_hint, lint_cypher

QUERIES = catalog()
#: Warnings we accept: `CALL { WITH x ... }` is deprecated from Neo4j 5.23 in favour of
#: `CALL (x) { ... }`, which older 5.x servers reject; the old form runs on every 5.x.
ALLOWED_WARNINGS = ("CALL subquery without a variable scope clause is deprecated",
                    "Variable in subquery is shadowing a variable with the same name")


def _strip_comments_and_strings(text: str) -> str:
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", text)


@pytest.fixture(scope="module")
def diagnostics():
    if not cypher_parser.cypher_parser_available():
        pytest.fail(f"Neo4j's Cypher parser is not installed; run: {install_hint()}")
    results = lint_cypher([q.cypher for q in QUERIES])
    return {q.name: r for q, r in zip(QUERIES, results, strict=True)}


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_cypher_parses(diagnostics, query):
    result = diagnostics[query.name]
    assert result.ok, "\n".join(map(str, result.errors))
    unexpected = [w for w in result.warnings if not w.message.startswith(ALLOWED_WARNINGS)]
    assert not unexpected, "\n".join(map(str, unexpected))


def test_the_parser_catches_a_broken_query():
    if not cypher_parser.cypher_parser_available():
        pytest.fail(f"Neo4j's Cypher parser is not installed; run: {install_hint()}")
    broken = QUERIES[0].cypher.replace("RETURN", "RETURNS", 1)
    assert not lint_cypher([broken])[0].ok


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_cypher_uses_exactly_the_declared_parameters(query):
    used = set(re.findall(r"\$(\w+)", _strip_comments_and_strings(query.cypher)))
    assert used == {p.name for p in query.params}


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_cypher_is_read_only(query):
    code = _strip_comments_and_strings(query.cypher).upper()
    for word in ("MERGE", "CREATE", "SET", "DELETE", "REMOVE", "DETACH", "LOAD CSV", "FOREACH",
                 "APOC."):
        assert not re.search(rf"\b{re.escape(word)}\b", code), word


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_nodes_are_looked_up_by_label_and_key(query):
    code = _strip_comments_and_strings(query.cypher)
    for match in re.finditer(r"(?<![\w])\(\s*(\w*)\s*(:\s*`?\w+`?)?\s*\{([^}]*)\}", code):
        variable, label, props = match.groups()
        if variable.upper() in ("COLLECT", "COUNT", "EXISTS"):  # a subquery, not a node
            continue
        assert label, f"label-less lookup {match.group(0)!r}"
        assert re.fullmatch(r"\s*id:\s*[$\w.]+\s*", props), \
            f"a node looked up by something other than its id: {match.group(0)!r}"
