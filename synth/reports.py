"""Synthetic Ofsted children's home reports in the layout of seed 002 (plain text).

One report per full inspection or assurance visit of a children's home, naming the
registered manager (or "Post Vacant" with the sentences Ofsted uses about vacancies and
new managers), the responsible individual and the inspectors, so that a document loader
can rebuild tenures and moves from them. The first line says SYNTHETIC; every name is
fictional. Paragraph wording is ours, not Ofsted's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

from synth import naming
from synth.formats import wording
from synth.sector import Home, Sector, rng_for
from synth.timeline import Inspection, Tenure

LABEL = ("SYNTHETIC REPORT - inspection-graph synth (scale {scale} seed {seed}) - fictional "
         "home and provider and people - NOT an Ofsted publication")
# Ofsted writes "Inspection dates:" on full inspections, "Visit dates:" on visits (seed 002)
DATES_LABEL = {"Full inspection": "Inspection dates:", "Assurance visit": "Visit dates:"}
SECTOR_WORDS = {"Private": "privately-owned", "Local Authority": "local authority",
                "Voluntary": "voluntary-run", "Health Authority": "health authority"}
NEEDS = ("who may have experienced trauma", "with social and emotional difficulties",
         "with learning disabilities", "with autism spectrum conditions",
         "who need support with their mental health")
PARAGRAPHS = {
    4: ("Children make exceptional progress from their starting points. Staff know each "
        "child well and plan care around what the child says matters to them.",
        "Leaders are ambitious for children and check the quality of care closely."),
    3: ("Children are settled and make good progress. They attend school and take part in "
        "activities they enjoy, and staff help them keep in touch with their families.",
        "The manager knows the home's strengths and has clear plans to improve it further."),
    2: ("Most children make some progress, but plans do not always say how staff will help "
        "each child reach their goals. Records are not consistently completed.",
        "Leaders have not made sure that the shortfalls found at the last inspection were "
        "put right quickly enough."),
    1: ("Children are not safe. Staff do not understand the risks that children face when "
        "they go missing from the home, and do not act on them.",
        "Leaders and managers do not have enough oversight of the care that children "
        "receive, and serious shortfalls have not been identified."),
}
REQUIREMENTS = (
    "The registered person must ensure that staff assess whether each child is at risk of "
    "harm and make arrangements to reduce that risk. (Regulation 12(2)(a)(i))",
    "The registered person must ensure that each child's placement plan sets out how staff "
    "will meet the child's needs. (Regulation 14(1)(a))",
    "The registered person must recruit staff using procedures designed to ensure children's "
    "safety. (Regulation 32(1))",
    "The registered person must ensure that staff have the experience, qualifications and "
    "skills to meet the needs of each child. (Regulation 13(2)(c))",
)


def month_year(day: int) -> str:
    d = dt.date.fromordinal(day)
    return f"{calendar.month_name[d.month]} {d.year}"


def long_date(day: int) -> str:
    d = dt.date.fromordinal(day)
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def span(start: int, end: int) -> str:
    """ "8 to 9 January 2019", "30 June to 1 July 2021", across years in full."""
    a, b = dt.date.fromordinal(start), dt.date.fromordinal(end)
    if a == b:
        return long_date(start)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day} to {b.day} {calendar.month_name[b.month]} {b.year}"
    if a.year == b.year:
        return f"{a.day} {calendar.month_name[a.month]} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


def _tenure_at(home: Home, day: int) -> tuple[Tenure | None, Tenure | None]:
    """The tenure covering ``day`` and the last one that ended before it."""
    current = previous = None
    for tenure in home.tenures:
        if tenure.start <= day and (tenure.end is None or tenure.end > day):
            current = tenure
        elif tenure.end is not None and tenure.end <= day:
            previous = tenure
    return current, previous


def _manager_lines(s: Sector, home: Home, day: int, rng: random.Random) -> tuple[list[str], str]:
    """Sentences about the management of the home, and the "Registered manager:" value."""
    current, previous = _tenure_at(home, day)
    if current and day >= current.registered:
        lines = [f"The registered manager has been in post since {month_year(current.start)} "
                 f"and was registered with Ofsted in {month_year(current.registered)}."]
        if current.move and rng.random() < 0.6:
            where = {"provider": "another of the provider's children's homes",
                     "council": "another children's home in the area"}.get(
                         current.move.kind, "another children's home")
            lines.append(f"Before this, the manager managed {where}.")
        return lines, s.people[current.person]
    lines = []
    if previous:
        lines.append(f"There has been no registered manager since "
                     f"{month_year(previous.end)}.")
    if current:
        lines.append(f"A new manager has been in post since {month_year(current.start)} and "
                     "has applied to Ofsted to register.")
    return lines, "Post Vacant"


def report_text(s: Sector, home: Home, insp: Inspection, previous: Inspection | None,
                rng: random.Random) -> str:
    provider = s.providers[home.owner_at(insp.start)]
    ri = next((p for start, p in reversed(provider.ris) if start <= insp.start),
              provider.ris[0][1] if provider.ris else None)
    needs = rng.choice(NEEDS)
    about = (f"This {SECTOR_WORDS.get(home.sector, 'privately-owned')} children's home "
             f"provides care for up to {home.places or 4} children {needs}.")
    manager_lines, manager = _manager_lines(s, home, insp.start, rng)
    year = dt.date.fromordinal(insp.start).year
    parts = [LABEL.format(scale=f"{s.scale:g}", seed=s.seed), "", home.urn, "", insp.kind, ""]
    if insp.kind == "Full inspection":
        parts += ["Inspected under the social care common inspection framework", ""]
    parts += ["Information about this children's home", "", about, "",
              " ".join(manager_lines), "", f"{DATES_LABEL[insp.kind]} "
              f"{span(insp.start, insp.end)}", ""]
    if insp.overall:
        def w(score: int) -> str:
            return wording(2020, score, insp.start)
        parts += [
            "Overall experiences and progress of children and young people, taking into "
            f"account: {w(insp.overall)}", "",
            f"How well children and young people are helped and protected: "
            f"{w(insp.areas['safety'])}", "",
            f"The effectiveness of leaders and managers: {w(insp.areas['leadership'])}", ""]
    if previous:
        parts += [f"Previous inspection date: {long_date(previous.start)}", "",
                  f"Previous inspection judgement: {wording(2020, previous.overall, 0)}", ""]
    score = insp.overall or (previous.overall if previous else 3) or 3
    parts += [PARAGRAPHS[score][0], "", PARAGRAPHS[score][1], ""]
    if score <= 2:
        parts += ["What does the children's home need to do to improve?", "",
                  "Statutory requirements", "", "Requirement\tDue date"]
        for text in rng.sample(REQUIREMENTS, 3 - score):
            parts.append(f"{text}\t{long_date(insp.end + rng.randint(30, 60))}")
        parts.append("")
    street, town, postcode = naming.address(rng, s.councils[home.council].name)
    parts += ["Children's home details", "", f"Unique reference number: {home.urn}", "",
              f"Registered provider: {provider.name}", "",
              f"Registered provider address: {street}, {town}, {postcode}", ""]
    if ri is not None:
        parts += [f"Responsible individual: {s.people[ri]}", ""]
    parts += [f"Registered manager: {manager}", "", "Inspector", ""]
    roles = ("Social Care Inspector", "Social Care Regulatory Inspector")
    for n, person in enumerate(insp.inspectors):
        parts.append(f"{s.people[person]}, {roles[n]}")
    parts += ["", f"Synthetic report written in {year} of a fictional timeline. Not Crown "
              "copyright; not an Ofsted publication.", ""]
    return "\n".join(parts)


def reports(s: Sector) -> Iterator[tuple[str, str]]:
    """(relative path, text) of every report, in a stable order."""
    rng = rng_for(s.seed, "reports")
    for home in s.homes:
        if home.group != "ch":
            continue
        previous = None
        for insp in home.inspections:
            year = dt.date.fromordinal(insp.start).year
            path = f"reports/{year}/{home.urn}_{insp.event}.txt"
            yield path, report_text(s, home, insp, previous, rng)
            if insp.kind == "Full inspection":
                previous = insp


def write_reports(s: Sector, out: Path, share: float = 1.0) -> int:
    """Write the reports (a seeded ``share`` of them) under ``out/reports``; return how many."""
    keep = rng_for(s.seed, "report-share")
    made: set[Path] = set()
    count = 0
    for rel, text in reports(s):
        if share < 1.0 and keep.random() >= share:
            continue
        path = out / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(text, encoding="utf-8")
        count += 1
    return count
