"""The event store: articles, merged events and their sources in SQLite or PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from flashpoint.errors import StoreError
from flashpoint.model import Article, Event
from flashpoint.settings import Settings
from flashpoint.store import dedup, writes
from flashpoint.store.merge import Report, best_match
from flashpoint.store.pool import EventPool
from flashpoint.store.queries import EventFilter, ordering, where_clauses
from flashpoint.store.records import (
    stored_event,
)
from flashpoint.store.schema import articles, event_sources, events

MIGRATIONS = Path(__file__).parent / "migrations"
_ARTICLE_EXISTS = sa.select(articles.c.article_id).where(
    articles.c.article_id == sa.bindparam("article_id")
)


@dataclass(frozen=True)
class AddResult:
    status: Literal["new", "duplicate", "near_duplicate"]
    events_new: int
    events_merged: int
    article_id: str


def store_url(url: str | None = None) -> str:
    """The URL ``open_store(url)`` opens: ``None`` → the default file."""
    return url or Settings().default_db_url


def in_memory(url: str) -> bool:
    """Whether ``url`` names an in-memory SQLite database (which lives in one process only)."""
    return _in_memory(_driver_url(url))


def _in_memory(parsed: sa.URL) -> bool:
    database = parsed.database or ""
    return parsed.drivername.startswith("sqlite") and (
        database in ("", ":memory:") or database.startswith("file::memory:")
    )


def open_store(url: str | None = None) -> Store:
    """Open (and create or upgrade in place) the store at ``url``; ``None`` → the default file."""
    url = store_url(url)
    engine = _create_engine(url)
    try:
        _upgrade(engine)
    except (SQLAlchemyError, CommandError) as exc:
        engine.dispose()
        raise StoreError(f"cannot open the store: {exc}", source=_safe_url(url)) from exc
    return Store(url, engine)


def _safe_url(url: str) -> str:
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<invalid url>"


def _driver_url(url: str) -> sa.URL:
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _create_engine(url: str) -> Engine:
    parsed = _driver_url(url)
    if not parsed.drivername.startswith("sqlite"):
        try:
            return sa.create_engine(parsed, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"unsupported database URL: {exc}", source=_safe_url(url)) from exc
    memory = _in_memory(parsed)
    if memory:
        engine = sa.create_engine(
            parsed, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        Path(parsed.database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not memory:  # readers (the API) keep working while an ingest writes
            cursor.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL still survives a crash or kill of the process (what the
            # per-article transactions promise); only a power cut can lose the last commits.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _upgrade(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _owned_by(event: Event, article_id: str) -> Event:
    return event if event.article_id == article_id else replace(event, article_id=article_id)


def _decide(pool: EventPool, reports: Sequence[Report]) -> tuple[int, int]:
    """Each report joins the stored event it reports (merge) or becomes a new one."""
    new = merged = 0
    for report in reports:
        match = best_match(report, pool.candidates(report))
        if match is None:
            pool.add_new(report)
            new += 1
        else:
            event_id, decision = match
            reason = {
                "report_event_id": report.event.event_id,
                "score": decision.score,
                "evidence": list(decision.reasons),
            }
            pool.merge(event_id, report, reason)
            merged += 1
    return new, merged


class Store:
    """Idempotent, merging store of events.  Use as a context manager or call ``close()``."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self._engine = engine
        self._merged = writes.MergedRecords()
        self._lock = threading.RLock()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._engine.dispose()

    @property
    def engine(self) -> Engine:
        return self._engine

    # --- writing -------------------------------------------------------------------------

    def ingest(self, articles: Iterable[Article]) -> list[AddResult]:
        """Extract and store each article (the contract's ``ingest``), one transaction each."""
        from flashpoint.pipeline import run

        return [self.add(article, events) for article, events in run(articles)]

    def add(self, article: Article, events: Sequence[Event]) -> AddResult:
        """Store one article and its events in ONE transaction (all or nothing).

        An article already stored (same normalised text) adds nothing: ``duplicate``.  A
        syndicated copy is recorded, linked to its original and adds no events:
        ``near_duplicate``.  Otherwise each event joins the stored event it reports (merge)
        or becomes a new stored event.
        """
        article_id = article.article_id
        sig = dedup.signature(article.text)
        with self._lock:
            try:
                with self._engine.begin() as conn:
                    result, pool = self._add_in(conn, article, article_id, sig, events)
            except IntegrityError:
                # Another process stored the same article between our check and insert.
                if self._article_exists(article_id):
                    return AddResult("duplicate", 0, 0, article_id)
                raise
            except SQLAlchemyError as exc:
                raise StoreError(f"could not store article {article_id}: {exc}") from exc
            if pool is not None:
                pool.committed()
            return result

    def _add_in(
        self,
        conn: Connection,
        article: Article,
        article_id: str,
        sig: Any,
        events: Sequence[Event],
    ) -> tuple[AddResult, EventPool | None]:
        exists = conn.execute(_ARTICLE_EXISTS, {"article_id": article_id}).first()
        if exists:
            return AddResult("duplicate", 0, 0, article_id), None
        near = dedup.find_near_duplicate(conn, sig) if sig is not None else None
        original = writes.root_article(conn, near[0]) if near else None
        raw = dedup.to_bytes(sig) if sig is not None else None
        writes.insert_article(conn, article, raw, original, near[1] if near else None)
        if raw is not None:
            dedup.insert_bands(conn, article_id, raw)
        if original is not None:
            return AddResult("near_duplicate", 0, 0, article_id), None
        own = [_owned_by(e, article_id) for e in events]  # the id is a hash: computed once
        seen = writes.stored_report_ids(conn, [event.event_id for event in own])
        reports: list[Report] = []
        for event in own:
            if event.event_id not in seen:
                seen.add(event.event_id)
                reports.append(Report(event, article.published))
        pool = EventPool(conn, reports, self._merged)
        new, merged = _decide(pool, reports)
        pool.flush()
        return AddResult("new", new, merged, article_id), pool

    def _article_exists(self, article_id: str) -> bool:
        with self._engine.connect() as conn:
            row = conn.execute(_ARTICLE_EXISTS, {"article_id": article_id}).first()
        return row is not None

    # --- reading -------------------------------------------------------------------------

    def events(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        country: str | None = None,
        type: str | None = None,
        actor: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored events matching the filters as contract dicts, by date then event id."""
        filters: dict[str, Any] = {"start": start, "end": end, "country": country, "type": type}
        filters.update(actor=actor, bbox=bbox, q=q)
        return self._query(EventFilter.from_kwargs(filters), limit, offset)

    def count_events(self, **filters: Any) -> int:
        f = EventFilter.from_kwargs(filters)
        stmt = sa.select(sa.func.count()).select_from(events).where(*where_clauses(f))
        with self._connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def event(self, event_id: str) -> dict[str, Any] | None:
        with self._connect() as conn:
            row = conn.execute(sa.select(events).where(events.c.event_id == event_id)).first()
            if row is None:
                return None
            sources = _sources_for(conn, [event_id])
        return stored_event(dict(row._mapping), sources.get(event_id, []))

    def iter_events(self, page_size: int = 1000, **filters: Any) -> Iterator[dict[str, Any]]:
        """All matching events, read page by page (for exports of any size)."""
        f = EventFilter.from_kwargs(filters)
        offset = 0
        while True:
            page = self._query(f, page_size, offset)
            yield from page
            if len(page) < page_size:
                return
            offset += page_size

    def _query(self, f: EventFilter, limit: int | None, offset: int) -> list[dict[str, Any]]:
        stmt = sa.select(events).where(*where_clauses(f)).order_by(*ordering())
        if offset:
            stmt = stmt.offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._connect() as conn:
            rows = conn.execute(stmt).all()
            sources = _sources_for(conn, [r.event_id for r in rows])
        return [stored_event(dict(r._mapping), sources.get(r.event_id, [])) for r in rows]

    def export(self, format: str, path: str | Path | None = None, **filters: Any) -> int:
        """Write matching events in ``format`` to ``path`` (stdout when ``None``); returns n."""
        from flashpoint.store.export import write_export

        return write_export(self, format, path, **filters)

    def stats(self) -> dict[str, Any]:
        """Counts for the summary table: articles, duplicates, events, sources, per type/country."""
        count = sa.func.count()
        with self._connect() as conn:
            n_articles = conn.execute(
                sa.select(count).where(articles.c.duplicate_of.is_(None))
            ).scalar_one()
            n_dups = conn.execute(
                sa.select(count).where(articles.c.duplicate_of.is_not(None))
            ).scalar_one()
            n_events = conn.execute(sa.select(count).select_from(events)).scalar_one()
            n_merged = conn.execute(sa.select(count).where(events.c.source_count > 1)).scalar_one()
            n_sources = conn.execute(sa.select(count).select_from(event_sources)).scalar_one()
            by_type = _grouped(conn, events.c.event_type)
            by_country = _grouped(conn, events.c.location_country)
        return {
            "articles": int(n_articles),
            "duplicates": int(n_dups),
            "events": int(n_events),
            "merged_events": int(n_merged),
            "sources": int(n_sources),
            "by_type": by_type,
            "by_country": by_country,
        }

    def _connect(self) -> Connection:
        try:
            return self._engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"database unreachable: {exc}", source=_safe_url(self.url)) from exc


def _sources_for(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    if not event_ids:
        return {}
    s, a = event_sources.c, articles.c
    stmt = (
        sa.select(s.event_id, s.article_id, s.sentence, a.url, a.source, a.published)
        .join(articles, articles.c.article_id == s.article_id)
        .where(s.event_id.in_(list(event_ids)))
        .order_by(
            s.event_id,
            sa.case((a.published.is_(None), 1), else_=0),
            a.published,
            s.article_id,
            s.id,
        )
    )
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(stmt).all():
        grouped.setdefault(row.event_id, []).append(dict(row._mapping))
    return grouped


def _grouped(conn: Connection, column: sa.Column[Any]) -> dict[str, int]:
    stmt = sa.select(column, sa.func.count()).group_by(column).order_by(column)
    return {str(key) if key is not None else "unknown": int(n) for key, n in conn.execute(stmt)}
