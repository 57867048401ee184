"""One exception hierarchy for the whole tool.

Every error a user can cause derives from :class:`InspectionGraphError`, so the CLI and the
explorer can show a message instead of a traceback.
"""

from __future__ import annotations


class InspectionGraphError(Exception):
    """Base class of every error the tool raises on purpose."""


class SchemaError(InspectionGraphError):
    """The schema files are inconsistent (a bad reference, an unknown type)."""


class SourceError(InspectionGraphError):
    """A source file cannot be read; names the file and, where known, the line.

    >>> str(SourceError("data/x.csv", "no header row", line=3))
    'data/x.csv, line 3: no header row'
    """

    def __init__(self, path: object, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class BuildError(InspectionGraphError):
    """A build could not complete; the previous graph is left as it was."""


class StoreError(InspectionGraphError):
    """The store is missing, unreadable or of another version."""


class NotFound(InspectionGraphError):
    """An entity, query or parameter does not exist; `suggestions` lists near matches."""

    def __init__(self, message: str, suggestions: list[str] | tuple[str, ...] = ()) -> None:
        self.suggestions = list(suggestions)
        if self.suggestions:
            message = f"{message} (did you mean: {', '.join(self.suggestions)}?)"
        super().__init__(message)


class Ambiguous(InspectionGraphError):
    """A name matches several entities; `candidates` lists them."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        self.candidates = candidates
        super().__init__(f"{message}: {', '.join(candidates)}")


class NoPath(InspectionGraphError):
    """No time-respecting path connects the given entities."""


class ParameterError(InspectionGraphError):
    """A query or command parameter is missing, unknown or malformed."""


class ReadOnlyError(InspectionGraphError):
    """A write was attempted through a read-only interface."""
