"""The listing's SQL on SQLite uses the indexes meant for it (EXPLAIN QUERY PLAN).

A count that reads the table instead of an index is correct but was the slow tail of
``GET /api/events`` with 100,000 events (30-40 ms for country + type, 100+ ms for a text
search), so these tests fail when a query stops being answered from its index.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event as sa_event

from flashpoint.serve import listing
from flashpoint.serve.params import parse_filters
from flashpoint.store import Store
from stores import filled_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    opened = filled_store(tmp_path_factory.mktemp("plan"), 40, seed=5)
    yield opened
    opened.close()


def _plans(store: Store, **filters: str) -> list[tuple[str, str]]:
    """(statement, its query plan) for every statement one listing request runs."""
    executed: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        executed.append((statement, parameters))

    sa_event.listen(store.engine, "before_cursor_execute", record)
    try:
        listing.list_events(store.engine, parse_filters(**filters), 50, 0, listing.ActorCatalog())
    finally:
        sa_event.remove(store.engine, "before_cursor_execute", record)
    with store.engine.connect() as conn:
        return [
            (
                statement,
                " | ".join(
                    str(row[3])
                    for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
                ),
            )
            for statement, params in executed
        ]


def _count_plan(store: Store, **filters: str) -> str:
    [plan] = [p for s, p in _plans(store, **filters) if s.startswith("SELECT count(*)")]
    return plan


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({"country": "UKR", "type": "ASSAULT"}, "ix_events_country_type_date"),
        ({"type": "PROTEST", "start": "2024-01-01", "end": "2024-06-30"}, "ix_events_type_date"),
        ({"country": "SYR", "start": "2024-01-01", "end": "2024-06-30"}, "ix_events_country_date"),
        ({"country": "SYR"}, "ix_events_country"),
        ({"type": "ASSAULT"}, "ix_events_type"),
    ],
)
def test_counts_of_combined_filters_read_one_covering_index(
    store: Store, filters: dict[str, str], index: str
) -> None:
    plan = _count_plan(store, **filters)
    assert f"USING COVERING INDEX {index}" in plan, plan


def test_text_search_scans_the_sentence_index_not_the_rows(store: Store) -> None:
    plans = [p for s, p in _plans(store, q="Kharkiv") if "LIKE" in s]
    assert plans
    for plan in plans:
        assert "SCAN event_sources USING COVERING INDEX ix_event_sources_sentence" in plan, plan


def test_page_rows_are_read_without_the_merge_record(store: Store) -> None:
    statements = [s for s, _ in _plans(store, country="SYR")]
    page = [s for s in statements if "events.sentence" in s]
    assert page
    assert not any("merge_record" in s for s in page)
