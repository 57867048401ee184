"""Resolution passes, run in order over the assembled graph before it is stored.

Each pass is a function ``(assembly, judgements) -> None`` that may merge IDs, derive
relationships (ownership spells, tenures, staff moves) and record open questions.
"""

from __future__ import annotations

from typing import Any

from graph.assemble import Assembly


def passes():
    """Ofsted's statistics first, then documents: homes (judgements, URN matches), people
    (judgements, questions), report inspections and tenures, and finally moves."""
    from graph.resolve import moves, ofsted, people, tenures, urns

    return (*ofsted.PASSES, *urns.PASSES, *people.PASSES, *tenures.PASSES, *moves.PASSES)


def resolve(assembly: Assembly, judgements: list[dict[str, Any]]) -> None:
    for step in passes():
        step(assembly, judgements)
