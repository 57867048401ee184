"""``inspection-graph judge``: curated judgements, the one thing people type in.

Each judgement is appended to ``judgements.jsonl`` in the store folder with who made it,
when and why (``graph.curation``), then the graph is rebuilt from the same inputs so the
judgement is in force at once (``--no-rebuild`` records it only). The file survives every
rebuild; the latest judgement on a pair is the one in force.
"""

from __future__ import annotations

import typer
from rich.table import Table

from cli.app import app, out, plain, print_json
from graph import curation, settings
from graph.errors import NotFound, ParameterError
from graph.names import normalise_urn
from graph.store.sqlite_write import STORE_FILE

judge = typer.Typer(
    help="Record a curated judgement (same person, not the same, alias, not alias) with who, "
    "when and why, then rebuild the graph. `judge list` shows them all.",
    no_args_is_help=True)
app.add_typer(judge, name="judge")

WHY = typer.Option(..., "--why", help="Why you judge so (required; recorded with it).")
WHO = typer.Option(None, "--who", help="Who judges (default: the reviewer setting, else your "
                   "login name).")
NO_REBUILD = typer.Option(False, "--no-rebuild",
                          help="Record only; the next build or `inspection-graph rebuild` "
                          "applies it.")
STORE = typer.Option(None, "--store", "-s", metavar="DIR",
                     help="Store folder (default: $INSPECTION_GRAPH_STORE, else "
                     "./inspection-graph-store).")
DOCUMENT = typer.Option(None, "--document", "-d", help="Only in this document (its ID, path, "
                        "or title); default: wherever the name is written.")


def _reader(store: str | None):
    from graph.store import EmbeddedStore

    folder = settings.store_dir(store)
    return EmbeddedStore(folder) if (folder / STORE_FILE).is_file() else None


def _person(reader, text: str) -> str:
    """A person's ID from an ID or a name (suggestions when the name is ambiguous)."""
    if reader is None:
        if text.startswith("person:"):
            return text
        raise ParameterError(f"{text!r}: give a person ID (person:...) — there is no graph "
                             "here to look the name up in")
    if text.startswith("person:") and reader.node(text):
        return text
    from queries.search import SearchIndex

    return SearchIndex(reader.search_terms()).resolve(text, labels=("Person",))


def _document(reader, text: str | None) -> str | None:
    if text is None or reader is None:
        return text
    if reader.node(text):
        return text
    folded = text.casefold()
    found = sorted(d["id"] for d in reader.nodes("Document")
                   if str(d.get("path", "")).casefold().endswith(folded)
                   or str(d.get("checksum", "")).startswith(folded.removeprefix("document:"))
                   or folded in str(d.get("title", "")).casefold())
    if len(found) != 1:
        docs = [f"{d['id']} ({d.get('title')})" for d in reader.nodes("Document")][:8]
        raise NotFound(f"no single document matches {text!r}", docs)
    return found[0]


def _urn(text: str) -> str:
    urn = normalise_urn(text)
    if urn is None:
        raise ParameterError(f"{text!r} is not a URN (SC followed by digits, or 6-7 digits)")
    return urn


def _record(kind: str, fields: dict[str, str], *, why: str, who: str | None,
            document: str | None, store: str | None, no_rebuild: bool) -> None:
    from graph.build import rebuild

    folder = settings.store_dir(store)
    item = curation.add_judgement(curation.judgements_path(folder), kind, fields, who=who,
                                  why=why, document=document)
    shown = " ".join(f"{k}={v}" for k, v in fields.items())
    out.print(plain(f"recorded {kind} {shown} ({item['id']}) by {item['who']} at "
                    f"{item['when']}"))
    if no_rebuild:
        out.print("not rebuilt (--no-rebuild): the next build applies it", markup=False)
        return
    if not (folder / STORE_FILE).is_file():
        out.print(f"no graph in {folder} yet: the first build applies it", markup=False)
        return
    report = rebuild(folder)
    out.print(f"rebuilt in {report.seconds:.1f} s; content hash "
              f"{report.meta.get('content_hash', '')[:16]}", markup=False)
    if report.exit_code:
        raise typer.Exit(report.exit_code)


@judge.command("same-person")
def same_person(a: str = typer.Argument(..., help="A person: ID or name."),
                b: str = typer.Argument(..., help="Another person: ID or name."),
                why: str = WHY, who: str | None = WHO, store: str | None = STORE,
                no_rebuild: bool = NO_REBUILD) -> None:
    """Say two people are one person; they become one node at the next build.

    Example: inspection-graph judge same-person "person:unnamed-1.manager@home-SC036243~e12d1480"
    "person:unnamed-3.manager@home-SC488596~e12d1480" --why "both moved into SC036243 in
    autumn 2019; the blog's source confirms it is one manager"
    """
    reader = _reader(store)
    _record("same_person", {"a": _person(reader, a), "b": _person(reader, b)}, why=why,
            who=who, document=None, store=store, no_rebuild=no_rebuild)


@judge.command("not-same-person")
def not_same_person(a: str = typer.Argument(..., help="A person: ID or name."),
                    b: str = typer.Argument(..., help="Another person: ID or name."),
                    why: str = WHY, who: str | None = WHO, store: str | None = STORE,
                    no_rebuild: bool = NO_REBUILD) -> None:
    """Say two people are not the same (answers the question; undoes a same-person).

    Example: inspection-graph judge not-same-person "Mr Smith" "Helen Smith" --why
    "the letter's addressee is the director, not the home manager"
    """
    reader = _reader(store)
    _record("not_same_person", {"a": _person(reader, a), "b": _person(reader, b)}, why=why,
            who=who, document=None, store=store, no_rebuild=no_rebuild)


@judge.command("alias")
def alias(name: str = typer.Argument(..., help="A home's name or URN as a document wrote it."),
          urn: str = typer.Argument(..., help="The URN of the registered home it is."),
          document: str | None = DOCUMENT, why: str = WHY, who: str | None = WHO,
          store: str | None = STORE, no_rebuild: bool = NO_REBUILD) -> None:
    """Say a name or URN as written is the home with URN (overrides automatic matches).

    Example: inspection-graph judge alias "Home B" SC036019 --document
    document:e12d14809c2532a9 --why "Ofsted's record: SC036019 judged Good on 2 July 2019"
    """
    reader = _reader(store)
    _record("alias", {"name": name, "urn": _urn(urn)}, why=why, who=who,
            document=_document(reader, document), store=store, no_rebuild=no_rebuild)


@judge.command("not-alias")
def not_alias(name: str = typer.Argument(..., help="A home's name or URN as written."),
              urn: str = typer.Argument(..., help="A URN it is not."),
              document: str | None = DOCUMENT, why: str = WHY, who: str | None = WHO,
              store: str | None = STORE, no_rebuild: bool = NO_REBUILD) -> None:
    """Say a name or URN as written is NOT the home with URN (the resolver then looks again).

    Example: inspection-graph judge not-alias SC036109 SC036019 --why "the council says
    Home B is another home"
    """
    reader = _reader(store)
    _record("not_alias", {"name": name, "urn": _urn(urn)}, why=why, who=who,
            document=_document(reader, document), store=store, no_rebuild=no_rebuild)


@judge.command("list")
def list_judgements(store: str | None = STORE,
                    as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Every judgement recorded, oldest first, and whether it is in force.

    JSON: [{"id", "kind", "a", "b" | "name", "urn", "document", "who", "when", "why",
    "in_force"}]

    Example: inspection-graph judge list --json
    """
    items = curation.read_judgements(curation.judgements_path(settings.store_dir(store)))
    in_force = {j["id"] for j in curation.effective(items)}
    rows = [j | {"in_force": j["id"] in in_force} for j in items]
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"judgements ({len(rows)})", title_justify="left")
    for column in ("id", "kind", "what", "document", "who", "when", "why", "in force"):
        table.add_column(column)
    for j in rows:
        what = f"{j['a']} = {j['b']}" if "a" in j else f"{j['name']} -> {j['urn']}"
        table.add_row(*map(plain, (j["id"], j["kind"], what, j.get("document") or "", j["who"],
                                   j["when"], j["why"])),
                      "yes" if j["in_force"] else "no (superseded)")
    out.print(table)
