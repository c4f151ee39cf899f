"""Scoring actor resolution against ``tests/gold/actors.jsonl``.

Each line: ``{"id", "published", "text", "mentions": [{"text", "label", "name"?}],
"not_actors": [...]}``; mentions are exhaustive, so an actor found elsewhere is a false positive.
A label is a code, ISO3, sector or organisation name (see tests/gold/README.md), or a list of them
for a description that stands for several actors ("the two leaders").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from flashpoint.evaluate.events import actor_matches
from flashpoint.evaluate.metrics import PRF
from flashpoint.extract.actors import ActorIndex, ActorResolver
from flashpoint.extract.places import article_place, find_places
from flashpoint.model import Actor
from flashpoint.nlp import parse_many


@dataclass
class ActorReport:
    scores: PRF = field(default_factory=PRF)
    errors: list[str] = field(default_factory=list)


def _occurrences(text: str, surface: str, taken: set[int]) -> tuple[int, int] | None:
    """The first occurrence of surface not claimed by an earlier gold mention."""
    start = text.find(surface)
    while start != -1:
        if start not in taken:
            taken.add(start)
            return start, start + len(surface)
        start = text.find(surface, start + 1)
    return None


def _index(doc: Doc, published: date | None, resolver: ActorResolver) -> ActorIndex:
    index = resolver(doc, published)
    places = find_places(doc, excluded=index.char_spans(), context_countries=index.countries())
    home = article_place(doc, places)
    index.apply_context(home.country if home else next(iter(index.countries()), None))
    return index


def _predicted_for(index: ActorIndex, doc: Doc, start: int, end: int) -> list[Actor]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    for token in span:
        mention = index.mention_at(token)
        if mention is not None:
            return [mention.actor]
    return index.actors_for(span.root)


def _labels_ok(labels: list[str], actors: list[Actor]) -> bool:
    if not actors:
        return False
    return all(any(actor_matches(lab, a) for a in actors) for lab in labels)


def score_item(item: dict[str, Any], doc: Doc, index: ActorIndex, report: ActorReport) -> None:
    taken: set[int] = set()
    gold_spans: list[tuple[int, int]] = []
    for gold in item.get("mentions", []):
        where = _occurrences(item["text"], gold["text"], taken)
        if where is None:
            report.errors.append(f"{item['id']}: gold text {gold['text']!r} not found")
            continue
        gold_spans.append(where)
        labels = gold["label"] if isinstance(gold["label"], list) else [gold["label"]]
        predicted = _predicted_for(index, doc, *where)
        if _labels_ok(labels, predicted):
            report.scores.tp += 1
        else:
            report.scores.fn += 1
            report.scores.fp += bool(predicted)
            got = [a.code or a.org for a in predicted]
            report.errors.append(f"{item['id']}: {gold['text']!r} want {labels} got {got}")
    for mention in index.mentions:
        start = doc[mention.start].idx
        end = doc[mention.end - 1].idx + len(doc[mention.end - 1])
        if not any(start < g_end and g_start < end for g_start, g_end in gold_spans):
            report.scores.fp += 1
            report.errors.append(
                f"{item['id']}: spurious {mention.actor.text!r} {mention.actor.code}"
            )


def evaluate_actors(path: Path) -> ActorReport:
    with path.open(encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    resolver = ActorResolver()
    report = ActorReport()
    for item, doc in zip(items, parse_many(it["text"] for it in items), strict=True):
        published = date.fromisoformat(item["published"]) if item.get("published") else None
        score_item(item, doc, _index(doc, published, resolver), report)
    return report


def run_actors(path: Path) -> dict[str, dict[str, float]]:
    report = evaluate_actors(path)
    s = report.scores
    return {"actor_mentions": {"precision": s.precision, "recall": s.recall, "f1": s.f1}}
