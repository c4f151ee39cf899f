"""Read-only access to the SQLite gazetteer index."""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from rapidfuzz import fuzz

from flashpoint.errors import ResourceError
from flashpoint.gazetteer.build import ensure_index
from flashpoint.gazetteer.normalise import name_key, name_skeleton
from flashpoint.model import PlacePrecision
from flashpoint.settings import get_settings

_COLUMNS = (
    "p.geonameid, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.precision, p.feature"
)
_PRECISIONS: frozenset[str] = frozenset({"point", "admin2", "admin1", "country"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry matching a name."""

    geonameid: int | None
    name: str
    country: str  # ISO3
    admin1: str | None
    lat: float
    lon: float
    population: int
    precision: PlacePrecision
    feature: str  # "PPL", "PPLA", "PPLC", "ADM1", "PCLI", "RGN"


def _candidate(row: tuple[object, ...]) -> Candidate:
    precision = str(row[7])
    if precision not in _PRECISIONS:
        raise ResourceError(f"gazetteer index holds an unknown precision {precision!r}")
    return Candidate(
        geonameid=cast(int | None, row[0]),
        name=str(row[1]),
        country=str(row[2]),
        admin1=cast(str | None, row[3]),
        lat=float(cast(float, row[4])),
        lon=float(cast(float, row[5])),
        population=int(cast(int, row[6])),
        precision=cast(PlacePrecision, precision),
        feature=str(row[8]),
    )


def _rank(candidate: Candidate) -> tuple[int, int]:
    order = {"country": 0, "admin1": 1, "point": 2, "admin2": 3}
    return (order[candidate.precision], -candidate.population)


class Gazetteer:
    """Exact and fuzzy name look-ups over the local index (no network, read-only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lookup_cached = lru_cache(maxsize=50_000)(self._lookup_key)
        self._known_cached = lru_cache(maxsize=200_000)(self._key_known)
        # Misspelt names recur across a day's articles; the scan behind each is the slow part.
        self._fuzzy_cached = lru_cache(maxsize=20_000)(self._fuzzy_key)
        # Every capitalised adjective of every article is asked about.
        self._demonym_cached = lru_cache(maxsize=20_000)(self._demonym_key)

    # Picklable (for worker processes): only the path travels; connections are reopened there.
    def __getstate__(self) -> dict[str, Path]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Path]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the index at ``path`` (default from settings), building it if missing/outdated."""
        target = path or get_settings().gazetteer_path
        ensure_index(target)
        return cls(target)

    def _db(self) -> sqlite3.Connection:
        # sqlite3 connections are per thread; the index is read-only so each thread gets one.
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return cast(sqlite3.Connection, db)

    def _lookup_key(self, key: str) -> tuple[tuple[Candidate, bool], ...]:
        rows = self._db().execute(
            f"SELECT {_COLUMNS}, n.is_primary FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.key = ?",
            (key,),
        )
        found = [(_candidate(r[:-1]), bool(r[-1])) for r in rows]
        return tuple(sorted(found, key=lambda item: _rank(item[0])))

    def _key_known(self, key: str) -> bool:
        row = self._db().execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone()
        return row is not None

    def lookup(self, name: str) -> list[Candidate]:
        """Entries whose normalised name equals the normalised ``name``: countries first,
        then regions, then populated places by population."""
        return [candidate for candidate, _ in self.lookup_marked(name)]

    def lookup_marked(self, name: str) -> list[tuple[Candidate, bool]]:
        """Like ``lookup``, each candidate marked True when ``name`` is its main name (not an
        alternate one such as 'Jalalabad' for Sylhet)."""
        key = name_key(name)
        return list(self._lookup_cached(key)) if key else []

    def is_name(self, text: str) -> bool:
        return self.is_name_key(name_key(text))

    def is_name_key(self, key: str) -> bool:
        """``is_name`` for a key the caller already computed with ``name_key``."""
        return bool(key) and self._known_cached(key)

    def fuzzy(self, name: str, limit: int = 5) -> list[Candidate]:
        """Near spellings ("Maaret al-Noman" → Ma'arrat an Nu'man), best match first."""
        key = name_key(name)
        if len(key) < 4:
            return []
        return list(self._fuzzy_cached(key, name_skeleton(name), limit))

    def _fuzzy_key(self, key: str, skeleton: str, limit: int) -> tuple[Candidate, ...]:
        rows = self._db().execute(
            f"SELECT n.key, {_COLUMNS} FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.skeleton = ? LIMIT 2000",
            (skeleton,),
        )
        scored: dict[tuple[str, str, float, float], tuple[float, Candidate]] = {}
        for row in rows:
            similarity = fuzz.ratio(key, str(row[0]))
            if similarity < 80:
                continue
            candidate = _candidate(row[1:])
            ident = (candidate.name, candidate.country, candidate.lat, candidate.lon)
            score = similarity + min(candidate.population, 10_000_000) / 1_000_000
            if ident not in scored or scored[ident][0] < score:
                scored[ident] = (score, candidate)
        best = sorted(scored.values(), key=lambda item: -item[0])
        return tuple(candidate for _, candidate in best[:limit])

    def demonym_country(self, word: str) -> str | None:
        """ISO3 of the country a demonym names ("Syrian" → "SYR"), or None."""
        return self._demonym_cached(name_key(word))

    def _demonym_key(self, key: str) -> str | None:
        row = self._db().execute("SELECT country FROM demonyms WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def country(self, iso3: str) -> Candidate | None:
        row = (
            self._db()
            .execute(
                f"SELECT {_COLUMNS} FROM places p WHERE p.country = ? AND p.precision = 'country'",
                (iso3.upper(),),
            )
            .fetchone()
        )
        return _candidate(row) if row else None


_LOCK = threading.Lock()
_INSTANCE: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (opened, and built if needed, on first call)."""
    global _INSTANCE
    instance = _INSTANCE
    if instance is not None and instance.path == _configured_path():
        return instance  # the common case, without the lock
    with _LOCK:
        if _INSTANCE is None or _INSTANCE.path != _configured_path():
            _INSTANCE = Gazetteer.open()
        return _INSTANCE


def _configured_path() -> Path:
    # Settings() reads the platform's data directory each time: key a cache on the variables
    # that can change it, so tests that set them still get the right index.
    return _path_for(os.environ.get("FLASHPOINT_GAZETTEER"), os.environ.get("FLASHPOINT_DATA_DIR"))


@lru_cache(maxsize=8)
def _path_for(_gazetteer: str | None, _data_dir: str | None) -> Path:
    return get_settings().gazetteer_path
