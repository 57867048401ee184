"""What happens to each synthetic setting over time: full inspections (with judgements
that change as the real ones do), pandemic assurance visits, registered managers' tenures
and their moves between homes, and each provider's responsible individuals.

- Inspections: children's homes about yearly (sooner after a poor judgement), other
  settings about every three years (``params.INTERVAL_*``, measured); the first judgement
  draws from the year's real shares, later ones from the real previous→latest transitions.
  No full inspection between 17 March 2020 and 12 April 2021.
- Managers (children's homes only): tenures of one to five years separated by vacancies;
  a post is filled by a manager leaving another home with ``MOVER_SHARE``, looked for first
  among the same provider's homes, then the same council's, region's, anywhere.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from collections import defaultdict, deque
from dataclasses import dataclass

from synth import params
from synth.sector import END, LAST_DAY, T0, Home, Sector, pick, rng_for

COVID = (dt.date.fromisoformat(params.COVID_START).toordinal(),
         dt.date.fromisoformat(params.COVID_END).toordinal())
LEGACY_UNTIL = dt.date(2015, 3, 31).toordinal()  # events the 2015 ID system numbered
NEXT = {prev: {j: p * t for j, (p, t) in enumerate(zip(row, params.JUDGEMENT_TILT, strict=True))}
        for prev, row in params.TRANSITIONS.items()}
AREAS = ("safety", "leadership", "outcomes_children", "quality_of_care",
         "outcomes_education", "health_services")


@dataclass(slots=True)
class Inspection:
    home: int
    kind: str  # "Full inspection" | "Assurance visit"
    start: int
    end: int
    published: int
    overall: int | None
    areas: dict[str, int]
    inspectors: tuple[int, ...] = ()
    event: str = ""
    legacy: str = ""


@dataclass(slots=True)
class Move:
    person: int
    from_home: int
    to_home: int
    left: int
    started: int
    kind: str  # provider | council | region | anywhere (how the two homes relate)


@dataclass(slots=True)
class Tenure:
    person: int
    home: int
    start: int
    end: int | None  # None: still in post at the end of the data
    registered: int  # the day Ofsted registered them (after a lag)
    move: Move | None = None


def from_deciles(rng: random.Random, deciles: tuple[float, ...]) -> float:
    """A draw from a distribution known by its deciles (linear between them, tails at
    0.6 x the first and 1.3 x the last)."""
    points = [deciles[0] * 0.6, *deciles, deciles[-1] * 1.3]
    u = rng.random() * (len(points) - 1)
    i = int(u)
    return points[i] + (points[i + 1] - points[i]) * (u - i)


def year_of(day: int) -> int:
    """The statistics year (to 31 March) a day falls in, within the data's ten years."""
    d = dt.date.fromordinal(day)
    return min(params.LAST_YEAR, max(params.FIRST_YEAR, d.year + (d.month >= 4)))


def _weekday(day: int) -> int:
    wd = dt.date.fromordinal(day).weekday()
    return day + (7 - wd if wd >= 4 else 0)  # visits start Monday to Thursday


def _areas(rng: random.Random, overall: int) -> dict[str, int]:
    out = {}
    for area in AREAS:
        offsets = params.AREA_OFFSETS["safety" if area == "safety" else "leadership"]
        out[area] = min(4, max(1, overall + pick(rng, offsets)))
    return out


def _interval(rng: random.Random, home: Home, score: int | None) -> int:
    deciles = params.INTERVAL_DECILES_CH if home.group == "ch" else \
        params.INTERVAL_DECILES_OTHER
    days = from_deciles(rng, deciles)
    if score and home.group == "ch":
        days *= params.INTERVAL_MEDIAN_BY_PREVIOUS[score] / deciles[4]
    elif score == 1:
        days *= 0.3
    return max(60, round(days))


def _inspections(rng: random.Random, home: Home) -> list[Inspection]:
    stop = min(home.closed or LAST_DAY, LAST_DAY)
    if home.registered < T0:  # an inspection before the data starts, at a random phase
        day = max(T0 - rng.randint(0, _interval(rng, home, None)), home.registered + 90)
    else:
        first = from_deciles(rng, params.FIRST_INSPECTION_DECILES)
        day = home.registered + round(first * (1 if home.group == "ch" else 2))
    out: list[Inspection] = []
    score: int | None = None
    while True:
        if COVID[0] <= day < COVID[1]:
            day = COVID[1] + rng.randint(0, 240)
        day = _weekday(day)
        if day > stop:
            return out
        if score is None:
            score = 1 + pick(rng, dict(enumerate(params.OVERALL_SHARE[year_of(day)])))
        else:
            score = 1 + pick(rng, NEXT[score])
        end = day + pick(rng, params.VISIT_EXTRA_DAYS)
        published = end + round(from_deciles(rng, params.PUBLICATION_LAG_DECILES))
        out.append(Inspection(home.index, "Full inspection", day, end, published, score,
                              _areas(rng, score)))
        day += _interval(rng, home, score)


def _assurance(rng: random.Random, home: Home) -> Inspection | None:
    start, stop = (dt.date.fromisoformat(d).toordinal() for d in params.ASSURANCE_WINDOW)
    if home.group != "ch" or not home.active_at(start) or rng.random() >= \
            params.ASSURANCE_SHARE:
        return None
    day = _weekday(rng.randint(start, stop - 7))
    lag = round(from_deciles(rng, params.PUBLICATION_LAG_DECILES))
    return Inspection(home.index, "Assurance visit", day, day + 1, day + 1 + lag, None, {})


def add_inspections(sector: Sector) -> None:
    """Every setting's inspections, numbered in date order from 90000000 (legacy 2015 IDs
    from 9000000), each with one or two inspectors from the setting's region."""
    rng = rng_for(sector.seed, "inspections")
    for home in sector.homes:
        home.inspections = _inspections(rng, home)
        visit = _assurance(rng, home)
        if visit:
            home.inspections.append(visit)
            home.inspections.sort(key=lambda i: i.start)
    people = rng_for(sector.seed, "inspectors")
    mid = dt.date(2019, 4, 1).toordinal()
    count = max(9, round(params.INSPECTORS_PER_HOME * sum(h.active_at(mid)
                                                            for h in sector.homes)))
    regions = list(params.REGION_SHARE)
    for i in range(count):
        region = regions[i] if i < len(regions) else pick(people, params.REGION_SHARE)
        sector.inspectors.setdefault(region, []).append(sector.add_person(people))
    event, legacy = 90000000, 9000000
    numbered = sorted((i for h in sector.homes for i in h.inspections),
                      key=lambda i: (i.start, i.home, i.kind))
    for insp in numbered:
        event += rng.randint(1, 4)
        insp.event = str(event)
        if insp.start <= LEGACY_UNTIL and insp.kind == "Full inspection":
            legacy += rng.randint(1, 3)
            insp.legacy = str(legacy)
        pool = sector.inspectors[sector.councils[sector.homes[insp.home].council].region]
        lead = rng.choice(pool)
        second = rng.choice(pool) if rng.random() < 0.2 and len(pool) > 1 else lead
        insp.inspectors = (lead,) if second == lead else (lead, second)


def _slots(rng: random.Random, home: Home) -> list[tuple[int, int | None]]:
    low, high = (y * 365 for y in params.TENURE_YEARS)
    start = max(home.registered, T0 - rng.randint(0, high)) if home.registered < T0 \
        else home.registered
    slots: list[tuple[int, int | None]] = []
    while start <= END and (home.closed is None or start < home.closed):
        end = start + rng.randint(low, high)
        if home.closed is not None and end >= home.closed:
            slots.append((start, home.closed))
            break
        if end > END:
            slots.append((start, None))
            break
        slots.append((start, end))
        _, lo, hi = params.VACANCY_DAYS[0] if rng.random() < params.VACANCY_DAYS[0][0] \
            else params.VACANCY_DAYS[1]
        start = end + rng.randint(lo, hi)
    return slots


class _Movers:
    """Managers who left a post recently, findable by provider, council, region, anywhere."""

    def __init__(self, sector: Sector) -> None:
        self.s = sector
        self.pools: dict[tuple[str, object], deque] = defaultdict(deque)
        self.taken: set[int] = set()

    def keys(self, home: Home, day: int) -> list[tuple[str, object]]:
        region = self.s.councils[home.council].region
        return [("provider", home.owner_at(day)), ("council", home.council),
                ("region", region), ("anywhere", None)]

    def add(self, entry: tuple[int, int, int, int]) -> None:
        end, _, _, home = entry
        for key in self.keys(self.s.homes[home], end - 1):
            self.pools[key].append(entry)

    def take(self, home: Home, day: int, first: str) -> tuple[int, int, int, int] | None:
        keys = self.keys(home, day)
        names = [k[0] for k in keys]
        for key in keys[names.index(first):]:
            pool = self.pools[key]
            while pool and (pool[0][1] in self.taken
                            or pool[0][0] < day - params.MOVE_WINDOW_DAYS):
                pool.popleft()
            if pool and pool[0][3] != home.index:
                entry = pool.popleft()
                self.taken.add(entry[1])
                return entry
        return None


def _kind(sector: Sector, a: Home, left: int, b: Home, started: int) -> str:
    if a.owner_at(left - 1) == b.owner_at(started):
        return "provider"
    if a.council == b.council:
        return "council"
    same_region = sector.councils[a.council].region == sector.councils[b.council].region
    return "region" if same_region else "anywhere"


def add_managers(sector: Sector) -> None:
    """Registered managers' tenures at every children's home, and the moves between them."""
    rng = rng_for(sector.seed, "managers")
    slots = sorted((start, home.index, end) for home in sector.homes if home.group == "ch"
                   for start, end in _slots(rng, home))
    ends: list[tuple[int, int, int, int]] = []
    movers, seq = _Movers(sector), 0
    targets = dict(params.MOVE_TARGETS)
    for start, index, end in slots:
        home = sector.homes[index]
        while ends and ends[0][0] <= start:
            movers.add(heapq.heappop(ends))
        entry = movers.take(home, start, pick(rng, targets)) \
            if rng.random() < params.MOVER_SHARE else None
        move = None
        if entry is None:
            person = sector.add_person(rng)
        else:
            left, _, person, came_from = entry
            move = Move(person, came_from, index, left, start,
                        _kind(sector, sector.homes[came_from], left, home, start))
            sector.moves.append(move)
        low, high = params.REGISTRATION_LAG_DAYS
        home.tenures.append(Tenure(person, index, start, end, start + rng.randint(low, high),
                                   move))
        if end is not None:
            seq += 1
            heapq.heappush(ends, (end, seq, person, index))


def add_responsible_individuals(sector: Sector) -> None:
    rng = rng_for(sector.seed, "responsible")
    for provider in sector.providers:
        if not provider.homes:
            continue
        first = max(T0, min(sector.homes[h].registered for h in provider.homes))
        provider.ris.append((first, sector.add_person(rng)))
        if rng.random() < params.RI_CHANGE_SHARE and first + 365 < LAST_DAY:
            provider.ris.append((rng.randint(first + 365, LAST_DAY), sector.add_person(rng)))
