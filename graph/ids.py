"""Deterministic IDs from natural keys: the same source always gives the same ID.

IDs are readable (``home:SC036243``, ``inspection:10049675``, ``provider:constant-child-care``)
so that a reporter can cite them and a Neo4j user can MERGE on them.

>>> home_id("sc 36243")
'home:SC036243'
>>> provider_id("Constant Child Care Limited") == provider_id("CONSTANT CHILD CARE LTD")
True
>>> council_id("Derby City Council")
'council:derby'
>>> slug("Queensferry Gardens' Home")
'queensferry-gardens-home'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from graph.model import model
from graph.names import council_key, is_council_name, normalise_urn, provider_key

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens; apostrophes vanish rather than split words."""
    folded = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    folded = re.sub(r"['’`]", "", folded.lower())
    return _NON_ALNUM.sub("-", folded).strip("-")


def make_id(label: str, key: str) -> str:
    """``<prefix>:<key>`` for a label of the schema."""
    return f"{model().label(label).id_prefix}:{key}"


@lru_cache(maxsize=65536)
def home_id(urn: str) -> str:
    normal = normalise_urn(urn)
    if normal is None:
        raise ValueError(f"not a URN: {urn!r}")
    return make_id("Home", normal)


def named_home_id(council: str, name: str) -> str:
    """A home known only by name in a council's area (``home:named:derby:queensferry-gardens``)."""
    return make_id("Home", f"named:{council_key(council)}:{slug(name)}")


@lru_cache(maxsize=65536)
def council_id(name: str) -> str:
    return make_id("Council", council_key(name))


@lru_cache(maxsize=65536)
def provider_id(name: str) -> str:
    """A provider's ID; a council running homes is keyed by its council key, so
    "Derby City Council" in a report and a Local Authority home in Derby meet.

    >>> provider_id("Derby City Council"), provider_id("Constant Child Care Ltd")
    ('provider:council-derby', 'provider:constant-child-care')
    """
    if is_council_name(name):
        return council_provider_id(name)
    return make_id("Provider", provider_key(name))


def council_provider_id(council: str) -> str:
    """The Provider ID of a council as the runner of homes."""
    return make_id("Provider", "council-" + council_key(council))


def inspection_id(event: str) -> str:
    return make_id("Inspection", str(event).strip())


def legacy_inspection_id(legacy: str) -> str:
    """An inspection from the 2015 ID system that could not be tied to a later event."""
    return make_id("Inspection", f"2015-{str(legacy).strip()}")


def document_inspection_id(subject_id: str, start: str, kind: str) -> str:
    """An inspection known only from a document: subject, first day and visit kind."""
    subject = subject_id.split(":", 1)[1]
    return make_id("Inspection", f"{subject}:{start}:{slug(kind)}")


def document_id(checksum: str) -> str:
    return make_id("Document", checksum[:16])


def person_id(key: str) -> str:
    return make_id("Person", key)


def requirement_id(inspection: str, index: int) -> str:
    return make_id("Requirement", f"{inspection.split(':', 1)[1]}:{index}")
