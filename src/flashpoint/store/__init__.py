"""Persistent, merging event store (SQLAlchemy Core; SQLite or PostgreSQL) and its exports."""

from __future__ import annotations

from flashpoint.store.merge_eval import evaluate_merge
from flashpoint.store.store import AddResult, Store, in_memory, open_store, store_url

__all__ = ["AddResult", "Store", "evaluate_merge", "in_memory", "open_store", "store_url"]
