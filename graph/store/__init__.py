"""Graph stores: the embedded SQLite store (default) and Neo4j, behind one reading API."""

from graph.store.sqlite import EmbeddedStore
from graph.store.sqlite_write import STORE_FILE, write_store

__all__ = ["STORE_FILE", "EmbeddedStore", "write_store"]
