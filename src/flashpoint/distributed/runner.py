"""Extraction on a Dask cluster, stored in the single-process order.

Workers read and extract whole partitions (one spaCy model per worker process, loaded once by
``WarmPipeline``); the client yields results strictly in partition order, so ``Store.add`` sees
the same sequence of articles as a single-process run and merging gives the same dataset.  At
most ``window`` partitions are in flight or waiting, which keeps memory flat however large the
corpus.  A task on a worker that dies is rescheduled by Dask on another worker; the client
consumes each partition's result once, so nothing is stored twice.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

from distributed import Client, Future, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from flashpoint.distributed.partitions import (
    DEFAULT_PARTITION_BYTES,
    Partition,
    plan_partitions,
    read_partition,
)
from flashpoint.errors import FlashpointError, UsageError
from flashpoint.model import Article, Event

ErrorSink = Callable[[FlashpointError], None]
_WARM_UP_TEXT = (
    "ALEPPO, Syria (AP) — Government forces shelled Idlib on Monday, killing two people."
)


@dataclass
class PartitionResult:
    """What a worker sends back: the partition's articles with their events, and its errors."""

    index: int
    reports: list[tuple[Article, list[Event]]] = field(default_factory=list)
    errors: list[FlashpointError] = field(default_factory=list)


def extract_partition(
    partition: Partition, default_published: date | None, batch_size: int | None
) -> PartitionResult:
    """Runs on a worker: read one partition and extract every article in it."""
    from flashpoint.pipeline import run  # imported here so the client never needs to load it

    result = PartitionResult(partition.index)

    def articles() -> Iterator[Article]:
        for item in read_partition(partition, default_published=default_published):
            if isinstance(item, FlashpointError):
                result.errors.append(item)
            else:
                yield item

    result.reports = list(run(articles(), batch_size=batch_size, on_error=result.errors.append))
    return result


class WarmPipeline(WorkerPlugin):
    """Loads spaCy and every resource once per worker, including workers that join later."""

    name = "flashpoint-warm-pipeline"

    def setup(self, worker: Any) -> None:
        from flashpoint.pipeline import extract

        extract(_WARM_UP_TEXT, published=date(2020, 1, 6))


def _threads(client: Client) -> int:
    workers = client.scheduler_info().get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client on an existing scheduler (``tcp://host:port``) or on a local cluster of
    ``workers`` single-threaded processes, with the pipeline warmed on every worker."""
    if scheduler and workers:
        raise UsageError("give either --workers or --scheduler, not both")
    if scheduler:
        client = Client(scheduler)  # type: ignore[no-untyped-call]
        cluster = None
    else:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=max(1, workers or 1),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
    try:
        client.register_plugin(WarmPipeline())
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()


def ordered_results(
    client: Client,
    partitions: Iterable[Partition | FlashpointError],
    *,
    on_error: ErrorSink,
    default_published: date | None = None,
    batch_size: int | None = None,
    window: int | None = None,
    retries: int = 2,
) -> Iterator[tuple[Article, list[Event]]]:
    """Submit partitions (at most ``window`` outstanding) and yield their reports in order."""
    window = window or 2 * _threads(client) + 1
    run_id = uuid4().hex[:8]
    pending: deque[Future[PartitionResult]] = deque()

    def drain_one() -> Iterator[tuple[Article, list[Event]]]:
        future = pending.popleft()
        result = future.result()
        future.release()  # type: ignore[no-untyped-call]
        for error in result.errors:
            on_error(error)
        yield from result.reports

    for partition in partitions:
        if isinstance(partition, FlashpointError):
            on_error(partition)
            continue
        pending.append(
            client.submit(
                extract_partition,
                partition,
                default_published,
                batch_size,
                key=f"flashpoint-{run_id}-{partition.index}",
                retries=retries,
            )
        )
        if len(pending) >= window:
            yield from drain_one()
    while pending:
        yield from drain_one()


def extract_paths_distributed(
    paths: Iterable[str | Path],
    *,
    on_error: ErrorSink,
    workers: int | None = None,
    scheduler: str | None = None,
    default_published: date | None = None,
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    batch_size: int | None = None,
) -> Iterator[tuple[Article, list[Event]]]:
    """Like ``flashpoint.api.extract_paths``, on a Dask cluster; same articles, same order.

    The cluster (or the connection to ``scheduler``) lives as long as the iterator: exhaust
    it or close it.
    """
    with dask_client(workers, scheduler) as client:
        yield from ordered_results(
            client,
            plan_partitions(paths, partition_bytes=partition_bytes),
            on_error=on_error,
            default_published=default_published,
            batch_size=batch_size,
        )
