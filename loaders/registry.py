"""Which loader reads a file: decided by content, in a fixed order of preference."""

from __future__ import annotations

from types import ModuleType

from loaders.base import Source


def loaders() -> tuple[ModuleType, ...]:
    """Every loader module, most specific first (imported lazily to keep start-up fast)."""
    from loaders import documents, ofsted_joiners_and_leavers, ofsted_providers

    return (ofsted_providers, ofsted_joiners_and_leavers, documents)


def recognise(source: Source) -> ModuleType | None:
    """The first loader whose ``sniff`` accepts the file, or ``None``."""
    for module in loaders():
        if module.sniff(source):
            return module
    return None
