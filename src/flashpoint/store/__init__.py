"""Persistent, merging event store (SQLAlchemy Core; SQLite or PostgreSQL) and its exports."""

from __future__ import annotations

from flashpoint.store.merge_eval import evaluate_merge
from flashpoint.store.store import AddResult, Store, open_store

__all__ = ["AddResult", "Store", "evaluate_merge", "open_store"]
