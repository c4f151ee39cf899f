"""The corpus part of the backtest: the real pipeline on a folder of the sample corpus."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flashpoint.model import Article
from flashpoint.resources import read_tsv
from flashpoint.trends.alerts import find_alerts

BEFORE, AFTER = timedelta(days=14), timedelta(days=7)


DEFAULT_FOLDERS = ("syria", "iraq", "sudan")  # Sudan's 2019 reports give the others a history


def _points(folders: tuple[str, ...]) -> list[dict[str, str]]:
    return [row for row in read_tsv("trends/corpus_points.tsv") if row["folder"] in folders]


def _is_right(alert: dict[str, Any], points: list[dict[str, str]]) -> bool:
    start, end = date.fromisoformat(alert["window_start"]), date.fromisoformat(alert["window_end"])
    for point in points:
        day = date.fromisoformat(point["date"])
        if point["kind"] != "escalation" or alert["kind"] == "ceasefire_violation":
            continue
        if alert["country"] == point["country"] and start <= day + AFTER and end >= day - BEFORE:
            return True
    return False


def corpus_backtest(corpus: str, folders: tuple[str, ...] = DEFAULT_FOLDERS) -> dict[str, Any]:
    """Ingest ``folders`` of ``corpus`` (``examples/corpus``) into a temporary SQLite store
    with the real pipeline, run the alerts and score them against corpus_points.tsv."""
    from flashpoint.ingest.files import read_inputs
    from flashpoint.store import open_store

    points = _points(folders)
    paths = [Path(corpus) / name for name in folders]
    articles = [a for a in read_inputs(paths) if isinstance(a, Article)]
    with (
        tempfile.TemporaryDirectory() as tmp,
        open_store(f"sqlite:///{Path(tmp) / 'backtest.sqlite'}") as store,
    ):
        store.ingest(articles)
        events = list(store.iter_events())
    found = find_alerts(events)
    right = [a for a in found if _is_right(a, points)]
    escalations = [p for p in points if p["kind"] == "escalation"]
    detected = [p for p in escalations if any(_is_right(a, [p]) for a in found)]
    return {
        "folders": list(folders),
        "articles": len(articles),
        "events": len(events),
        "alerts": len(found),
        "alerts_at_known_points": len(right),
        "false_alarms": len(found) - len(right),
        "known_escalations": len(escalations),
        "escalations_detected": len(detected),
        "detected": [f"{p['country']} {p['date']}" for p in detected],
        "kinds": sorted({a["kind"] for a in found}),
    }
