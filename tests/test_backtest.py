"""The alert backtest: issue 9's done criteria on the simulated world, and on the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.trends import run_backtest
from flashpoint.trends.simulate import simulate

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def report() -> dict:
    return run_backtest(7)["alerts"]


def test_simulation_is_seeded_and_holds_known_points() -> None:
    a, b = simulate(7), simulate(7)
    assert a.events == b.events and a.truths == b.truths
    assert simulate(8).events != a.events
    kinds = {t.kind for t in a.truths}
    assert kinds == {"escalation", "ceasefire_violation"} and a.respected_ceasefires > 0


def test_alerts_meet_the_precision_and_recall_floors(report: dict) -> None:
    assert report["precision"] >= 0.8
    assert report["recall"] >= 0.8
    assert report["recall_escalations"] >= 0.8
    assert report["recall_ceasefire_violations"] >= 0.8
    assert report["lead_time_days"] is not None and report["lead_time_days"] > 0


def test_alerts_beat_no_change_and_raise_fewer_false_alarms_than_the_naive_rule(
    report: dict,
) -> None:
    assert report["f1"] > report["baseline_no_change_f1"]
    assert report["recall"] > report["baseline_no_change_recall"]
    assert report["false_alarms"] < report["naive_threshold_false_alarms"]
    assert report["precision"] > report["naive_threshold_precision"]
    assert report["false_alarms_fewer_than_naive"] > 0


@pytest.mark.parametrize("seed", [3, 11])
def test_other_worlds_stay_above_the_floors(seed: int) -> None:
    other = run_backtest(seed)["alerts"]
    assert other["precision"] >= 0.8 and other["recall"] >= 0.8


@pytest.mark.slow
def test_corpus_backtest_flags_the_idlib_escalation() -> None:
    result = run_backtest(7, corpus=str(CORPUS))["alerts"]["corpus"]
    assert result["articles"] >= 14 and result["events"] > 50
    assert "SYR 2020-02-27" in result["detected"]
    assert result["false_alarms"] <= result["alerts_at_known_points"]
