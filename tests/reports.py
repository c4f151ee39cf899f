"""Building test events by hand: an asserted ASSAULT read from one sentence of an article."""

from __future__ import annotations

from typing import Any

from flashpoint.model import Event, event_id_for


def assault(article_id: str, sentence: str, span: tuple[int, int], **fields: Any) -> Event:
    """An event read from ``sentence`` at ``span`` (defaults: an asserted ASSAULT, no actors,
    no place, no toll); ``fields`` override any record field."""
    base: dict[str, Any] = {
        "date": None,
        "date_precision": "day",
        "event_type": "ASSAULT",
        "mode": None,
        "cameo_code": "190",
        "acled_event_type": None,
        "acled_sub_event_type": None,
        "modality": "asserted",
        "actor1": None,
        "actor2": None,
        "location": None,
        "fatalities": None,
        "injuries": None,
        "attribution": None,
        "confidence": 0.8,
    }
    base.update(fields)
    event_id = event_id_for(article_id, span, base["event_type"])
    return Event(event_id=event_id, article_id=article_id, sentence=sentence, span=span, **base)
