"""``flashpoint ingest``: read → extract → store, one transaction per article, with progress."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flashpoint.api import extract_paths
from flashpoint.errors import FlashpointError
from flashpoint.model import Article, Event
from flashpoint.store import Store, open_store


@dataclass
class IngestResult:
    articles_new: int = 0
    articles_duplicate: int = 0
    articles_near_duplicate: int = 0
    events_new: int = 0
    events_merged: int = 0
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return self.articles_new + self.articles_duplicate + self.articles_near_duplicate

    def describe(self, *, rejected: int = 0) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (
            f"articles: {self.articles_new} new, {self.articles_duplicate} duplicate, "
            f"{self.articles_near_duplicate} near-duplicate, {rejected} rejected; "
            f"events: {self.events_new} new, {self.events_merged} merged "
            f"({rate:.1f} articles/s)"
        )


def store_results(
    store: Store,
    results: Iterable[tuple[Article, list[Event]]],
    *,
    on_article: Callable[[], None] | None = None,
) -> IngestResult:
    outcome = IngestResult()
    started = time.perf_counter()
    for article, events in results:
        added = store.add(article, events)
        if added.status == "new":
            outcome.articles_new += 1
        elif added.status == "duplicate":
            outcome.articles_duplicate += 1
        else:
            outcome.articles_near_duplicate += 1
        outcome.events_new += added.events_new
        outcome.events_merged += added.events_merged
        if on_article:
            on_article()
    outcome.seconds = time.perf_counter() - started
    return outcome


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    db_url: str | None,
    default_published: date | None,
    on_error: Callable[[FlashpointError], None],
    console: Console,
    workers: int | None = None,
    scheduler: str | None = None,
) -> IngestResult:
    """Ingest files; with ``workers`` or ``scheduler`` extraction runs on a Dask cluster while
    the store still receives articles in input order (so the result is the same)."""
    progress = Progress(
        TextColumn("ingest"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]:.1f}/s"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    started = time.perf_counter()
    with open_store(db_url) as store, progress:
        task = progress.add_task("ingest", total=None, rate=0.0)

        def tick() -> None:
            done = progress.tasks[0].completed + 1
            elapsed = max(time.perf_counter() - started, 1e-6)
            progress.update(task, completed=done, rate=done / elapsed)

        if workers or scheduler:
            from flashpoint.distributed import extract_paths_distributed

            results = extract_paths_distributed(
                paths,
                workers=workers,
                scheduler=scheduler,
                default_published=default_published,
                on_error=on_error,
            )
        else:
            results = extract_paths(paths, default_published=default_published, on_error=on_error)
        return store_results(store, results, on_article=tick)


def print_summary(db_url: str | None, console: Console) -> None:
    """Events by type and country, for `make run`."""
    with open_store(db_url) as store:
        stats = store.stats()
    table = Table(
        title=f"flashpoint: {stats.get('events', 0)} events "
        f"from {stats.get('articles', 0)} articles"
    )
    table.add_column("event type")
    table.add_column("events", justify="right")
    for event_type, n in sorted(stats.get("by_type", {}).items(), key=lambda kv: -kv[1]):
        table.add_row(event_type, str(n))
    console.print(table)
    countries = Table(title="events by country (event location)")
    countries.add_column("country")
    countries.add_column("events", justify="right")
    for country, n in sorted(stats.get("by_country", {}).items(), key=lambda kv: -kv[1]):
        countries.add_row(country or "unknown", str(n))
    console.print(countries)
