"""The alert record of the public contract, with a stable id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from flashpoint.model import stable_hash

ALERT_KINDS = ("surge", "ladder", "ceasefire_violation", "new_actor", "massing")


def make_alert(
    kind: str,
    *,
    country: str | None,
    region: str | None,
    dyad: tuple[str, str] | None,
    window: tuple[date, date],
    score: float,
    reason: str,
    event_ids: Sequence[str],
) -> dict[str, Any]:
    """A contract alert; ``alert_id`` hashes kind + scope + window, so re-runs give the same id."""
    if kind not in ALERT_KINDS:
        raise ValueError(f"unknown alert kind {kind!r}")
    start, end = window
    scope = (country or "", region or "", "-".join(dyad) if dyad else "")
    return {
        "alert_id": stable_hash("alert", kind, *scope, start.isoformat(), end.isoformat()),
        "kind": kind,
        "country": country,
        "region": region,
        "dyad": list(dyad) if dyad else None,
        "window_start": start.isoformat(),
        "window_end": end.isoformat(),
        "score": round(float(score), 3),
        "reason": reason,
        "event_ids": list(dict.fromkeys(event_ids)),
    }


def place_label(country: str | None, region: str | None) -> str:
    if region and country:
        return f"{region} ({country})"
    return country or region or "an unknown place"
