"""Storing extracted articles from one writer while the caller goes on extracting.

Why: extraction (spaCy and our stages, ~50 ms an article) and the store (merging and SQL, ~7 ms)
used to run one after the other.  They can overlap on a second core, but only if the store
runs in another PROCESS: a writer thread gained little (ingest took 1.02–1.33× extraction
alone), because near-duplicate hashing, merging and building statements are Python that holds
the GIL, so the two threads mostly took turns.  So given a database URL the writer is a child
process (``store_process``), which imports the store modules only, never spaCy.  Given a
``Store`` object (tests, callers holding one) or an in-memory SQLite URL (a database that lives
in one process) the writer is a thread over that store, as before.  Either way the store
receives the articles in input order, one transaction per article, from ONE writer, so the
database is the same as with a plain loop.

The queue holds two spaCy batches by default: extraction hands over a batch's articles in a
burst once the batch is parsed, and the writer needs that burst to have work while the next
batch parses.  However long the input, no more than that many articles wait (plus, for the
process, what the pipe to it buffers).

When something fails:

* the writer (say, a database error): it stops storing and drops what arrives, so the caller
  never blocks, and the caller's next hand-over, or the end, raises that error (from a process,
  the same exception when it can be pickled, else a ``StoreError`` with its message);
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
from typing import TYPE_CHECKING, Generic, TypeVar

from flashpoint.model import Article, Event
from flashpoint.settings import get_settings
from flashpoint.store import AddResult, Store, in_memory, open_store

if TYPE_CHECKING:
    from flashpoint.store_process import ProcessWriter

Item = tuple[Article, Sequence[Event]]
Target = TypeVar("Target")  # where the writer stores: a Store, or a database URL
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


class QueuedWriter(Generic[Target]):
    """A bounded queue and the thread that takes from it (``_handle`` each article): ``put``
    each article, then ``close``.  Subclasses say where an article goes."""

    name = "flashpoint-store-writer"

    def __init__(
        self,
        target: Target,
        *,
        on_article: Callable[[], None] | None = None,
        queue_size: int | None = None,
    ) -> None:
        self._target = target
        self.outcome = IngestResult()
        self._on_article = on_article
        size = queue_size or 2 * get_settings().batch_size
        self._queue: queue.Queue[Item | None] = queue.Queue(maxsize=max(size, 1))
        self._cancelled = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=self.name)
        self._start()

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
            self._finish()
        except BaseException:
            self._cancel()
            self._thread.join()
            self._finish()
            raise

    def raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def _start(self) -> None:
        self._thread.start()

    def _handle(self, item: Item) -> None:
        raise NotImplementedError

    def _handle_end(self) -> None:
        """Everything handed over has been handled."""

    def _stop(self) -> None:
        """Tell the writer to end after the article it is writing (beyond this queue)."""

    def _finish(self) -> None:
        """Wait for what the writer still does once the queue's thread has ended."""

    def _stored(self, added: AddResult) -> None:
        self.outcome.count(added)
        if self._on_article is not None:
            self._on_article()

    def _fail(self, exc: BaseException) -> None:
        if self._error is None:  # the first failure is the cause; later ones follow from it
            self._error = exc

    def _cancel(self) -> None:
        self._cancelled.set()
        self._stop()
        try:  # make room, so the end mark goes in without waiting (only this side puts)
            while True:
                self._queue.get_nowait()
        except queue.Empty:
            pass
        self._queue.put_nowait(_END)

    def _run(self) -> None:
        try:
            while (item := self._queue.get()) is not _END:
                if not self._cancelled.is_set():
                    self._handle(item)
            self._handle_end()
        except BaseException as exc:  # handed to the caller, never lost in this thread
            self._fail(exc)
            while self._queue.get() is not _END:  # unblock a caller waiting to put
                pass


class StoreWriter(QueuedWriter[Store]):
    """The writer thread: stores each article into the ``Store`` itself."""

    def _handle(self, item: Item) -> None:
        self._stored(self._target.add(*item))


def store_results(
    target: Store | str,
    results: Iterable[Item],
    *,
    on_article: Callable[[], None] | None = None,
    queue_size: int | None = None,
) -> IngestResult:
    """Store ``results`` in order, one transaction per article, into ``target`` (a ``Store``, or
    a database URL for a writer process) while this thread goes on pulling (extracting) the next
    ones; ``on_article`` runs after each store, in a thread of this process."""
    if isinstance(target, str) and in_memory(target):  # no other process can open it
        with open_store(target) as store:
            return store_results(store, results, on_article=on_article, queue_size=queue_size)
    started = time.perf_counter()
    writer: StoreWriter | ProcessWriter
    if isinstance(target, Store):
        writer = StoreWriter(target, on_article=on_article, queue_size=queue_size)
    else:
        from flashpoint.store_process import ProcessWriter  # it builds on this module

        writer = ProcessWriter(target, on_article=on_article, queue_size=queue_size)
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
