"""Scoring extracted events against ``tests/gold/events.jsonl`` (format: tests/gold/README.md)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from flashpoint.evaluate.metrics import PRF, Accuracy, haversine_km
from flashpoint.model import Actor, Article, Event
from flashpoint.pipeline import run
from flashpoint.resources import read_tsv

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
SECTORS = frozenset(
    [
        "GOV",
        "MIL",
        "COP",
        "REB",
        "CVL",
        "OPP",
        "REF",
        "JRN",
        "MED",
        "UAF",
        "JUD",
        "LEG",
        "PTY",
        "BUS",
        "ELI",
        "IGO",
        "NGO",
        "SPY",
        "EDU",
        "REL",
    ]
)
THRESHOLD = 0.5  # an event counts as predicted at this confidence or above
PLACE_KM = 25.0


def load_gold(path: Path) -> list[dict[str, Any]]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                items.append(json.loads(line))
    return items


def actor_matches(gold: str | None, actor: Actor | None) -> bool:
    """Gold label conventions: ISO3, CAMEO-style code prefix, sector, or organisation name."""
    if gold is None:
        return actor is None
    if actor is None:
        return False
    if gold == actor.code or actor.code.startswith(gold) or gold == actor.country:
        return True
    if gold in SECTORS and gold == actor.sector:
        return True
    if bool(actor.org) and gold.casefold() == (actor.org or "").casefold():
        return True
    # "United Nations" (IGOUNO) covers its organs and agencies (IGOUNOGAS, IGOUNOWFP ...), as
    # "TUR" covers "TURMIL": the code hierarchy applies to organisations named by name too.
    parent = _igo_codes().get(gold.casefold())
    return parent is not None and actor.code.startswith(parent)


@lru_cache(maxsize=1)
def _igo_codes() -> dict[str, str]:
    """Canonical IGO names and their CAMEO codes, from the actor dictionary's igos.tsv."""
    return {
        row["name"].casefold(): row["code"]
        for row in read_tsv("actors/igos.tsv")
        if row.get("code", "").startswith("IGO")
    }


def _dyad_ok(gold: dict[str, Any], pred: Event) -> bool:
    g1, g2 = gold.get("actor1"), gold.get("actor2")
    direct = actor_matches(g1, pred.actor1) and actor_matches(g2, pred.actor2)
    if direct or gold["type"] not in SYMMETRIC:
        return direct
    return actor_matches(g1, pred.actor2) and actor_matches(g2, pred.actor1)


def _actor_overlap(gold: dict[str, Any], pred: Event) -> int:
    n = 0
    for g, a in ((gold.get("actor1"), pred.actor1), (gold.get("actor2"), pred.actor2)):
        if g is not None and actor_matches(g, a):
            n += 1
    return n


@dataclass
class EventReport:
    strict: PRF = field(default_factory=PRF)  # type + actor1 + actor2
    typed: PRF = field(default_factory=PRF)  # type only
    actors: PRF = field(default_factory=PRF)  # actor slots, on type-matched events
    per_type: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    places: Accuracy = field(default_factory=Accuracy)
    dates: Accuracy = field(default_factory=Accuracy)
    fatalities: Accuracy = field(default_factory=Accuracy)
    modality: Accuracy = field(default_factory=Accuracy)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        scores = [p.f1 for p in self.per_type.values() if p.tp + p.fn > 0]
        return sum(scores) / len(scores) if scores else 0.0


def _match(
    golds: list[dict[str, Any]], preds: list[Event], *, strict: bool
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: same type (and, if strict, same dyad), best actor overlap."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, g in enumerate(golds):
        best, best_score = None, -1
        for pi, p in enumerate(preds):
            if pi in used or p.event_type != g["type"]:
                continue
            if strict and not _dyad_ok(g, p):
                continue
            s = _actor_overlap(g, p)
            if s > best_score:
                best, best_score = pi, s
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def _score_item(report: EventReport, item: dict[str, Any], preds: list[Event]) -> None:
    golds = item.get("events", [])
    strict_pairs = _match(golds, preds, strict=True)
    report.strict.tp += len(strict_pairs)
    report.strict.fp += len(preds) - len(strict_pairs)
    report.strict.fn += len(golds) - len(strict_pairs)
    matched_g = {g for g, _ in strict_pairs}
    matched_p = {p for _, p in strict_pairs}
    for gi, g in enumerate(golds):
        report.per_type[g["type"]].fn += gi not in matched_g
        report.per_type[g["type"]].tp += gi in matched_g
    for pi, p in enumerate(preds):
        if pi not in matched_p:
            report.per_type[p.event_type].fp += 1
    for gi, g in enumerate(golds):
        if gi not in matched_g:
            report.errors.append(
                f"{item['id']}: missed {g['type']} {g.get('actor1')}→{g.get('actor2')}"
            )
    for pi, p in enumerate(preds):
        if pi not in matched_p:
            a1 = p.actor1.code if p.actor1 else None
            a2 = p.actor2.code if p.actor2 else None
            report.errors.append(f"{item['id']}: spurious {p.event_type} {a1}→{a2} [{p.trigger}]")
    typed_pairs = _match(golds, preds, strict=False)
    report.typed.tp += len(typed_pairs)
    report.typed.fp += len(preds) - len(typed_pairs)
    report.typed.fn += len(golds) - len(typed_pairs)
    for gi, pi in typed_pairs:
        _score_attributes(report, golds[gi], preds[pi])
    _confusion(report, golds, preds)


def _score_attributes(report: EventReport, g: dict[str, Any], p: Event) -> None:
    for key, actor in (("actor1", p.actor1), ("actor2", p.actor2)):
        label = g.get(key)
        if label is not None and actor_matches(label, actor):
            report.actors.tp += 1
        else:
            report.actors.fp += actor is not None
            report.actors.fn += label is not None
    if g.get("lat") is not None and g.get("lon") is not None:
        loc = p.location
        ok = loc is not None and haversine_km(g["lat"], g["lon"], loc.lat, loc.lon) <= PLACE_KM
        report.places.record(ok)
    if g.get("date"):
        report.dates.record(p.date is not None and p.date.isoformat() == g["date"])
    if g.get("fatalities") is not None:
        report.fatalities.record(p.fatalities == g["fatalities"])
    report.modality.record(p.modality == g.get("modality", "asserted"))


def _confusion(report: EventReport, golds: list[dict[str, Any]], preds: list[Event]) -> None:
    used: set[int] = set()
    for g in golds:
        options = [(i, p) for i, p in enumerate(preds) if i not in used]
        options.sort(key=lambda ip: (-(ip[1].event_type == g["type"]), -_actor_overlap(g, ip[1])))
        if options and (options[0][1].event_type == g["type"] or _actor_overlap(g, options[0][1])):
            used.add(options[0][0])
            report.confusion[(g["type"], options[0][1].event_type)] += 1
        else:
            report.confusion[(g["type"], "NONE")] += 1
    for i, p in enumerate(preds):
        if i not in used:
            report.confusion[("NONE", p.event_type)] += 1


def evaluate_events(
    items: Iterable[dict[str, Any]], *, threshold: float = THRESHOLD
) -> EventReport:
    items = list(items)
    articles = [
        Article(
            text=it["text"],
            published=date.fromisoformat(it["published"]) if it.get("published") else None,
        )
        for it in items
    ]
    report = EventReport()
    for item, (_article, events) in zip(items, run(articles), strict=True):
        kept = [e for e in events if e.confidence >= threshold]
        _score_item(report, item, kept)
    return report
