"""Alert rules on hand-built event lists: each rule fires on its pattern and not on near misses."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flashpoint.trends import AlertSettings, find_alerts
from flashpoint.trends.record import make_alert

CONTRACT_KEYS = {
    "alert_id",
    "kind",
    "country",
    "region",
    "dyad",
    "window_start",
    "window_end",
    "score",
    "reason",
    "event_ids",
}
MONDAY = date(2024, 1, 1)
_counter = iter(range(1_000_000))


def actor(code: str, country: str | None, sector: str) -> dict[str, Any]:
    return {"text": code, "name": code, "code": code, "country": country, "sector": sector}


ARMY = actor("AAAMIL", "AAA", "MIL")
GOV = actor("AAAGOV", "AAA", "GOV")
REBELS = actor("AAAREB", "AAA", "REB")
OTHER = actor("BBBGOV", "BBB", "GOV")


def ev(
    day: date,
    event_type: str = "ASSAULT",
    a1: dict[str, Any] | None = ARMY,
    a2: dict[str, Any] | None = REBELS,
    *,
    region: str = "North",
    mode: str | None = None,
    fatalities: int | None = None,
    lat: float = 10.0,
    lon: float = 20.0,
    **extra: Any,
) -> dict[str, Any]:
    record = {
        "event_id": f"e{next(_counter)}",
        "date": day.isoformat(),
        "date_precision": "day",
        "event_type": event_type,
        "mode": mode,
        "modality": "asserted",
        "confidence": 0.8,
        "actor1": a1,
        "actor2": a2,
        "location": {"country": "AAA", "admin1": region, "lat": lat, "lon": lon},
        "fatalities": fatalities,
        "sentence": f"{event_type} test",
    }
    record.update(extra)
    return record


def weekly(counts: list[int], **kwargs: Any) -> list[dict[str, Any]]:
    """``counts[i]`` assaults in week i, spread over the week."""
    out = []
    for week, n in enumerate(counts):
        for k in range(n):
            out.append(ev(MONDAY + timedelta(weeks=week, days=k % 7), **kwargs))
    return out


def kinds(alerts: list[dict[str, Any]]) -> list[str]:
    return [a["kind"] for a in alerts]


def test_record_has_exactly_the_contract_keys_and_a_stable_id() -> None:
    args: dict[str, Any] = dict(
        country="AAA",
        region="North",
        dyad=("AAA", "BBB"),
        window=(MONDAY, MONDAY),
        score=1.0,
        reason="r",
        event_ids=["x", "x", "y"],
    )
    first, second = make_alert("ladder", **args), make_alert("ladder", **args)
    assert set(first) == CONTRACT_KEYS
    assert first["alert_id"] == second["alert_id"]
    assert first["event_ids"] == ["x", "y"]
    assert make_alert("surge", **args)["alert_id"] != first["alert_id"]


def test_surge_fires_on_a_jump_against_the_regions_own_baseline() -> None:
    events = weekly([2, 3, 2, 2, 3, 2, 2, 3, 2, 2, 16])
    alerts = [a for a in find_alerts(events) if a["region"] == "North"]
    assert kinds(alerts) == ["surge"]
    alert = alerts[0]
    assert set(alert) == CONTRACT_KEYS
    assert alert["window_start"] == (MONDAY + timedelta(weeks=10)).isoformat()
    assert len(alert["event_ids"]) == 16
    for figure in ("surge rule", "16 conflict events", "baseline of 2.3", "P(>= 16)"):
        assert figure in alert["reason"]


def test_no_surge_from_one_to_two_events_or_in_a_busy_region_at_its_usual_level() -> None:
    assert find_alerts(weekly([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 2, 2]), kinds=["surge"]) == []
    busy = weekly([20, 24, 18, 22, 25, 19, 21, 23, 20, 22, 26])
    assert find_alerts(busy, kinds=["surge"]) == []


def test_a_return_to_normal_after_a_lull_is_not_a_surge() -> None:
    counts = [8, 9, 7, 8, 10, 8, 9, 7, 8, 9] * 2 + [1, 0, 1, 0, 1, 0] + [9]
    assert find_alerts(weekly(counts), kinds=["surge"]) == []


def test_denied_hedged_and_unsure_events_do_not_count() -> None:
    quiet = weekly([1] * 10)
    jump = weekly([0] * 10 + [16])
    for event in jump[:12]:
        event["modality"] = "negated"
    for event in jump[12:]:
        event["confidence"] = 0.3
    assert find_alerts(quiet + jump, kinds=["surge"]) == []


def test_ceasefire_violation_needs_an_assault_between_the_same_parties_in_the_window() -> None:
    deal = ev(MONDAY, "AGREE", GOV, REBELS, mode="ceasefire")
    broken = ev(MONDAY + timedelta(days=5), "ASSAULT", REBELS, ARMY, fatalities=3)
    alerts = find_alerts([deal, broken], kinds=["ceasefire_violation"])
    assert kinds(alerts) == ["ceasefire_violation"]
    assert alerts[0]["dyad"] == ["AAA", "AAAREB"]  # the army and the government are one party
    assert alerts[0]["event_ids"] == [deal["event_id"], broken["event_id"]]
    assert "14 days" in alerts[0]["reason"]
    late = ev(MONDAY + timedelta(days=30), "ASSAULT", REBELS, ARMY)
    third_party = ev(MONDAY + timedelta(days=5), "ASSAULT", OTHER, REBELS)
    assert find_alerts([deal, late, third_party], kinds=["ceasefire_violation"]) == []


def test_ceasefire_window_is_configurable() -> None:
    from dataclasses import replace

    deal = ev(MONDAY, "AGREE", GOV, REBELS, sentence="They agreed a truce.")
    late = ev(MONDAY + timedelta(days=30), "ASSAULT", REBELS, ARMY)
    base = AlertSettings.load()
    longer = replace(base, ceasefire=replace(base.ceasefire, window_days=45))
    assert find_alerts([deal, late], kinds=["ceasefire_violation"]) == []
    assert kinds(find_alerts([deal, late], settings=longer)) == ["ceasefire_violation"]


def test_ladder_needs_the_full_climb_after_a_quiet_period() -> None:
    filler = [ev(MONDAY + timedelta(days=d), "CONSULT", GOV, None) for d in range(0, 90, 10)]
    start = MONDAY + timedelta(days=90)
    climb = [
        ev(start, "ACCUSE", OTHER, GOV),
        ev(start + timedelta(days=8), "THREATEN", OTHER, GOV),
        ev(start + timedelta(days=12), "THREATEN", OTHER, GOV),
        ev(start + timedelta(days=18), "ASSAULT", OTHER, ARMY, mode="artillery"),
    ]
    alerts = find_alerts(filler + climb, kinds=["ladder"])
    assert kinds(alerts) == ["ladder"]
    assert alerts[0]["dyad"] == ["AAA", "BBB"]
    assert alerts[0]["event_ids"] == [e["event_id"] for e in climb]
    assert find_alerts([*filler, climb[0], climb[3]], kinds=["ladder"]) == []


def test_new_armed_actor_in_a_region() -> None:
    history = [ev(MONDAY + timedelta(days=d), "ASSAULT", ARMY, REBELS) for d in range(0, 70, 3)]
    newcomer = actor("CCCREB", "CCC", "REB")
    late = MONDAY + timedelta(days=72)
    arrivals = [
        ev(late, "ASSAULT", newcomer, ARMY),
        ev(late + timedelta(days=2), "ASSAULT", newcomer, ARMY),
    ]
    alerts = find_alerts(history + arrivals, kinds=["new_actor"])
    assert kinds(alerts) == ["new_actor"]
    assert "CCCREB" in alerts[0]["reason"]
    assert find_alerts(history + arrivals[:1], kinds=["new_actor"]) == []


def test_massing_near_a_front_only() -> None:
    front = [ev(MONDAY + timedelta(days=d), lat=10.0, lon=20.0) for d in range(0, 40, 2)]
    day = MONDAY + timedelta(days=40)
    troops = [
        ev(day + timedelta(days=d), "MOBILIZE", ARMY, None, mode="troops", lat=10.1, lon=20.1)
        for d in range(4)
    ]
    assert kinds(find_alerts(front + troops, kinds=["massing"])) == ["massing"]
    far = [{**t, "location": {**t["location"], "lat": 15.0, "lon": 25.0}} for t in troops]
    assert find_alerts(front + far, kinds=["massing"]) == []
    assert find_alerts(troops, kinds=["massing"]) == []  # no fighting nearby: not a front


def test_since_keeps_only_recent_windows() -> None:
    events = weekly([2, 3, 2, 2, 3, 2, 2, 3, 2, 2, 16])
    assert find_alerts(events, since=MONDAY + timedelta(weeks=11)) == []
    assert find_alerts(events, since=MONDAY + timedelta(weeks=10))
