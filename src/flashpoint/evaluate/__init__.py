"""``flashpoint eval``: precision / recall / F1 per stage on the gold sets, checked against floors.

Floors live in ``tests/gold/floors.toml`` as ``[stage] metric = minimum``; they only go up.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from flashpoint.evaluate.events import EventReport, evaluate_events, load_gold
from flashpoint.model import EVENT_TYPES

Scores = dict[str, dict[str, float]]


def default_gold_dir() -> Path:
    return Path.cwd() / "tests" / "gold"


def load_floors(gold_dir: Path) -> Scores:
    path = gold_dir / "floors.toml"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    return {stage: {k: float(v) for k, v in metrics.items()} for stage, metrics in raw.items()}


def event_scores(report: EventReport) -> Scores:
    return {
        "events": {
            "precision": report.strict.precision,
            "recall": report.strict.recall,
            "f1": report.strict.f1,
            "macro_f1": report.macro_f1,
            "type_f1": report.typed.f1,
            "type_precision": report.typed.precision,  # calibration: events kept at conf >= 0.5
            "modality_accuracy": report.modality.value,
        },
        "actors": {
            "precision": report.actors.precision,
            "recall": report.actors.recall,
            "f1": report.actors.f1,
        },
        "places": {"accuracy_25km": report.places.value},
        "dates": {"accuracy": report.dates.value},
        "fatalities": {"accuracy": report.fatalities.value},
    }


def run_events(gold_dir: Path) -> tuple[Scores, EventReport]:
    report = evaluate_events(load_gold(gold_dir / "events.jsonl"))
    return event_scores(report), report


def run_events_heldout(gold_dir: Path) -> Scores:
    """The held-out event set: written blind to the extractor and never used to tune it, so its
    scores are the honest estimate of quality on unseen reports."""
    report = evaluate_events(load_gold(gold_dir / "events_heldout.jsonl"))
    scores = event_scores(report)
    heldout = dict(scores["events"])
    heldout["actor_slots_f1"] = scores["actors"]["f1"]
    heldout["date_accuracy"] = scores["dates"]["accuracy"]
    heldout["fatality_accuracy"] = scores["fatalities"]["accuracy"]
    return {"events_heldout": heldout}


def _stages(gold_dir: Path) -> dict[str, Callable[[], Scores]]:
    """Every evaluation that has a gold set; each returns {stage: {metric: value}}."""
    stages: dict[str, Callable[[], Scores]] = {"events": lambda: run_events(gold_dir)[0]}
    if (gold_dir / "events_heldout.jsonl").exists():
        stages["events_heldout"] = lambda: run_events_heldout(gold_dir)
    if (gold_dir / "actors.jsonl").exists():
        from flashpoint.evaluate.actors import run_actors

        stages["actors"] = lambda: run_actors(gold_dir / "actors.jsonl")
    if (gold_dir / "places.jsonl").exists():
        from flashpoint.evaluate.places import run_places

        stages["places"] = lambda: run_places(gold_dir / "places.jsonl")
    stages["alerts"] = _alerts_backtest
    if (gold_dir / "merge").is_dir():
        from flashpoint.evaluate.merge import run_merge

        stages["merge"] = lambda: run_merge(gold_dir / "merge")
    if (gold_dir / "merge_blind").is_dir():
        from flashpoint.evaluate.merge import run_merge

        # Written without sight of the merge rules: the honest measure of merging.
        stages["merge_blind"] = lambda: run_merge(gold_dir / "merge_blind", name="merge_blind")
    if (gold_dir / "merge_holdout").is_dir():
        from flashpoint.evaluate.merge import run_merge

        # Written before the merge_blind errors were studied; never tuned against.
        stages["merge_holdout"] = lambda: run_merge(
            gold_dir / "merge_holdout", name="merge_holdout"
        )
    return stages


def all_scores(gold_dir: Path) -> tuple[Scores, EventReport]:
    """Every stage's scores (the quality gate and `flashpoint eval` both use this)."""
    scores, report = run_events(gold_dir)
    for name, fn in _stages(gold_dir).items():
        if name != "events":
            for part, metrics in fn().items():
                scores.setdefault(part, {}).update(metrics)
    return scores, report


def _alerts_backtest() -> Scores:
    """Alert precision/recall on the seeded simulated backtest (no gold file needed)."""
    from flashpoint.trends import run_backtest

    result = run_backtest()["alerts"]
    keys = [
        "precision",
        "recall",
        "false_alarms",
        "lead_time_days",
        "naive_threshold_precision",
        "naive_threshold_false_alarms",
    ]
    return {"alerts": {k: float(result[k]) for k in keys if k in result}}


def below_floor(scores: Scores, floors: Scores) -> list[str]:
    failures = []
    for stage, metrics in floors.items():
        for metric, floor in metrics.items():
            value = scores.get(stage, {}).get(metric)
            if value is not None and value + 1e-9 < floor:
                failures.append(f"{stage}.{metric} = {value:.3f} < floor {floor:.3f}")
    return failures


def _scores_table(scores: Scores, floors: Scores) -> Table:
    table = Table(title="flashpoint eval")
    for col in ("stage", "metric", "score", "floor", ""):
        table.add_column(col)
    for stage, metrics in scores.items():
        for metric, value in metrics.items():
            floor = floors.get(stage, {}).get(metric)
            status = "" if floor is None else ("ok" if value + 1e-9 >= floor else "BELOW FLOOR")
            table.add_row(
                stage, metric, f"{value:.3f}", "" if floor is None else f"{floor:.2f}", status
            )
    return table


def _confusion_table(report: EventReport) -> Table:
    labels = [*EVENT_TYPES, "NONE"]
    used = [t for t in labels if any(t in pair for pair in report.confusion)]
    table = Table(title="confusion: rows gold, columns predicted")
    table.add_column("gold \\ pred", no_wrap=True)
    for t in used:
        table.add_column(t[:4], justify="right", no_wrap=True)
    for g in used:
        table.add_row(g, *(str(report.confusion.get((g, p), "")) for p in used))
    return table


def main(
    stage: str | None,
    *,
    gold_dir: Path | None = None,
    confusion: bool = False,
    console: Console | None = None,
) -> int:
    out = console or Console()
    gdir = gold_dir or default_gold_dir()
    if not (gdir / "events.jsonl").exists():
        out.print(f"no gold set at {gdir} (run from the repository root or pass --gold)")
        return 2
    floors = load_floors(gdir)
    scores: Scores = {}
    if stage in (None, "events", "actors", "dates", "fatalities") or confusion:
        event_part, report = run_events(gdir)
        scores.update(event_part)
        if confusion:
            wide = Console(file=out.file, width=max(out.width, 140))  # 17 columns need room
            wide.print(_confusion_table(report))
    for name, fn in _stages(gdir).items():
        if name != "events" and stage in (None, name):
            for part, metrics in fn().items():
                scores.setdefault(part, {}).update(metrics)
    if stage is not None:
        scores = {k: v for k, v in scores.items() if k == stage}
    out.print(_scores_table(scores, floors))
    failures = below_floor(scores, floors)
    for failure in failures:
        out.print(f"[red]{failure}[/red]")
    return 1 if failures else 0
