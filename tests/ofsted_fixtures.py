"""Small Ofsted-format CSVs written by the tests themselves (not real data)."""

from __future__ import annotations

from pathlib import Path

HEADER_2019 = [
    "Web link", "URN", "Linked Education URN", "Provision type", "Registration date",
    "Registration status", "Name", "Address 1", "Address 2", "Town", "County", "Postcode",
    "Ofsted region", "Government Office Region", "Local authority",
    "Parliamentary constituency", "Sector", "Places", "Organisation which owns the provider",
    "Event type", "Inspection date", "Publication date", "Event number",
    "Overall experiences and progress of children and young people",
    "Outcomes in education and related learning activities",
    "How well children and young people are helped and protected",
    "The effectiveness of leaders and managers",
]
GROUP_2019 = ["Provider information"] + [""] * 18 + ["Latest Full Inspection"] + [""] * 7


def home_row(urn: str, *, la: str = "Derby", owner: str = "Acme Care Ltd",
             sector: str = "Private", date: str = "08/01/2019", event: str = "10049675",
             overall: str = "Good", places: str = "4") -> list[str]:
    return [
        "Ofsted Social Care Provider Webpage", urn, "", "Children's home", "12/02/2004",
        "Active", "REDACTED", "REDACTED", "REDACTED", "REDACTED", "REDACTED", "REDACTED",
        "East Midlands", "East Midlands", la, "Derby South", sector, places, owner,
        "Full inspection", date, "30/01/2019", event, overall, "", overall, overall,
    ]


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8-sig") -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_snapshot(path: Path, rows: list[list[str]], *, header: list[str] | None = None,
                   group: list[str] | None = GROUP_2019) -> Path:
    head = [group] if group else []
    return write_csv(path, [*head, header or HEADER_2019, *rows])
