"""Calibrated parameters of the synthetic sector, with where each came from.

Measured by ``python -m synth.calibrate ../shared/data/ofsted`` on Ofsted's provider-level
snapshots 2015-2024 and joiners/leavers lists 2017-2023 (Open Government Licence v3.0),
then copied here so that ``synth`` runs without the real files. "CH" = provision types
whose name contains "children's home". Scale 1 = England's size in those files.

Parameters the files cannot give (managers are not in the statistics) are marked
ASSUMED, with the reason.
"""

from __future__ import annotations

FIRST_YEAR, LAST_YEAR = 2015, 2024  # snapshots "as at 31 March"; a year runs April-March

# calibrate: rows_by_type (rows per snapshot and provision type; 2021 and 2022 list
# uninspected settings too). Canonical type -> rows in 2015 ... 2024.
ROWS_BY_TYPE: dict[str, tuple[int, ...]] = {
    "children's home": (1850, 1884, 1924, 2038, 2112, 2230, 2624, 2798, 2821, 3151),
    "independent fostering agency": (273, 277, 276, 278, 284, 288, 317, 326, 313, 313),
    "residential special school": (168, 165, 157, 150, 138, 133, 126, 122, 111, 102),
    "residential special school (registered as a children's home)":
        (80, 83, 80, 71, 66, 68, 69, 62, 56, 55),
    "boarding school": (73, 73, 76, 77, 73, 68, 60, 60, 58, 57),
    "further education college with residential accommodation":
        (39, 38, 38, 38, 42, 42, 39, 37, 34, 32),
    "voluntary adoption agency": (38, 38, 40, 40, 41, 34, 37, 35, 31, 30),
    "adoption support agency": (32, 34, 35, 34, 33, 30, 38, 38, 31, 34),
    "residential family centre": (30, 32, 34, 37, 43, 48, 59, 68, 66, 78),
    "secure children's home": (14, 14, 14, 14, 14, 13, 13, 13, 13, 13),
    "residential holiday scheme for disabled children": (4, 6, 11, 16, 15, 15, 18, 15, 11, 10),
    "secure training centre": (4, 3, 3, 3, 3, 2, 2, 2, 1, 1),
}
# calibrate: uninspected_share — only 2021 and 2022 list settings without an inspection;
# other years list inspected settings only, about this share of the active ones:
LISTED_SHARE_OTHER_YEARS = 0.95  # ASSUMED from 2018 main (2797) vs 2018 part 2 (2941)
LISTS_UNINSPECTED = frozenset({2021, 2022})

# calibrate: type_spelling (the modal spelling of each type per year)
TYPE_SPELLING_2015 = {
    "children's home": "Children's Home",
    "independent fostering agency": "Independent Fostering agency",
    "residential special school (registered as a children's home)":
        "Residential special school (>295 days/year)",
}
TYPE_SPELLING = {
    "children's home": "Children's home",
    "independent fostering agency": "Independent Fostering Agency",
    "residential special school": "Residential Special School",
    "residential special school (registered as a children's home)":
        "Residential special school (registered as a children's home)",
    "boarding school": "Boarding School",
    "further education college with residential accommodation":
        "Further Education College with Residential Accommodation",
    "voluntary adoption agency": "Voluntary Adoption Agency",
    "adoption support agency": "Adoption Support Agency",
    "residential family centre": "Residential Family Centre",
    "secure children's home": "Secure children's home",
    "residential holiday scheme for disabled children":
        "Residential Holiday Scheme for Disabled Children",
    "secure training centre": "Secure Training Centre",
}

# calibrate: sector_by_type (2019-2024 rows), rounded
SECTOR_BY_TYPE: dict[str, dict[str, float]] = {
    "children's home": {"Private": 0.786, "Local Authority": 0.155, "Voluntary": 0.055,
                        "Health Authority": 0.004},
    "independent fostering agency": {"Private": 0.818, "Voluntary": 0.182},
    "residential special school": {"Local Authority": 0.381, "Voluntary": 0.254,
                                   "Academy": 0.193, "Private": 0.172},
    "residential special school (registered as a children's home)":
        {"Private": 0.721, "Voluntary": 0.229, "Local Authority": 0.05},
    "boarding school": {"Academy": 0.391, "Private": 0.317, "Voluntary": 0.197,
                        "Local Authority": 0.095},
    "further education college with residential accommodation":
        {"Voluntary": 0.562, "Private": 0.297, "Local Authority": 0.115, "Academy": 0.026},
    "voluntary adoption agency": {"Voluntary": 1.0},
    "adoption support agency": {"Private": 0.726, "Voluntary": 0.274},
    "residential family centre": {"Private": 0.87, "Voluntary": 0.13},
    "secure children's home": {"Local Authority": 0.924, "Voluntary": 0.076},
    "residential holiday scheme for disabled children": {"Voluntary": 0.548, "Private": 0.452},
    "secure training centre": {"Private": 1.0},
}

# calibrate: homes_per_provider_2024 (non-council owners, all provision types):
# size -> number of providers. Median 1, p90 5, max 180 (1,320 providers).
HOMES_PER_PROVIDER = {
    1: 831, 2: 188, 3: 94, 4: 52, 5: 43, 6: 34, 7: 14, 8: 10, 9: 20, 10: 6, 11: 4, 12: 1,
    13: 2, 14: 2, 15: 1, 17: 2, 18: 2, 20: 2, 22: 1, 24: 1, 30: 1, 32: 1, 36: 1, 38: 1,
    41: 1, 42: 1, 43: 1, 44: 1, 53: 1, 180: 1,
}
OWNER_CHANGE_RATE = 0.0339  # calibrate: owner_change_rate_per_year (2019-2024 pairs)
MODAL_COUNCIL_SHARE = 0.555  # calibrate: share_in_providers_modal_council (2024)
OWNER_BLANK_SHARE = 0.0145  # calibrate: owner_blank_share (non-council rows, 2019-2024)

# calibrate: rows_per_council_2024 (152 councils), sorted
ROWS_PER_COUNCIL = (
    1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7, 7,
    7, 7, 7, 8, 9, 9, 9, 9, 10, 10, 10, 10, 10, 10, 10, 11, 11, 11, 11, 11, 11, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 13, 13, 15, 15, 15, 15, 15, 16, 16, 16, 16, 16, 17, 17, 17, 18,
    18, 19, 19, 20, 20, 20, 20, 21, 21, 21, 21, 21, 22, 22, 22, 23, 24, 24, 24, 24, 25, 26,
    26, 27, 27, 27, 27, 28, 28, 28, 29, 29, 30, 31, 31, 32, 32, 32, 33, 33, 33, 34, 35, 35,
    36, 37, 37, 37, 38, 38, 39, 39, 39, 40, 41, 42, 43, 43, 44, 44, 44, 50, 52, 59, 64, 65,
    65, 71, 72, 73, 75, 81, 89, 132, 164, 253,
)
# calibrate: region_share_2024
REGION_SHARE = {
    "North West": 0.2307, "West Midlands": 0.1569, "South East": 0.1275,
    "East Midlands": 0.1058, "Yorkshire and The Humber": 0.09, "East of England": 0.0859,
    "South West": 0.0735, "London": 0.0728, "North East": 0.057,
}
# calibrate: places_ch_2024, the common part (1-12 places; 1.5% larger homes folded to 12+)
PLACES_CH = {1: 220, 2: 553, 3: 781, 4: 717, 5: 379, 6: 282, 7: 87, 8: 88, 9: 19, 10: 20,
             12: 20, 16: 10, 24: 8, 40: 6}

# calibrate: overall_share_ch (first inspections draw from the year's shares):
# year -> (Inadequate, Requires improvement, Good, Outstanding)
OVERALL_SHARE = {
    2015: (0.0154, 0.2824, 0.5808, 0.1214), 2016: (0.0091, 0.2034, 0.6199, 0.1676),
    2017: (0.0119, 0.1724, 0.6333, 0.1824), 2018: (0.0151, 0.171, 0.6491, 0.1649),
    2019: (0.0123, 0.187, 0.6159, 0.1848), 2020: (0.0173, 0.1822, 0.6391, 0.1614),
    2021: (0.0135, 0.1764, 0.6432, 0.1669), 2022: (0.0278, 0.2067, 0.6459, 0.1197),
    2023: (0.0218, 0.1817, 0.6948, 0.1017), 2024: (0.0168, 0.151, 0.7217, 0.1106),
}
# calibrate: transitions_ch_2024 (previous -> latest overall, 2024's two blocks)
TRANSITIONS = {
    1: (0.0379, 0.5, 0.4621, 0.0),
    2: (0.016, 0.2685, 0.7074, 0.008),
    3: (0.0135, 0.1136, 0.7804, 0.0926),
    4: (0.0036, 0.0292, 0.3686, 0.5985),
}
# TUNED, not measured: the transitions come from consecutive inspections, but a snapshot
# shows each home's LATEST one, and poor judgements are superseded sooner (re-inspection
# within ~100 days). These weights on the next judgement (Inadequate, RI, Good, Outstanding)
# make the synthetic snapshots' shares average the real ones (tests/test_synth.py checks).
JUDGEMENT_TILT = (3.9, 1.44, 0.91, 0.98)
# calibrate: area_offsets_ch (area score minus overall score, CH, 2019-2024)
AREA_OFFSETS = {
    "safety": {-2: 1, -1: 1084, 0: 14164, 1: 226},
    "leadership": {-2: 7, -1: 2578, 0: 12248, 1: 642},
}
# calibrate: area_fill — share of inspected rows with each area filled, by era and group
AREA_FILL = {
    "2015": {"ch": {"outcomes_children": 1.0, "quality_of_care": 1.0, "outcomes_education": 0.007},
             "other": {"outcomes_children": 0.87, "quality_of_care": 0.87}},
    "2016-2018": {"ch": {"outcomes_children": 0.015, "quality_of_care": 0.01},
                  "other": {"outcomes_children": 0.55, "quality_of_care": 0.8}},
    "2019-2024": {"ch": {"outcomes_education": 0.005, "health_services": 0.005},
                  "other": {}},
}

# calibrate: interval_days_ch / interval_days_other (deciles of days between the previous
# and latest full inspection in 2024); interval_median_by_previous_ch
INTERVAL_DECILES_CH = (174, 245, 293, 323, 350, 372, 400, 447, 518)
INTERVAL_DECILES_OTHER = (308, 371, 652, 1274, 1394, 1463, 1505, 1582, 1703)
INTERVAL_MEDIAN_BY_PREVIOUS = {1: 104, 2: 315, 3: 357, 4: 364.5}
# calibrate: first_inspection_days_ch (registration to first full inspection, 2021-2024)
FIRST_INSPECTION_DECILES = (107, 132, 149, 161, 175, 188, 202, 221, 262)
# calibrate: publication_lag_days (2019-2024)
PUBLICATION_LAG_DECILES = (21, 25, 29, 34, 36, 41, 44, 48, 55)
# calibrate: visit_extra_days (last day minus first day: 2018 vs 2019 files, same event)
VISIT_EXTRA_DAYS = {1: 66, 2: 97, 4: 137, 6: 21}
# calibrate: age_of_latest_2015_days (ages of the latest inspection at 31 March 2015)
AGE_2015_DECILES = {"ch": (70, 104, 124, 145, 168, 196, 238, 266, 298),
                    "other": (67, 134, 197, 301, 418, 538, 767, 890, 1125)}
# calibrate: registration_year_ch_2019 (registration years of homes open in 2019, to 2014)
REGISTRATION_YEARS = {1973: 2, 1986: 2, 1992: 9, 1994: 9, 1996: 9, 1998: 14, 1999: 10,
                      2000: 17, 2001: 67, 2002: 47, 2003: 220, 2004: 102, 2005: 84,
                      2006: 69, 2007: 55, 2008: 103, 2009: 89, 2010: 101, 2011: 102,
                      2012: 99, 2013: 162, 2014: 153}
# calibrate: joiners_leavers — CH leavers 2017-2023 average 130 a year against ~2,450
# active CH (5.3%); other types 42 a year against ~720 (5.8%).
LEAVE_RATE = {"ch": 0.053, "other": 0.058}
# calibrate: ri_wording — "Requires improvement" as each year's file writes it (score 2)
RI_WORDING = {2015: "Adequate", 2016: "Requires improvement", 2017: "Requires improvement",
              2018: "Requires improvement to be good", 2019: "Requires improvement to be good"}
RI_WORDING_LATER = "Requires improvement to be good"
RI_VARIANTS = {2018: ("Requires improvement", 0.063),  # 27 of 426 in 2018
               2019: ("Requires Improvement to be good", 0.011)}  # 5 of 466 in 2019
# 2015: a score-2 inspection before April 2013 is "Satisfactory" (16 of 90 pre-2014 rows)
SATISFACTORY_BEFORE = "2013-04-01"
SHORT_BREAKS_SHARE = 0.0518  # calibrate: short_breaks_share_ch (CH rows, 2021-2024)

# Pandemic: Ofsted suspended routine inspections 17 March 2020 (seed 002 says "in March
# 2020"); full inspections of children's homes resumed in April 2021 (2021's latest date is
# 17 March 2020). Assurance visits ran from September 2020.
COVID_START, COVID_END = "2020-03-17", "2021-04-12"
ASSURANCE_WINDOW = ("2020-09-01", "2021-03-31")
ASSURANCE_SHARE = 0.35  # ASSUMED: a third of homes had an assurance visit

# Managers (not in the statistics; ASSUMED from the issue: "tenures of one to five years,
# moves mostly within a provider or council").
TENURE_YEARS = (1, 5)
VACANCY_DAYS = ((0.7, 0, 60), (0.3, 60, 240))  # (share, min, max) between two tenures
REGISTRATION_LAG_DAYS = (60, 240)  # in post -> registered with Ofsted
MOVER_SHARE = 0.4  # a post is filled by a manager moving from another home
MOVE_TARGETS = (("provider", 0.55), ("council", 0.3), ("region", 0.1), ("anywhere", 0.05))
MOVE_WINDOW_DAYS = 270  # a manager who left a post can start another this long after
RI_CHANGE_SHARE = 0.3  # ASSUMED: providers whose responsible individual changes once
INSPECTORS_PER_HOME = 0.1  # ASSUMED: ~300 social care inspectors for ~3,000 settings
