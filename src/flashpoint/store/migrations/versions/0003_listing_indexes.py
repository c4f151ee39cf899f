"""Indexes for the REST listing's counts and text search.

``GET /api/events`` counts the matching events for every page.  With one index per column a
combined filter (country and type, type and date range) found its rows through one index and
read every candidate row of the table for the other condition; 4,000 matches of 100,000 events
took 30-40 ms.  The composite indexes below answer those counts from the index alone; the
country-first one replaces ``ix_events_country``, which is its prefix.

``ix_event_sources_sentence`` (SQLite only) lets the text search scan the sentences without
reading each report's JSON beside them, about four times less data.  PostgreSQL is left without
it: its B-tree entries are limited to about 2.7 kB, and one long sentence would fail an insert;
it also searches ``lower(sentence)``, which this index could not serve.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_type_date", "events", ["event_type", "date"])
    op.create_index(
        "ix_events_country_type_date", "events", ["location_country", "event_type", "date"]
    )
    op.create_index("ix_events_country_date", "events", ["location_country", "date"])
    op.drop_index("ix_events_country", table_name="events")
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_event_sources_sentence", "event_sources", ["sentence", "event_id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_event_sources_sentence", table_name="event_sources")
    op.create_index("ix_events_country", "events", ["location_country"])
    op.drop_index("ix_events_country_date", table_name="events")
    op.drop_index("ix_events_country_type_date", table_name="events")
    op.drop_index("ix_events_type_date", table_name="events")
