"""Escalation trends and explainable early-warning alerts over stored events.

``series(store, ...)`` gives counts, fatalities and an intensity index per period;
``alerts(store)`` gives contract alert records. Both are thin wrappers over pure functions on
lists of event dicts (``build_series``, ``find_alerts``), which the backtest uses directly.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flashpoint.trends.alerts import EventSource, alerts, find_alerts
from flashpoint.trends.config import AlertSettings
from flashpoint.trends.series import build_series, select_events, series_by
from flashpoint.trends.series import group_key as group_key


def series(
    store: EventSource,
    *,
    country: str | None = None,
    region: str | None = None,
    dyad: str | None = None,
    interval: str = "week",
    start: date | None = None,
    end: date | None = None,
) -> list[dict[str, Any]]:
    """One row per period for the scope (all events when no scope is given)."""
    stored = store.iter_events(start=start, end=end, country=country)
    chosen = select_events(stored, country=country, region=region, dyad=dyad)
    return build_series(chosen, interval=interval, start=start, end=end)


def run_backtest(seed: int = 7, *, corpus: str | None = None) -> dict[str, Any]:
    """The alert backtest (see ``flashpoint.trends.backtest``); ``corpus``: a sample-corpus
    folder to run through the real pipeline as well (slow)."""
    from flashpoint.trends.backtest import run_backtest as _run

    return _run(seed, corpus=corpus)


__all__ = [
    "AlertSettings",
    "alerts",
    "build_series",
    "find_alerts",
    "run_backtest",
    "select_events",
    "series",
    "series_by",
]
