"""Who runs each synthetic setting: owners assigned in registration order from pools of
free places, and settings changing hands (alone or with their whole provider).

Council-run settings belong to their council. The others draw an owner from the pool of
their sector: providers are created with a target size drawn from the real
homes-per-provider distribution and fill up over the years; a provider's settings cluster
in its council (then region). Each year about 3.4% of privately run settings are sold.
"""

from __future__ import annotations

import bisect
import random
from collections import Counter

from synth import naming, params
from synth.sector import Home, Provider, Sector, pick, year_start


class Owners:
    """Assigns owners in registration order from pools of free places, one per sector."""

    def __init__(self, sector: Sector, rng: random.Random) -> None:
        self.s, self.rng = sector, rng
        self.tickets: dict[str, list[int]] = {}
        sizes = params.HOMES_PER_PROVIDER
        self.sizes, self.size_weights = list(sizes), list(sizes.values())
        self.min_free = max(3, round(40 * sector.scale))
        self.names = iter(naming.provider_names(rng, self._expected_providers()))
        cum, self.by_region = 0, {}
        self.cum = []
        for c in sector.councils:
            cum += c.weight
            self.cum.append(cum)
            self.by_region.setdefault(c.region, []).append(c.index)

    def _expected_providers(self) -> int:
        non_council = sum(h.sector != "Local Authority" for h in self.s.homes)
        mean = sum(k * v for k, v in params.HOMES_PER_PROVIDER.items()) / sum(
            params.HOMES_PER_PROVIDER.values())
        return int(non_council / mean * 2) + 50

    def council(self, region: str | None = None) -> int:
        if region is None:
            return bisect.bisect_right(self.cum, self.rng.random() * self.cum[-1])
        members = self.by_region[region]
        weights = [self.s.councils[i].weight for i in members]
        return self.rng.choices(members, weights)[0]

    def _new_provider(self, sector_name: str) -> int:
        p = Provider(len(self.s.providers), next(self.names), sector_name)
        p.style = pick(self.rng, {"plain": 0.85, "swap": 0.08, "upper": 0.04, "number": 0.03})
        p.number = f"99{self.rng.randint(0, 999999):06d}"
        self.s.providers.append(p)
        size = self.rng.choices(self.sizes, self.size_weights)[0]
        self.tickets.setdefault(sector_name, []).extend([p.index] * size)
        return p.index

    def assign(self, home: Home) -> None:
        if home.sector == "Local Authority":
            home.council = self.council()
            council = self.s.councils[home.council]
            if council.provider is None:
                council.provider = len(self.s.providers)
                self.s.providers.append(Provider(council.provider, council.official,
                                                 "Local Authority", council=council.index))
            provider = council.provider
        else:
            pool = self.tickets.setdefault(home.sector, [])
            while len(pool) < self.min_free:
                self._new_provider(home.sector)
            i = self.rng.randrange(len(pool))
            provider, pool[i] = pool[i], pool[-1]
            pool.pop()
            p = self.s.providers[provider]
            if p.base is None:
                p.base = home.council = self.council()
            else:
                r = self.rng.random()
                region = self.s.councils[p.base].region
                home.council = p.base if r < 0.6 else (
                    self.council(region) if r < 0.85 else self.council())
        home.owners.append((home.registered, provider))
        self.s.providers[provider].homes.append(home.index)

    def release(self, home: Home) -> None:
        """A closed setting frees a place at its last owner half the time (if it still
        trades); otherwise new providers enter, as small ones come and go in life."""
        owner = self.s.providers[home.owners[-1][1]]
        if owner.council is None and owner.acquired is None and self.rng.random() < 0.5:
            self.tickets[owner.sector].append(owner.index)

    def takeovers(self, year: int) -> None:
        """Settings sold (alone, or with their whole provider) until ~3.4% have moved."""
        start, stop = year_start(year), year_start(year + 1) - 1
        live = [p for p in self.s.providers if p.council is None and p.acquired is None]
        # one entry per active setting: victims are drawn by size
        homes = self.s.homes
        by_size = [p.index for p in live for h in p.homes
                   if homes[h].active_at(start) and homes[h].owners[-1][1] == p.index]
        counts = Counter(by_size)
        groups = sorted(p for p, n in counts.items() if n > 1)  # buyers: any group
        target, moved, tries = params.OWNER_CHANGE_RATE * len(by_size), 0, 0
        while moved < target and len(by_size) > 2 and tries < 1000:
            tries += 1
            victim = self.s.providers[self.rng.choice(by_size)]
            buyer = self.s.providers[self.rng.choice(groups or by_size)]
            if buyer is victim or buyer.sector != victim.sector or victim.acquired \
                    or buyer.acquired:
                continue
            day = self.rng.randint(start, stop)
            moving = [h for h in victim.homes if self.s.homes[h].active_at(day)
                      and self.s.homes[h].owners[-1][1] == victim.index]
            if self.rng.random() < 0.5:
                moving = moving[-1:]  # one setting sold; the seller trades on
            elif len(moving) > max(3, 2 * (target - moved)):
                continue  # too big a deal for what is left of this year's changes
            else:
                victim.acquired = (day, buyer.index)
            for h in moving:
                self.s.homes[h].owners.append((day, buyer.index))
                buyer.homes.append(h)
            moved += len(moving)
            pool = self.tickets.get(victim.sector, []) if victim.acquired else []
            for i, owner in enumerate(pool):
                if owner == victim.index:
                    pool[i] = buyer.index
