"""The Goldstein-like weight of one event and PLOVER's quad class of its type."""

from __future__ import annotations

from flashpoint.trends.config import mode_multipliers, type_weights
from flashpoint.trends.events import Event


def quad_of(event_type: str) -> str:
    return type_weights()[event_type].quad


def is_conflict(event_type: str) -> bool:
    return quad_of(event_type).endswith("conflict")


def rung_of(event_type: str) -> int:
    return type_weights()[event_type].rung


def event_weight(event: Event) -> float:
    """Signed weight: the type's weight scaled by its mode's multiplier (1.0 when unlisted)."""
    event_type = str(event["event_type"])
    base = type_weights()[event_type].weight
    multiplier = mode_multipliers().get((event_type, str(event.get("mode") or "")), 1.0)
    return base * multiplier


def conflict_intensity(event: Event) -> float:
    """The hostile part of an event's weight (0 for cooperative events)."""
    return max(0.0, -event_weight(event))
