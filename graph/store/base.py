"""The reading protocol every store offers (embedded SQLite and Neo4j).

Entity pages (``show``, the explorer) are written against this protocol only, so they
work the same on either backend.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol


class GraphReader(Protocol):
    backend: str

    def meta(self) -> dict[str, Any]: ...

    def counts(self) -> dict[str, dict[str, int]]: ...

    def node(self, node_id: str) -> dict[str, Any] | None: ...

    def nodes(self, label: str | None = None) -> Iterator[dict[str, Any]]: ...

    def edges(self, rel_type: str | None = None, *, src: str | None = None,
              dst: str | None = None) -> Iterator[dict[str, Any]]: ...

    def provenance(self, owner: str) -> list[dict[str, Any]]: ...

    def search_terms(self) -> list[tuple[str, str, str]]: ...

    def questions(self, status: str | None = None) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...
