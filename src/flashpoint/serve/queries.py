"""Aggregations for the dashboard's views, in SQL over the store's tables (SQLAlchemy Core).

The store gives events one by one; the timeline, the actor network and the map need counts over
all matching events, which only the database can give quickly.  The filter conditions are the
store's own (``where_clauses``), so every view agrees with ``GET /api/events``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from flashpoint.serve.listing import where_for
from flashpoint.serve.params import Filters, Interval
from flashpoint.store.records import parse_date
from flashpoint.store.schema import articles, events


def _where(filters: Filters) -> list[sa.ColumnElement[bool]]:
    return where_for(filters)


def period_start(day: date, interval: Interval) -> date:
    """The first day of the period holding ``day`` (weeks start on Monday, as in ISO 8601)."""
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def next_period(start: date, interval: Interval) -> date:
    if interval == "week":
        return start + timedelta(days=7)
    if interval == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=1)


def all_periods(first: date, last: date, interval: Interval) -> list[str]:
    """Every period from ``first`` to ``last`` inclusive, so that gaps show as zero."""
    periods: list[str] = []
    current = period_start(first, interval)
    while current <= last:
        periods.append(current.isoformat())
        current = next_period(current, interval)
    return periods


def bucket_counts(
    rows: Iterable[tuple[date, str, int, int]], interval: Interval
) -> list[dict[str, Any]]:
    """Per-day-and-type rows summed into per-period-and-type items, ordered by period, type."""
    events_n: Counter[tuple[str, str]] = Counter()
    deaths: Counter[tuple[str, str]] = Counter()
    for day, event_type, count, fatalities in rows:
        key = (period_start(day, interval).isoformat(), event_type)
        events_n[key] += count
        deaths[key] += fatalities
    return [
        {"period": p, "event_type": t, "events": events_n[(p, t)], "fatalities": deaths[(p, t)]}
        for p, t in sorted(events_n)
    ]


def timeline(engine: Engine, filters: Filters, interval: Interval) -> dict[str, Any]:
    """Counts and fatalities per period and event type (undated events cannot be placed)."""
    c = events.c
    stmt = (
        sa.select(
            c.date, c.event_type, sa.func.count(), sa.func.coalesce(sa.func.sum(c.fatalities), 0)
        )
        .where(c.date.is_not(None), *_where(filters))
        .group_by(c.date, c.event_type)
    )
    with engine.connect() as conn:
        rows = [
            (day, str(t), int(n), int(f))
            for d, t, n, f in conn.execute(stmt)
            if (day := parse_date(d)) is not None
        ]
    items = bucket_counts(rows, interval)
    days = [r[0] for r in rows]
    periods = all_periods(min(days), max(days), interval) if days else []
    return {
        "interval": interval,
        "periods": periods,
        "types": sorted({item["event_type"] for item in items}),
        "items": items,
    }


def actor_network(engine: Engine, filters: Filters, max_edges: int) -> dict[str, Any]:
    """Directed dyads (actor1 → actor2) weighted by event counts, the heaviest ``max_edges``.

    One grouped pass: each dyad also brings a name and country for both of its actors, and a
    node's ``events`` is the number of events it takes part in with a distinct other actor.
    """
    c = events.c
    stmt = (
        sa.select(
            c.actor1_code,
            c.actor2_code,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(c.fatalities), 0),
            sa.func.max(c.actor1_name),
            sa.func.max(c.actor1_country),
            sa.func.max(c.actor2_name),
            sa.func.max(c.actor2_country),
        )
        .where(
            c.actor1_code.is_not(None),
            c.actor2_code.is_not(None),
            c.actor1_code != c.actor2_code,  # a self-loop says nothing about relations
            *_where(filters),
        )
        .group_by(c.actor1_code, c.actor2_code)
    )
    with engine.connect() as conn:
        dyads = [tuple(row) for row in conn.execute(stmt)]
    involvement: Counter[str] = Counter()
    names: dict[str, tuple[str, str | None]] = {}
    for a, b, n, _f, name_a, country_a, name_b, country_b in dyads:
        involvement[a] += int(n)
        involvement[b] += int(n)
        names.setdefault(a, (name_a or a, country_a))
        names.setdefault(b, (name_b or b, country_b))
    dyads.sort(key=lambda d: (-int(d[2]), d[0], d[1]))
    edges = [
        {"source": a, "target": b, "events": int(n), "fatalities": int(f)}
        for a, b, n, f, *_ in dyads[:max_edges]
    ]
    codes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    nodes = [
        {"id": code, "name": names[code][0], "country": names[code][1], "events": involvement[code]}
        for code in codes
    ]
    return {"nodes": nodes, "edges": edges}


def map_points(engine: Engine, filters: Filters, max_points: int) -> dict[str, Any]:
    """Compact ``[event_id, lat, lon, type, fatalities]`` rows of located events, newest first."""
    c = events.c
    where = [c.lat.is_not(None), c.lon.is_not(None), *_where(filters)]
    stmt = (
        sa.select(c.event_id, c.lat, c.lon, c.event_type, c.fatalities)
        .where(*where)
        .order_by(c.date.desc(), c.event_id.desc())
        .limit(max_points)
    )
    count = sa.select(sa.func.count()).select_from(events).where(*where)
    with engine.connect() as conn:
        total = int(conn.execute(count).scalar_one())
        items = [
            [r.event_id, round(r.lat, 5), round(r.lon, 5), r.event_type, r.fatalities or 0]
            for r in conn.execute(stmt)
        ]
    return {"total": total, "items": items, "truncated": total > len(items)}


def article_titles(engine: Engine, article_ids: Sequence[str]) -> dict[str, str | None]:
    """Titles of the given articles (the contract's sources carry none; provenance shows them)."""
    if not article_ids:
        return {}
    stmt = sa.select(articles.c.article_id, articles.c.title).where(
        articles.c.article_id.in_(list(article_ids))
    )
    with engine.connect() as conn:
        return {row.article_id: row.title for row in conn.execute(stmt)}
