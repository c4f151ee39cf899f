"""Filters shared by ``Store.events``, ``Store.count_events`` and the exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from flashpoint.errors import UsageError
from flashpoint.store.records import parse_date
from flashpoint.store.schema import event_sources, events

FILTER_NAMES = ("start", "end", "country", "type", "actor", "bbox", "q")


@dataclass(frozen=True)
class EventFilter:
    start: date | None = None
    end: date | None = None
    country: str | None = None
    type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None

    def as_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.events`` / ``Store.count_events``."""
        return {name: getattr(self, name) for name in FILTER_NAMES}

    @classmethod
    def from_kwargs(cls, filters: dict[str, Any]) -> EventFilter:
        unknown = set(filters) - set(FILTER_NAMES)
        if unknown:
            raise UsageError(f"unknown event filter(s): {', '.join(sorted(unknown))}")
        bbox = filters.get("bbox")
        return cls(
            start=parse_date(filters.get("start")),
            end=parse_date(filters.get("end")),
            country=filters.get("country") or None,
            type=filters.get("type") or None,
            actor=filters.get("actor") or None,
            bbox=_parse_bbox(bbox) if bbox is not None else None,
            q=filters.get("q") or None,
        )


def _parse_bbox(raw: object) -> tuple[float, float, float, float]:
    parts = raw.split(",") if isinstance(raw, str) else list(raw)  # type: ignore[call-overload]
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except (TypeError, ValueError) as exc:
        raise UsageError("bbox must be minlon,minlat,maxlon,maxlat") from exc
    return min_lon, min_lat, max_lon, max_lat


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def where_clauses(f: EventFilter) -> list[sa.ColumnElement[bool]]:
    """SQL conditions for a filter; every one can use an index except the text search."""
    c = events.c
    clauses: list[sa.ColumnElement[bool]] = []
    if f.start is not None:
        clauses.append(c.date >= f.start)
    if f.end is not None:
        clauses.append(c.date <= f.end)
    if f.country:
        clauses.append(c.location_country == f.country.upper())
    if f.type:
        clauses.append(c.event_type == f.type.upper())
    if f.actor:
        clauses.append(_actor_clause(f.actor))
    if f.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        clauses.append(c.lat.between(min_lat, max_lat))
        clauses.append(c.lon.between(min_lon, max_lon))
    if f.q:
        needle = f"%{_escape_like(f.q.lower())}%"
        in_sources = (
            sa.select(event_sources.c.id)
            .where(event_sources.c.event_id == c.event_id)
            .where(sa.func.lower(event_sources.c.sentence).like(needle, escape="\\"))
        )
        clauses.append(sa.exists(in_sources))
    return clauses


def _actor_clause(actor: str) -> sa.ColumnElement[bool]:
    """An actor code (or a longer code starting with it), country, or part of a name."""
    code = actor.strip().upper()
    name = f"%{_escape_like(actor.strip().lower())}%"
    code_prefix = f"{_escape_like(code)}%"
    c = events.c
    return sa.or_(
        c.actor1_code.like(code_prefix, escape="\\"),
        c.actor2_code.like(code_prefix, escape="\\"),
        c.actor1_country == code,
        c.actor2_country == code,
        sa.func.lower(c.actor1_name).like(name, escape="\\"),
        sa.func.lower(c.actor2_name).like(name, escape="\\"),
    )


def ordering() -> list[sa.ColumnElement[Any]]:
    """Date order, undated events last (the same on SQLite and PostgreSQL), then event id."""
    c = events.c
    return [sa.case((c.date.is_(None), 1), else_=0), c.date, c.event_id]
