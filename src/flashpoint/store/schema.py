"""Table definitions (SQLAlchemy Core) shared by the queries and checked against the migrations.

Layout decision: actors and places are kept *inside* the events table, as flattened key columns
(code, country, name, lat, lon, ...) that the REST filters index, plus one JSON column holding the
whole record.  A separate actors/places table would only add joins: no query needs an actor or a
place on its own, and the JSON keeps every field of the contract record for the round trip.

``event_sources`` holds one row per report of an event: the per-report event id (unique, which
makes re-adding idempotent), the sentence, and the whole per-report record as JSON so that merged
fields can be recomputed from all reports at any time.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("text_hash", sa.String(64), nullable=False),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("duplicate_of", sa.String(32), sa.ForeignKey("articles.article_id")),
    sa.Column("similarity", sa.Float),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_articles_duplicate_of", "duplicate_of"),
    sa.Index("ix_articles_ingested_at", "ingested_at"),
)

# The near-duplicate index: one row per LSH band of each stored signature (band number + that
# band's hash values), so that a new article finds the articles sharing a band with one indexed
# look-up instead of an in-memory index that grows with the corpus.
article_bands = sa.Table(
    "article_bands",
    metadata,
    sa.Column("band_key", sa.LargeBinary(64), primary_key=True),
    sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.article_id"), primary_key=True),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", sa.String(32), primary_key=True),
    sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.article_id"), nullable=False),
    sa.Column("date", sa.Date),
    # date, or the publication date when the report gives none: the key for finding candidates.
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
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    # JSON text: the merged record later reports are compared with and the place of each report
    # (flashpoint.store.pool), so that finding merge candidates reads one row per event.
    sa.Column("merge_record", sa.Text),
    sa.Index("ix_events_date", "date", "event_id"),
    sa.Index("ix_events_type_match_date", "event_type", "match_date"),
    # Composite, so that the listing's counts of combined filters read the index alone (0003).
    sa.Index("ix_events_type_date", "event_type", "date"),
    sa.Index("ix_events_country_type_date", "location_country", "event_type", "date"),
    sa.Index("ix_events_country_date", "location_country", "date"),
    sa.Index("ix_events_actor1_code", "actor1_code"),
    sa.Index("ix_events_actor2_code", "actor2_code"),
    sa.Index("ix_events_actor1_country", "actor1_country"),
    sa.Index("ix_events_actor2_country", "actor2_country"),
    sa.Index("ix_events_lat_lon", "lat", "lon"),
)

event_sources = sa.Table(
    "event_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(32), sa.ForeignKey("events.event_id"), nullable=False),
    sa.Column("article_id", sa.String(32), sa.ForeignKey("articles.article_id"), nullable=False),
    sa.Column("report_event_id", sa.String(32), nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("report_json", sa.JSON, nullable=False),
    sa.UniqueConstraint("report_event_id", name="uq_event_sources_report_event_id"),
    sa.Index("ix_event_sources_event_id", "event_id"),
    sa.Index("ix_event_sources_article_id", "article_id"),
    # The text search scans this instead of the rows (with their JSON); SQLite only, see 0003.
    sa.Index("ix_event_sources_sentence", "sentence", "event_id").ddl_if(dialect="sqlite"),
)

# Indexes that exist on SQLite only (``ddl_if``), which Alembic's comparison does not know about.
SQLITE_ONLY_INDEXES = frozenset({"ix_event_sources_sentence"})
