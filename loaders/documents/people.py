"""People a document names, with the role and place it gives them.

Only forms that tie a name to a role are read; a capitalised pair of words in running text
is not taken for a person (it is as often a home, a street or a board):

- a list ``Name – Role [at Place]`` ("Helen Smith – Queensferry Gardens Children's Home
  Manager Jo Blackshaw – Residential Child Care Worker at ...");
- an apposition ``Name, Role`` ("Shazana Jamal, Social Care Inspector"), also across a
  line break (a letter's signature: "Julie Knight" over "Her Majesty's Inspector");
- ``<role>s ... were A, B and C`` ("Her Majesty's Inspectors for this visit were ...");
- titles that are roles ("Councillor Bailey", "Councillors Bailey and Whitby") and a
  letter's addressee ("Dear Mr Smith").

>>> text = ("Mark Barratt – Director Specialist Services Helen Smith – Queensferry Gardens "
...         "Children's Home Manager Mike Evans – Service Manager, Looked After Children "
...         "Service, Leicester")
>>> for m in dash_list(text, 0, len(text)):
...     print(m.written, m.role, sep=" | ")
Mark Barratt | Director Specialist Services
Helen Smith | Queensferry Gardens Children's Home Manager
Mike Evans | Service Manager, Looked After Children Service, Leicester
>>> role_family("Queensferry Gardens Children's Home Manager"), role_family("Service Manager")
('manager', 'officer')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ids import slug
from graph.names import parse_person

_UP, _LOW = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"  # Latin-1 letters too: Zoë, Seán, José, Björn
TOKEN = (rf"(?:[{_UP}](?:['’][{_UP}])?[{_LOW}]*[{_UP}]?[{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
         rf"|[{_UP}]\.)")
TITLE = r"(?:Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame)"
NAME = rf"(?:{TITLE}\.?\s+)?(?:[A-Z]\.\s*)*{TOKEN}(?:[ \t]+{TOKEN}){{0,2}}"
WRAPPED_NAME = rf"(?:{TITLE}\.?\s+)?(?:[A-Z]\.\s*)*{TOKEN}(?:\s+{TOKEN}){{0,2}}"
_MONTHS = ("january february march april may june july august september october november "
           "december")
NON_NAME = frozenset((
    "director directors manager managers worker workers service services specialist home "
    "homes children children's childrens care council councils social officer officers "
    "inspector inspectors her his majesty majesty's chair board city county borough "
    "residential child looked after strategic head deputy acting interim registered "
    "responsible individual lead senior assistant team the and of for in at dear from to "
    "young people department cabinet member members ofsted review scrutiny overview avenue "
    "gardens walk road street court house lodge close yours sincerely faithfully report "
    "inspection visit focused school authority local government professionals witnesses "
    "recommendation recommendations context reasons evidence children's corporate parent "
    "parenting executive chief his hm hmi provider registered a an this that these "
    + _MONTHS).split())
_ROLE_START = (r"(?:(?:Her|His) Majesty['’]s Inspector|(?:(?:Lead|Senior|Social Care|Regulatory|"
               r"Children['’]s Services)\s+)*Inspector|Chair(?:man|person)? of|"
               r"(?:Executive |Strategic |Service |Assistant )?Director|"
               r"(?:Registered |Acting |Interim |Deputy |Service |Home )?Manager|"
               r"Responsible [Ii]ndividual|Head of|Councillor|Cabinet Member|Social Worker|"
               r"Residential Child Care Worker)")
_DASH = re.compile(r"\s[–—-]\s")
_APPOSITION = re.compile(rf"(?P<name>{NAME})[ \t]*(?:,[ \t]*|\n[ \t]*)(?P<role>{_ROLE_START}"
                         r"[^,.;\n\d]*)")
_LISTED = re.compile(rf"(?P<role>(?:Her|His) Majesty['’]s Inspectors|[Ii]nspectors|HMIs?)\b"
                     rf"[^.]{{0,60}}?\b(?:were|are)\s*:?\s+(?P<names>{WRAPPED_NAME}"
                     rf"(?:\s*,\s*{WRAPPED_NAME})*(?:\s*,?\s+and\s+{WRAPPED_NAME})?)")
_COUNCILLORS = re.compile(rf"\b(?:Councillors|Cllrs)\s+(?P<names>{TOKEN}(?:\s*,\s*{TOKEN})*"
                          rf"\s+and\s+{TOKEN})")
_COUNCILLOR = re.compile(rf"\b(?:Councillor|Cllr\.?)\s+(?:[A-Z]\.\s*)*{TOKEN}(?:\s+{TOKEN})?")
_DEAR = re.compile(rf"^[ \t]*Dear\s+(?P<name>{TITLE}\.?\s+(?:[A-Z]\.\s*)*{TOKEN}(?:\s+{TOKEN})?"
                   rf"|{TOKEN}\s+{TOKEN})[ \t]*,?[ \t]*$", re.MULTILINE)
_ROLE_WORD = re.compile(r"\b(?:manager|worker|director|officer|inspector|councillor|chair|"
                        r"head|lead|individual|social worker|carer|member)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person as written, with the role phrase a source gives (place still inside it)."""

    start: int
    end: int
    written: str
    role: str | None
    rule: str
    role_start: int = -1
    role_end: int = -1


def clean_name(written: str) -> str | None:
    """The name with role words trimmed off its front, or ``None`` if no name is left.

    >>> clean_name("Home Manager Jo Blackshaw"), clean_name("Queensferry Gardens")
    ('Jo Blackshaw', None)
    """
    tokens = written.split()
    keep: list[str] = []
    for token in reversed(tokens):
        bare = token.casefold().rstrip(",").replace("’", "'")
        if bare in NON_NAME or bare.removesuffix("'s") in NON_NAME:
            break
        keep.insert(0, token)
    name = " ".join(keep[-4:])
    person = parse_person(name)
    if not person.surname or (not person.full and not person.title):
        return None
    return name


def role_family(role: str) -> str:
    """The family a role belongs to (part of a person's key: see ``emit.person_key``)."""
    r = role.casefold()
    if "responsible individual" in r:
        return "responsible-individual"
    if "inspector" in r or r.strip() in ("hmi", "hmis"):
        return "inspector"
    if "councillor" in r or "cabinet member" in r or r.startswith("chair"):
        return "councillor"
    if "deputy" in r and "manager" in r:
        return "deputy-manager"
    if re.search(r"\b(?:service|team|case|operations?|area|senior|resource|business|project|"
                 r"practice|assistant)\s+manager", r):
        return "officer"
    if "manager" in r:
        return "manager"
    if re.search(r"\b(?:director|officer|head of)\b", r):
        return "officer"
    if "social worker" in r:
        return "social-worker"
    if "addressee" in r:
        return "addressee"
    if re.search(r"\b(?:worker|carer|staff|practitioner|assistant)\b", r):
        return "care-worker"
    return slug(r)[:30] or "named"


def name_span(written: str, name: str) -> tuple[int, int]:
    """Where ``name`` (as :func:`clean_name` gives it: its tokens joined by single spaces)
    lies in ``written``, the last occurrence, whatever whitespace ran between its tokens.

    >>> name_span("Home Manager Jo  Blackshaw", "Jo Blackshaw")
    (13, 26)
    """
    found = list(re.finditer(r"\s+".join(map(re.escape, name.split())), written))
    if not found:  # pragma: no cover - clean_name keeps tokens of ``written``
        raise ValueError(f"{name!r} is not in {written!r}")
    return found[-1].start(), found[-1].end()


def dash_list(text: str, start: int, end: int) -> list[PersonMention]:
    """``Name – Role`` items in ``text[start:end]``; each role runs to the next name."""
    piece = text[start:end]
    anchors = []
    for m in _DASH.finditer(piece):
        before = re.search(rf"((?:{TOKEN}[ \t]+){{0,4}}{TOKEN})[ \t]*$", piece[:m.start()])
        if not before:
            continue
        name = clean_name(before.group(1))
        if name is None:
            continue
        n0, n1 = name_span(before.group(1), name)
        anchors.append((before.start(1) + n0, before.start(1) + n1, m.end()))
    out = []
    for i, (n0, n1, r0) in enumerate(anchors):
        line_end = piece.find("\n", r0)
        r1 = len(piece) if line_end < 0 else line_end
        if i + 1 < len(anchors):
            r1 = min(r1, anchors[i + 1][0])
        role = " ".join(piece[r0:r1].split()).rstrip(" ,;.")
        if role and _ROLE_WORD.search(role):
            out.append(PersonMention(start + n0, start + n1, " ".join(piece[n0:n1].split()),
                                     role, "dash-list",
                                     start + r0, start + r0 + len(piece[r0:r1].rstrip(" ,;."))))
    return out


def appositions(text: str, start: int, end: int) -> list[PersonMention]:
    """``Name, Role`` (or a name over a role on the next line)."""
    out = []
    for m in _APPOSITION.finditer(text, start, end):
        written = m.group("name")
        line = written.rfind("\n") + 1  # a name is on one line ("Home A.\nJo Bloggs, ...")
        name = clean_name(written[line:])
        if name is None:
            continue
        n0, n1 = name_span(written[line:], name)
        offset, name_end = m.start("name") + line + n0, m.start("name") + line + n1
        role = " ".join(m.group("role").split()).rstrip(" ,;")
        out.append(PersonMention(offset, name_end, name, role, "apposition",
                                 m.start("role"), m.start("role") + len(m.group("role").rstrip())))
    return out


def listed(text: str, start: int, end: int) -> list[PersonMention]:
    """``Inspectors for this visit were A, B and C``: each name with the listed role."""
    out = []
    for m in _LISTED.finditer(text, start, end):
        role = " ".join(m.group("role").split())
        role = role[:-1] if role.endswith("s") else role
        for n in re.finditer(WRAPPED_NAME, m.group("names")):
            name = clean_name(" ".join(n.group().split()))
            if name:
                s = m.start("names") + n.start() + n.group().rindex(name.split()[0])
                e = m.start("names") + n.end()
                out.append(PersonMention(s, e, " ".join(text[s:e].split()), role, "listed"))
    return out


def titled(text: str, start: int, end: int) -> list[PersonMention]:
    """Councillors by title, alone or listed ("Councillors Bailey and Whitby")."""
    out = []
    plural = []
    for m in _COUNCILLORS.finditer(text, start, end):
        plural.append((m.start(), m.end()))
        for n in re.finditer(TOKEN, m.group("names")):
            s = m.start("names") + n.start()
            out.append(PersonMention(s, s + len(n.group()), f"Councillor {n.group()}",
                                     "Councillor", "titled"))
    for m in _COUNCILLOR.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in plural):
            out.append(PersonMention(m.start(), m.end(), " ".join(m.group().split()),
                                     "Councillor", "titled"))
    return out


def addressees(text: str) -> list[PersonMention]:
    """A letter's addressee ("Dear Mr Smith"), from its first lines."""
    head = text[:600]
    return [PersonMention(m.start("name"), m.end("name"), " ".join(m.group("name").split()),
                          "addressee", "addressee") for m in _DEAR.finditer(head)]


def same_document_name(written: str, fuller: list[str]) -> str:
    """A partial name's fuller form in the same document, when exactly one fits:
    "Councillor Whitby" is "Councillor J. Whitby" there; otherwise the name as written.

    >>> same_document_name("Councillor Whitby", ["Councillor J. Whitby", "Councillor Bailey"])
    'Councillor J. Whitby'
    >>> same_document_name("Mr Smith", ["Helen Smith"])
    'Mr Smith'
    """
    person = parse_person(written)
    if person.full or not person.surname:
        return written
    fits = {f for f in fuller if f != written
            and parse_person(f).surname == person.surname
            and (parse_person(f).title or "").casefold() == (person.title or "").casefold()
            and len(f) > len(written)}
    return fits.pop() if len(fits) == 1 else written
