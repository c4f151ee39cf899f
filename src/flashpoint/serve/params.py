"""Validation of query parameters: everything a client sends is checked here, so that bad
input becomes a 400 with a precise message and never reaches SQL as something surprising."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from flashpoint.model import EVENT_TYPES
from flashpoint.serve.errors import BadParameterError
from flashpoint.store.queries import EventFilter

Interval = Literal["day", "week", "month"]
INTERVALS: tuple[Interval, ...] = ("day", "week", "month")
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000
MAX_TEXT = 200
_COUNTRY = re.compile(r"[A-Za-z]{3}")


# The API's filters are exactly the store's: one definition for both.
Filters = EventFilter


def _blank(raw: str | None) -> bool:
    return raw is None or not raw.strip()


def parse_day(name: str, raw: str | None) -> date | None:
    if _blank(raw):
        return None
    assert raw is not None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise BadParameterError(f"{name} must be a date YYYY-MM-DD, got {raw[:40]!r}") from None


def parse_country(raw: str | None) -> str | None:
    if _blank(raw):
        return None
    assert raw is not None
    if not _COUNTRY.fullmatch(raw.strip()):
        raise BadParameterError(f"country must be an ISO 3166-1 alpha-3 code, got {raw[:40]!r}")
    return raw.strip().upper()


def parse_type(raw: str | None) -> str | None:
    if _blank(raw):
        return None
    assert raw is not None
    value = raw.strip().upper()
    if value not in EVENT_TYPES:
        raise BadParameterError(
            f"type must be one of the PLOVER types ({', '.join(EVENT_TYPES)}), got {raw[:40]!r}"
        )
    return value


def parse_text(name: str, raw: str | None) -> str | None:
    if _blank(raw):
        return None
    assert raw is not None
    value = raw.strip()
    if len(value) > MAX_TEXT:
        raise BadParameterError(f"{name} is longer than {MAX_TEXT} characters")
    if "\x00" in value:
        raise BadParameterError(f"{name} contains a NUL character")
    return value


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    if _blank(raw):
        return None
    assert raw is not None
    parts = raw.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 4 or any(v != v for v in values):  # v != v: NaN
        raise BadParameterError(f"bbox must be minlon,minlat,maxlon,maxlat, got {raw[:60]!r}")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise BadParameterError(
            "bbox needs -180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90"
        )
    return min_lon, min_lat, max_lon, max_lat


def parse_int(name: str, raw: str | None, default: int, low: int, high: int) -> int:
    if _blank(raw):
        return default
    assert raw is not None
    try:
        value = int(raw.strip())
    except ValueError:
        raise BadParameterError(f"{name} must be an integer, got {raw[:40]!r}") from None
    if not low <= value <= high:
        raise BadParameterError(f"{name} must be between {low} and {high}, got {value}")
    return value


def parse_interval(raw: str | None) -> Interval:
    if _blank(raw):
        return "week"
    assert raw is not None
    value = raw.strip().lower()
    for interval in INTERVALS:
        if value == interval:
            return interval
    raise BadParameterError(f"interval must be day, week or month, got {raw[:40]!r}")


def parse_filters(
    *,
    start: str | None = None,
    end: str | None = None,
    country: str | None = None,
    type: str | None = None,
    actor: str | None = None,
    bbox: str | None = None,
    q: str | None = None,
) -> Filters:
    filters = Filters(
        start=parse_day("start", start),
        end=parse_day("end", end),
        country=parse_country(country),
        type=parse_type(type),
        actor=parse_text("actor", actor),
        bbox=parse_bbox(bbox),
        q=parse_text("q", q),
    )
    if filters.start and filters.end and filters.start > filters.end:
        raise BadParameterError("start must not be after end")
    return filters
