"""``GET /api/events`` in as few passes over the table as the filters allow.

The store's own ``events()`` + ``count_events()`` read the matching rows twice and sort whole
rows; with 100,000 events that is too slow for an interactive dashboard.  Here the page is found
from event ids alone and the total comes from the same statement (a window count) whenever the
filters need a scan anyway; only the page's rows are then read in full.  Results are the same as
the store's: same filters, same order (date, undated last, then event id), same records.

The counts rely on the store's composite indexes (migration 0003): type + date, country + type
+ date and country + date are counted from an index alone; a combination no index covers (an
actor or a bbox with another filter) reads the candidate rows.  A text search scans every
sentence (on SQLite the sentence index, not the rows), so its cost grows with the corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from flashpoint.serve.params import Filters
from flashpoint.store.queries import EventFilter, ordering, where_clauses
from flashpoint.store.records import stored_event
from flashpoint.store.schema import articles, event_sources, events


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def where_for(
    filters: Filters, *, dialect: str = "", actor_codes: ActorCodes | None = None
) -> list[sa.ColumnElement[bool]]:
    """The store's filter conditions, rewritten where that makes them cheaper, same meaning.

    Text: the store's correlated ``EXISTS`` runs the sentence search once per event; one
    uncorrelated ``IN`` scans the sources once.  SQLite's LIKE already ignores ASCII case, as
    its lower() is ASCII-only too, so lower() is dropped there.  Actor: ``actor_codes`` (the
    codes whose rows can match at all) lets the code indexes narrow the rows first.
    """
    base = {**filters.as_kwargs(), "q": None}
    if actor_codes is not None:
        base["actor"] = None
    clauses = where_clauses(EventFilter(**base))
    if filters.q:
        needle = f"%{_escape_like(filters.q.lower())}%"
        sentence = event_sources.c.sentence
        searched = sentence if dialect == "sqlite" else sa.func.lower(sentence)
        matching = sa.select(event_sources.c.event_id).where(searched.like(needle, escape="\\"))
        clauses.append(events.c.event_id.in_(matching))
    if filters.actor and actor_codes is not None:
        full = where_clauses(EventFilter(actor=filters.actor))[0]
        first, second = actor_codes
        narrowed = sa.or_(events.c.actor1_code.in_(first), events.c.actor2_code.in_(second))
        clauses.append(sa.and_(narrowed, full))
    return clauses


ActorCodes = tuple[list[str], list[str]]


class ActorCatalog:
    """The distinct (code, country, name) of each actor side, cached until the data changes.

    An actor filter matches codes, countries or parts of names; finding the few codes that can
    match in this small list lets the query use the code indexes instead of reading every row.
    """

    def __init__(self) -> None:
        self._key: tuple[int, int] | None = None
        self._sides: tuple[list[tuple[str, str | None, str | None]], ...] = ([], [])

    def codes_for(self, conn: Connection, actor: str) -> ActorCodes:
        self._refresh(conn)
        code = actor.strip().upper()
        name = actor.strip().lower()

        def matches(entry: tuple[str, str | None, str | None]) -> bool:
            c, country, n = entry
            return c.startswith(code) or country == code or (n is not None and name in n.lower())

        first, second = (sorted({e[0] for e in side if matches(e)}) for side in self._sides)
        return first, second

    def _refresh(self, conn: Connection) -> None:
        # Counts change with every stored report (new event or merged source); cheap to read.
        key = (
            int(conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()),
            int(conn.execute(sa.select(sa.func.count()).select_from(event_sources)).scalar_one()),
        )
        if key == self._key:
            return
        c = events.c
        sides = []
        for code, country, name in (
            (c.actor1_code, c.actor1_country, c.actor1_name),
            (c.actor2_code, c.actor2_country, c.actor2_name),
        ):
            stmt = sa.select(code, country, name).where(code.is_not(None)).distinct()
            sides.append([(str(r[0]), r[1], r[2]) for r in conn.execute(stmt)])
        self._sides = (sides[0], sides[1])
        self._key = key


# Below this many matches, sorting them is cheaper than walking the date index to find them.
WALK_MIN_MATCHES = 500


def _ids(conn: Connection, stmt: sa.Select[Any], hint_index: str | None = None) -> list[str]:
    """Run an id query; on SQLite, optionally make it walk ``hint_index`` (already in order).

    SQLAlchemy renders no index hints for SQLite, so ``INDEXED BY`` is put in the compiled text.
    If the text is not as expected the query runs unhinted: slower, never wrong.
    """
    if hint_index is None or conn.dialect.name != "sqlite":
        return [r[0] for r in conn.execute(stmt)]
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    sql = str(compiled)
    target = "\nFROM events \n"
    if sql.count(target) != 1 or compiled.positiontup is None:
        return [r[0] for r in conn.execute(stmt)]
    sql = sql.replace(target, f"\nFROM events INDEXED BY {hint_index} \n")
    params = tuple(compiled.params[name] for name in compiled.positiontup)
    return [r[0] for r in conn.exec_driver_sql(sql, params)]


def _walk_ids(
    conn: Connection, where: list[sa.ColumnElement[bool]], limit: int, offset: int
) -> list[str]:
    """Page ids in store order by walking the date index: dated events first, then undated."""
    c = events.c
    dated = (
        sa.select(c.event_id)
        .where(c.date.is_not(None), *where)
        .order_by(c.date, c.event_id)
        .limit(limit)
        .offset(offset)
    )
    ids = _ids(conn, dated, "ix_events_date")
    if len(ids) == limit:
        return ids
    n_dated = conn.execute(
        sa.select(sa.func.count()).select_from(events).where(c.date.is_not(None), *where)
    ).scalar_one()
    undated = (
        sa.select(c.event_id)
        .where(c.date.is_(None), *where)
        .order_by(c.event_id)
        .limit(limit - len(ids))
        .offset(max(0, offset - int(n_dated)))
    )
    return ids + _ids(conn, undated)


def _page_ids(
    conn: Connection, filters: Filters, where: list[sa.ColumnElement[bool]], limit: int, offset: int
) -> tuple[list[str], int]:
    c = events.c
    if filters.q:  # the text search scans anyway: one pass gives page and total together
        total_col = sa.func.count().over().label("total")
        stmt = sa.select(c.event_id, total_col).where(*where).order_by(*ordering())
        rows = conn.execute(stmt.limit(limit).offset(offset)).all()
        if rows:
            return [r.event_id for r in rows], int(rows[0].total)
    total = int(
        conn.execute(sa.select(sa.func.count()).select_from(events).where(*where)).scalar_one()
    )
    if offset >= total:
        return [], total
    if total >= WALK_MIN_MATCHES:
        return _walk_ids(conn, where, limit, offset), total
    stmt = sa.select(c.event_id).where(*where).order_by(*ordering()).limit(limit).offset(offset)
    return _ids(conn, stmt), total


def _sources(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    s, a = event_sources.c, articles.c
    stmt = (
        sa.select(s.event_id, s.article_id, s.sentence, a.url, a.source, a.published)
        .join(articles, a.article_id == s.article_id)
        .where(s.event_id.in_(list(event_ids)))
        .order_by(s.event_id, sa.case((a.published.is_(None), 1), else_=0), a.published)
        .order_by(s.article_id, s.id)
    )
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(stmt):
        grouped.setdefault(row.event_id, []).append(dict(row._mapping))
    return grouped


# Every column but ``merge_record``: the ingest's comparison record, often the largest value of
# the row, is never shown, and reading it would cost SQLite its overflow pages for each event.
PAGE_COLUMNS = [column for column in events.c if column.name != "merge_record"]


def list_events(
    engine: Engine,
    filters: Filters,
    limit: int,
    offset: int,
    catalog: ActorCatalog | None = None,
) -> dict[str, Any]:
    """``{"total", "items"}`` exactly as ``Store.count_events`` + ``Store.events`` give them."""
    with engine.connect() as conn:
        codes = catalog.codes_for(conn, filters.actor) if catalog and filters.actor else None
        where = where_for(filters, dialect=engine.dialect.name, actor_codes=codes)
        ids, total = _page_ids(conn, filters, where, limit, offset)
        if not ids:
            return {"total": total, "items": []}
        rows = {
            r.event_id: dict(r._mapping)
            for r in conn.execute(sa.select(*PAGE_COLUMNS).where(events.c.event_id.in_(ids)))
        }
        sources = _sources(conn, ids)
    items = [stored_event(rows[i], sources.get(i, [])) for i in ids if i in rows]
    return {"total": total, "items": items}
