"""A seeded, simulated world of weekly conflict event series with known escalation points.

Regions have their own baselines (negative-binomial weekly counts), lulls, injected escalations
(some climbing the ladder between two states, with troops massing first) and ceasefires, some
of which are broken. Events are contract-shaped dicts, so the real alert code runs on them.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

START = date(2023, 1, 2)  # a Monday
WEEKS = 104
COUNTRIES = ("XAA", "XAB", "XAC")  # ISO 3166 user-assigned codes: not real countries
REGIONS_PER_COUNTRY = 5
BASE_RATES = (0.3, 1.0, 2.0, 4.0, 8.0, 15.0)  # conflict events a week
PROFILE = (0.6, 1.0, 1.3, 1.0, 0.7, 0.5)  # shape of an escalation, week by week


@dataclass(frozen=True)
class Region:
    country: str
    name: str
    lat: float
    lon: float
    rate: float
    size: float  # negative-binomial dispersion
    rebel: str


@dataclass(frozen=True)
class Truth:
    """One known escalation point: an escalation (start..end, peak) or a broken ceasefire."""

    kind: str  # "escalation" | "ceasefire_violation"
    country: str
    region: str
    start: date
    end: date
    peak: date
    dyad: tuple[str, str] | None = None


@dataclass
class World:
    events: list[dict[str, Any]] = field(default_factory=list)
    truths: list[Truth] = field(default_factory=list)
    respected_ceasefires: int = 0
    regions: list[Region] = field(default_factory=list)
    occupied: list[tuple[str, int]] = field(default_factory=list)  # (region, week) of scenarios


def poisson(rng: random.Random, mean: float) -> int:
    """Poisson draw by inversion (means here stay below a few hundred)."""
    if mean <= 0:
        return 0
    if mean > 500:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    u, k, p = rng.random(), 0, math.exp(-mean)
    total = p
    while u > total and k < 10_000:
        k += 1
        p *= mean / k
        total += p
    return k


def neg_binomial(rng: random.Random, mean: float, size: float) -> int:
    """Gamma-Poisson mixture draw."""
    return poisson(rng, rng.gammavariate(size, mean / size)) if mean > 0 else 0


def _actor(code: str, country: str | None, sector: str) -> dict[str, Any]:
    return {"text": code, "name": code, "code": code, "country": country, "sector": sector}


class _Writer:
    """Builds event dicts with unique ids."""

    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng, self.world, self.n = rng, world, 0

    def add(
        self,
        region: Region,
        day: date,
        event_type: str,
        actors: tuple[dict[str, Any] | None, dict[str, Any] | None],
        *,
        mode: str | None = None,
        fatalities: int = 0,
        jitter: float = 0.3,
        clear: bool = False,
    ) -> None:
        """``clear``: a plainly reported event (asserted, confident), as injected ones are."""
        self.n += 1
        rng = self.rng
        hedged = not clear and rng.random() >= 0.9
        modality = rng.choice(["uncertain", "intended"]) if hedged else "asserted"
        low = 0.6 if clear else 0.45
        self.world.events.append(
            {
                "event_id": f"sim{self.n:06d}",
                "date": day.isoformat(),
                "date_precision": "day",
                "event_type": event_type,
                "mode": mode,
                "modality": modality,
                "confidence": round(rng.uniform(low, 0.95), 2),
                "actor1": actors[0],
                "actor2": actors[1],
                "location": {
                    "name": region.name,
                    "country": region.country,
                    "admin1": region.name,
                    "lat": region.lat + rng.uniform(-jitter, jitter),
                    "lon": region.lon + rng.uniform(-jitter, jitter),
                },
                "fatalities": fatalities or None,
                "sentence": f"Simulated {event_type.lower()} in {region.name}.",
                "sources": [{"source": "simulation", "url": None}],
            }
        )


def _regions(rng: random.Random) -> list[Region]:
    regions = []
    for c, country in enumerate(COUNTRIES):
        for i in range(REGIONS_PER_COUNTRY):
            regions.append(
                Region(
                    country=country,
                    name=f"{country} Region {i + 1}",
                    lat=10.0 + 8 * c + 1.5 * i,  # > 150 km apart
                    lon=20.0 + 8 * c,
                    rate=rng.choice(BASE_RATES),
                    size=rng.uniform(2.0, 6.0),
                    rebel=f"{country}REB{i + 1}",
                )
            )
    return regions


def _fatalities(rng: random.Random, heavy: bool) -> int:
    if rng.random() < (0.35 if heavy else 0.55):
        return 0
    if rng.random() < 0.01:
        return rng.randint(20, 60)  # a rare mass-casualty attack, not an escalation by itself
    return 1 + int(rng.expovariate(1 / (4.0 if heavy else 1.5)))


def _conflict_event(w: _Writer, region: Region, day: date, heavy: bool) -> None:
    rng = w.rng
    state = _actor(f"{region.country}MIL", region.country, "MIL")
    rebel = _actor(region.rebel, region.country, "REB")
    roll = rng.random()
    if roll < 0.80:
        modes = ["aerial", "artillery"] if heavy else ["firearms", "firearms", "explosives"]
        attacker, target = (state, rebel) if rng.random() < 0.5 else (rebel, state)
        if rng.random() < 0.2:  # unidentified gunmen: not a party to any dyad
            attacker = _actor("UAF", None, "UAF")
        w.add(
            region,
            day,
            "ASSAULT",
            (attacker, target),
            mode=rng.choice(modes),
            fatalities=_fatalities(rng, heavy),
        )
    elif roll < 0.95:
        w.add(region, day, "COERCE", (state, _actor("CVL", None, "CVL")), mode="arrest")
    else:
        w.add(region, day, "MOBILIZE", (state, None), mode="troops")


def _other_event(w: _Writer, region: Region, day: date) -> None:
    rng = w.rng
    state = _actor(f"{region.country}GOV", region.country, "GOV")
    kind = rng.choice(["ACCUSE", "CONSULT", "PROTEST", "AID", "SUPPORT", "REQUEST", "THREATEN"])
    w.add(region, day, kind, (state, _actor(region.rebel, region.country, "REB")))


def _multiplier(
    region: Region, week: int, lulls: dict[str, range], boosts: dict[tuple[str, int], float]
) -> tuple[float, bool]:
    """Weekly rate and whether the week is part of an escalation."""
    if week in lulls.get(region.name, range(0)):
        return region.rate * 0.2, False
    extra = boosts.get((region.name, week), 0.0)
    return region.rate + extra, extra > 0


def _plan_escalations(
    rng: random.Random, regions: list[Region], lulls: dict[str, range], n: int
) -> dict[tuple[str, int], float]:
    """Extra weekly rates of ``n`` escalations, spaced out, never next to a lull."""
    boosts: dict[tuple[str, int], float] = {}
    starts: dict[str, list[int]] = {}
    planned = 0
    for _ in range(10_000):
        if planned >= n:
            break
        region = rng.choice(regions)
        week, length = rng.randint(14, WEEKS - 8), rng.randint(3, 6)
        taken = starts.setdefault(region.name, [])
        lull = lulls.get(region.name, range(0))
        if any(abs(week - w) < 16 for w in taken) or any(week + d in lull for d in range(-8, 8)):
            continue
        taken.append(week)
        planned += 1
        factor, extra = rng.uniform(2.5, 4.5), rng.uniform(4.0, 7.0)
        for d in range(length):
            boosts[(region.name, week + d)] = (region.rate * (factor - 1) + extra) * PROFILE[d]
    return boosts


def simulate(seed: int = 7, *, escalations: int = 14, ceasefires: int = 10) -> World:
    """A two-year world of 15 regions; see the module doc for what it holds."""
    from flashpoint.trends.scenarios import add_ceasefires, add_ladders

    rng = random.Random(seed)
    world = World(regions=_regions(rng))
    writer = _Writer(rng, world)
    lulls = {
        r.name: range(s, s + rng.randint(4, 8))
        for r in rng.sample(world.regions, 5)
        for s in [rng.randint(10, WEEKS - 10)]
    }
    boosts = _plan_escalations(rng, world.regions, lulls, escalations)
    silenced = add_ceasefires(writer, world, rng, ceasefires, boosts, lulls)
    for region in world.regions:
        for week in range(WEEKS):
            monday = START + timedelta(weeks=week)
            rate, heavy = _multiplier(region, week, lulls, boosts)
            for _ in range(neg_binomial(rng, rate, region.size)):
                day = monday + timedelta(days=rng.randrange(7))
                if (region.name, day) not in silenced:
                    _conflict_event(writer, region, day, heavy)
            for _ in range(poisson(rng, 0.5 * region.rate + 0.5)):
                _other_event(writer, region, monday + timedelta(days=rng.randrange(7)))
    _record_escalations(world, boosts)
    add_ladders(writer, world, rng, boosts, lulls)
    return world


def _record_escalations(world: World, boosts: dict[tuple[str, int], float]) -> None:
    by_region: dict[str, list[int]] = {}
    for name, week in boosts:
        by_region.setdefault(name, []).append(week)
    regions = {r.name: r for r in world.regions}
    for name, weeks in by_region.items():
        weeks.sort()
        runs: list[list[int]] = []
        for week in weeks:
            if runs and week == runs[-1][-1] + 1:
                runs[-1].append(week)
            else:
                runs.append([week])
        for run in runs:
            peak = max(run, key=lambda w: boosts[(name, w)])
            world.truths.append(
                Truth(
                    "escalation",
                    regions[name].country,
                    name,
                    START + timedelta(weeks=run[0]),
                    START + timedelta(weeks=run[-1], days=6),
                    START + timedelta(weeks=peak, days=3),
                )
            )
