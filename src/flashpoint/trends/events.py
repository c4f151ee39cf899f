"""Which stored events count, and the keys (period, place, dyad) they are grouped by.

Everything here works on contract event dicts (``Store.iter_events`` output), so the same code
runs on a database and on simulated lists of events.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from flashpoint.trends.config import CountingSettings

Event = Mapping[str, Any]
# Sectors that stand for the state itself: a government and its army are one party to a conflict.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})
# How coarse an event's date may be for each interval.
ALLOWED_PRECISION = {
    "day": frozenset({"day"}),
    "week": frozenset({"day", "week"}),
    "month": frozenset({"day", "week", "month"}),
}
INTERVALS = tuple(ALLOWED_PRECISION)


def counted(events: Iterable[Event], counting: CountingSettings) -> list[Event]:
    """Events that count: asserted (by default), confident enough and dated."""
    return [
        e
        for e in events
        if e.get("date")
        and e.get("modality", "asserted") in counting.modalities
        and float(e.get("confidence") or 0.0) >= counting.min_confidence
    ]


def event_day(event: Event) -> date:
    return date.fromisoformat(str(event["date"])[:10])


def period_start(day: date, interval: str) -> date:
    """First day of the day, ISO week (Monday) or month that holds ``day``."""
    if interval == "day":
        return day
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown interval {interval!r}")


def next_period(start: date, interval: str) -> date:
    if interval == "day":
        return start + timedelta(days=1)
    if interval == "week":
        return start + timedelta(days=7)
    if start.month == 12:
        return start.replace(year=start.year + 1, month=1)
    return start.replace(month=start.month + 1)


def fits_interval(event: Event, interval: str) -> bool:
    """A month-precise date says nothing about which week or day it was."""
    return str(event.get("date_precision") or "day") in ALLOWED_PRECISION[interval]


def country_of(event: Event) -> str | None:
    location = event.get("location") or {}
    return location.get("country") or None


def region_of(event: Event) -> str | None:
    location = event.get("location") or {}
    return location.get("admin1") or None


def coordinates(event: Event) -> tuple[float, float] | None:
    location = event.get("location") or {}
    lat, lon = location.get("lat"), location.get("lon")
    return (float(lat), float(lon)) if lat is not None and lon is not None else None


def party_of(actor: Mapping[str, Any] | None) -> str | None:
    """The conflict party an actor belongs to: a state's organs collapse to the country code.

    Bare sector codes ("CVL", "CRM") name nobody in particular and are not parties.
    """
    if not actor:
        return None
    code = str(actor.get("code") or "")
    sector = actor.get("sector")
    country = actor.get("country")
    if len(code) < 3 or code == sector:
        return None
    if country and sector in STATE_SECTORS:
        return str(country)
    return code


def dyad_of(event: Event) -> tuple[str, str] | None:
    """The sorted pair of parties of an event, or ``None`` without two distinct parties."""
    first, second = party_of(event.get("actor1")), party_of(event.get("actor2"))
    if not first or not second or first == second:
        return None
    a, b = sorted((first, second))
    return a, b


def parse_dyad(text: str) -> tuple[str, str]:
    """``"SYR-TUR"`` -> ``("SYR", "TUR")`` (sorted; the order given does not matter)."""
    parts = [p.strip().upper() for p in text.replace(",", "-").split("-") if p.strip()]
    if len(parts) != 2:
        raise ValueError(f"a dyad is two actor codes joined by '-', got {text!r}")
    a, b = sorted(parts)
    return a, b


def in_dyad(event: Event, dyad: tuple[str, str]) -> bool:
    """Whether the event is between the two parties (codes match a party or its prefix)."""
    codes = []
    for key in ("actor1", "actor2"):
        actor = event.get(key) or {}
        codes.append((party_of(actor) or "", str(actor.get("code") or "")))
    a, b = dyad

    def matches(side: tuple[str, str], code: str) -> bool:
        return bool(code) and (side[0] == code or side[1].startswith(code))

    return (matches(codes[0], a) and matches(codes[1], b)) or (
        matches(codes[0], b) and matches(codes[1], a)
    )


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def sources_of(event: Event) -> list[str]:
    """Outlet names (or URLs) of the reports behind an event, for display."""
    names = []
    for source in event.get("sources") or []:
        name = source.get("source") or source.get("url")
        if name and name not in names:
            names.append(str(name))
    return names
