"""A small SAMPLE in the formats of Ofsted's provider-level files, for a clone without
``../shared``. Every file says, in its title row, that it is sample data written by this
project and not Ofsted statistics; councils and providers are fictional and URNs are in a
range (SC99xxxx) that Ofsted does not use.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> files = write_sample(out)
>>> sorted(p.name for p in files)[:2]
['README-SAMPLE.txt', 'provider_at_march_2019.csv']
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

LABEL = ("SAMPLE DATA written by inspection-graph - fictional, NOT Ofsted statistics - "
         "Provider level as at 31 March {year}")
HEADER = [
    "Web link", "URN", "Linked Education URN", "Provision type", "Registration date",
    "Registration status", "Name", "Address 1", "Address 2", "Town", "County", "Postcode",
    "Ofsted region", "Government Office Region", "Local authority",
    "Parliamentary constituency", "Sector", "Places", "Short-break-only children's home",
    "Organisation which owns the provider", "Latest full inspection event type",
    "Latest full inspection date", "Latest full inspection publication date",
    "Latest full inspection event number",
    "Overall experiences and progress of children and young people",
    "Outcomes in education and related learning activities", "Health services",
    "How well children and young people are helped and protected",
    "The effectiveness of leaders and managers",
]
COUNCILS = (("Sampleton", "Sampleton City Council"), ("Northby", "Northby Borough Council"),
            ("Eastshire", "Eastshire County Council"))
PRIVATE = ("Example Care Homes Ltd", "Illustrative Children's Services Limited")
GRADES = ("Outstanding", "Good", "Requires improvement to be good", "Inadequate")


def _homes():
    for n in range(12):
        council, council_name = COUNCILS[n % 3]
        owner = council_name if n % 2 == 0 else PRIVATE[n % 2 - 1 if n % 4 == 1 else 1]
        sector = "Local Authority" if n % 2 == 0 else "Private"
        yield f"SC99{n:04d}", council, owner, sector


def _snapshot(year: int) -> str:
    rows = [[LABEL.format(year=year)] + [""] * (len(HEADER) - 1), HEADER]
    for n, (urn, council, owner, sector) in enumerate(_homes()):
        grade = GRADES[(n + year) % 4]
        rows.append([
            "Sample", urn, "", "Children's home", f"0{1 + n % 9}/0{1 + n % 9}/2010", "Active",
            "REDACTED", "REDACTED", "REDACTED", "REDACTED", "REDACTED", "REDACTED",
            "Sample Region", "Sample Region", council, f"{council} Central", sector,
            str(3 + n % 4), "", owner, "Full inspection", f"{10 + n}/0{1 + n % 9}/{year - 1}",
            f"{10 + n}/0{2 + n % 8}/{year - 1}", f"99{year}{n:04d}", grade, "", "", grade, grade,
        ])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def write_sample(out: Path) -> list[Path]:
    """Write the sample files into ``out`` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for year in (2019, 2020, 2021):
        path = out / f"provider_at_march_{year}.csv"
        path.write_text(_snapshot(year), encoding="utf-8")
        written.append(path)
    note = out / "README-SAMPLE.txt"
    note.write_text("Sample data written by `inspection-graph sample`: fictional homes, "
                    "councils and providers in the formats of Ofsted's provider-level "
                    "statistics. Not real data. The real data is read from ../shared.\n",
                    encoding="utf-8")
    written.append(note)
    return written
