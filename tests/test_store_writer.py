"""``store_results`` stores from one writer while the caller extracts (a process given a database
URL, a thread given a ``Store``): the same database as a plain ``store.add`` loop, errors raised
in the caller, and no thread or process left behind."""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psutil
import pytest
import sqlalchemy as sa

from flashpoint.api import extract_paths
from flashpoint.errors import FlashpointError, StoreError
from flashpoint.ingest_run import IngestResult, store_results
from flashpoint.model import Article, Event
from flashpoint.store import AddResult, Store, open_store
from flashpoint.store.schema import metadata
from flashpoint.store_process import ProcessWriter, _portable

SYRIA = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "syria"
VOLATILE = {"ingested_at", "updated_at"}  # when a row was written, not what it says
WRITER = "flashpoint-store-writer"
RESULTS = "flashpoint-store-writer-results"  # where the process writer's results are counted
KINDS = ["thread", "process"]

Report = tuple[Article, list[Event]]


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    """The Syria sample reports (several report the same events, so some merge), then the first
    one again (a duplicate)."""
    errors: list[FlashpointError] = []
    out = list(extract_paths([SYRIA], on_error=errors.append))
    assert not errors and len(out) >= 6 and sum(len(events) for _, events in out) > 10
    return [*out, out[0]]


def _variants(reports: Sequence[Report], n: int) -> list[Report]:
    """``n`` distinct articles: the reports again and again, each copy's text marked."""
    out: list[Report] = []
    for k in range(n):
        article, events = reports[k % len(reports)]
        marked = dataclasses.replace(article, text=f"{article.text}\n\nUpdate {k}.", url=None)
        out.append((marked, events))
    return out


def _sequential(store: Store, items: Sequence[Report]) -> IngestResult:
    """What ``store_results`` did before the writer: a plain loop."""
    outcome = IngestResult()
    for article, events in items:
        outcome.count(store.add(article, events))
    return outcome


def _dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, write timestamps left out, in primary-key order."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with open_store(url) as store, store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            cols = [c for c in table.c if c.name not in VOLATILE]
            rows = conn.execute(sa.select(*cols).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
    return out


def _reference(tmp_path: Path, items: Sequence[Report]) -> dict[str, list[tuple[Any, ...]]]:
    url = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    with open_store(url) as store:
        _sequential(store, items)
    return _dump(url)


def _children() -> list[psutil.Process]:
    """Writer processes of this test process."""
    return [
        p
        for p in psutil.Process().children()
        if "flashpoint.store_process" in " ".join(p.cmdline())
    ]


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.OperationalError:  # no table yet
        return 0


def _no_writer_left() -> bool:
    threads = [t for t in threading.enumerate() if t.name.startswith(WRITER)]
    return not threads and not _children()


class Counted:
    """The reports ``times`` over, counting how many the writer pulled."""

    def __init__(self, reports: Sequence[Report], times: int) -> None:
        self.reports, self.times, self.pulled = reports, times, 0

    def __iter__(self) -> Iterator[Report]:
        for _ in range(self.times):
            for report in self.reports:
                self.pulled += 1
                yield report


def _broken(tmp_path: Path) -> str:
    """A store where every article with events fails to store."""
    url = f"sqlite:///{tmp_path / 'broken.sqlite'}"
    with open_store(url) as store, store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE event_sources"))
    return url


@pytest.mark.parametrize("kind", KINDS)
def test_the_writer_stores_what_the_plain_loop_stores(
    kind: str, store_url: str, reports: list[Report], tmp_path: Path
) -> None:
    ticks: list[str] = []
    with open_store(store_url) as store:
        # A queue of 2 makes the caller wait for the writer again and again.
        outcome = store_results(
            store if kind == "thread" else store_url,
            iter(reports),
            on_article=lambda: ticks.append(threading.current_thread().name),
            queue_size=2,
        )
    reference_url = f"sqlite:///{tmp_path / 'reference.sqlite'}"
    with open_store(reference_url) as store:
        expected = _sequential(store, reports)
    assert (outcome.articles_new, outcome.articles_duplicate) == (len(reports) - 1, 1)
    assert outcome.events_merged > 0  # the merge order matters, and was kept
    assert {**vars(outcome), "seconds": 0} == {**vars(expected), "seconds": 0}
    # One tick per stored article, in the parent (where the progress bar is).
    assert ticks == [WRITER if kind == "thread" else RESULTS] * len(reports)
    assert _dump(store_url) == _dump(reference_url)
    assert _no_writer_left()


def test_an_in_memory_database_gets_a_writer_thread(reports: list[Report]) -> None:
    ticks: list[str] = []
    outcome = store_results(
        "sqlite://", iter(reports), on_article=lambda: ticks.append(threading.current_thread().name)
    )
    assert outcome.articles == len(reports) and ticks == [WRITER] * len(reports)


def test_a_database_error_in_the_writer_thread_is_raised_in_the_caller(
    reports: list[Report], tmp_path: Path
) -> None:
    raised: list[BaseException] = []
    many = Counted(reports, 20)
    with open_store(_broken(tmp_path)) as store:
        add = store.add

        def recording_add(article: Article, events: Sequence[Event]) -> AddResult:
            try:
                return add(article, events)
            except BaseException as exc:
                raised.append(exc)
                raise

        store.add = recording_add  # type: ignore[method-assign]
        with pytest.raises(StoreError, match="could not store article") as caught:
            store_results(store, many, queue_size=1)
    assert len(raised) == 1 and caught.value is raised[0]  # the very exception, raised once
    assert many.pulled < 20 * len(reports)  # the caller stopped early, without hanging
    assert _no_writer_left()


def test_a_database_error_in_the_writer_process_is_raised_in_the_caller(
    reports: list[Report], tmp_path: Path
) -> None:
    many = Counted(reports, 20)
    with pytest.raises(StoreError, match=r"could not store article .*no such table"):
        store_results(_broken(tmp_path), many, queue_size=1)
    assert many.pulled < 20 * len(reports)
    assert _no_writer_left()


def test_an_unpicklable_error_crosses_as_a_store_error_with_its_message() -> None:
    class Odd(Exception):
        def __init__(self, what: str, where: int) -> None:
            super().__init__(f"{what} at {where}")

    crossed = pickle.loads(pickle.dumps(_portable(Odd("bad row", 3))))
    assert isinstance(crossed, StoreError)
    assert "Odd: bad row at 3" in str(crossed) and "Traceback" not in str(crossed)
    store_error = StoreError("could not store article x", source="db")
    assert pickle.loads(pickle.dumps(_portable(store_error))).source == "db"


@pytest.mark.parametrize("kind", KINDS)
def test_an_input_error_leaves_exactly_the_articles_before_it(
    kind: str, reports: list[Report], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'stopped.sqlite'}"
    before = reports[:5]
    failure = ValueError("unreadable input")

    def failing() -> Iterator[Report]:
        yield from before
        raise failure

    with open_store(url) as store, pytest.raises(ValueError) as caught:
        store_results(store if kind == "thread" else url, failing(), queue_size=3)
    assert caught.value is failure
    assert _no_writer_left()
    assert _dump(url) == _reference(tmp_path, before)


def test_ctrl_c_stops_the_writer_thread_after_the_article_it_is_writing(
    reports: list[Report], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'interrupted.sqlite'}"
    writing = threading.Event()
    interrupted = threading.Event()

    def interrupting() -> Iterator[Report]:
        yield from reports[:6]
        writing.wait()
        interrupted.set()
        raise KeyboardInterrupt

    with open_store(url) as store:
        add = store.add

        def slow_first_add(article: Article, events: Sequence[Event]) -> AddResult:
            writing.set()
            interrupted.wait()  # the Ctrl-C comes while the first article is being written
            return add(article, events)

        store.add = slow_first_add  # type: ignore[method-assign]
        with pytest.raises(KeyboardInterrupt):
            store_results(store, interrupting(), queue_size=10)
    assert _no_writer_left()
    stored = len(_dump(url)["articles"])
    assert 1 <= stored < 6  # the article being written is whole; the queued ones were dropped
    assert _dump(url) == _reference(tmp_path, reports[:stored])


def test_ctrl_c_stops_the_writer_process_after_the_article_it_is_writing(
    reports: list[Report], tmp_path: Path
) -> None:
    db = tmp_path / "interrupted.sqlite"
    url = f"sqlite:///{db}"
    items = _variants(reports, 40)
    open_store(url).close()
    lock = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    locked = threading.Event()
    release = threading.Timer(0.5, lambda: lock.execute("ROLLBACK"))

    def lock_after_the_first() -> None:
        if not locked.is_set():  # the writer's next article waits for this lock
            lock.execute("BEGIN IMMEDIATE")
            locked.set()

    def interrupting() -> Iterator[Report]:
        yield from items
        assert locked.wait(60)
        release.start()  # the Ctrl-C comes while the writer waits to write its next article
        raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            store_results(url, interrupting(), on_article=lock_after_the_first)
    finally:
        if release.ident is not None:
            release.join()
        lock.close()
    assert _no_writer_left()
    stored = len(_dump(url)["articles"])
    assert 1 <= stored < len(items)  # the article being written is whole; the queued dropped
    assert _dump(url) == _reference(tmp_path, items[:stored])


def test_the_writer_process_yields_the_cores_to_extraction(
    reports: list[Report], tmp_path: Path
) -> None:
    niceness: list[int] = []

    def read_niceness() -> None:  # runs while the child is alive, after it stored the article
        niceness.append(os.getpriority(os.PRIO_PROCESS, writer.pid))

    writer = ProcessWriter(f"sqlite:///{tmp_path / 'nice.sqlite'}", on_article=read_niceness)
    try:
        writer.put(reports[0])
    finally:
        writer.close()
    writer.raise_error()
    assert niceness and niceness[0] > os.getpriority(os.PRIO_PROCESS, 0)


def test_the_writer_process_ends_cleanly_after_storing_without_its_teardown(
    reports: list[Report], tmp_path: Path
) -> None:
    """The child leaves with ``os._exit`` once done (no interpreter teardown to wait for): the
    store must be closed by then, so exit code 0, the write-ahead log folded into the database
    file, and every article readable by another connection."""
    database = tmp_path / "exit.sqlite"
    writer = ProcessWriter(f"sqlite:///{database}")
    try:
        for item in reports[:3]:
            writer.put(item)
    finally:
        writer.close()
    writer.raise_error()
    assert writer.exit_code == 0
    wal = database.with_name(database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (3,)


KILLED_PARENT = """
import pickle, sys, time
from flashpoint.store_process import ProcessWriter
with open(sys.argv[2], "rb") as fh:
    items = pickle.load(fh)
writer = ProcessWriter(sys.argv[1], queue_size=len(items))
for item in items:
    writer.put(item)
print(writer.pid, flush=True)
time.sleep(600)
"""


def test_a_killed_parent_leaves_a_writer_process_that_ends_between_articles(
    reports: list[Report], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'orphan.sqlite'}"
    items = _variants(reports, 200)
    (tmp_path / "items.pickle").write_bytes(pickle.dumps(items))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    parent = subprocess.Popen(
        [sys.executable, "-c", KILLED_PARENT, url, str(tmp_path / "items.pickle")],
        stdout=subprocess.PIPE,
        env=env,
    )
    with parent:
        assert parent.stdout is not None
        child = psutil.Process(int(parent.stdout.readline()))
        while _count(tmp_path / "orphan.sqlite") < 10:  # kill it mid-run
            assert parent.poll() is None
            time.sleep(0.02)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
    deadline = time.monotonic() + 60
    while child.is_running() and child.status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "the writer process outlived its parent"
        time.sleep(0.05)
    stored = len(_dump(url)["articles"])
    assert 10 <= stored < len(items)  # it stopped without storing what was still queued
    assert _dump(url) == _reference(tmp_path, items[:stored])
