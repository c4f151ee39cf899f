"""Scoring place mentions and event locations against ``tests/gold/places.jsonl``.

Each gold line: ``{"id", "text", "mentions": [{"text", "country", "lat", "lon", "precision"}],
"event_place": surface text or null, "not_places": [...]}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flashpoint.evaluate.metrics import PRF, Accuracy, haversine_km
from flashpoint.model import Article, Place
from flashpoint.nlp import parse_many
from flashpoint.pipeline import run

MENTION_KM = 161.0  # the customary geoparsing threshold (100 miles)
EVENT_KM = 25.0


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_places(path: Path) -> dict[str, dict[str, float]]:
    from flashpoint.extract.places import find_places

    items = _load(path)
    within = Accuracy()
    country = Accuracy()
    within_found = Accuracy()  # given the toponym was found (how Mordecai reports accuracy)
    country_found = Accuracy()
    spurious = PRF()
    for item, doc in zip(items, parse_many(it["text"] for it in items), strict=True):
        found = find_places(doc)
        by_text = {m.text.casefold(): m for m in found}
        for gold in item.get("mentions", []):
            got = by_text.get(gold["text"].casefold())
            within.record(
                got is not None
                and haversine_km(gold["lat"], gold["lon"], got.place.lat, got.place.lon)
                <= MENTION_KM
            )
            country.record(got is not None and got.place.country == gold["country"])
            if got is not None:
                within_found.record(within.correct_last)
                country_found.record(got.place.country == gold["country"])
        not_places = {t.casefold() for t in item.get("not_places", [])}
        wrong = sum(1 for m in found if m.text.casefold() in not_places)
        spurious.fp += wrong
        spurious.tp += len(found) - wrong
    event_acc = _event_locations(items)
    return {
        "places": {
            "accuracy_161km": within.value,
            "country_accuracy": country.value,
            "accuracy_161km_found": within_found.value,
            "country_accuracy_found": country_found.value,
            "event_location_accuracy": event_acc.value,
            "not_place_precision": spurious.precision if spurious.tp + spurious.fp else 1.0,
        }
    }


def _event_locations(items: list[dict[str, Any]]) -> Accuracy:
    acc = Accuracy()
    scored = [it for it in items if it.get("event_place")]
    articles = [Article(text=it["text"]) for it in scored]
    for item, (_a, events) in zip(scored, run(articles), strict=True):
        target = next(
            (m for m in item["mentions"] if m["text"].casefold() == item["event_place"].casefold()),
            None,
        )
        located = [e.location for e in events if e.location is not None]
        acc.record(target is not None and bool(located) and _same_place(target, located[0]))
    return acc


def _same_place(gold: dict[str, Any], place: Place) -> bool:
    """A town must be within 25 km; a region within 161 km (region points differ between
    gazetteers: GeoNames' own point vs the centre of its towns); a country must match."""
    precision = gold.get("precision", "point")
    if precision == "country":
        return bool(place.country == gold["country"])
    limit = EVENT_KM if precision == "point" else MENTION_KM
    return haversine_km(gold["lat"], gold["lon"], place.lat, place.lon) <= limit
