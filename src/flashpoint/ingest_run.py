"""``flashpoint ingest``: read → extract → store, one transaction per article, with progress.

Extraction runs in the calling thread and the store in a writer process (``store_writer``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flashpoint.api import extract_paths
from flashpoint.errors import FlashpointError
from flashpoint.store import open_store, store_url
from flashpoint.store_writer import IngestResult, store_results

__all__ = ["IngestResult", "ingest_paths", "print_summary", "store_results"]


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
    with progress:
        task = progress.add_task("ingest", total=None, rate=0.0)

        def tick() -> None:  # in a writer thread: Progress.update takes rich's lock
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
        return store_results(store_url(db_url), results, on_article=tick)


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
