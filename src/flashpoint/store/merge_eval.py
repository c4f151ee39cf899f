"""Evaluation of cross-report merging on the gold set in ``tests/gold/merge/``.

Each gold line is one report: ``cluster`` (the real-world event it describes), the article
(``text``, ``published``, ``source``, ``url``) and ``event``, the record an extractor should give
(contract Event fields; ``article_id``, ``event_id``, ``span`` and ``sentence`` may be left out and
are derived from the text).  The reports are ingested, in publication order, into a fresh
in-memory store (the real code path, database included); the stored events are the predicted
clusters.  Scores: pairwise precision/recall/F1 over pairs of reports, and B-cubed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from flashpoint.model import Article, Event, event_id_for
from flashpoint.store.records import event_from_dict, parse_date
from flashpoint.store.schema import event_sources
from flashpoint.store.store import open_store


@dataclass(frozen=True)
class GoldReport:
    cluster: str
    article: Article
    event: Event


def _gold_files(path: Path) -> list[Path]:
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def gold_report(data: Mapping[str, Any]) -> GoldReport:
    """One gold line as an article and its already-extracted event."""
    article = Article(
        text=data["text"],
        url=data.get("url"),
        title=data.get("title"),
        published=parse_date(data.get("published")),
        source=data.get("source"),
    )
    event = dict(data["event"])
    sentence = event.get("sentence") or data["text"]
    start = max(0, data["text"].find(sentence))
    span = event.get("span") or [start, start + len(sentence)]
    event.setdefault("article_id", article.article_id)
    event.setdefault("sentence", sentence)
    event["span"] = span
    event.setdefault(
        "event_id", event_id_for(article.article_id, (span[0], span[1]), event["event_type"])
    )
    return GoldReport(str(data["cluster"]), article, event_from_dict(event))


def load_gold(path: str | Path) -> list[GoldReport]:
    reports = []
    for file in _gold_files(Path(path)):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                reports.append(gold_report(json.loads(line)))
    return reports


def predict_clusters(reports: Sequence[GoldReport]) -> dict[str, str]:
    """Report event id → stored event id, after ingesting in publication order."""
    order = sorted(
        range(len(reports)),
        key=lambda i: (reports[i].article.published or parse_date("1900-01-01"), i),
    )
    with open_store("sqlite://") as store:
        for i in order:
            store.add(reports[i].article, [reports[i].event])
        with store.engine.connect() as conn:
            rows = conn.execute(
                sa.select(event_sources.c.report_event_id, event_sources.c.event_id)
            )
            return {r.report_event_id: r.event_id for r in rows}


def _pairs(labels: Mapping[str, str]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in combinations(sorted(labels), 2) if labels[a] == labels[b]}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def pairwise_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    gold_pairs, predicted_pairs = _pairs(gold), _pairs(predicted)
    hits = len(gold_pairs & predicted_pairs)
    precision = hits / len(predicted_pairs) if predicted_pairs else 1.0
    recall = hits / len(gold_pairs) if gold_pairs else 1.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def bcubed_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    items = sorted(gold)
    precision = recall = 0.0
    for item in items:
        same_pred = {o for o in items if predicted[o] == predicted[item]}
        same_gold = {o for o in items if gold[o] == gold[item]}
        both = len(same_pred & same_gold)
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    n = len(items) or 1
    precision, recall = precision / n, recall / n
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def evaluate_merge(path: str | Path) -> dict[str, Any]:
    """Pairwise and B-cubed precision/recall/F1 of merging on a gold file or directory."""
    reports = load_gold(path)
    gold = {r.event.event_id: r.cluster for r in reports}
    predicted = predict_clusters(reports)
    missing = sorted(set(gold) - set(predicted))
    for event_id in missing:  # not stored at all: count it as a cluster of its own
        predicted[event_id] = f"missing:{event_id}"
    predicted = {k: v for k, v in predicted.items() if k in gold}
    wrong = sorted(
        {gold[a] + " ~ " + gold[b] for a, b in _pairs(predicted) - _pairs(gold)}
        | {gold[a] + " split" for a, b in _pairs(gold) - _pairs(predicted)}
    )
    return {
        "reports": len(reports),
        "clusters": len(set(gold.values())),
        "predicted_clusters": len(set(predicted.values())),
        "pairwise": pairwise_scores(gold, predicted),
        "bcubed": bcubed_scores(gold, predicted),
        "errors": wrong,
    }
