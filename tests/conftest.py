"""Shared fixtures.  The PostgreSQL ones live in tests/pg.py (imported here to register them)."""

from pg import postgres_server, postgres_url, store_url

__all__ = ["postgres_server", "postgres_url", "store_url"]
