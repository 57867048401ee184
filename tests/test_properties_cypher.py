"""Property-based tests of the Cypher text the exports write: any string is a literal Neo4j
reads back as the same string, on one line; any name is a label, type or key that cannot
end its backticks early; comment text stays on its comment line and decodes nothing."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.exports.cypher import comment_text, cypher_map, cypher_string
from graph.store.neo4j_schema import quote_name
from tests.test_export_cypher import string_literals

ANY = st.text(alphabet=st.characters(codec=None), max_size=60) | st.sampled_from(
    ["'}) DETACH DELETE n //", "\\u0027 \\' \\", "$x {0} `x`", "*/ -- //", "\u2028\u2029\x85"])


@settings(max_examples=400, deadline=None)
@given(ANY)
def test_any_string_is_a_literal_neo4j_reads_back(text):
    literal = cypher_string(text)
    assert string_literals(f"RETURN {literal} AS s") == [text]
    assert not any(c in literal for c in "\n\r\u2028\u2029\x85")


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12), ANY, max_size=4))
def test_a_map_of_any_keys_and_strings_reads_back(props):
    text = cypher_map(props)
    assert string_literals(f"RETURN {text} AS m") == list(props.values())


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_any_name_stays_inside_its_backticks(name):
    quoted = quote_name(name)
    if quoted.startswith("`"):
        inner = quoted[1:-1]
        assert inner.replace("``", "").count("`") == 0 and inner.replace("``", "`") == name
    else:
        assert quoted == name and name.isidentifier()


@settings(max_examples=200, deadline=None)
@given(ANY)
def test_comment_text_cannot_end_a_comment(text):
    for line in comment_text(text):
        assert len(line.splitlines()) <= 1  # a // comment ends at any line break
        for run in re.findall(r"(\\+)u", line):  # Neo4j decodes \uXXXX even in comments
            assert len(run) % 2 == 0
