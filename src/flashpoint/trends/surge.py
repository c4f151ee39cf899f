"""`surge` alerts: a week's conflict events or deaths far above the place's own baseline."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flashpoint.trends.config import SurgeSettings, type_weights
from flashpoint.trends.events import Event, country_of, event_day, fits_interval, region_of
from flashpoint.trends.record import make_alert, place_label
from flashpoint.trends.stats import Baseline, fit_baseline

Scope = tuple[str, str | None]  # (country, admin1 or None for the country as a whole)
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class WeekTest:
    """The outcome of testing one figure (events or deaths) of one week."""

    what: str
    observed: int
    baseline: Baseline
    p: float
    weeks: int = 1

    def describe(self) -> str:
        per = "a week" if self.weeks == 1 else f"per {self.weeks} weeks"
        return (
            f"{self.observed} {self.what} against a baseline of {self.baseline.mean:.1f} {per} "
            f"over the previous {self.baseline.periods} weeks; "
            f"P(>= {self.observed}) = {self.p:.1e} under a {self.baseline.model} model"
        )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekly(events: Sequence[Event]) -> dict[Scope, dict[date, list[Event]]]:
    """Conflict events per scope (region and whole country) and week."""
    surge_types = {t for t, w in type_weights().items() if w.surge}
    table: dict[Scope, dict[date, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        country = country_of(event)
        if not country or event["event_type"] not in surge_types:
            continue
        if not fits_interval(event, "week"):
            continue
        week = _monday(event_day(event))
        table[(country, None)][week].append(event)
        table[(country, region_of(event) or "")][week].append(event)
    return table


def _history(values: dict[date, float], week: date, first: date, weeks: int) -> list[float]:
    """Values of up to ``weeks`` weeks before ``week``, zeros where nothing happened."""
    out: list[float] = []
    current = week - WEEK
    while current >= first and len(out) < weeks:
        out.append(values.get(current, 0.0))
        current -= WEEK
    return out


def _best_baseline(history: list[float], cfg: SurgeSettings, floor: float) -> Baseline:
    """The higher of the recent and the long baseline (a lull must not lower the bar); the
    dispersion always comes from the long history."""
    long_history = history[: cfg.long_weeks]
    recent = fit_baseline(history[: cfg.recent_weeks], floor, long_history)
    long = fit_baseline(long_history, floor, long_history)
    return recent if recent.mean >= long.mean else long


def _test(
    what: str,
    observed: int,
    history: list[float],
    cfg: SurgeSettings,
    floor: float,
    least: int,
    weeks: int = 1,
) -> WeekTest | None:
    """A significant, large-enough rise over ``weeks`` weeks, or ``None``."""
    if observed < least or len(history) < cfg.min_history_weeks:
        return None
    baseline = _best_baseline(history, cfg, floor).scaled(weeks)
    if observed < cfg.min_ratio * baseline.mean:
        return None
    p = baseline.tail(observed)
    return WeekTest(what, observed, baseline, p, weeks) if p <= cfg.p_value else None


def _test_week(
    weeks: dict[date, list[Event]], week: date, first: date, cfg: SurgeSettings
) -> list[WeekTest]:
    """Test the week's conflict events, and its lethal events when enough people died.

    Deaths are tested through the number of events that killed someone: one mass-casualty
    report alone does not make a trend, and death tolls are too lumpy for a count model.
    """
    counts = {w: float(len(evs)) for w, evs in weeks.items()}
    lethal = {w: float(sum(1 for e in evs if _deaths(e) > 0)) for w, evs in weeks.items()}
    span = max(cfg.long_weeks, cfg.recent_weeks)
    this_week = weeks.get(week, [])
    tests = [
        _test(
            "conflict events",
            len(this_week),
            _history(counts, week, first, span),
            cfg,
            cfg.floor_rate,
            cfg.min_events,
        )
    ]
    if tests[0] is None and cfg.fortnight:
        # A sustained but moderate rise shows over two weeks before it shows in one.
        tests[0] = _test(
            "conflict events",
            len(this_week) + len(weeks.get(week - WEEK, [])),
            _history(counts, week - WEEK, first, span),
            cfg,
            cfg.floor_rate,
            cfg.min_events,
            weeks=2,
        )
    deaths = sum(_deaths(e) for e in this_week)
    if deaths >= cfg.min_fatalities:
        lethal_test = _test(
            f"events with deaths ({deaths} deaths in all)",
            int(lethal.get(week, 0)),
            _history(lethal, week, first, span),
            cfg,
            cfg.fatality_floor_rate,
            cfg.min_fatal_events,
        )
        tests.append(lethal_test)
    return [t for t in tests if t is not None]


def _deaths(event: Event) -> int:
    return int(event.get("fatalities") or 0)


def _alert(scope: Scope, week: date, tests: list[WeekTest], evs: list[Event]) -> dict[str, Any]:
    country, region = scope
    end = week + timedelta(days=6)
    week = week - WEEK * (max(t.weeks for t in tests) - 1)
    if region is None:
        where = f"{country} as a whole"
    else:
        where = place_label(country, region) if region else f"{country} (no region given)"
    reason = (
        f"surge rule: in {where}, {week.isoformat()} to {end.isoformat()}: "
        + "; and ".join(t.describe() for t in tests)
        + "."
    )
    score = max(min(-math.log10(max(t.p, 1e-300)), 300.0) for t in tests)
    ranked = sorted(evs, key=lambda e: (-int(e.get("fatalities") or 0), str(e["event_id"])))
    return make_alert(
        "surge",
        country=country,
        region=region or None,
        dyad=None,
        window=(week, end),
        score=score,
        reason=reason,
        event_ids=[str(e["event_id"]) for e in ranked],
    )


def surge_alerts(events: Sequence[Event], cfg: SurgeSettings) -> list[dict[str, Any]]:
    """Region-level surges, plus country-level ones no region-level alert already explains.

    Events without a known region form the country's "" region. The baseline's history starts
    at the first week of the data, with zeros for weeks without events.
    """
    table = _weekly(events)
    if not table:
        return []
    first = min(min(weeks) for weeks in table.values())
    alerts: list[dict[str, Any]] = []
    flagged: set[tuple[str, date]] = set()
    ordered = sorted(table, key=lambda s: (s[0], s[1] is None, s[1] or ""))
    for scope in ordered:  # regions of a country come before the country itself
        weeks = table[scope]
        candidates = sorted({w for week in weeks for w in (week, week + WEEK)})
        for week in candidates:
            if scope[1] is None and (scope[0], week) in flagged:
                continue
            tests = _test_week(weeks, week, first, cfg)
            if any(t.weeks > 1 for t in tests) and (scope[0], week - WEEK) in flagged:
                continue  # the first of the two weeks already raised an alert here
            if tests:
                flagged.add((scope[0], week))
                span = max(t.weeks for t in tests)
                evs = [e for d in range(span) for e in weeks.get(week - WEEK * d, [])]
                alerts.append(_alert(scope, week, tests, evs))
    return alerts
