"""All alert rules over a list of event dicts, and over a store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Protocol

from flashpoint.trends.config import AlertSettings
from flashpoint.trends.events import Event, counted
from flashpoint.trends.record import ALERT_KINDS
from flashpoint.trends.rules import (
    ceasefire_alerts,
    ladder_alerts,
    massing_alerts,
    new_actor_alerts,
)
from flashpoint.trends.surge import surge_alerts


class EventSource(Protocol):
    """What ``alerts`` needs from a store."""

    def iter_events(self, page_size: int = 1000, **filters: Any) -> Iterable[dict[str, Any]]: ...


def find_alerts(
    events: Iterable[Event],
    *,
    since: date | None = None,
    settings: AlertSettings | None = None,
    kinds: Sequence[str] = ALERT_KINDS,
) -> list[dict[str, Any]]:
    """Every alert over the given events (pure: no database), newest window last.

    Only counted events (asserted, confidence >= the threshold, dated) are looked at. The whole
    history is used for baselines; ``since`` keeps only alerts whose window ends on or after it.
    """
    settings = settings or AlertSettings.load()
    chosen = counted(events, settings.counting)
    rules = {
        "surge": lambda: surge_alerts(chosen, settings.surge),
        "ladder": lambda: ladder_alerts(chosen, settings.ladder),
        "ceasefire_violation": lambda: ceasefire_alerts(chosen, settings.ceasefire),
        "new_actor": lambda: new_actor_alerts(chosen, settings.new_actor),
        "massing": lambda: massing_alerts(chosen, settings.massing),
    }
    found: list[dict[str, Any]] = []
    for kind in kinds:
        found.extend(rules[kind]())
    if since is not None:
        found = [a for a in found if a["window_end"] >= since.isoformat()]
    found.sort(key=lambda a: (a["window_end"], a["kind"], a["alert_id"]))
    return found


def alerts(
    store: EventSource, *, since: date | None = None, settings: AlertSettings | None = None
) -> list[dict[str, Any]]:
    """Current alerts over every stored event (the REST API and ``flashpoint alerts``)."""
    return find_alerts(store.iter_events(), since=since, settings=settings)
