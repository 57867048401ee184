"""Placeholder until the document loaders land: recognises nothing."""

KIND = "document"


def sniff(source) -> bool:
    return False


def load(source):
    return iter(())
