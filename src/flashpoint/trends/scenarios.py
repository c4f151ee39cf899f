"""Injected scenarios of the simulated world: ceasefires (kept or broken) and ladders."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flashpoint.trends.simulate import Region, World, _Writer

LADDERS = 4
CEASEFIRE_QUIET_DAYS = 21
BROKEN_SHARE = 0.6


def _free(
    region: Region,
    week: int,
    boosts: dict[tuple[str, int], float],
    lulls: dict[str, range],
    margin: int,
) -> bool:
    """No escalation or lull in the region within ``margin`` weeks of ``week``."""
    lull = lulls.get(region.name, range(0))
    return all(
        (region.name, week + d) not in boosts and week + d not in lull
        for d in range(-margin, margin + 1)
    )


def _pick(
    rng: random.Random,
    world: World,
    boosts: dict[tuple[str, int], float],
    lulls: dict[str, range],
    margin: int,
) -> tuple[Region, int]:
    from flashpoint.trends.simulate import WEEKS

    busy = [r for r in world.regions if r.rate >= 1.0]
    used = world.occupied
    for _ in range(10_000):
        region, week = rng.choice(busy), rng.randint(12, WEEKS - 10)
        clash = any(name == region.name and abs(week - w) < 12 for name, w in used)
        if not clash and _free(region, week, boosts, lulls, margin):
            used.append((region.name, week))
            return region, week
    raise RuntimeError("the simulated world has no room for another scenario")


def add_ceasefires(
    w: _Writer,
    world: World,
    rng: random.Random,
    n: int,
    boosts: dict[tuple[str, int], float],
    lulls: dict[str, range],
) -> set[tuple[str, date]]:
    """Ceasefires between a region's state forces and rebels; the share broken gets assaults.

    Returns the (region, day) pairs the ceasefire silences (no background fighting there).
    """
    from flashpoint.trends.simulate import START, Truth, _actor

    silenced: set[tuple[str, date]] = set()
    for i in range(n):
        region, week = _pick(rng, world, boosts, lulls, margin=4)
        day = START + timedelta(weeks=week, days=rng.randrange(7))
        state = _actor(f"{region.country}GOV", region.country, "GOV")
        army = _actor(f"{region.country}MIL", region.country, "MIL")
        rebel = _actor(region.rebel, region.country, "REB")
        w.add(region, day, "AGREE", (state, rebel), mode="ceasefire", clear=True)
        silenced.update((region.name, day + timedelta(days=d)) for d in range(1, 22))
        if i >= round(n * BROKEN_SHARE):
            world.respected_ceasefires += 1
            continue
        first = day + timedelta(days=rng.randint(2, 12))
        for k in range(rng.randint(1, 3)):
            pair = (army, rebel) if rng.random() < 0.5 else (rebel, army)
            w.add(region, first + timedelta(days=k), "ASSAULT", pair, mode="firearms", clear=True)
        dyad = (region.country, region.rebel)
        world.truths.append(
            Truth(
                "ceasefire_violation",
                region.country,
                region.name,
                day,
                day + timedelta(days=14),
                first,
                (min(dyad), max(dyad)),
            )
        )
    return silenced


def add_ladders(
    w: _Writer,
    world: World,
    rng: random.Random,
    boosts: dict[tuple[str, int], float],
    lulls: dict[str, range],
) -> None:
    """A neighbouring state climbs the ladder against a region's state: talks and accusations,
    threats while its troops mass at the border, then three weeks of shelling."""
    from flashpoint.trends.simulate import COUNTRIES, START, Truth, _actor

    for _ in range(LADDERS):
        region, week = _pick(rng, world, boosts, lulls, margin=10)
        other = COUNTRIES[(COUNTRIES.index(region.country) + 1) % len(COUNTRIES)]
        home_gov = _actor(f"{region.country}GOV", region.country, "GOV")
        home_army = _actor(f"{region.country}MIL", region.country, "MIL")
        gov, army = _actor(f"{other}GOV", other, "GOV"), _actor(f"{other}MIL", other, "MIL")
        d0 = START + timedelta(weeks=week)
        for offset, kind in ((0, "CONSULT"), (3, "ACCUSE")):
            w.add(region, d0 + timedelta(days=offset), kind, (gov, home_gov), clear=True)
        for offset in (9, 14):
            w.add(region, d0 + timedelta(days=offset), "THREATEN", (gov, home_gov), clear=True)
        for offset in (10, 12, 15, 17):
            w.add(
                region,
                d0 + timedelta(days=offset),
                "MOBILIZE",
                (army, None),
                mode="troops",
                jitter=0.1,
                clear=True,
            )
        for day in range(20, 41):
            for _ in range(1 if rng.random() < 0.8 else 2):
                pair = (army, home_army) if rng.random() < 0.7 else (home_army, army)
                w.add(
                    region,
                    d0 + timedelta(days=day),
                    "ASSAULT",
                    pair,
                    mode="artillery",
                    fatalities=rng.randint(0, 6),
                    clear=True,
                )
        world.truths.append(
            Truth(
                "escalation",
                region.country,
                region.name,
                d0,
                d0 + timedelta(days=41),
                d0 + timedelta(days=28),
            )
        )
