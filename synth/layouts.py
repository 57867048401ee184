"""The real files' layouts, year by year: header rows, group rows, preambles, encodings.

Column names are copied from Ofsted's files (they are the format, not the data); each name
maps to the synthetic field that fills it (``KEYS``), so a layout is just its list of names.
"""

from __future__ import annotations

from dataclasses import dataclass

_COMMON = ("Web link,URN,Linked Education URN,Provision type,Registration date,"
           "Registration status,Name,Address 1,Address 2,Town,County,Postcode,Ofsted region,"
           "Government Office Region,Local authority,Parliamentary constituency,Sector,")
_LATEST_2019 = ("Event type,Inspection date,Publication date,Event number,"
                "Overall experiences and progress of children and young people,"
                "Outcomes in education and related learning activities,")
_JUDGED = ("How well children and young people are helped and protected,"
           "The effectiveness of leaders and managers")
_PREAMBLE = ("This worksheet contains one table, this table begins in cell A{cell}. Column A "
             "includes a link to the {site} for each provider, links will open in a new window.",
             "Some cells in this table are empty. This is in instances where the column refers "
             "to data that is not applicable for that provider type.")

SNAPSHOT_HEADERS = {
    2015: "Web link,URN,Provision type,Reg Status,Setting Name,Address 1,Address 2,Town,County,"
          "Postcode,Region,Local authority,Sector,Inspection type,Inspection Date,Inspection ID,"
          "Overall effectiveness,Outcomes for children and young people,Quality of care,"
          "The safety of children and young people,Leadership and management,"
          "Outcomes in education and related learning activities,Linked ED URN,"
          "Short breaks only",
    2016: "Web link,URN,Provision type,Registration status,Name,Address 1,Address 2,Town,County,"
          "Postcode,Government Office Region,Local authority,Sector,Places,Linked education URN,"
          "Short breaks only children's home,Event type,Inspection date,Event number,"
          "Overall effectiveness,Outcomes for children and young people,Quality of care,"
          "Safeguarding children and young people,Leadership and management",
    2017: "Web link,URN,Linked education URN,Provision type,Registration status,Name,Address 1,"
          "Address 2,Town,County,Postcode,Ofsted Region,Government Office Region,"
          "Local authority,Parliamentary constituency,Sector,Places,Short breaks only,"
          "Event type,Inspection date,Publication date,Event number,Overall effectiveness,"
          "Outcomes for children and young people,Quality of care,"
          "Safeguarding children and young people,Leadership and management,",
    2018: "Web link,URN,Linked education URN,Provision type,Registration status,Name,Address 1,"
          "Address 2,Town,County,Postcode,Ofsted Region,Government Office Region,"
          "Local authority,Parliamentary constituency,Sector,Places,Organisation,Event type,"
          "Inspection date,Publication date,Event number,Overall effectiveness,"
          "Outcomes for children and young people,Quality of care,"
          "Safeguarding children and young people,Leadership and management",
    2019: _COMMON + "Places,Organisation which owns the provider," + _LATEST_2019 + _JUDGED,
    2020: _COMMON + "Places,Organisation which owns the provider," + _LATEST_2019
          + "Health services," + _JUDGED,
    2021: _COMMON + "Places,Short-break-only children's home,"
          "Organisation which owns the provider," + _LATEST_2019 + "Health services," + _JUDGED,
    2022: _COMMON + "Places,Short-break-only children's home,"
          "Organisation which owns the provider,Latest full inspection event type,"
          "Latest full inspection date,Latest full inspection publication date,"
          "Latest full inspection event number,Latest full inspection overall experiences and "
          "progress of children and young people,Latest full inspection outcomes in education "
          "and related learning activities,Latest full inspectio health services,"
          "Latest full inspection how well children and young people are helped and protected,"
          "Latest full inspection the effectiveness of leaders and managers",
    2023: _COMMON + "Places,Short-break-only children's home,Multi-building children's home,"
          "Organisation which owns the provider,Latest full inspection event type,"
          "Latest full inspection date,Latest full inspection publication date,"
          "Latest full inspection event number,"
          "Overall experiences and progress of children and young people,"
          "Outcomes in education and related learning activities,Health services,"
          + _JUDGED + ",,",
    2024: _COMMON + "Premises,Places,Short-break-only children's home,"
          "Multi-building children's home,Organisation which owns the provider,"
          "Latest full inspection event type,Latest full inspection date,"
          "Latest full inspection publication date,Latest full inspection event number,"
          "Overall experiences and progress of children and young people,"
          "Outcomes in education and related learning activities,Health services,"
          + _JUDGED + ",Previous full inspection event type,Previous full inspection event date,"
          "Previous full inspection publication date,Previous full inspection event number,"
          "Previous overall experiences and progress of children and young people,"
          "Previous outcomes in education and related learning activities,"
          "Previous health services,"
          "Previous how well children and young people are helped and protected,"
          "Previous effectiveness of leaders and managers",
}
PART2_HEADER = ("Web link,URN,Linked education URN,Provision type,Registration status,Name,"
                "Address 1,Address 2,Town,County,Postcode,Ofsted Region,Government Office Region,"
                "Local authority,Parliamentary constituency,Sector,Places,Organisation name")
# where the group row ("Latest Full Inspection") starts, by year (2016-2021)
GROUP_AT = {2016: ("Event type", "Latest Full Inspection information"),
            2017: ("Event type", "Latest Full Inspection"),
            2018: ("Event type", "Latest Full Inspection"),
            2019: ("Event type", "Latest Full Inspection"),
            2020: ("Event type", "Latest Full Inspection"),
            2021: ("Event type", "Latest Full Inspection")}

_JL_HEAD = ("URN,Provision type,Ofsted Region,Government Office Region,Local authority,"
            "Parliamentary constituency,Sector,Places,")
_FIRST = ("First effective date (that the provider became active),"
          "First effective date (that the provider became resigned),"
          "First effective date (that the provider closed),"
          "First effective date (that the provider became cancelled),")
JL_HEADERS = {
    2017: _JL_HEAD + _FIRST + "Flag for appealed,Joiner status,Leaver status,"
          "Registration status (as at @startdate),Registration status (as at @enddate),"
          "Inspectorate (as at @startdate),Inspectorate (as at @enddate),Name",
    2019: _JL_HEAD + "Registration date,Date closed,Joiner status,Leaver status,"
          "Registration status at 31 March 2019,Name,Notes",
    2020: _JL_HEAD + "Registration date,Cancelled or resigned date,Joiner status,Leaver status,"
          "Registration status at 31 March 2020,Name",
    2021: _JL_HEAD + "Short-break-only children's home,Registration date,Resigned/closed date,"
          "Joiner status,Leaver status,Registration status,Name",
    2022: _JL_HEAD + "Short-break-only children's home,Registration date,"
          "Cancelled or resigned date,Joiner status,Leaver status,"
          "Registration status (as at 31 March 2022),Name",
    2023: _JL_HEAD + "Short-break-only children's home," + _FIRST + "Joiner status,"
          "Leaver status,Registration status (as at 1 April 2022),"
          "Registration status (as at 31 March 2023),Inspectorate (as at 1 April 2022),"
          "Inspectorate (as at 31 March 2023),Name,Reason",
}
JL_HEADERS[2018] = JL_HEADERS[2017]

# column name -> synthetic field ("" = a column the real file leaves empty)
KEYS = {
    "Web link": "web", "URN": "urn", "Linked Education URN": "linked",
    "Linked education URN": "linked", "Linked ED URN": "linked",
    "Provision type": "ptype", "Registration date": "regdate", "Registration status": "status",
    "Reg Status": "status", "Name": "name", "Setting Name": "name", "Address 1": "addr1",
    "Address 2": "addr2", "Town": "town", "County": "county", "Postcode": "postcode",
    "Ofsted region": "oregion", "Ofsted Region": "oregion", "Government Office Region": "region",
    "Region": "region", "Local authority": "la", "Parliamentary constituency": "constituency",
    "Sector": "sector", "Places": "places", "Premises": "", "Short breaks only": "breaks",
    "Short breaks only children's home": "breaks", "Short-break-only children's home": "breaks",
    "Multi-building children's home": "", "Organisation which owns the provider": "owner",
    "Organisation": "owner", "Organisation name": "owner",
    "Event type": "etype", "Inspection type": "etype", "Inspection date": "idate",
    "Inspection Date": "idate", "Publication date": "pdate", "Event number": "event",
    "Inspection ID": "legacy", "Overall effectiveness": "overall",
    "Overall experiences and progress of children and young people": "overall",
    "Outcomes for children and young people": "outcomes_children",
    "Quality of care": "quality_of_care", "The safety of children and young people": "safety",
    "Safeguarding children and young people": "safety",
    "How well children and young people are helped and protected": "safety",
    "Leadership and management": "leadership",
    "The effectiveness of leaders and managers": "leadership",
    "Outcomes in education and related learning activities": "outcomes_education",
    "Health services": "health_services", "": "",
    # joiners and leavers
    "First effective date (that the provider became active)": "regdate",
    "First effective date (that the provider became resigned)": "left",
    "First effective date (that the provider closed)": "left", "Date closed": "left",
    "First effective date (that the provider became cancelled)": "",
    "Cancelled or resigned date": "left", "Resigned/closed date": "left",
    "Flag for appealed": "appealed", "Joiner status": "joiner", "Leaver status": "leaver",
    "Registration status (as at @startdate)": "status_start",
    "Registration status (as at 1 April 2022)": "status_start",
    "Registration status (as at @enddate)": "status_end",
    "Registration status (as at 31 March 2023)": "status_end",
    "Registration status at 31 March 2019": "status_end",
    "Registration status at 31 March 2020": "status_end",
    "Registration status (as at 31 March 2022)": "status_end",
    "Inspectorate (as at @startdate)": "", "Inspectorate (as at @enddate)": "",
    "Inspectorate (as at 1 April 2022)": "", "Inspectorate (as at 31 March 2023)": "",
    "Notes": "", "Reason": "",
}
KEYS.update({
    "Latest full inspection event type": "etype", "Latest full inspection date": "idate",
    "Latest full inspection publication date": "pdate",
    "Latest full inspection event number": "event",
    "Latest full inspection overall experiences and progress of children and young people":
        "overall",
    "Latest full inspection outcomes in education and related learning activities":
        "outcomes_education",
    "Latest full inspectio health services": "health_services",
    "Latest full inspection how well children and young people are helped and protected":
        "safety",
    "Latest full inspection the effectiveness of leaders and managers": "leadership",
    "Previous full inspection event type": "prev_etype",
    "Previous full inspection event date": "prev_idate",
    "Previous full inspection publication date": "prev_pdate",
    "Previous full inspection event number": "prev_event",
    "Previous overall experiences and progress of children and young people": "prev_overall",
    "Previous outcomes in education and related learning activities":
        "prev_outcomes_education",
    "Previous health services": "prev_health_services",
    "Previous how well children and young people are helped and protected": "prev_safety",
    "Previous effectiveness of leaders and managers": "prev_leadership",
})


@dataclass(frozen=True)
class Encoding:
    """How a year's file is written: codec, BOM, line ending, codec of the title line."""

    codec: str = "utf-8"
    bom: bool = True
    newline: str = "\n"
    title_codec: str | None = None
    legacy_lines: str | None = None  # non-ASCII lines written in this codec instead


SNAPSHOT_ENCODING = {year: Encoding() for year in range(2015, 2022)}
SNAPSHOT_ENCODING[2022] = Encoding("cp1252", bom=False)
SNAPSHOT_ENCODING[2023] = Encoding(bom=False)
SNAPSHOT_ENCODING[2024] = Encoding(bom=False, title_codec="mac_roman")
JL_ENCODING = {year: Encoding(newline="\r\n") for year in range(2017, 2022)}
JL_ENCODING[2022] = Encoding(bom=False, newline="\r\n")
JL_ENCODING[2023] = Encoding(bom=False, newline="\r\n", legacy_lines="cp1252")
# titles and preambles of the years that have them (the synthetic label goes first)
TITLES = {
    2022: ("Children's social care data in England 2022 - Provider level as at March 2022",
           _PREAMBLE[0].format(cell=5, site="Oftsed Social Care Provider Webpage"),
           _PREAMBLE[1], ""),
    2023: ("Children's social care data in England 2023 - Provider level as at 31 March 2023",
           _PREAMBLE[0].format(cell=4, site="Oftsed Social Care Provider Webpage"),
           _PREAMBLE[1]),
    2024: ("Children's social care data in England 2024 – Provider level as at 31 March 2024",
           _PREAMBLE[0].format(cell=4, site="Ofsted social care provider webpage"),
           _PREAMBLE[1]),
}
JL_TITLES = {
    2022: ("Children's social care data in England 2022 - Leavers and Joiners at 31 Mar 2022",
           "This worksheet contains one table which begins in cell A4.",
           "Some cells in this table are empty because data was not provided to Ofsted. "),
    2023: ("Children's social care data in England 2023 - Leavers and Joiners at 31 March 2023",
           "This worksheet contains one table which begins in cell A4.",
           "Some cells in this table are empty because data was not provided to Ofsted. "),
}
# blank rows of commas each real file carries, per data row (appended at the end)
BLANK_SHARE = {"2015": 3 / 2605, "2016": 9 / 2647, "2018_part2": 985 / 2941, "2023": 11 / 3546,
               "jl2018": 38 / 425, "jl2019": 62 / 400}
