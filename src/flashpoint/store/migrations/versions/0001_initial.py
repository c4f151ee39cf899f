"""Initial schema: articles, merged events, per-report event sources.

Revision ID: 0001
Revises:
Create Date: 2024-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("duplicate_of", sa.String(32), sa.ForeignKey("articles.article_id")),
        sa.Column("similarity", sa.Float),
        sa.Column("ingested_at", _TZ, nullable=False),
    )
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])
    op.create_index("ix_articles_ingested_at", "articles", ["ingested_at"])

    op.create_table(
        "events",
        sa.Column("event_id", sa.String(32), primary_key=True),
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.article_id"), nullable=False
        ),
        sa.Column("date", sa.Date),
        sa.Column("match_date", sa.Date),
        sa.Column("date_precision", sa.String(8), nullable=False),
        sa.Column("event_type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("cameo_code", sa.String(8), nullable=False),
        sa.Column("acled_event_type", sa.String(64)),
        sa.Column("acled_sub_event_type", sa.String(64)),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("actor1_code", sa.String(32)),
        sa.Column("actor1_country", sa.String(3)),
        sa.Column("actor1_name", sa.Text),
        sa.Column("actor1_json", sa.JSON),
        sa.Column("actor2_code", sa.String(32)),
        sa.Column("actor2_country", sa.String(3)),
        sa.Column("actor2_name", sa.Text),
        sa.Column("actor2_json", sa.JSON),
        sa.Column("location_name", sa.Text),
        sa.Column("location_country", sa.String(3)),
        sa.Column("location_admin1", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("location_precision", sa.String(8)),
        sa.Column("geonameid", sa.BigInteger),
        sa.Column("location_json", sa.JSON),
        sa.Column("fatalities", sa.Integer),
        sa.Column("injuries", sa.Integer),
        sa.Column("fatalities_reported", sa.JSON, nullable=False),
        sa.Column("attribution", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("merge_reasons", sa.JSON, nullable=False),
        sa.Column("source_count", sa.Integer, nullable=False),
        sa.Column("updated_at", _TZ, nullable=False),
    )
    op.create_index("ix_events_date", "events", ["date", "event_id"])
    op.create_index("ix_events_type_match_date", "events", ["event_type", "match_date"])
    op.create_index("ix_events_country", "events", ["location_country"])
    op.create_index("ix_events_actor1_code", "events", ["actor1_code"])
    op.create_index("ix_events_actor2_code", "events", ["actor2_code"])
    op.create_index("ix_events_actor1_country", "events", ["actor1_country"])
    op.create_index("ix_events_actor2_country", "events", ["actor2_country"])
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"])

    op.create_table(
        "event_sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(32), sa.ForeignKey("events.event_id"), nullable=False),
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.article_id"), nullable=False
        ),
        sa.Column("report_event_id", sa.String(32), nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("report_json", sa.JSON, nullable=False),
        sa.UniqueConstraint("report_event_id", name="uq_event_sources_report_event_id"),
    )
    op.create_index("ix_event_sources_event_id", "event_sources", ["event_id"])
    op.create_index("ix_event_sources_article_id", "event_sources", ["article_id"])


def downgrade() -> None:
    op.drop_table("event_sources")
    op.drop_table("events")
    op.drop_table("articles")
