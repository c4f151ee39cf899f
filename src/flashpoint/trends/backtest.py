"""Alert backtest: known escalation points against our alerts, a no-change forecast and a
naive fixed-threshold rule, on a simulated world (and optionally on the sample corpus)."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from flashpoint.trends.alerts import find_alerts
from flashpoint.trends.config import AlertSettings, CountingSettings, type_weights
from flashpoint.trends.events import Event, counted, country_of, event_day, region_of
from flashpoint.trends.record import make_alert
from flashpoint.trends.simulate import Truth, simulate

TOLERANCE = timedelta(days=7)  # an alert up to a week before an escalation starts is early, right
ESCALATION_KINDS = ("surge", "ladder", "new_actor", "massing")
NAIVE_PERCENTILE = 0.95


def _window(alert: dict[str, Any]) -> tuple[date, date]:
    return date.fromisoformat(alert["window_start"]), date.fromisoformat(alert["window_end"])


def matches(alert: dict[str, Any], truth: Truth) -> bool:
    """Whether an alert points at a known escalation point."""
    start, end = _window(alert)
    if truth.kind == "ceasefire_violation":
        return (
            alert["kind"] == "ceasefire_violation"
            and alert["dyad"] == list(truth.dyad or ())
            and start == truth.start
        )
    same_place = alert["country"] == truth.country and alert["region"] in (truth.region, None)
    overlaps = start <= truth.end and end >= truth.start - TOLERANCE
    return alert["kind"] in ESCALATION_KINDS and same_place and overlaps


def score_alerts(alerts: Sequence[dict[str, Any]], truths: Sequence[Truth]) -> dict[str, Any]:
    """Precision (alerts that point at a known point), recall per kind, lead time to the peak."""
    true_alerts = [a for a in alerts if any(matches(a, t) for t in truths)]
    detected = {i: [a for a in alerts if matches(a, t)] for i, t in enumerate(truths)}
    leads = [
        (t.peak - min(_window(a)[1] for a in detected[i])).days
        for i, t in enumerate(truths)
        if t.kind == "escalation" and detected[i]
    ]
    recall_by_kind = {}
    for kind in ("escalation", "ceasefire_violation"):
        members = [i for i, t in enumerate(truths) if t.kind == kind]
        found = sum(1 for i in members if detected[i])
        recall_by_kind[kind] = round(found / len(members), 3) if members else None
    n_found = sum(1 for hits in detected.values() if hits)
    precision = len(true_alerts) / len(alerts) if alerts else 0.0
    recall = n_found / len(truths) if truths else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "alerts": len(alerts),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "false_alarms": len(alerts) - len(true_alerts),
        "recall_escalations": recall_by_kind["escalation"],
        "recall_ceasefire_violations": recall_by_kind["ceasefire_violation"],
        "lead_time_days": round(statistics.mean(leads), 1) if leads else None,
        "lead_time_days_median": statistics.median(leads) if leads else None,
    }


def naive_threshold_alerts(
    events: Sequence[Event], counting: CountingSettings, threshold: int | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Alert whenever a region's weekly conflict events reach one fixed threshold (by default
    the 95th percentile of all region-weeks): no baseline of the region's own."""
    surge_types = {t for t, w in type_weights().items() if w.surge}
    weekly: dict[tuple[str, str, date], list[str]] = defaultdict(list)
    for event in counted(events, counting):
        country, region = country_of(event), region_of(event)
        if country and region and event["event_type"] in surge_types:
            day = event_day(event)
            monday = day - timedelta(days=day.weekday())
            weekly[(country, region, monday)].append(str(event["event_id"]))
    if threshold is None:
        threshold = _percentile_threshold(events, weekly)
    alerts = [
        make_alert(
            "surge",
            country=country,
            region=region,
            dyad=None,
            window=(monday, monday + timedelta(days=6)),
            score=float(len(ids)),
            reason=f"naive rule: {len(ids)} conflict events >= fixed threshold {threshold}",
            event_ids=ids,
        )
        for (country, region, monday), ids in sorted(weekly.items())
        if len(ids) >= threshold
    ]
    return alerts, threshold


def _percentile_threshold(
    events: Sequence[Event], weekly: dict[tuple[str, str, date], list[str]]
) -> int:
    """The pooled percentile over every region-week of the data span (empty weeks count)."""
    days = [event_day(e) for e in events if e.get("date")]
    weeks = max(1, (max(days) - min(days)).days // 7 + 1) if days else 1
    regions = {(c, r) for c, r, _ in weekly}
    counts = sorted(len(ids) for ids in weekly.values())
    counts = [0] * max(0, len(regions) * weeks - len(counts)) + counts
    return max(1, counts[min(len(counts) - 1, int(NAIVE_PERCENTILE * len(counts)))])


def _no_change(truths: Sequence[Truth]) -> dict[str, Any]:
    """The persistence forecast: next week looks like this week, so it never warns of a change."""
    return score_alerts([], truths)


def _relative(ours: dict[str, Any], naive: dict[str, Any], none: dict[str, Any]) -> dict[str, Any]:
    fewer = naive["false_alarms"] - ours["false_alarms"]
    return {
        "false_alarms_fewer_than_naive": fewer,
        "false_alarm_reduction_vs_naive": (
            round(fewer / naive["false_alarms"], 3) if naive["false_alarms"] else None
        ),
        "precision_gain_vs_naive": round(ours["precision"] - naive["precision"], 3),
        "f1_gain_vs_no_change": round(ours["f1"] - none["f1"], 3),
        "recall_gain_vs_no_change": round(ours["recall"] - none["recall"], 3),
    }


def run_backtest(seed: int = 7, *, corpus: str | None = None) -> dict[str, Any]:
    """Backtest on a seeded simulated world; ``corpus``: also run the real pipeline on that
    folder of the sample corpus (slow: loads spaCy)."""
    settings = AlertSettings.load()
    world = simulate(seed)
    ours = find_alerts(world.events, settings=settings)
    naive, threshold = naive_threshold_alerts(world.events, settings.counting)
    mine, naive_score, none = (
        score_alerts(ours, world.truths),
        score_alerts(naive, world.truths),
        _no_change(world.truths),
    )
    result: dict[str, Any] = {
        **mine,
        "by_kind": dict(sorted(Counter(a["kind"] for a in ours).items())),
        "false_alarms_by_kind": _false_by_kind(ours, world.truths),
        "baseline_no_change_precision": none["precision"],
        "baseline_no_change_recall": none["recall"],
        "baseline_no_change_f1": none["f1"],
        "baseline_no_change_alerts": none["alerts"],
        "naive_threshold": threshold,
        "naive_threshold_precision": naive_score["precision"],
        "naive_threshold_recall": naive_score["recall"],
        "naive_threshold_f1": naive_score["f1"],
        "naive_threshold_false_alarms": naive_score["false_alarms"],
        "naive_threshold_alerts": naive_score["alerts"],
        "naive_threshold_lead_time_days": naive_score["lead_time_days"],
        **_relative(mine, naive_score, none),
        "simulation": {
            "seed": seed,
            "events": len(world.events),
            "regions": len(world.regions),
            "escalations": sum(1 for t in world.truths if t.kind == "escalation"),
            "ceasefire_violations": sum(1 for t in world.truths if t.kind == "ceasefire_violation"),
            "ceasefires_respected": world.respected_ceasefires,
        },
    }
    if corpus is not None:
        from flashpoint.trends.corpus_check import corpus_backtest

        result["corpus"] = corpus_backtest(corpus)
    return {"alerts": result}


def _false_by_kind(alerts: Sequence[dict[str, Any]], truths: Sequence[Truth]) -> dict[str, int]:
    false = Counter(a["kind"] for a in alerts if not any(matches(a, t) for t in truths))
    return dict(sorted(false.items()))
