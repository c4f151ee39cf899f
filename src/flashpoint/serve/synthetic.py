"""Realistic synthetic reports (articles with coded events) for benchmarks, demos and tests.

They are built from ``flashpoint.model`` records directly, so that what the dashboard shows does
not depend on how well the extractor currently reads text.  Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, cast

from flashpoint.model import Actor, Article, Event, EventType, Place, event_id_for

WORLD = Path(__file__).parent / "data" / "synthetic_world.json"


@dataclass(frozen=True)
class World:
    places: dict[str, list[Place]]
    actors: dict[str, list[Actor]]
    international: list[Actor]
    types: dict[str, dict[str, Any]]
    outlets: list[str]


@cache
def load_world() -> World:
    raw = json.loads(WORLD.read_text(encoding="utf-8"))
    places: dict[str, list[Place]] = {}
    actors: dict[str, list[Actor]] = {}
    for iso3, data in raw["countries"].items():
        places[iso3] = [
            Place(name, name, iso3, admin1, lat, lon, "point")
            for name, admin1, lat, lon in data["places"]
        ]
        actors[iso3] = [
            Actor(name, name, code, iso3, sector) for code, name, sector in data["actors"]
        ]
    international = [
        Actor(n, n, code, iso, sector) for code, n, sector, iso in raw["international"]
    ]
    return World(places, actors, international, raw["types"], raw["outlets"])


def _pick_type(rng: random.Random, world: World) -> str:
    names = list(world.types)
    return rng.choices(names, weights=[world.types[n]["weight"] for n in names])[0]


def _fatalities(rng: random.Random, deadly: bool) -> int | None:
    if not deadly:
        return None
    return int(rng.paretovariate(1.3)) - 1 if rng.random() < 0.7 else 0


def synthetic_event(
    rng: random.Random, world: World, article_id: str, day: date, offset: int
) -> Event:
    """One plausible event in a random country, between two actors, at a known place."""
    country = rng.choice(sorted(world.places))
    event_type = _pick_type(rng, world)
    spec = world.types[event_type]
    actor1, actor2 = rng.sample(world.actors[country], 2)
    if not spec["deadly"] and rng.random() < 0.2:  # outsiders talk, help and sanction
        actor1 = rng.choice(world.international)
    place = rng.choice(world.places[country])
    jitter = Place(
        place.text, place.name, place.country, place.admin1,
        round(place.lat + rng.uniform(-0.3, 0.3), 4), round(place.lon + rng.uniform(-0.3, 0.3), 4),
        "point",
    )  # fmt: skip
    deaths = _fatalities(rng, bool(spec["deadly"]))
    sentence = f"The {actor1.name} {spec['verb']} the {actor2.name} in {place.name} on {day:%d %B}."
    if deaths:
        sentence = sentence[:-1] + f", killing {deaths} {'person' if deaths == 1 else 'people'}."
    span = (offset, offset + len(sentence))
    acled = spec["acled"]
    return Event(
        event_id=event_id_for(article_id, span, event_type),
        article_id=article_id,
        date=day,
        date_precision="day",
        event_type=cast(EventType, event_type),
        mode=None,
        cameo_code=str(spec["cameo"]),
        acled_event_type=acled[0] if acled else None,
        acled_sub_event_type=acled[1] if acled else None,
        modality="asserted",
        actor1=actor1,
        actor2=actor2,
        location=jitter,
        fatalities=deaths,
        injuries=None,
        attribution=None,
        confidence=round(rng.uniform(0.55, 0.95), 3),
        sentence=sentence,
        span=span,
    )


def synthetic_reports(
    n_articles: int, *, seed: int = 7, first_day: date = date(2024, 1, 1), days: int = 180
) -> Iterator[tuple[Article, list[Event]]]:
    """``n_articles`` articles, each with one to three events on dates within ``days``."""
    rng = random.Random(seed)
    world = load_world()
    for number in range(n_articles):
        day = first_day + timedelta(days=rng.randrange(days))
        # The random tail keeps articles of different seeds distinct (no duplicate detection).
        text = f"Report {number} ({seed}, {rng.random():.12f})."
        drafts: list[Event] = []
        for _ in range(rng.randint(1, 3)):
            draft = synthetic_event(rng, world, "", day, len(text) + 1)
            text = f"{text} {draft.sentence}"
            drafts.append(draft)
        article = Article(
            text=text,
            url=f"https://news.example.org/{seed}/{number}",
            title=f"Report {number} from {drafts[0].location.name if drafts[0].location else ''}",
            published=day + timedelta(days=1),
            source=rng.choice(world.outlets),
        )
        yield article, [_owned_by(e, article.article_id) for e in drafts]


def _owned_by(event: Event, article_id: str) -> Event:
    """The draft event with the real article id (and therefore its real event id)."""
    return replace(
        event,
        article_id=article_id,
        event_id=event_id_for(article_id, event.span, event.event_type),
    )
