"""``store_results`` stores from a writer thread while the caller extracts: the same database as a
plain ``store.add`` loop, errors raised in the caller, and no thread left behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from flashpoint.api import extract_paths
from flashpoint.errors import FlashpointError, StoreError
from flashpoint.ingest_run import IngestResult, store_results
from flashpoint.model import Article, Event
from flashpoint.store import AddResult, Store, open_store
from flashpoint.store.schema import metadata

SYRIA = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "syria"
VOLATILE = {"ingested_at", "updated_at"}  # when a row was written, not what it says
WRITER = "flashpoint-store-writer"

Report = tuple[Article, list[Event]]


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    """The Syria sample reports (several report the same events, so some merge), then the first
    one again (a duplicate)."""
    errors: list[FlashpointError] = []
    out = list(extract_paths([SYRIA], on_error=errors.append))
    assert not errors and len(out) >= 6 and sum(len(events) for _, events in out) > 10
    return [*out, out[0]]


def _sequential(store: Store, items: Sequence[Report]) -> IngestResult:
    """What ``store_results`` did before the writer thread: a plain loop."""
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


def _no_writer_left() -> bool:
    return not [t for t in threading.enumerate() if t.name == WRITER]


def test_the_writer_stores_what_the_plain_loop_stores(
    store_url: str, reports: list[Report], tmp_path: Path
) -> None:
    ticks: list[str] = []
    with open_store(store_url) as store:
        # A queue of 2 makes the caller wait for the writer again and again.
        outcome = store_results(
            store,
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
    assert ticks == [WRITER] * len(reports)  # one tick per stored article
    assert _dump(store_url) == _dump(reference_url)
    assert _no_writer_left()


def test_a_database_error_in_the_writer_is_raised_in_the_caller(
    reports: list[Report], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'broken.sqlite'}"
    raised: list[BaseException] = []
    pulled = 0

    def many() -> Iterator[Report]:
        nonlocal pulled
        for _ in range(20):
            for report in reports:
                pulled += 1
                yield report

    with open_store(url) as store:
        add = store.add

        def recording_add(article: Article, events: Sequence[Event]) -> AddResult:
            try:
                return add(article, events)
            except BaseException as exc:
                raised.append(exc)
                raise

        store.add = recording_add  # type: ignore[method-assign]
        with store.engine.begin() as conn:  # every article with events now fails to store
            conn.execute(sa.text("DROP TABLE event_sources"))
        with pytest.raises(StoreError, match="could not store article") as caught:
            store_results(store, many(), queue_size=1)
    assert len(raised) == 1 and caught.value is raised[0]  # the very exception, raised once
    assert pulled < 20 * len(reports)  # the caller stopped early, without hanging
    assert _no_writer_left()


def test_an_input_error_leaves_exactly_the_articles_before_it(
    reports: list[Report], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'stopped.sqlite'}"
    before = reports[:5]
    failure = ValueError("unreadable input")

    def failing() -> Iterator[Report]:
        yield from before
        raise failure

    with open_store(url) as store, pytest.raises(ValueError) as caught:
        store_results(store, failing(), queue_size=3)
    assert caught.value is failure
    assert _no_writer_left()
    assert _dump(url) == _reference(tmp_path, before)


def test_ctrl_c_stops_the_writer_after_the_article_it_is_writing(
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
