"""Series, intensity weights, tail probabilities, and the store-backed API and CLI bodies."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from flashpoint import trends
from flashpoint.model import EVENT_TYPES, Actor, Article, Event, Place
from flashpoint.store import open_store
from flashpoint.trends.cli import alerts_command, trends_command
from flashpoint.trends.config import QUADS, type_weights
from flashpoint.trends.intensity import event_weight, quad_of
from flashpoint.trends.stats import fit_baseline, nbinom_sf, poisson_sf
from test_alerts import ev


def _poisson_tail_by_hand(k: int, mean: float) -> float:
    return 1.0 - sum(math.exp(-mean) * mean**i / math.factorial(i) for i in range(k))


@pytest.mark.parametrize(("k", "mean"), [(5, 0.5), (3, 2.0), (12, 4.0), (1, 0.1)])
def test_poisson_tail_matches_the_textbook_sum(k: int, mean: float) -> None:
    assert poisson_sf(k, mean) == pytest.approx(_poisson_tail_by_hand(k, mean), rel=1e-6)


def test_negative_binomial_is_heavier_tailed_and_tends_to_poisson() -> None:
    assert nbinom_sf(15, 4.0, 2.0) > poisson_sf(15, 4.0) * 100
    assert nbinom_sf(9, 3.0, 1e6) == pytest.approx(poisson_sf(9, 3.0), rel=1e-3)
    assert poisson_sf(0, 3.0) == 1.0


def test_baseline_fit_uses_poisson_without_overdispersion_and_a_floor() -> None:
    assert fit_baseline([2, 2, 2, 2], floor=0.5).size is None
    assert fit_baseline([0, 0, 0, 0], floor=0.5).mean == 0.5
    bursty = fit_baseline([0, 10, 0, 12, 1, 0], floor=0.5)
    assert bursty.size is not None and bursty.model == "negative binomial"


def test_every_type_has_a_quad_and_modes_adjust_weights() -> None:
    assert set(type_weights()) == set(EVENT_TYPES)
    assert {quad_of(t) for t in EVENT_TYPES} == set(QUADS)
    assert quad_of("ASSAULT") == "material_conflict" and quad_of("AGREE") == "verbal_cooperation"
    aerial = event_weight({"event_type": "ASSAULT", "mode": "aerial"})
    firearms = event_weight({"event_type": "ASSAULT", "mode": "firearms"})
    assert aerial < firearms < 0 < event_weight({"event_type": "AID", "mode": None})


def test_series_counts_fills_gaps_and_skips_what_does_not_count() -> None:
    events = [
        ev(date(2024, 1, 2), fatalities=3),
        ev(date(2024, 1, 3), "AGREE", mode="ceasefire"),
        ev(date(2024, 1, 17), mode="aerial"),
        ev(date(2024, 1, 18), modality="negated"),
        ev(date(2024, 1, 18), confidence=0.2),
        ev(date(2024, 1, 1), date_precision="month"),
    ]
    rows = trends.build_series(events, interval="week")
    assert [r["period_start"] for r in rows] == ["2024-01-01", "2024-01-08", "2024-01-15"]
    assert [r["events"] for r in rows] == [2, 0, 1]
    first = rows[0]
    assert first["by_type"] == {"AGREE": 1, "ASSAULT": 1}
    assert first["fatalities"] == 3 and first["conflict_events"] == 1
    assert rows[2]["intensity"] > first["intensity"] > 0  # aerial beats an unspecified mode
    monthly = trends.build_series(events, interval="month")
    assert [r["events"] for r in monthly] == [4]  # the month-precise event counts by month


def test_series_by_groups_and_dyad_selection() -> None:
    events = [ev(date(2024, 1, 2)), ev(date(2024, 1, 3), region="South")]
    assert set(trends.series_by(events, by="region")) == {"AAA/North", "AAA/South"}
    assert list(trends.series_by(events, by="dyad")) == ["AAA-AAAREB"]
    assert len(trends.select_events(events, dyad="AAAREB-AAA")) == 2
    assert trends.select_events(events, dyad="AAA-ZZZ") == []


def _event(n: int, day: date, event_type: str = "ASSAULT") -> Event:
    place = Place("Idlib", "Idlib", "SYR", "Idlib", 35.9, 36.6, "admin1")
    return Event(
        event_id=f"ev{n}",
        article_id="x",
        date=day,
        date_precision="day",
        event_type=event_type,  # type: ignore[arg-type]
        mode="aerial",
        cameo_code="195",
        acled_event_type=None,
        acled_sub_event_type=None,
        modality="asserted",
        actor1=Actor("army", "army", "SYRMIL", "SYR", "MIL"),
        actor2=Actor("rebels", "rebels", "SYRREB", "SYR", "REB"),
        location=place,
        fatalities=2,
        injuries=None,
        attribution=None,
        confidence=0.9,
        sentence=f"Sentence {n} about strikes.",
        span=(0, 10),
    )


@pytest.fixture
def demo_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'trends.sqlite'}"
    with open_store(url) as store:
        for n, day in enumerate([date(2024, 3, 4), date(2024, 3, 6), date(2024, 3, 20)]):
            article = Article(text=f"Report number {n} on Idlib.", published=day, source="Wire")
            store.add(article, [_event(n, day)])
    return url


def test_series_and_alerts_read_a_real_store(demo_db: str) -> None:
    with open_store(demo_db) as store:
        rows = trends.series(store, country="SYR", region="idlib", interval="week")
        assert [r["events"] for r in rows] == [2, 0, 1]
        assert trends.series(store, country="TUR") == []
        assert trends.alerts(store) == []  # three strikes are no trend
    assert rows[0]["fatalities"] == 4


def test_cli_bodies_print_a_table_a_chart_and_json_lines(demo_db: str, tmp_path: Path) -> None:
    console = Console(record=True, width=200)
    chart = tmp_path / "chart.png"
    assert trends_command(console, country="SYR", plot=str(chart), db=demo_db) == 0
    assert chart.stat().st_size > 10_000 and chart.read_bytes()[:4] == b"\x89PNG"
    assert "2024-03-04" in console.export_text()
    assert trends_command(Console(record=True), interval="year", db=demo_db) == 2
    out = Console(record=True, width=80)
    assert alerts_command(out, db=demo_db, format="jsonl") == 0
    assert all(json.loads(line) for line in out.export_text().splitlines() if line)
    assert alerts_command(Console(record=True), db=demo_db, since="soon") == 2
