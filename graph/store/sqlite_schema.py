"""The SQLite layout of the embedded store, documented for people who open it directly.

Open ``graph.sqlite`` with ``sqlite3``, Datasette or any SQLite tool:

- ``nodes(id, label, caption, props)`` and ``edges(id, type, src, dst, props)``: props are
  JSON objects; one typed view per label (``"Home"``, ``"Inspection"`` ...) and per
  relationship type (``"STAFF_MOVE"`` ...) exposes them as columns.
- ``provenance(owner, source, locator, quote, rule, confidence)``: where each node or
  edge came from (file and row, or document, locator and quote).
- ``sources``, ``rejects``, ``notices``: what each build read, used and refused.
- ``search(id, label, term)``: every name, alias and URN an entity is found by.
- ``questions``: open questions resolution left for a person to judge.
- ``meta``: format version, build time, inputs, content hash.

Example: ``SELECT urn, local_authority FROM "Home" WHERE urn = 'SC036243';``
"""

from __future__ import annotations

from graph.model import Model

FORMAT_VERSION = "1"

#: Properties whose values a search box finds an entity by.
SEARCH_PROPS = ("urn", "name", "names", "aliases", "full_name", "urns_as_written", "event",
                "legacy_id")

TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE nodes(id TEXT PRIMARY KEY, label TEXT NOT NULL, caption TEXT, props TEXT NOT NULL)
  WITHOUT ROWID;
CREATE TABLE edges(id TEXT PRIMARY KEY, type TEXT NOT NULL, src TEXT NOT NULL,
  dst TEXT NOT NULL, props TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE provenance(owner TEXT NOT NULL, seq INTEGER NOT NULL, source TEXT NOT NULL,
  locator TEXT, quote TEXT, rule TEXT, confidence REAL);
CREATE TABLE sources(path TEXT PRIMARY KEY, kind TEXT, rows_read INTEGER, rows_used INTEGER,
  rows_rejected INTEGER, blank_rows INTEGER, detail TEXT);
CREATE TABLE rejects(source TEXT NOT NULL, locator TEXT, reason TEXT NOT NULL);
CREATE TABLE notices(source TEXT NOT NULL, locator TEXT, message TEXT NOT NULL);
CREATE TABLE search(id TEXT NOT NULL, label TEXT NOT NULL, term TEXT NOT NULL);
CREATE TABLE questions(id TEXT PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL,
  candidate TEXT, score REAL, evidence TEXT, status TEXT NOT NULL);
"""

INDEXES = """
CREATE INDEX nodes_label ON nodes(label, id);
CREATE INDEX edges_src ON edges(src, type);
CREATE INDEX edges_dst ON edges(dst, type);
CREATE INDEX edges_type ON edges(type);
CREATE INDEX provenance_owner ON provenance(owner, seq);
CREATE INDEX rejects_source ON rejects(source);
CREATE INDEX search_term ON search(term COLLATE NOCASE);
"""


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def view_statements(model: Model) -> list[str]:
    """One typed view per label and per relationship type, columns from the schema."""
    statements = []
    for label in model.labels.values():
        cols = ", ".join(
            f"json_extract(props, '$.{p}') AS {_quote_ident(p)}" for p in label.properties
        )
        statements.append(
            f"CREATE VIEW {_quote_ident(label.name)} AS SELECT id, {cols} "
            f"FROM nodes WHERE label = '{label.name}'"
        )
    for rel in model.relationships.values():
        cols = "".join(
            f", json_extract(props, '$.{p}') AS {_quote_ident(p)}" for p in rel.properties
        )
        statements.append(
            f"CREATE VIEW {_quote_ident(rel.name)} AS SELECT id, src, dst{cols} "
            f"FROM edges WHERE type = '{rel.name}'"
        )
    return statements
