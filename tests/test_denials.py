"""Denials of a reported act are coded as that act, negated, by the denier (real spaCy)."""

from __future__ import annotations

from datetime import date

import flashpoint
from flashpoint.model import Event


def _events(text: str, published: date) -> list[Event]:
    return [e for e in flashpoint.extract(text, published=published)]


def _codes(events: list[Event]) -> list[tuple[str, str | None, str | None, str]]:
    return [
        (
            e.event_type,
            e.actor1.code if e.actor1 else None,
            e.actor2.code if e.actor2 else None,
            e.modality,
        )
        for e in events
    ]


def test_denied_involvement_is_the_attack_negated_by_the_denier() -> None:
    text = (
        "QUETTA, Pakistan — A roadside bomb killed seven police officers escorting a polio "
        "vaccination team near Quetta on Thursday, officials said. The provincial government "
        "blamed the Pakistani Taliban, who denied involvement."
    )
    events = _events(text, date(2019, 1, 20))
    denied = [e for e in events if e.modality == "negated"]
    assert len(denied) == 1, _codes(events)
    act = denied[0]
    assert act.event_type == "ASSAULT"
    assert act.actor1 is not None and act.actor1.org == "Tehrik-i-Taliban Pakistan"
    assert act.actor2 is not None and act.actor2.sector == "COP"
    attack = next(e for e in events if e.event_type == "ASSAULT" and e.modality == "asserted")
    assert act.date == attack.date == date(2019, 1, 17)
    assert act.fatalities is None  # the denial reports no toll of its own
    assert not any(e.event_type == "REJECT" for e in events), _codes(events)


def test_denied_claim_takes_the_type_of_the_reported_act() -> None:
    text = (
        "North Korea has shipped artillery shells to Russia for use in Ukraine, the White House "
        "said on Thursday. Pyongyang denied the claim."
    )
    events = _events(text, date(2023, 10, 13))
    denied = [e for e in events if e.modality == "negated"]
    assert [(e.event_type, e.actor1 and e.actor1.country) for e in denied] == [("AID", "PRK")]
    assert denied[0].actor2 is not None and denied[0].actor2.country == "RUS"


def test_accused_act_is_read_from_the_accusation() -> None:
    text = (
        "Moscow accused Kyiv on Wednesday of attacking an oil depot in Bryansk with drones. "
        "Ukraine denied any involvement."
    )
    events = _events(text, date(2023, 5, 3))
    kinds = _codes(events)
    assert ("ACCUSE", "RUSGOV", "UKRGOV", "asserted") in kinds
    assert any(
        k[0] == "ASSAULT" and k[1] and k[1].startswith("UKR") and k[3] == "negated" for k in kinds
    ), kinds


def test_denial_with_nothing_reported_before_stays_a_rejection() -> None:
    text = "Hungary's foreign minister denied the accusation on Monday, calling it absurd."
    events = _events(text, date(2022, 6, 20))
    assert [e.event_type for e in events] == ["REJECT"], _codes(events)
    assert events[0].modality == "asserted"


def test_negated_restatement_takes_the_date_of_the_reported_attack() -> None:
    text = (
        "An air strike on a market in the town of Hajjah killed 14 people on Saturday, "
        "medics said. The coalition denied on Monday that its aircraft had struck the market."
    )
    events = _events(text, date(2018, 8, 6))
    attack = next(e for e in events if e.event_type == "ASSAULT" and e.modality == "asserted")
    denied = next(e for e in events if e.event_type == "ASSAULT" and e.modality == "negated")
    assert denied.date == attack.date == date(2018, 8, 4)


def test_a_charge_the_accused_denies_is_still_an_accusation_made() -> None:
    events = _events(
        "Mali accused Algeria on Monday of harbouring armed groups, a charge Algiers denied.",
        date(2024, 1, 30),
    )
    assert ("ACCUSE", "MLIGOV", "DZAGOV", "asserted") in _codes(events)


def test_an_accusation_the_accused_denies_was_still_made() -> None:
    events = flashpoint.extract(
        "The Democratic Republic of Congo accused Rwanda of backing M23 rebels, a charge "
        "Kigali denies."
    )
    assert [e.modality for e in events if e.event_type == "ACCUSE"] == ["asserted"]


def test_a_target_denying_it_was_hit_denies_no_act_of_its_own() -> None:
    text = (
        "Yemen's Houthis said they had targeted a U.S. destroyer in the Red Sea with missiles "
        "and drones, a claim the Pentagon denied."
    )
    events = flashpoint.extract(text, published=date(2024, 1, 10))
    assert not [e for e in events if e.modality == "negated"]
