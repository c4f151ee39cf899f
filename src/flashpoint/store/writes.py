"""The write statements of ``Store.add`` (module level so a test can make one fail midway)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from flashpoint.model import Article, normalise_text, stable_hash
from flashpoint.store import dedup
from flashpoint.store.merge import Report, combine, load_rules
from flashpoint.store.records import event_columns, event_from_dict, parse_date, report_json
from flashpoint.store.schema import articles, event_sources, events

# Candidates are looked up by date within this many days; coarser dates are compared in Python.
CANDIDATE_WINDOW_DAYS = 8


def insert_article(
    conn: Connection,
    article: Article,
    sig: Any,
    duplicate_of: str | None,
    similarity: float | None,
) -> None:
    conn.execute(
        articles.insert().values(
            article_id=article.article_id,
            url=article.url,
            title=article.title,
            source=article.source,
            published=article.published,
            text_hash=_text_hash(article),
            minhash=dedup.to_bytes(sig) if sig is not None else None,
            duplicate_of=duplicate_of,
            similarity=round(similarity, 4) if similarity is not None else None,
            ingested_at=datetime.now(UTC),
        )
    )


def _text_hash(article: Article) -> str:
    return stable_hash(normalise_text(article.text), length=64)


def insert_source(conn: Connection, event_id: str, report: Report) -> None:
    e = report.event
    conn.execute(
        event_sources.insert().values(
            event_id=event_id,
            article_id=e.article_id,
            report_event_id=e.event_id,
            sentence=e.sentence,
            span_start=e.span[0],
            span_end=e.span[1],
            report_json=report_json(e, report.published),
        )
    )


def insert_new_event(conn: Connection, report: Report) -> None:
    combined = combine([report], report.event.event_id)
    values = event_columns(combined.event)
    values.update(
        match_date=combined.event.date or report.published,
        fatalities_reported=combined.fatalities_reported,
        merge_reasons=[],
        source_count=1,
        updated_at=datetime.now(UTC),
    )
    conn.execute(events.insert().values(**values))
    insert_source(conn, report.event.event_id, report)


def merge_into(conn: Connection, event_id: str, report: Report, reason: dict[str, Any]) -> None:
    members = [*_members(conn, [event_id]).get(event_id, []), report]
    combined = combine(members, event_id)
    old_reasons = conn.execute(
        sa.select(events.c.merge_reasons).where(events.c.event_id == event_id)
    ).scalar_one()
    values = event_columns(combined.event)
    values.update(
        match_date=combined.event.date or combined.published,
        fatalities_reported=combined.fatalities_reported,
        merge_reasons=[*(old_reasons or []), reason],
        source_count=len(members),
        updated_at=datetime.now(UTC),
    )
    conn.execute(events.update().where(events.c.event_id == event_id).values(**values))
    insert_source(conn, event_id, report)


def _report_from_json(data: dict[str, Any]) -> Report:
    return Report(event_from_dict(data), parse_date(data.get("published")))


def candidates(conn: Connection, report: Report) -> list[tuple[str, Report]]:
    day = report.match_date
    if day is None:
        return []
    types = {report.event.event_type}
    for pair in load_rules().limit("compatible_types"):
        if report.event.event_type in pair:
            types.update(pair)
    window = timedelta(days=CANDIDATE_WINDOW_DAYS)
    stmt = sa.select(events.c.event_id).where(  # ids only: members carry the records
        events.c.event_type.in_(sorted(types)),
        events.c.match_date.between(day - window, day + window),
    )
    ids = [row.event_id for row in conn.execute(stmt).all()]
    return [
        (event_id, combine(members, event_id).as_report)
        for event_id, members in _members(conn, ids).items()
    ]


def _members(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[Report]]:
    """The per-report records of the given stored events."""
    if not event_ids:
        return {}
    stmt = (
        sa.select(event_sources.c.event_id, event_sources.c.report_json)
        .where(event_sources.c.event_id.in_(list(event_ids)))
        .order_by(event_sources.c.id)
    )
    grouped: dict[str, list[Report]] = {}
    for row in conn.execute(stmt).all():
        grouped.setdefault(row.event_id, []).append(_report_from_json(row.report_json))
    return grouped


def source_exists(conn: Connection, report_event_id: str) -> bool:
    stmt = sa.select(event_sources.c.id).where(event_sources.c.report_event_id == report_event_id)
    return conn.execute(stmt).first() is not None


def root_article(conn: Connection, article_id: str) -> str:
    """Follow ``duplicate_of`` links to the original article."""
    current = article_id
    for _ in range(32):  # links always point to older rows; the bound only guards bad data
        parent = conn.execute(
            sa.select(articles.c.duplicate_of).where(articles.c.article_id == current)
        ).scalar_one_or_none()
        if parent is None:
            return current
        current = parent
    return current
