"""API latency and dashboard first render over 100,000 stored events.

    .venv/bin/python bench/serve_bench.py [--events 100000] [--requests 300]

The corpus is synthetic (``flashpoint.serve.synthetic``) and written with bulk SQL through the
store's own tables: ``Store.add`` merges every event against its neighbours, which is right for
ingest but would take far too long for 100k events here.  The API then runs in uvicorn (real
HTTP), and ``GET /api/events`` is timed over a mix of filters.  When Debian's chromium and
playwright are present, the dashboard's first render (navigation until every view is drawn) is
timed too.  Prints ``bench: <name> <value> <unit>`` lines and merges them into bench-results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the live-server helper shared with the browser tests

from browser import CHROMIUM_ARGS, live_server  # noqa: E402
from flashpoint.model import Article, Event, normalise_text, stable_hash  # noqa: E402
from flashpoint.serve import create_app  # noqa: E402
from flashpoint.serve.synthetic import synthetic_reports  # noqa: E402
from flashpoint.store import open_store  # noqa: E402
from flashpoint.store.records import event_columns, source_columns  # noqa: E402
from flashpoint.store.schema import articles, event_sources, events  # noqa: E402

BATCH = 5000


def _rows(
    reports: Iterator[tuple[Article, list[Event]]],
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]]:
    now = datetime.now(UTC)
    for article, found in reports:
        article_row = {
            "article_id": article.article_id,
            "url": article.url,
            "title": article.title,
            "source": article.source,
            "published": article.published,
            "text_hash": stable_hash(normalise_text(article.text), length=64),
            "minhash": None,
            "duplicate_of": None,
            "similarity": None,
            "ingested_at": now,
        }
        event_rows, source_rows = [], []
        for event in found:
            row = event_columns(event)
            row.update(
                match_date=event.date or article.published,
                fatalities_reported=[event.fatalities] if event.fatalities is not None else [],
                merge_reasons=[],
                source_count=1,
                updated_at=now,
            )
            event_rows.append(row)
            source_rows.append(source_columns(event.event_id, event, article.published))
        yield article_row, event_rows, source_rows


def build_corpus(url: str, n_events: int) -> int:
    """Write about ``n_events`` synthetic events (two per article on average); returns the count."""
    store = open_store(url)
    written = 0
    batch: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    reports = synthetic_reports(n_events // 2 + 1, seed=2024, days=3 * 365)
    with store.engine.begin() as conn:
        for article_row, event_rows, source_rows in _rows(reports):
            if written >= n_events:
                break
            take = event_rows[: n_events - written]
            batch[0].append(article_row)
            batch[1].extend(take)
            batch[2].extend(source_rows[: len(take)])
            written += len(take)
            if len(batch[1]) >= BATCH:
                _flush(conn, batch)
                batch = ([], [], [])
        _flush(conn, batch)
    count = store.count_events()
    store.close()
    return count


def _flush(conn: Any, batch: tuple[list[Any], list[Any], list[Any]]) -> None:
    for table, rows in zip((articles, events, event_sources), batch, strict=True):
        if rows:
            conn.execute(table.insert(), rows)


FILTER_MIX: list[dict[str, str]] = [
    {},
    {"type": "ASSAULT"},
    {"country": "SYR"},
    {"country": "UKR", "type": "ASSAULT"},
    {"start": "2024-03-01", "end": "2024-03-31"},
    {"actor": "SDNREB"},
    {"bbox": "30,44,40,52"},
    {"type": "PROTEST", "start": "2024-01-01", "end": "2024-06-30"},
    {"q": "Kharkiv"},
    {"country": "COD", "offset": "200"},
]


def time_api(base: str, n_requests: int) -> dict[str, list[float]]:
    """Milliseconds per request, grouped by the filter combination used."""
    rng = random.Random(1)
    timings: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for params in FILTER_MIX:  # warm-up: first use of each query plan and page cache
            client.get("/api/events", params={**params, "limit": "50"}).raise_for_status()
        for _ in range(n_requests):
            chosen = rng.choice(FILTER_MIX)
            started = time.perf_counter()
            client.get("/api/events", params={**chosen, "limit": "50"}).raise_for_status()
            elapsed = (time.perf_counter() - started) * 1000
            timings.setdefault(json.dumps(chosen), []).append(elapsed)
    return timings


def time_dashboard(base: str) -> float | None:
    executable = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not executable:
        return None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/static/vendor/leaflet/leaflet.css")  # warm the browser itself
        started = time.perf_counter()
        page.goto(f"{base}/")
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        elapsed = (time.perf_counter() - started) * 1000
        browser.close()
    return elapsed


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def save(figures: dict[str, tuple[float, str]]) -> None:
    path = ROOT / "bench-results.json"
    try:
        existing = json.loads(path.read_text()) if path.exists() else {}
    except json.JSONDecodeError:
        existing = {}
    existing.update({name: {"value": v, "unit": unit} for name, (v, unit) in figures.items()})
    path.write_text(json.dumps(existing, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        started = time.perf_counter()
        stored = build_corpus(url, args.events)
        print(
            f"corpus: {stored} synthetic events (bulk SQL) in {time.perf_counter() - started:.1f} s"
        )
        print(f"machine: {os.cpu_count()} cores; SQLite; uvicorn, one worker")
        store = open_store(url)
        with live_server(create_app(store=store)) as base:
            by_filter = time_api(base, args.requests)
            first_render = time_dashboard(base)
        store.close()
    for name, values in sorted(by_filter.items()):
        median, worst = statistics.median(values), max(values)
        print(f"  /api/events {name}: median {median:.1f} ms, max {worst:.1f} ms")
    timings = [t for values in by_filter.values() for t in values]
    figures = {
        "api_events_p50_ms": (round(percentile(timings, 50), 1), "ms"),
        "api_events_p95_ms": (round(percentile(timings, 95), 1), "ms"),
        "api_corpus_events": (float(stored), "events"),
    }
    if first_render is not None:
        figures["dashboard_first_render_ms"] = (round(first_render, 1), "ms")
    else:
        print("dashboard: skipped (needs playwright and Debian's chromium)")
    for name, (value, unit) in figures.items():
        print(f"bench: {name} {value} {unit}")
    save(figures)


if __name__ == "__main__":
    main()
