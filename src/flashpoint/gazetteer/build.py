"""Build the SQLite gazetteer index from packaged data (see ``sources``).

Built once per machine: write to a temporary file beside the target and rename it into place,
so a crash never leaves half an index; a lock file keeps two processes from building at once.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flashpoint.gazetteer.normalise import (
    is_latin_name,
    name_key,
    name_skeleton,
    strip_diacritics,
)
from flashpoint.gazetteer.sources import (
    Admin1Row,
    load_admin1,
    load_cities,
    load_countries,
    load_country_facts,
    read_resource_lines,
)

# Bump whenever a build rule changes: an index with another version is rebuilt on open.
BUILD_VERSION = 9
# "Damascus Governorate" names the region in English; GeoNames' own name may be "Dimashq".
_ENGLISH_SUFFIXES = frozenset(
    {"governorate", "province", "oblast", "region", "state", "prefecture", "county", "district",
     "department"}
)  # fmt: skip

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country TEXT NOT NULL,
    admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL,
    precision TEXT NOT NULL, feature TEXT NOT NULL);
CREATE TABLE demonyms (key TEXT PRIMARY KEY, country TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE names (key TEXT NOT NULL, skeleton TEXT NOT NULL, place_id INTEGER NOT NULL,
    is_primary INTEGER NOT NULL, PRIMARY KEY (key, place_id)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX names_skeleton ON names (skeleton);
CREATE INDEX places_country ON places (country, precision);
"""

PlaceRow = tuple[int | None, str, str, str | None, float, float, int, str, str]


def admin_suffixes() -> frozenset[str]:
    return frozenset(read_resource_lines("admin_suffixes.txt"))


def strip_admin_words(name: str, suffixes: frozenset[str]) -> str:
    """'Donetsk Oblast' → 'Donetsk', 'Muhafazat Idlib' → 'Idlib', 'Autonomous Republic of X' → X."""
    words = name.replace("-", " - ").split()
    words = [w for w in words if w.casefold() not in {"autonomous", "of", "the"}] or words
    while len(words) > 1 and words[-1].casefold() in suffixes:
        words.pop()
    while len(words) > 1 and words[0].casefold() in suffixes:
        words.pop(0)
    return " ".join(words).replace(" - ", "-")


def admin1_display_name(row: Admin1Row, suffixes: frozenset[str]) -> str:
    """An English-looking name: 'Ḩalab' → 'Aleppo', 'Donetska oblast' → 'Donetsk'."""
    for alias in row.aliases:
        words = alias.split()
        if alias.isascii() and len(words) > 1 and words[-1].casefold() in _ENGLISH_SUFFIXES:
            return strip_admin_words(alias, suffixes)
    has_suffix = any(w.casefold() in suffixes for w in row.name.split())
    plain = strip_diacritics(row.name)
    if plain.isascii() and not has_suffix:
        return plain  # "Kandahār" → "Kandahar"
    for alias in row.aliases:
        if alias.isascii():
            return alias
    return strip_admin_words(row.name, suffixes)


def _city_names(city: dict[str, Any], common: frozenset[str]) -> Iterator[tuple[str, int]]:
    yield str(city["name"]), 1
    for alt in city.get("alternatenames") or ():
        alt = str(alt)
        if name_key(alt) in common:
            continue  # "Lake" as an alternate name of Uniontown, Ohio
        usable = 2 < len(alt) <= 60 and is_latin_name(alt) and not any(c.isdigit() for c in alt)
        # Upper-case short forms are airport or postal codes, not names.
        if usable and not (alt.isupper() and len(alt) <= 4):
            yield alt, 0


def _middle(values: list[float]) -> float:
    """Centre of the 5th-95th percentile range: the middle of an area, not of its crowd."""
    if len(values) < 5:
        return statistics.median(values)
    ordered = sorted(values)
    low, high = ordered[len(ordered) // 20], ordered[-1 - len(ordered) // 20]
    return (low + high) / 2


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    return _middle([p[0] for p in points]), _middle([p[1] for p in points])


class _Writer:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.next_id = 1
        self.names: list[tuple[str, str, int, int]] = []

    def add(self, row: PlaceRow, names: Iterable[tuple[str, int]]) -> int:
        place_id = self.next_id
        self.next_id += 1
        self.db.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", (place_id, *row))
        seen: set[str] = set()
        for name, primary in names:
            key = name_key(name)
            if key and key not in seen:
                seen.add(key)
                self.names.append((key, name_skeleton(name), place_id, primary))
        return place_id

    def flush(self) -> None:
        self.db.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", self.names)
        self.names.clear()


def _write_all(db: sqlite3.Connection) -> None:
    suffixes = admin_suffixes()
    countries = {c.iso2: c for c in load_countries()}
    cities = load_cities()
    admin_rows = {(a.iso2, a.code): a for a in load_admin1()}
    admin_names = {k: admin1_display_name(a, suffixes) for k, a in admin_rows.items()}
    writer = _Writer(db)
    common = frozenset(name_key(w) for w in read_resource_lines("common_words.txt"))

    by_admin: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        iso2 = str(city["countrycode"])
        by_admin[(iso2, str(city.get("admin1code") or ""))].append(city)
        by_country[iso2].append((float(city["latitude"]), float(city["longitude"])))

    for city in cities.values():
        iso2 = str(city["countrycode"])
        country = countries.get(iso2)
        if country is None:
            continue
        admin = admin_names.get((iso2, str(city.get("admin1code") or "")))
        feature = "PPL"
        if city["name"] == country.capital:
            feature = "PPLC"
        elif admin and name_key(admin) == name_key(str(city["name"])):
            feature = "PPLA"  # a city that shares its region's name is its seat
        row: PlaceRow = (
            int(city["geonameid"]), str(city["name"]), country.iso3, admin,
            float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0),
            "point", feature,
        )  # fmt: skip
        writer.add(row, _city_names(city, common))

    for (iso2, code), admin_row in admin_rows.items():
        country = countries.get(iso2)
        members = by_admin.get((iso2, code), [])
        if country is None or not members:
            continue
        display = admin_names[(iso2, code)]
        # The centre of the region's towns: a namesake town may sit at its edge (Sagaing).
        lat, lon = _centre([(float(c["latitude"]), float(c["longitude"])) for c in members])
        population = sum(int(c["population"] or 0) for c in members)
        names = [(display, 1), (admin_row.name, 1)]
        names += [(a, 0) for a in admin_row.aliases]
        names += [(strip_admin_words(n, suffixes), p) for n, p in list(names)]
        row = (admin_row.geonameid, display, country.iso3, display, lat, lon, population,
               "admin1", "ADM1")  # fmt: skip
        writer.add(row, names)

    for line in read_resource_lines("extra_places.tsv"):
        name, iso3, precision, lat_s, lon_s, aliases, people = [*line.split("\t"), "", ""][:7]
        names = [(name, 1)] + [(a, 0) for a in aliases.split("|") if a]
        population = int(people) if people.strip() else 0
        row = (None, name, iso3, name, float(lat_s), float(lon_s), population, precision, "RGN")
        writer.add(row, names)

    facts = load_country_facts()
    for country in countries.values():
        points = by_country.get(country.iso2)
        fact = facts.get(country.iso3)
        if fact is not None:
            lat, lon = fact.lat, fact.lon
            db.execute(
                "INSERT OR IGNORE INTO demonyms VALUES (?, ?)",
                (name_key(fact.demonym), country.iso3),
            )
        elif points:
            lat, lon = _centre(points)
        else:
            continue
        names = [(country.name, 1)] + [(a, 0) for a in country.aliases]
        row = (country.geonameid, country.name, country.iso3, None, lat, lon,
               country.population, "country", "PCLI")  # fmt: skip
        writer.add(row, names)
    writer.flush()


@contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def index_version(path: Path) -> int | None:
    """The build version stored in an index file, or None when missing or unreadable."""
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return int(row[0]) if row else None
    except (sqlite3.Error, ValueError):
        return None


def ensure_index(path: Path) -> bool:
    """Build the index at ``path`` unless a current one is there.  True when it built one."""
    if index_version(path) == BUILD_VERSION:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(path):
        if index_version(path) == BUILD_VERSION:  # another process built it while we waited
            return False
        handle, temp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        os.close(handle)
        try:
            db = sqlite3.connect(temp_name)
            try:
                db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
                _write_all(db)
                db.executescript(_INDEXES)
                db.execute("INSERT INTO meta VALUES ('version', ?)", (str(BUILD_VERSION),))
                db.commit()
            finally:
                db.close()
            os.chmod(temp_name, 0o644)
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    return True
