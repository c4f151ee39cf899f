"""Ingest state kept in the database instead of in memory.

``article_bands``: the LSH band keys of every stored signature (the near-duplicate index).
``events.merge_record``: the record later reports are compared with (flashpoint.store.pool).
Stores opened before this revision are filled in here, from ``articles.minhash`` and from each
event's reports, so that they behave exactly as a store written by this version.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from flashpoint.store.dedup import band_keys
from flashpoint.store.merge import Report
from flashpoint.store.pool import merge_record
from flashpoint.store.writes import report_from_json

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CHUNK = 1000


def upgrade() -> None:
    _bands()
    _merge_records()


def _bands() -> None:
    bands = op.create_table(
        "article_bands",
        sa.Column("band_key", sa.LargeBinary(64), primary_key=True),
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.article_id"), primary_key=True
        ),
    )
    conn = op.get_bind()
    articles = sa.table("articles", sa.column("article_id"), sa.column("minhash"))
    stmt = (
        sa.select(articles.c.article_id, articles.c.minhash)
        .where(articles.c.minhash.is_not(None))
        .order_by(articles.c.article_id)
    )
    last: str | None = None
    while True:  # keyset pages: a large store is not read into memory at once
        page = stmt if last is None else stmt.where(articles.c.article_id > last)
        rows = conn.execute(page.limit(_CHUNK)).all()
        if not rows:
            return
        values = [
            {"article_id": row.article_id, "band_key": key}
            for row in rows
            for key in band_keys(bytes(row.minhash))
        ]
        conn.execute(bands.insert(), values)
        last = rows[-1].article_id


def _merge_records() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("merge_record", sa.Text))
    conn = op.get_bind()
    events = sa.table("events", sa.column("event_id"), sa.column("merge_record"))
    sources = sa.table(
        "event_sources",
        sa.column("id"),
        sa.column("event_id"),
        sa.column("report_json", sa.JSON),
    )
    ids = sa.select(events.c.event_id).order_by(events.c.event_id)
    reports = (
        sa.select(sources.c.event_id, sources.c.report_json)
        .where(sources.c.event_id.in_(sa.bindparam("ids", expanding=True)))
        .order_by(sources.c.id)
    )
    update = (
        events.update()
        .where(events.c.event_id == sa.bindparam("target"))
        .values(merge_record=sa.bindparam("record"))
    )
    last: str | None = None
    while True:
        page = ids if last is None else ids.where(events.c.event_id > last)
        chunk = [row.event_id for row in conn.execute(page.limit(_CHUNK))]
        if not chunk:
            return
        members: dict[str, list[Report]] = {}
        for row in conn.execute(reports, {"ids": chunk}):
            members.setdefault(row.event_id, []).append(report_from_json(row.report_json))
        values = [
            {"target": event_id, "record": merge_record(members[event_id], event_id)[0]}
            for event_id in chunk
            if event_id in members
        ]
        if values:
            conn.execute(update, values)
        last = chunk[-1]


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("merge_record")
    op.drop_table("article_bands")
