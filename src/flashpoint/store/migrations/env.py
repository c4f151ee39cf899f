"""Alembic environment: always run with a connection handed over by ``open_store``."""

from __future__ import annotations

from alembic import context

from flashpoint.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic command line
    raise RuntimeError("run migrations through flashpoint.store.open_store")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
