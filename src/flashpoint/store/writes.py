"""The statements of ``Store.add`` (module level so a test can make one fail midway)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from flashpoint.model import Article, normalise_text, stable_hash
from flashpoint.store.merge import Candidate, Report
from flashpoint.store.records import event_from_dict, parse_date
from flashpoint.store.schema import articles, event_sources, events

# Statements are built once, with bound parameters: building and hashing a statement per call
# cost more than running it.
_INSERT_ARTICLE = articles.insert()
_INSERT_SOURCES = event_sources.insert()
# Candidates are looked up by date within this many days; coarser dates are compared in Python.
CANDIDATE_WINDOW_DAYS = 8


def insert_article(
    conn: Connection,
    article: Article,
    sig: bytes | None,
    duplicate_of: str | None,
    similarity: float | None,
) -> None:
    # Values go as parameters, not into the statement: one compiled statement serves every row.
    conn.execute(
        _INSERT_ARTICLE,
        {
            "article_id": article.article_id,
            "url": article.url,
            "title": article.title,
            "source": article.source,
            "published": article.published,
            "text_hash": _text_hash(article),
            "minhash": sig,
            "duplicate_of": duplicate_of,
            "similarity": round(similarity, 4) if similarity is not None else None,
            "ingested_at": datetime.now(UTC),
        },
    )


def _text_hash(article: Article) -> str:
    return stable_hash(normalise_text(article.text), length=64)


def insert_sources(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """The event_sources rows of one article (one statement; ids follow the list order)."""
    conn.execute(_INSERT_SOURCES, list(rows))


def report_from_json(data: dict[str, Any]) -> Report:
    return Report(event_from_dict(data), parse_date(data.get("published")))


UPDATE_EVENT = events.update().where(events.c.event_id == sa.bindparam("target_event_id"))
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


def merge_reasons(conn: Connection, event_id: str) -> list[Any]:
    """The merge evidence recorded so far for a stored event."""
    return list(conn.execute(_MERGE_REASONS, {"event_id": event_id}).scalar_one() or [])


RecordKey = tuple[str, int]


class MergedRecords:
    """Decoded merge records of stored events, keyed by event id and report count.

    A record only changes when a report joins its event, which raises the count, so a record
    stays right for its key.  Saves decoding the same neighbours again for the next articles.
    Least recently used keys go first; the bound is reached within the first thousand or so
    articles, so memory stays flat however long the ingest runs.
    """

    def __init__(self, size: int = 1024) -> None:
        self._size = size
        self._items: OrderedDict[RecordKey, Candidate] = OrderedDict()

    def get(self, key: RecordKey) -> Candidate | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: RecordKey, record: Candidate) -> None:
        self._items[key] = record
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


def members(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[Report]]:
    """The per-report records of the given stored events."""
    if not event_ids:
        return {}
    return _grouped_reports(conn.execute(_MEMBER_REPORTS, {"ids": list(event_ids)}))


def _grouped_reports(rows: Iterable[Any]) -> dict[str, list[Report]]:
    grouped: dict[str, list[Report]] = {}
    for row in rows:
        grouped.setdefault(row.event_id, []).append(report_from_json(row.report_json))
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
