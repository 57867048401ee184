"""The synthetic sector: councils, providers and settings over ten years (2014-2024).

`build_sector(scale, seed)` returns a :class:`Sector` whose sizes are ``scale`` times
England's (``synth.params``, measured on the real files) and whose history is decided by
seeded random streams, one per part, so the same (scale, seed) gives the same sector.

- Settings of each provision type open and close so that each year's active count
  follows the real snapshot counts (``ROWS_BY_TYPE``), leaving at the real rate.
- Owners are assigned, in registration order, and settings sold by ``synth.owners``.
Inspections and managers are added by ``synth.timeline``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from synth import naming, params

T0 = dt.date(2014, 4, 1).toordinal()  # the first day of the year to 31 March 2015
LAST_DAY = dt.date(2024, 3, 31).toordinal()
END = dt.date(2024, 4, 30).toordinal()  # publications count until the end of April
KINDS = (("City Council", 0.2), ("County Council", 0.25), ("Borough Council", 0.25),
         ("Council", 0.3))


def year_start(year: int) -> int:
    """First day (ordinal) of the year to 31 March ``year``."""
    return dt.date(year - 1, 4, 1).toordinal()


@dataclass(slots=True)
class Council:
    index: int
    name: str
    official: str
    region: str
    weight: int
    provider: int | None = None  # the council as the runner of homes


@dataclass(slots=True)
class Provider:
    index: int
    name: str
    sector: str
    council: int | None = None  # set for a council acting as provider
    base: int | None = None  # the council its settings cluster in
    style: str = "plain"  # how files spell it: plain | swap | upper | number
    number: str = ""
    homes: list[int] = field(default_factory=list)
    acquired: tuple[int, int] | None = None  # (date, acquirer)
    ris: list[tuple[int, int]] = field(default_factory=list)  # (from date, person)


@dataclass(slots=True)
class Home:
    index: int
    ctype: str
    group: str  # "ch" (has registered managers) or "other"
    sector: str
    registered: int
    closed: int | None
    urn: str = ""
    council: int = -1
    owners: list[tuple[int, int]] = field(default_factory=list)  # (from date, provider)
    places: int | None = None
    short_breaks: bool = False
    name: str | None = None
    address: tuple[str, str, str] | None = None
    linked_urn: str = ""
    inspections: list = field(default_factory=list)  # synth.timeline.Inspection
    tenures: list = field(default_factory=list)  # synth.timeline.Tenure

    def owner_at(self, day: int) -> int | None:
        owner = None
        for start, provider in self.owners:
            if start > day:
                break
            owner = provider
        return owner

    def active_at(self, day: int) -> bool:
        return self.registered <= day and (self.closed is None or self.closed > day)


@dataclass
class Sector:
    scale: float
    seed: int
    councils: list[Council]
    providers: list[Provider]
    homes: list[Home]
    people: list[str] = field(default_factory=list)
    inspectors: dict[str, list[int]] = field(default_factory=dict)
    moves: list = field(default_factory=list)  # synth.timeline.Move

    def add_person(self, rng: random.Random) -> int:
        self.people.append(naming.person_name(rng))
        return len(self.people) - 1


def rng_for(seed: int, part: str) -> random.Random:
    """An independent random stream per part (so reports on/off leave the CSVs alone)."""
    return random.Random(f"{seed}:{part}")


def pick(rng: random.Random, weights: dict) -> object:
    return rng.choices(list(weights), list(weights.values()))[0]


def _councils(rng: random.Random, scale: float) -> list[Council]:
    n = max(3, round(len(params.ROWS_PER_COUNCIL) * scale))
    names = naming.unique_words(rng, n, naming.COUNCIL_PARTS)
    weights: list[int] = []
    while len(weights) < n:
        block = list(params.ROWS_PER_COUNCIL)
        rng.shuffle(block)
        weights += block
    out = []
    for i, name in enumerate(names):
        region = pick(rng, params.REGION_SHARE)
        official = (f"London Borough of {name}" if region == "London"
                    else f"{name} {pick(rng, dict(KINDS))}")
        out.append(Council(i, name, official, region, weights[i]))
    return out


def _population(rng: random.Random, scale: float) -> list[Home]:
    """Settings with registration and closure dates, following the real yearly counts."""
    homes: list[Home] = []
    reg_years = {y: w for y, w in params.REGISTRATION_YEARS.items()}
    for ctype, rows in params.ROWS_BY_TYPE.items():
        group = "ch" if "children's home" in ctype else "other"
        active: list[Home] = []
        for _ in range(round(scale * rows[0] / params.LISTED_SHARE_OTHER_YEARS)):
            year = pick(rng, reg_years)
            first = dt.date(year, 1, 1).toordinal()
            last = min(dt.date(year, 12, 31).toordinal(), T0 - 1)
            active.append(Home(0, ctype, group, pick(rng, params.SECTOR_BY_TYPE[ctype]),
                               rng.randint(first, last), None))
        homes += active
        for k, year in enumerate(range(params.FIRST_YEAR, params.LAST_YEAR + 1)):
            start, stop = year_start(year), year_start(year + 1) - 1
            survivors = []
            for home in active:
                if rng.random() < params.LEAVE_RATE[group]:
                    home.closed = rng.randint(max(start, home.registered + 60), stop)
                else:
                    survivors.append(home)
            listed = 1 if year in params.LISTS_UNINSPECTED else params.LISTED_SHARE_OTHER_YEARS
            joiners = max(0, round(scale * rows[k] / listed) - len(survivors))
            new = [Home(0, ctype, group, pick(rng, params.SECTOR_BY_TYPE[ctype]),
                        rng.randint(start, stop), None) for _ in range(joiners)]
            homes += new
            active = survivors + new
    homes.sort(key=lambda h: (h.registered, h.ctype))
    for i, home in enumerate(homes):
        home.index = i
        home.closed = None if home.closed is not None and home.closed > END else home.closed
    return homes


def _urns(rng: random.Random, homes: list[Home]) -> None:
    """SC9xxxxx for settings registered before October 2014, 9xxxxxx after: ranges no
    real URN uses (real SC numbers are SC0xxxxx-SC4xxxxx; numeric ones 1xxxxxx-2xxxxxx)."""
    old, new = 900000, 9000000
    cut = dt.date(2014, 10, 1).toordinal()
    for home in homes:
        if home.registered < cut and old < 999990:
            old += rng.randint(1, 3)
            home.urn = f"SC{old:06d}"
        else:
            new += rng.randint(1, 3)
            home.urn = str(new)


def _settings(sector: Sector, rng: random.Random) -> None:
    for home in sector.homes:
        if home.group == "ch":
            home.places = pick(rng, params.PLACES_CH)
            home.short_breaks = rng.random() < params.SHORT_BREAKS_SHARE
        else:
            word = naming.SETTING_WORDS.get(home.ctype, "Services")
            owner = sector.providers[home.owners[0][1]].name.split()[0]
            home.name = f"{owner} {word}"
            if rng.random() < 0.05:  # real names carry en dashes ("... – Wessex Region")
                home.name += f" – {sector.councils[home.council].region}"
            home.address = naming.address(rng, sector.councils[home.council].name)
            if word in ("School", "College"):
                home.places = rng.randint(20, 250)
                home.linked_urn = f"99{rng.randint(0, 9999):04d}"


def build_sector(scale: float, seed: int = 1) -> Sector:
    """The councils, providers and settings of a synthetic sector (no inspections yet)."""
    councils = _councils(rng_for(seed, "councils"), scale)
    homes = _population(rng_for(seed, "population"), scale)
    _urns(rng_for(seed, "urns"), homes)
    sector = Sector(scale, seed, councils, [], homes)
    from synth.owners import Owners  # (it builds on this module's classes)

    owners = Owners(sector, rng_for(seed, "owners"))
    events = sorted([(h.registered, 1, h.index) for h in homes]
                    + [(h.closed, 0, h.index) for h in homes if h.closed is not None])
    year = params.FIRST_YEAR
    for day, kind, index in events:
        while year <= params.LAST_YEAR and day >= year_start(year):
            owners.takeovers(year)
            year += 1
        home = homes[index]
        if kind:
            owners.assign(home)
        elif home.owners:
            owners.release(home)
    _settings(sector, rng_for(seed, "settings"))
    return sector
