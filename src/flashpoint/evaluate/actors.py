"""Scoring actor resolution against ``tests/gold/actors.jsonl``.

Each line: ``{"id", "published", "text", "mentions": [{"text", "label", "name"?}],
"not_actors": [...]}``; mentions are exhaustive, so an actor found elsewhere is a false positive.
A label is a code, ISO3, sector or organisation name (see tests/gold/README.md), or a list of them
for a description that stands for several actors ("the two leaders").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from flashpoint.evaluate.events import actor_matches
from flashpoint.evaluate.metrics import PRF
from flashpoint.extract.actors import ActorIndex, ActorResolver
from flashpoint.extract.event_places import article_place
from flashpoint.extract.places import find_places
from flashpoint.model import Actor
from flashpoint.nlp import parse_many


@dataclass
class ActorReport:
    scores: PRF = field(default_factory=PRF)
    errors: list[str] = field(default_factory=list)


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Every occurrence of surface that neither starts nor ends inside a word."""
    head = r"(?<!\w)" if surface[:1].isalnum() else ""
    tail = r"(?!\w)" if surface[-1:].isalnum() or surface[-1:] == "." else ""
    return [m.span() for m in re.finditer(head + re.escape(surface) + tail, text)]


def _index(doc: Doc, published: date | None, resolver: ActorResolver) -> ActorIndex:
    index = resolver(doc, published)
    places = find_places(doc, excluded=index.char_spans(), context_countries=index.countries())
    home = article_place(doc, places)
    index.apply_context(home.country if home else next(iter(index.countries()), None))
    return index


def _predicted_for(
    index: ActorIndex, doc: Doc, start: int, end: int, labels: list[str]
) -> list[Actor]:
    """What the system takes a gold phrase to stand for.

    The phrase's head decides when a mention covers it ("UN relief chief Martin Griffiths" is
    Griffiths, not the UN), with its conjuncts when the gold names several actors; otherwise
    the first mention inside the phrase; otherwise what the head resolves to (pronouns, "its
    forces", "the two leaders"), and for an attacked place ("Iran's nuclear facilities") its
    owner, as the event stage reads it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    head = index.mention_at(span.root)
    if head is not None:
        return index.actors_for(span.root) if len(labels) > 1 else [head.actor]
    for token in span:
        mention = index.mention_at(token)
        if mention is not None:
            return [mention.actor]
    found = index.actors_for(span.root)
    if found:
        return found
    owner = index.facility_owner(span.root)
    return [owner] if owner is not None else []


def _labels_ok(labels: list[str], actors: list[Actor]) -> bool:
    if not actors:
        return False
    return all(any(actor_matches(lab, a) for a in actors) for lab in labels)


@dataclass(frozen=True)
class _Judged:
    """One gold mention scored at one place in the text."""

    where: tuple[int, int]
    ok: bool
    predicted: list[Actor]
    error: str


def _judge(
    item: dict[str, Any], doc: Doc, index: ActorIndex, gold: dict[str, Any], where: tuple[int, int]
) -> _Judged:
    labels = gold["label"] if isinstance(gold["label"], list) else [gold["label"]]
    predicted = _predicted_for(index, doc, *where, labels)
    got = [a.code or a.org for a in predicted]
    error = f"{item['id']}: {gold['text']!r} want {labels} got {got}"
    return _Judged(where, _labels_ok(labels, predicted), predicted, error)


def _mentioned_at(index: ActorIndex, doc: Doc, where: tuple[int, int]) -> bool:
    span = doc.char_span(*where, alignment_mode="expand")
    return span is not None and any(index.mention_at(t) is not None for t in span)


def _align(
    item: dict[str, Any],
    doc: Doc,
    index: ActorIndex,
    golds: list[dict[str, Any]],
    places: list[tuple[int, int]],
) -> list[_Judged]:
    """Gold mentions carry no offsets: when a surface occurs more often than it is listed
    ("southern Israel ... Israel was at war"), take the places, in text order, that agree best
    with the system (right labels, and no mention where the gold lists none)."""
    best: list[_Judged] = []
    best_score = -(10**9)
    for chosen in combinations(places, len(golds)):
        judged = [_judge(item, doc, index, g, w) for g, w in zip(golds, chosen, strict=True)]
        unlisted = sum(_mentioned_at(index, doc, w) for w in places if w not in chosen)
        score = sum(2 * j.ok - bool(j.predicted) for j in judged) - unlisted
        if score > best_score:
            best, best_score = judged, score
    return best


def score_item(item: dict[str, Any], doc: Doc, index: ActorIndex, report: ActorReport) -> None:
    by_surface: dict[str, list[dict[str, Any]]] = {}
    for gold in item.get("mentions", []):
        by_surface.setdefault(gold["text"], []).append(gold)
    gold_spans: list[tuple[int, int]] = []
    for surface in sorted(by_surface, key=len, reverse=True):  # longer phrases claim text first
        golds = by_surface[surface]
        places = [
            w
            for w in _occurrences(item["text"], surface)
            if not any(w[0] < e and s < w[1] for s, e in gold_spans)
        ]
        if len(places) < len(golds):
            report.errors.append(f"{item['id']}: gold text {surface!r} not found")
            continue
        for judged in _align(item, doc, index, golds, places):
            gold_spans.append(judged.where)
            if judged.ok:
                report.scores.tp += 1
            else:
                report.scores.fn += 1
                report.scores.fp += bool(judged.predicted)
                report.errors.append(judged.error)
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
