"""The event-pattern alerts: `ladder`, `ceasefire_violation`, `new_actor` and `massing`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from flashpoint.trends.config import (
    CeasefireSettings,
    LadderSettings,
    MassingSettings,
    NewActorSettings,
)
from flashpoint.trends.events import (
    Event,
    coordinates,
    country_of,
    distance_km,
    dyad_of,
    event_day,
    region_of,
)
from flashpoint.trends.intensity import rung_of
from flashpoint.trends.record import make_alert, place_label
from flashpoint.trends.stats import poisson_sf

RUNG_NAMES = {1: "talks/accusations", 2: "threats/mobilisation", 3: "assault"}


def _by_day(events: Sequence[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (event_day(e), str(e["event_id"])))


def _ids(events: Sequence[Event]) -> list[str]:
    return [str(e["event_id"]) for e in events]


# --- ladder ------------------------------------------------------------------------------


def _climb(before: list[Event], assault: Event, cfg: LadderSettings) -> list[Event] | None:
    """Talks/accusations, then ``min_threats`` threats/mobilisations in the ``step_days`` before
    the assault; ``None`` when the dyad did not climb that way."""
    talks = [e for e in before if rung_of(str(e["event_type"])) == 1]
    if not talks:
        return None
    first_talk = event_day(talks[0])
    step_start = event_day(assault) - timedelta(days=cfg.step_days)
    threats = [
        e
        for e in before
        if rung_of(str(e["event_type"])) == 2 and event_day(e) >= max(first_talk, step_start)
    ]
    if len(threats) < cfg.min_threats:
        return None
    return [talks[0], *threats[:3], assault]


def ladder_alerts(events: Sequence[Event], cfg: LadderSettings) -> list[dict[str, Any]]:
    """A dyad that climbs talks/accusations → threats/mobilisation → assault within the window,
    after ``quiet_days`` without any assault between them (with data covering those days)."""
    ordered = _by_day(events)
    if not ordered:
        return []
    data_start = event_day(ordered[0])
    by_dyad: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in ordered:
        dyad = dyad_of(event)
        if dyad and rung_of(str(event["event_type"])) > 0:
            by_dyad[dyad].append(event)
    alerts = []
    for dyad, dyad_events in sorted(by_dyad.items()):
        last_assault: date | None = None
        for event in dyad_events:
            if rung_of(str(event["event_type"])) != 3:
                continue
            day = event_day(event)
            quiet = (day - (last_assault or data_start)).days > cfg.quiet_days
            last_assault = day
            if not quiet:
                continue
            since = day - timedelta(days=cfg.window_days)
            before = [e for e in dyad_events if since <= event_day(e) < day]
            steps = _climb(before, event, cfg)
            if steps:
                alerts.append(_ladder_alert(dyad, steps, cfg))
    return alerts


def _ladder_alert(dyad: tuple[str, str], steps: list[Event], cfg: LadderSettings) -> dict[str, Any]:
    assault = steps[-1]
    start, end = event_day(steps[0]), event_day(assault)
    path = ", then ".join(f"{e['event_type']} on {event_day(e).isoformat()}" for e in steps[:-1])
    country, region = country_of(assault), region_of(assault)
    reason = (
        f"ladder rule: {dyad[0]} and {dyad[1]} climbed from talks/accusations to "
        f"threats/mobilisation to an assault between {start.isoformat()} and "
        f"{end.isoformat()} ({path}, then ASSAULT on {end.isoformat()} in "
        f"{place_label(country, region)}); baseline: no assault between them in the "
        f"{cfg.quiet_days} days before; observed: {len(steps)} steps within "
        f"{(end - start).days} days (limit {cfg.window_days}), {len(steps) - 2} threat(s) in "
        f"the last {cfg.step_days} days (at least {cfg.min_threats})."
    )
    return make_alert(
        "ladder",
        country=country,
        region=region,
        dyad=dyad,
        window=(start, end),
        score=3.0 + len(steps) / 10,
        reason=reason,
        event_ids=_ids(steps),
    )


# --- ceasefire violations ----------------------------------------------------------------


def is_ceasefire(event: Event, cfg: CeasefireSettings) -> bool:
    if event["event_type"] != "AGREE":
        return False
    if event.get("mode") == "ceasefire":
        return True
    sentence = str(event.get("sentence") or "").lower()
    return any(word in sentence for word in cfg.keywords)


def ceasefire_alerts(events: Sequence[Event], cfg: CeasefireSettings) -> list[dict[str, Any]]:
    """An ASSAULT between the two parties of a ceasefire AGREE within ``window_days`` after it."""
    ordered = _by_day(events)
    assaults = [e for e in ordered if e["event_type"] == "ASSAULT" and dyad_of(e)]
    alerts = []
    for deal in ordered:
        dyad = dyad_of(deal)
        if dyad is None or not is_ceasefire(deal, cfg):
            continue
        start = event_day(deal)
        end = start + timedelta(days=cfg.window_days)
        broken = [a for a in assaults if dyad_of(a) == dyad and start < event_day(a) <= end]
        if broken:
            alerts.append(_ceasefire_alert(deal, dyad, broken, cfg))
    return alerts


def _ceasefire_alert(
    deal: Event, dyad: tuple[str, str], broken: list[Event], cfg: CeasefireSettings
) -> dict[str, Any]:
    start = event_day(deal)
    first = broken[0]
    deaths = sum(int(e.get("fatalities") or 0) for e in broken)
    country, region = country_of(first) or country_of(deal), region_of(first) or region_of(deal)
    reason = (
        f"ceasefire_violation rule: {dyad[0]} and {dyad[1]} agreed a ceasefire on "
        f"{start.isoformat()}; within the following {cfg.window_days} days "
        f"(to {(start + timedelta(days=cfg.window_days)).isoformat()}) {len(broken)} assault(s) "
        f"between them were reported, the first on {event_day(first).isoformat()} in "
        f"{place_label(country, region)}, {deaths} death(s) in all; baseline: none expected "
        f"under the ceasefire."
    )
    return make_alert(
        "ceasefire_violation",
        country=country,
        region=region,
        dyad=dyad,
        window=(start, start + timedelta(days=cfg.window_days)),
        score=float(len(broken)) + min(deaths, 100) / 100,
        reason=reason,
        event_ids=_ids([deal, *broken]),
    )


# --- new armed actors --------------------------------------------------------------------


def _armed_party(event: Event, cfg: NewActorSettings) -> str | None:
    """The armed actor carrying out an armed event (actor1 of a type in ``armed_types``)."""
    actor = event.get("actor1") or {}
    if event["event_type"] not in cfg.armed_types or actor.get("sector") not in cfg.armed_sectors:
        return None
    code = str(actor.get("code") or "")
    return code if len(code) >= 3 and code != actor.get("sector") else None


def new_actor_alerts(events: Sequence[Event], cfg: NewActorSettings) -> list[dict[str, Any]]:
    """An armed actor never seen in a region before appears there in ``min_events`` events
    within ``window_days``, once the region has ``history_days`` of data."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    first_day: dict[tuple[str, str], date] = {}
    pending: dict[tuple[str, str, str], list[Event]] = defaultdict(list)
    alerts = []
    for event in _by_day(events):
        country, region = country_of(event), region_of(event)
        if not country or not region:
            continue
        place, day = (country, region), event_day(event)
        first_day.setdefault(place, day)
        code = _armed_party(event, cfg)
        mature = (day - first_day[place]).days >= cfg.history_days
        if code and mature and code not in seen[place]:
            group = pending[(*place, code)]
            group[:] = [e for e in group if (day - event_day(e)).days < cfg.window_days]
            group.append(event)
            if len(group) >= cfg.min_events:
                alerts.append(_new_actor_alert(place, code, list(group), cfg))
                seen[place].add(code)
            continue
        for key in ("actor1", "actor2"):
            party = (event.get(key) or {}).get("code")
            if party:
                seen[place].add(str(party))
    return alerts


def _new_actor_alert(
    place: tuple[str, str], code: str, group: list[Event], cfg: NewActorSettings
) -> dict[str, Any]:
    start, end = event_day(group[0]), event_day(group[-1])
    actor = group[0].get("actor1") or {}
    name = actor.get("name") or code
    types = ", ".join(sorted({str(e["event_type"]) for e in group}))
    reason = (
        f"new_actor rule: {name} ({code}) had not appeared in {place_label(*place)} in the "
        f"data before {start.isoformat()} (baseline: at least {cfg.history_days} days of "
        f"history); between {start.isoformat()} and {end.isoformat()} it carried out "
        f"{len(group)} armed events ({types})."
    )
    return make_alert(
        "new_actor",
        country=place[0],
        region=place[1],
        dyad=None,
        window=(start, end),
        score=float(len(group)),
        reason=reason,
        event_ids=_ids(group),
    )


# --- massing near a front ----------------------------------------------------------------


def _cluster(seed: Event, mobilise: list[Event], cfg: MassingSettings) -> list[Event]:
    here, day = coordinates(seed), event_day(seed)
    assert here is not None
    return [
        e
        for e in mobilise
        if 0 <= (event_day(e) - day).days < cfg.window_days
        and distance_km(here, coordinates(e) or here) <= cfg.radius_km
    ]


def _nearest_front(
    cluster: list[Event], assaults: list[Event], cfg: MassingSettings
) -> tuple[Event, float] | None:
    start = event_day(cluster[0])
    centre = coordinates(cluster[0])
    assert centre is not None
    best: tuple[Event, float] | None = None
    for assault in assaults:
        gap = (start - event_day(assault)).days
        where = coordinates(assault)
        if where is None or not 0 <= gap <= cfg.front_days:
            continue
        km = distance_km(centre, where)
        if km <= cfg.front_km and (best is None or km < best[1]):
            best = (assault, km)
    return best


def _expected_mobilisations(seed: Event, mobilise: list[Event], cfg: MassingSettings) -> float:
    """Mobilisations a window usually sees around the seed (from the previous baseline days)."""
    here, day = coordinates(seed), event_day(seed)
    assert here is not None
    before = [
        e
        for e in mobilise
        if 0 < (day - event_day(e)).days <= cfg.baseline_days
        and distance_km(here, coordinates(e) or here) <= cfg.radius_km
    ]
    return len(before) * cfg.window_days / cfg.baseline_days


def massing_alerts(events: Sequence[Event], cfg: MassingSettings) -> list[dict[str, Any]]:
    """``min_events`` MOBILIZE events within ``radius_km`` and ``window_days``, within
    ``front_km`` of an assault in the previous ``front_days`` days, and unlikely (tail
    probability under ``p_value``) given what the area usually sees in such a window."""
    ordered = [e for e in _by_day(events) if coordinates(e)]
    mobilise = [e for e in ordered if e["event_type"] == "MOBILIZE"]
    assaults = [e for e in ordered if e["event_type"] == "ASSAULT"]
    used: set[str] = set()
    alerts = []
    for seed in mobilise:
        if seed["event_id"] in used:
            continue
        cluster = [e for e in _cluster(seed, mobilise, cfg) if e["event_id"] not in used]
        if len(cluster) < cfg.min_events:
            continue
        expected = _expected_mobilisations(seed, mobilise, cfg)
        if poisson_sf(len(cluster), max(expected, 0.1)) > cfg.p_value:
            continue
        front = _nearest_front(cluster, assaults, cfg)
        if front is None:
            continue
        used.update(str(e["event_id"]) for e in cluster)
        alerts.append(_massing_alert(cluster, front, expected, cfg))
    return alerts


def _massing_alert(
    cluster: list[Event], front: tuple[Event, float], expected: float, cfg: MassingSettings
) -> dict[str, Any]:
    start, end = event_day(cluster[0]), event_day(cluster[-1])
    country, region = country_of(cluster[0]), region_of(cluster[0])
    assault, km = front
    reason = (
        f"massing rule: {len(cluster)} troop mobilisations within {cfg.radius_km:.0f} km of "
        f"each other between {start.isoformat()} and {end.isoformat()} in "
        f"{place_label(country, region)} (threshold {cfg.min_events} within "
        f"{cfg.window_days} days; baseline {expected:.1f} in such a window over the previous "
        f"{cfg.baseline_days} days), {km:.0f} km from an assault on "
        f"{event_day(assault).isoformat()} (front: within {cfg.front_km:.0f} km and "
        f"{cfg.front_days} days)."
    )
    return make_alert(
        "massing",
        country=country,
        region=region,
        dyad=None,
        window=(start, end),
        score=float(len(cluster)),
        reason=reason,
        event_ids=_ids([*cluster, assault]),
    )
