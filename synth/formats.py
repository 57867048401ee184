"""Write a synthetic sector in the real files' formats, year by year.

Each year keeps its own quirks (``synth.layouts``): 2015's legacy header and "Inspection
ID"; 2016-2021's group row; 2022-2024's title and preamble rows and "Latest full
inspection ..." names; 2024's previous-inspection block; 2018's part-2 owner list; the
joiners and leavers lists; 2016-2018 give an inspection's last day, other years its first;
UTF-8 with a BOM, 2022 in cp1252 (with en dashes in names), 2024's title in Mac Roman;
judgement wording of the year ("Adequate", "Requires improvement", "... to be good").
Every file starts with a title row that says SYNTHETIC; the loaders read it as a title.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

from synth import layouts, params
from synth.sector import Home, Provider, Sector
from synth.timeline import Inspection

LABEL = ("SYNTHETIC DATA - inspection-graph synth (scale {scale} seed {seed}) - fictional "
         "settings and providers and people - NOT Ofsted statistics - ")
LAST_DAY_YEARS = frozenset({2016, 2017, 2018})
SIDES = ("North", "South", "East", "West", "Central")
_SATISFACTORY = dt.date.fromisoformat(params.SATISFACTORY_BEFORE).toordinal()
_APRIL_2014 = dt.date(2014, 4, 1).toordinal()
_GRADES = {1: "Inadequate", 3: "Good", 4: "Outstanding"}


def uk(day: int | None) -> str:
    return dt.date.fromordinal(day).strftime("%d/%m/%Y") if day else ""


def _chance(key: int, salt: int, share: float) -> bool:
    """A stable pseudo-random yes/no per (key, salt): the same event reads the same way in
    every file, without drawing from a random stream."""
    return (key * 2654435761 + salt * 40503) % 100000 < share * 100000


def wording(year: int, score: int | None, start: int, key: int = 0) -> str:
    """A judgement as ``year``'s file writes it."""
    if score is None:
        return ""
    if score != 2:
        return _GRADES[score]
    if year == 2015:
        return "Satisfactory" if start < _SATISFACTORY else "Adequate"
    if year in (2016, 2017) and start < _APRIL_2014:
        return "Adequate"
    variant = params.RI_VARIANTS.get(year)
    if variant and _chance(key, year, variant[1]):
        return variant[0]
    return params.RI_WORDING.get(year, params.RI_WORDING_LATER)


def owner_name(provider: Provider, year: int) -> str:
    """A provider's name as ``year``'s file spells it (the matching key never changes)."""
    name = provider.name
    if provider.style == "swap" and year % 2 == 0:
        if name.endswith(" Limited"):
            name = name.removesuffix(" Limited") + " Ltd"
        elif name.endswith(" Ltd"):
            name = name.removesuffix(" Ltd") + " Limited"
    elif provider.style == "upper" and year in (2018, 2019):
        name = name.upper()
    elif provider.style == "number" and year >= 2021:
        name = f"{name} ({provider.number})"
    return name


def ofsted_region(region: str) -> str:
    joined = ("North East", "Yorkshire and The Humber")
    return "North East, Yorkshire and the Humber" if region in joined else region


def _breaks(home: Home, year: int) -> str:
    if home.group != "ch":
        return ""
    if year in (2015, 2016):
        return "Yes" if home.short_breaks else ""
    if year == 2017:
        return "Short breaks only" if home.short_breaks else "Long term care only"
    return "Short-break-only children's home" if home.short_breaks else ""


def setting_fields(s: Sector, home: Home, year: int) -> dict[str, str]:
    """What every list says about a setting (not its inspection)."""
    council = s.councils[home.council]
    redacted = home.group == "ch"
    addr = home.address or ("", "", "")
    sector = home.sector
    if year == 2015:
        sector = sector.replace(" Authority", " authority")
    ptype = (params.TYPE_SPELLING_2015 if year == 2015 else {}).get(
        home.ctype, params.TYPE_SPELLING[home.ctype])
    return {
        "web": "Ofsted Social Care Provider Webpage", "urn": home.urn,
        "linked": home.linked_urn, "ptype": ptype, "regdate": uk(home.registered),
        "status": "Active", "name": "REDACTED" if redacted else home.name or "",
        "addr1": "REDACTED" if redacted else addr[0], "addr2": "REDACTED" if redacted else " ",
        "town": "REDACTED" if redacted else addr[1], "county": "REDACTED" if redacted else "",
        "postcode": "REDACTED" if redacted else addr[2], "region": council.region,
        "oregion": ofsted_region(council.region), "la": council.name,
        "constituency": f"{council.name} {SIDES[home.index % 5]}", "sector": sector,
        "places": "" if home.places is None else str(home.places), "breaks": _breaks(home, year),
    }


def inspection_fields(insp: Inspection, year: int, group: str, prefix: str = ""
                      ) -> dict[str, str]:
    key = int(insp.event)
    day = insp.end if year in LAST_DAY_YEARS and not prefix else insp.start
    event = insp.event
    if year == 2023 and key % 4999 == 0:  # a spreadsheet mangled it (the real 2023 has one)
        event = f"{key / 10 ** (len(insp.event) - 1):.2f}E+0{len(insp.event) - 1}"
    out = {"etype": "Full Inspection" if year == 2016 else "Full inspection",
           "idate": uk(day), "pdate": uk(insp.published), "event": event,
           "legacy": insp.legacy, "overall": wording(year, insp.overall, insp.start, key)}
    era = "2015" if year == 2015 else ("2016-2018" if year <= 2018 else "2019-2024")
    fill = params.AREA_FILL[era][group]
    for i, area in enumerate(("safety", "leadership", "outcomes_children", "quality_of_care",
                              "outcomes_education", "health_services")):
        share = fill.get(area, 1.0 if i < 2 or (era == "2015" and i < 4) else 0.0)
        if _chance(key, i + 1, share):
            out[area] = wording(year, insp.areas[area], insp.start, key)
    return {prefix + k: v for k, v in out.items()}


def _title(s: Sector, text: str) -> str:
    return LABEL.format(scale=f"{s.scale:g}", seed=s.seed) + text


def render(rows: list[list[str]], enc: layouts.Encoding, blank: int = 0,
           width: int = 0) -> bytes:
    """CSV bytes in the file's encoding; the first row may use its own codec."""
    rows = rows + [[""] * width] * blank
    lines = []
    for row in rows:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(row)
        lines.append(buffer.getvalue())
    out = [b"\xef\xbb\xbf"] if enc.bom else []
    for n, line in enumerate(lines):
        codec = enc.title_codec if n == 0 and enc.title_codec else enc.codec
        if enc.legacy_lines and not line.isascii():
            codec = enc.legacy_lines  # a stray line in a legacy code page
        out.append((line + enc.newline).encode(codec))
    return b"".join(out)


def _latest(home: Home, day: int) -> tuple[Inspection | None, Inspection | None]:
    """The latest full inspection a snapshot at ``day`` shows (visited by then and
    published by the end of April), and the one before it."""
    full = [i for i in home.inspections if i.kind == "Full inspection" and i.start <= day
            and i.published <= day + 30]
    return (full[-1] if full else None), (full[-2] if len(full) > 1 else None)


def snapshot_rows(s: Sector, year: int, part2: bool = False) -> Iterator[list[str]]:
    day = dt.date(year, 3, 31).toordinal()
    names = (layouts.PART2_HEADER if part2 else layouts.SNAPSHOT_HEADERS[year]).split(",")
    keys = [layouts.KEYS[n] for n in names]
    for home in s.homes:
        if not home.active_at(day):
            continue
        latest, previous = (None, None) if part2 else _latest(home, day)
        if latest is None and not part2 and year not in params.LISTS_UNINSPECTED:
            continue
        fields = setting_fields(s, home, year)
        provider = s.providers[home.owner_at(day)]
        if provider.council is not None or not _chance(home.index, 7, params.OWNER_BLANK_SHARE):
            fields["owner"] = owner_name(provider, year)
        if latest:
            fields.update(inspection_fields(latest, year, home.group))
        if previous and year == 2024:
            fields.update(inspection_fields(previous, year, home.group, "prev_"))
        yield [fields.get(k, "") if k else "" for k in keys]


def snapshot_file(s: Sector, year: int, part2: bool = False) -> bytes:
    header = (layouts.PART2_HEADER if part2 else layouts.SNAPSHOT_HEADERS[year]).split(",")
    width = len(header)
    data = sorted(snapshot_rows(s, year, part2), key=lambda r: r[1])
    rows: list[list[str]] = []
    what = "Providers and their owners as at 31 March 2018" if part2 else \
        f"Provider level as at 31 March {year}"
    titles = layouts.TITLES.get(year) if not part2 else None
    if titles:
        rows.append([_title(s, titles[0])] + [""] * (width - 1))
        rows += [[t] + [""] * (width - 1) for t in titles[1:]]
    else:
        rows.append([_title(s, what)] + [""] * (width - 1))
    if year in layouts.GROUP_AT and not part2:
        first, label = layouts.GROUP_AT[year]
        at = header.index(first)
        rows.append(["Provider information"] + [""] * (at - 1) + [label] + [""] * (width - at - 1))
    rows.append(header)
    key = "2018_part2" if part2 else str(year)
    blank = round(len(data) * layouts.BLANK_SHARE.get(key, 0))
    enc = layouts.SNAPSHOT_ENCODING[year]
    return render(rows + data, enc, blank, width)


def joiners_leavers_file(s: Sector, year: int) -> bytes:
    """Settings that registered (joiners) or closed (leavers) in the year to 31 March."""
    start = dt.date(year - 1, 4, 1).toordinal()
    stop = dt.date(year, 3, 31).toordinal()
    header = layouts.JL_HEADERS[year].split(",")
    keys = [layouts.KEYS[n] for n in header]
    data = []
    for home in s.homes:
        left = home.closed is not None and start <= home.closed <= stop
        if not (left or start <= home.registered <= stop):
            continue
        fields = setting_fields(s, home, year)
        fields["appealed"] = "???"
        if left:
            gone = "Cancelled" if _chance(home.index, 11, 0.05) else "Resigned"
            fields.update(left=uk(home.closed), leaver="Leaver", status_start="Active",
                          status_end="Active" if year == 2021 else gone)
        else:
            fields.update(joiner="Joiner", status_end="Active")
        fields["status"] = fields.get("status_end", "Active")
        data.append([fields.get(k, "") if k else "" for k in keys])
    data.sort(key=lambda r: r[0])
    width = len(header)
    titles = layouts.JL_TITLES.get(year)
    if titles:
        rows = [[_title(s, titles[0])] + [""] * (width - 1)]
        rows += [[t] + [""] * (width - 1) for t in titles[1:]]
    else:
        rows = [[_title(s, f"Leavers and Joiners at 31 March {year}")] + [""] * (width - 1)]
    blank = round(len(data) * layouts.BLANK_SHARE.get(f"jl{year}", 0))
    return render([*rows, header, *data], layouts.JL_ENCODING[year], blank, width)


def write_files(s: Sector, out: Path) -> list[Path]:
    """Every statistics file of the sector under ``out`` (the real folder layout)."""
    written = []
    level, lists = out / "provider-level", out / "joiners-leavers"
    level.mkdir(parents=True, exist_ok=True)
    lists.mkdir(parents=True, exist_ok=True)
    for year in range(params.FIRST_YEAR, params.LAST_YEAR + 1):
        path = level / f"provider_at_march_{year}.csv"
        path.write_bytes(snapshot_file(s, year))
        written.append(path)
    path = level / "provider_at_march_2018_part2.csv"
    path.write_bytes(snapshot_file(s, 2018, part2=True))
    written.append(path)
    for year in sorted(layouts.JL_HEADERS):
        path = lists / f"joiners_leavers_{year}.csv"
        path.write_bytes(joiners_leavers_file(s, year))
        written.append(path)
    return written
