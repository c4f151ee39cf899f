"""Counts, fatalities and intensity per period, for a country, region or dyad."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from flashpoint.errors import UsageError
from flashpoint.model import EVENT_TYPES
from flashpoint.trends.config import QUADS, AlertSettings, CountingSettings
from flashpoint.trends.events import (
    INTERVALS,
    Event,
    counted,
    country_of,
    dyad_of,
    event_day,
    fits_interval,
    in_dyad,
    next_period,
    parse_dyad,
    period_start,
    region_of,
)
from flashpoint.trends.intensity import conflict_intensity, event_weight, quad_of

GROUPINGS = ("country", "region", "dyad")


def _empty_row(start: date, interval: str) -> dict[str, Any]:
    return {
        "period_start": start.isoformat(),
        "period_end": (next_period(start, interval) - timedelta(days=1)).isoformat(),
        "events": 0,
        "conflict_events": 0,
        "cooperation_events": 0,
        "by_type": {},
        "by_quad": dict.fromkeys(QUADS, 0),
        "fatalities": 0,
        "intensity": 0.0,
        "goldstein": 0.0,
    }


def _add(row: dict[str, Any], event: Event) -> None:
    event_type = str(event["event_type"])
    quad = quad_of(event_type)
    row["events"] += 1
    row["conflict_events" if quad.endswith("conflict") else "cooperation_events"] += 1
    row["by_type"][event_type] = row["by_type"].get(event_type, 0) + 1
    row["by_quad"][quad] += 1
    row["fatalities"] += int(event.get("fatalities") or 0)
    row["intensity"] += conflict_intensity(event)
    row["goldstein"] += event_weight(event)


def build_series(
    events: Iterable[Event],
    *,
    interval: str = "week",
    start: date | None = None,
    end: date | None = None,
    counting: CountingSettings | None = None,
) -> list[dict[str, Any]]:
    """One row per period from the first to the last (empty periods included).

    Only counted events (see ``events.counted``) whose date is at least as precise as the
    interval take part. ``by_type`` lists the PLOVER types seen, in PLOVER's order.
    """
    if interval not in INTERVALS:
        raise UsageError(f"interval must be one of {', '.join(INTERVALS)}, got {interval!r}")
    counting = counting or AlertSettings.load().counting
    rows: dict[date, dict[str, Any]] = {}
    for event in counted(events, counting):
        day = event_day(event)
        if not fits_interval(event, interval) or (start and day < start) or (end and day > end):
            continue
        key = period_start(day, interval)
        _add(rows.setdefault(key, _empty_row(key, interval)), event)
    if not rows:
        return []
    first = period_start(start, interval) if start else min(rows)
    last = period_start(end, interval) if end else max(rows)
    result, current = [], first
    while current <= last:
        row = rows.get(current) or _empty_row(current, interval)
        row["by_type"] = {t: row["by_type"][t] for t in EVENT_TYPES if t in row["by_type"]}
        row["intensity"] = round(row["intensity"], 2)
        row["goldstein"] = round(row["goldstein"], 2)
        result.append(row)
        current = next_period(current, interval)
    return result


def group_key(event: Event, by: str) -> str | None:
    """The label an event is grouped under: ISO3, "ISO3/admin1" or "A-B"."""
    if by == "country":
        return country_of(event)
    if by == "region":
        country, region = country_of(event), region_of(event)
        return f"{country}/{region}" if country and region else None
    if by == "dyad":
        dyad = dyad_of(event)
        return "-".join(dyad) if dyad else None
    raise UsageError(f"group by one of {', '.join(GROUPINGS)}, got {by!r}")


def series_by(
    events: Iterable[Event], *, by: str, interval: str = "week", top: int | None = None
) -> dict[str, list[dict[str, Any]]]:
    """A series per country, region or dyad (the ``top`` busiest when given)."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        key = group_key(event, by)
        if key:
            groups[key].append(event)
    sizes = Counter({key: len(members) for key, members in groups.items()})
    keys = [k for k, _ in sizes.most_common(top)] if top else sorted(groups)
    return {key: build_series(groups[key], interval=interval) for key in keys}


def select_events(
    events: Iterable[Event],
    *,
    country: str | None = None,
    region: str | None = None,
    dyad: str | Sequence[str] | None = None,
) -> list[Event]:
    """Events in the given scope (region names compare case-insensitively)."""
    pair = _dyad_pair(dyad)
    chosen = []
    for event in events:
        if country and (country_of(event) or "").upper() != country.upper():
            continue
        if region and (region_of(event) or "").casefold() != region.casefold():
            continue
        if pair and not in_dyad(event, pair):
            continue
        chosen.append(event)
    return chosen


def _dyad_pair(dyad: str | Sequence[str] | None) -> tuple[str, str] | None:
    if dyad is None or dyad == "":
        return None
    try:
        return parse_dyad(dyad if isinstance(dyad, str) else "-".join(dyad))
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
