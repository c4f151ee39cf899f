"""The write statements of ``Store.add`` (module level so a test can make one fail midway)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from flashpoint.model import Article, normalise_text, stable_hash
from flashpoint.store import dedup
from flashpoint.store.combine import combine
from flashpoint.store.merge import Candidate, Report, load_rules
from flashpoint.store.records import (
    event_columns,
    event_from_dict,
    parse_date,
    source_columns,
)
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
    # Values go as parameters, not into the statement: one compiled statement serves every row.
    conn.execute(
        articles.insert(),
        {
            "article_id": article.article_id,
            "url": article.url,
            "title": article.title,
            "source": article.source,
            "published": article.published,
            "text_hash": _text_hash(article),
            "minhash": dedup.to_bytes(sig) if sig is not None else None,
            "duplicate_of": duplicate_of,
            "similarity": round(similarity, 4) if similarity is not None else None,
            "ingested_at": datetime.now(UTC),
        },
    )


def _text_hash(article: Article) -> str:
    return stable_hash(normalise_text(article.text), length=64)


def insert_source(conn: Connection, event_id: str, report: Report) -> None:
    conn.execute(event_sources.insert(), source_columns(event_id, report.event, report.published))


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
    conn.execute(events.insert(), values)
    insert_source(conn, report.event.event_id, report)


_UPDATE_EVENT = events.update().where(events.c.event_id == sa.bindparam("target_event_id"))


def merge_into(conn: Connection, event_id: str, report: Report, reason: dict[str, Any]) -> None:
    members = [*_members(conn, [event_id]).get(event_id, []), report]
    combined = combine(members, event_id)
    old_reasons = conn.execute(_MERGE_REASONS, {"event_id": event_id}).scalar_one()
    values = event_columns(combined.event)
    values.update(
        match_date=combined.event.date or combined.published,
        fatalities_reported=combined.fatalities_reported,
        merge_reasons=[*(old_reasons or []), reason],
        source_count=len(members),
        updated_at=datetime.now(UTC),
    )
    conn.execute(_UPDATE_EVENT, {**values, "target_event_id": event_id})
    insert_source(conn, event_id, report)


def _report_from_json(data: dict[str, Any]) -> Report:
    return Report(event_from_dict(data), parse_date(data.get("published")))


# Statements are built once, with bound parameters: building and hashing a statement per call
# cost more than running it.
_CANDIDATE_MEMBERS = (
    sa.select(event_sources.c.event_id, event_sources.c.report_event_id)
    .join(events, events.c.event_id == event_sources.c.event_id)
    .where(
        events.c.event_type.in_(sa.bindparam("types", expanding=True)),
        events.c.match_date.between(sa.bindparam("start"), sa.bindparam("end")),
    )
    .order_by(event_sources.c.id)
)
_MEMBER_REPORTS = (
    sa.select(event_sources.c.event_id, event_sources.c.report_json)
    .where(event_sources.c.event_id.in_(sa.bindparam("ids", expanding=True)))
    .order_by(event_sources.c.id)
)
_STORED_REPORT_IDS = sa.select(event_sources.c.report_event_id).where(
    event_sources.c.report_event_id.in_(sa.bindparam("ids", expanding=True))
)
_MERGE_REASONS = sa.select(events.c.merge_reasons).where(
    events.c.event_id == sa.bindparam("event_id")
)


MemberKey = tuple[str, tuple[str, ...]]


class MergedRecords:
    """Stored events as merge candidates, keyed by the event id and the ids of its reports.

    A stored report never changes, so a record stays right for its key; a report joining the
    event makes a new key.  Saves re-reading and re-combining the same neighbours for every
    event of an article.  Least recently used keys go first.
    """

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._items: OrderedDict[MemberKey, Candidate] = OrderedDict()

    def get(self, key: MemberKey) -> Candidate | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: MemberKey, record: Candidate) -> None:
        self._items[key] = record
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


def candidates(
    conn: Connection, report: Report, cache: MergedRecords | None = None
) -> list[Candidate]:
    """Stored events of the report's type (or a compatible one) dated near it, each as its
    merged record.  Reports are read (and combined) only for events not in ``cache``."""
    day = report.match_date
    if day is None:
        return []
    types = {report.event.event_type}
    for pair in load_rules().limit("compatible_types"):
        if report.event.event_type in pair:
            types.update(pair)
    window = timedelta(days=CANDIDATE_WINDOW_DAYS)
    params = {"types": sorted(types), "start": day - window, "end": day + window}
    membership: dict[str, list[str]] = {}
    for row in conn.execute(_CANDIDATE_MEMBERS, params):
        membership.setdefault(row.event_id, []).append(row.report_event_id)
    cache = cache if cache is not None else MergedRecords()
    found: dict[str, Candidate] = {}
    for event_id, report_ids in membership.items():
        hit = cache.get((event_id, tuple(report_ids)))
        if hit is not None:
            found[event_id] = hit
    for event_id, members in _members(conn, [e for e in membership if e not in found]).items():
        places = tuple(m.event.location for m in members if m.event.location is not None)
        record = Candidate(event_id, combine(members, event_id).as_report, places)
        cache.put((event_id, tuple(m.event.event_id for m in members)), record)
        found[event_id] = record
    return list(found.values())


def _members(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[Report]]:
    """The per-report records of the given stored events."""
    if not event_ids:
        return {}
    return _grouped_reports(conn.execute(_MEMBER_REPORTS, {"ids": list(event_ids)}))


def _grouped_reports(rows: Iterable[Any]) -> dict[str, list[Report]]:
    grouped: dict[str, list[Report]] = {}
    for row in rows:
        grouped.setdefault(row.event_id, []).append(_report_from_json(row.report_json))
    return grouped


def stored_report_ids(conn: Connection, report_event_ids: Sequence[str]) -> set[str]:
    """Which of these per-report event ids are already stored (one query for an article)."""
    if not report_event_ids:
        return set()
    rows = conn.execute(_STORED_REPORT_IDS, {"ids": list(report_event_ids)})
    return {row.report_event_id for row in rows}


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
