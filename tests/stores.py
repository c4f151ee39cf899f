"""A store filled with synthetic reports, shared by the API, query-plan and dashboard tests."""

from __future__ import annotations

from pathlib import Path

from flashpoint.serve.synthetic import synthetic_reports
from flashpoint.store import Store, open_store


def filled_store(folder: Path, reports: int, seed: int) -> Store:
    """A fresh SQLite store in ``folder`` holding ``reports`` synthetic reports."""
    store = open_store(f"sqlite:///{folder / 'events.sqlite'}")
    for article, events in synthetic_reports(reports, seed=seed):
        store.add(article, events)
    return store
