"""Whether two reported places can be the scene of one event.

Reports place one event with different precision: a hospital, the city around it, its
province, a country.  Two *distinct* named points more than a few kilometres apart are two
scenes (Brussels airport and Maelbeek station, 10 km apart, on one morning), but a point that
stands for a whole city covers the city: its recorded coordinates are the centre, the event can
be anywhere in the built-up area.  How far that area reaches is estimated from the city's
population in the gazetteer.  A site named after a city ("Kabul airport") may lie outside it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from flashpoint.model import Place

if TYPE_CHECKING:
    from flashpoint.gazetteer.index import Gazetteer
    from flashpoint.store.merge import Rules

_WORD = re.compile(r"\w+")
_FINE = frozenset({"point", "admin2"})


@dataclass(frozen=True)
class PlaceVerdict:
    """Place evidence: a weight to add (or none), whether it ties the reports together, or a
    blocker (``blocks``) with its reason."""

    reason: str
    weight: str | None = None
    anchored: bool = False
    blocks: bool = False


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_verdict(a: Place, b: Place, rules: Rules) -> PlaceVerdict:
    km = distance_km(a, b)
    cross_border = bool(a.country and b.country and a.country != b.country)
    if cross_border and "country" in (a.precision, b.precision):
        return PlaceVerdict(f"different countries {a.country} vs {b.country}", blocks=True)
    if a.precision in _FINE and b.precision in _FINE:
        return _fine_verdict(a, b, km, rules)
    if "country" in (a.precision, b.precision):
        return PlaceVerdict(f"same country {a.country}", weight="same_country")
    if cross_border:
        # Border fighting is placed on either side of the line by either side's press.
        if km > rules.limit("coarse_max_distance_km"):
            return PlaceVerdict(f"places {km:.0f} km apart", blocks=True)
        return PlaceVerdict(f"places {km:.0f} km apart across a border", weight="cross_border")
    if a.admin1 and b.admin1:
        if a.admin1.casefold() != b.admin1.casefold():
            return PlaceVerdict(f"different regions {a.admin1} vs {b.admin1}", blocks=True)
    elif km > rules.limit("coarse_max_distance_km"):
        return PlaceVerdict(f"places {km:.0f} km apart", blocks=True)
    region = a.admin1 or b.admin1 or a.name
    return PlaceVerdict(f"same region {region}", weight="same_admin1", anchored=True)


def _fine_verdict(a: Place, b: Place, km: float, rules: Rules) -> PlaceVerdict:
    if a.country != b.country and km > rules.limit("max_distance_km"):
        return PlaceVerdict(f"different countries {a.country} vs {b.country}", blocks=True)
    if km <= rules.limit("same_place_km"):
        return PlaceVerdict(f"same place ({km:.0f} km)", weight="same_place_5km", anchored=True)
    if km > rules.limit("max_distance_km"):
        return PlaceVerdict(f"places {km:.0f} km apart", blocks=True)
    both_points = a.precision == "point" and b.precision == "point"
    if both_points and not _one_covers_the_other(a, b, km, rules):
        return PlaceVerdict(f"distinct places {a.name} and {b.name} {km:.0f} km apart", blocks=True)
    return PlaceVerdict(f"places {km:.0f} km apart", weight="near_place", anchored=True)


def same_site(a: Place, b: Place, rules: Rules) -> bool:
    """Both name one point that is not a listed city: a building, a bridge, a village."""
    if a.precision != "point" or b.precision != "point":
        return False
    if a.name.casefold() != b.name.casefold() or distance_km(a, b) > rules.limit("same_place_km"):
        return False
    return settlement_population(a.name, a.country) == 0


def _one_covers_the_other(a: Place, b: Place, km: float, rules: Rules) -> bool:
    """A city and a place inside or named after it ("Kabul airport" and "Kabul")."""
    if names_nest(a.name, b.name):
        return True
    density = float(rules.limit("urban_density_per_km2"))
    return km <= max(urban_radius_km(a, density), urban_radius_km(b, density))


def names_nest(x: str, y: str) -> bool:
    """Whether the words of one name all occur in the other."""
    words_x, words_y = set(_WORD.findall(x.casefold())), set(_WORD.findall(y.casefold()))
    return bool(words_x and words_y) and (words_x <= words_y or words_y <= words_x)


def urban_radius_km(place: Place, density_per_km2: float) -> float:
    """Radius of a disc holding the population of the city ``place`` is named as, if any."""
    population = settlement_population(place.name, place.country)
    return math.sqrt(population / (math.pi * density_per_km2)) if population else 0.0


@lru_cache(maxsize=8192)
def settlement_population(name: str, country: str | None) -> int:
    """Population of the largest populated place of that name (in that country) in the
    gazetteer; 0 for sites, villages too small to be listed, and unknown names."""
    gazetteer = _gazetteer()
    return max(
        (
            c.population
            for c in gazetteer.lookup(name)
            if c.precision == "point" and (country is None or c.country == country)
        ),
        default=0,
    )


def _gazetteer() -> Gazetteer:
    from flashpoint.gazetteer.index import get_gazetteer  # opened only when a city is checked

    return get_gazetteer()
