"""Storing extracted articles from one writer thread while the caller goes on extracting.

Why: extraction (spaCy and our stages, ~50 ms an article) and the store (merging and SQL, ~7 ms)
used to run one after the other in one thread.  They can overlap on a second core: spaCy
releases the GIL in much of its numeric work, and sqlite3 and psycopg release it while
statements run and commit.  The store still receives the articles in input order, one
transaction per article, from ONE thread, so the database is the same as with a plain loop.

The queue holds two spaCy batches by default: extraction hands over a batch's articles in a
burst once the batch is parsed, and the writer needs that burst to have work while the next
batch parses.  However long the input, no more than that many articles wait.

When something fails:

* the writer (say, a database error): it keeps taking what arrives and drops it, so the caller
  never blocks, and the caller's next hand-over, or the end, raises that same exception;
* the input raises an ``Exception``: the articles already handed over are stored (the database
  the plain loop leaves), then the exception goes on;
* ``KeyboardInterrupt`` (or another ``BaseException``) on the caller's side: the writer ends
  after the article it is writing, which commits or rolls back whole; the queued ones are
  dropped (a re-run stores them: adding is idempotent).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from flashpoint.model import Article, Event
from flashpoint.settings import get_settings
from flashpoint.store import AddResult, Store

Item = tuple[Article, Sequence[Event]]
_END = None  # the end mark: nothing more will be put


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

    def count(self, added: AddResult) -> None:
        if added.status == "new":
            self.articles_new += 1
        elif added.status == "duplicate":
            self.articles_duplicate += 1
        else:
            self.articles_near_duplicate += 1
        self.events_new += added.events_new
        self.events_merged += added.events_merged

    def describe(self, *, rejected: int = 0) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (
            f"articles: {self.articles_new} new, {self.articles_duplicate} duplicate, "
            f"{self.articles_near_duplicate} near-duplicate, {rejected} rejected; "
            f"events: {self.events_new} new, {self.events_merged} merged "
            f"({rate:.1f} articles/s)"
        )


class StoreWriter:
    """The writer thread and its bounded queue: ``put`` each article, then ``close``."""

    def __init__(
        self,
        store: Store,
        *,
        on_article: Callable[[], None] | None = None,
        queue_size: int | None = None,
    ) -> None:
        self.outcome = IngestResult()
        self._store = store
        self._on_article = on_article
        size = queue_size or 2 * get_settings().batch_size
        self._queue: queue.Queue[Item | None] = queue.Queue(maxsize=max(size, 1))
        self._cancelled = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="flashpoint-store-writer")
        self._thread.start()

    def put(self, item: Item) -> None:
        """Hand over one article (blocks while the queue is full); raises the writer's error."""
        self.raise_error()
        self._queue.put(item)

    def close(self, *, cancel: bool = False) -> None:
        """Wait until the writer has stored what was handed over; with ``cancel`` only the
        article it is writing.  A Ctrl-C while waiting turns the wait into a cancel."""
        try:
            if cancel:
                self._cancel()
            else:
                self._queue.put(_END)
            self._thread.join()
        except BaseException:
            self._cancel()
            self._thread.join()
            raise

    def raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def _cancel(self) -> None:
        self._cancelled.set()
        try:  # make room, so the end mark goes in without waiting (only this side puts)
            while True:
                self._queue.get_nowait()
        except queue.Empty:
            pass
        self._queue.put_nowait(_END)

    def _run(self) -> None:
        try:
            while (item := self._queue.get()) is not _END:
                if self._cancelled.is_set():
                    continue
                self.outcome.count(self._store.add(*item))
                if self._on_article is not None:
                    self._on_article()
        except BaseException as exc:  # handed to the caller, never lost in this thread
            self._error = exc
            while self._queue.get() is not _END:  # unblock a caller waiting to put
                pass


def store_results(
    store: Store,
    results: Iterable[Item],
    *,
    on_article: Callable[[], None] | None = None,
    queue_size: int | None = None,
) -> IngestResult:
    """Store ``results`` in order, one transaction per article, in a writer thread while this
    thread goes on pulling (extracting) the next ones; ``on_article`` runs after each store,
    in the writer thread."""
    started = time.perf_counter()
    writer = StoreWriter(store, on_article=on_article, queue_size=queue_size)
    try:
        for item in results:
            writer.put(item)
    except BaseException as exc:
        writer.close(cancel=not isinstance(exc, Exception))
        raise
    writer.close()
    writer.raise_error()
    writer.outcome.seconds = time.perf_counter() - started
    return writer.outcome
