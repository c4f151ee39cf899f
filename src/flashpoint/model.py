"""Records passed between pipeline stages.

Every record is a frozen dataclass.  ``to_dict()`` returns exactly the JSON shape fixed by
the public contract (``shared/CONTRACT.md``); fields that exist only for provenance or for
internal use are kept out of it on purpose.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, get_args

EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
Modality = Literal["asserted", "negated", "uncertain", "intended"]
DatePrecision = Literal["day", "week", "month", "year"]
PlacePrecision = Literal["point", "admin2", "admin1", "country"]


def normalise_text(text: str) -> str:
    """Canonical form used for article identity: NFC, collapsed white space, stripped.  (``split``
    breaks on the characters regex ``\\s`` matches, and ``join`` does what substituting one space
    for each run of them and stripping the ends did, without a match object per space.)"""
    return " ".join(unicodedata.normalize("NFC", text).split())


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex digest of the given parts (independent of Python's hash seed)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True, slots=True)
class Article:
    """One news report as read from an input file."""

    text: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None
    origin: str | None = field(default=None, compare=False)  # file path (and line) it came from

    @property
    def article_id(self) -> str:
        return stable_hash(normalise_text(self.text))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor.  ``rule`` records which dictionary entry or rule produced it."""

    text: str
    name: str
    code: str
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    rule: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "org": self.org,
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A place resolved against the gazetteer."""

    text: str
    name: str
    country: str
    admin1: str | None
    lat: float
    lon: float
    precision: PlacePrecision
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "geonameid": self.geonameid,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, read from one sentence of one report."""

    event_id: str
    article_id: str
    date: date | None
    date_precision: DatePrecision
    event_type: EventType
    mode: str | None
    cameo_code: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    modality: Modality
    actor1: Actor | None
    actor2: Actor | None
    location: Place | None
    fatalities: int | None
    injuries: int | None
    attribution: str | None
    confidence: float
    sentence: str
    span: tuple[int, int]
    # Internal: the trigger word and whether a casualty figure is a lower bound ("dozens").
    trigger: str = field(default="", compare=False)
    fatalities_lower_bound: bool = field(default=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "event_type": self.event_type,
            "mode": self.mode,
            "cameo_code": self.cameo_code,
            "acled_event_type": self.acled_event_type,
            "acled_sub_event_type": self.acled_sub_event_type,
            "modality": self.modality,
            "actor1": self.actor1.to_dict() if self.actor1 else None,
            "actor2": self.actor2.to_dict() if self.actor2 else None,
            "location": self.location.to_dict() if self.location else None,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "attribution": self.attribution,
            "confidence": round(self.confidence, 3),
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
        }


def event_id_for(article_id: str, span: tuple[int, int], event_type: str, key: str = "") -> str:
    """Stable id of an event: article + sentence span + type (+ a dyad key for several per span)."""
    return stable_hash(article_id, span[0], span[1], event_type, key)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A calendar date with the precision the text supports."""

    value: date
    precision: DatePrecision
