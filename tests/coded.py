"""The dyads a text is coded with, for tests of event coding."""

from __future__ import annotations

from datetime import date

import flashpoint


def dyads(text: str, event_type: str, published: date) -> list[tuple[str | None, str | None]]:
    """(actor1 code, actor2 code) of each event of ``event_type`` extracted from ``text``."""
    return [
        (e.actor1.code if e.actor1 else None, e.actor2.code if e.actor2 else None)
        for e in flashpoint.extract(text, published=published)
        if e.event_type == event_type
    ]
