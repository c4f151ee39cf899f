"""An act named again: decisions that name a deal, claims of an attack told before."""

from __future__ import annotations

from datetime import date

import flashpoint
from flashpoint.model import Event

PUBLISHED = date(2022, 11, 3)


def _coded(text: str) -> list[Event]:
    return [e for e in flashpoint.extract(text, published=PUBLISHED) if e.confidence >= 0.2]


def _dyads(events: list[Event], event_type: str) -> list[tuple[str | None, str | None]]:
    return [
        (e.actor1.code if e.actor1 else None, e.actor2.org or e.actor2.code if e.actor2 else None)
        for e in events
        if e.event_type == event_type
    ]


def test_one_side_agreeing_to_a_named_truce_is_its_agreement() -> None:
    events = _coded("Ethiopia's government agreed to a truce in Tigray on Wednesday.")
    assert _dyads(events, "AGREE") == [("ETHGOV", None)]


def test_a_government_and_a_rebel_group_agreeing_make_a_deal_between_them() -> None:
    events = _coded("Sudan's government and the Rapid Support Forces agreed to a truce.")
    assert _dyads(events, "AGREE") == [("SDNGOV", "Rapid Support Forces")]


def test_an_act_agreed_to_keeps_its_own_parties() -> None:
    events = _coded("The rebels agreed to a ceasefire and the release of prisoners.")
    assert all(e.actor1 is None for e in events if e.event_type == "RETREAT")


def test_claiming_an_attack_asserts_it_and_names_its_author() -> None:
    events = _coded(
        "Boko Haram claimed an attack on an army base in Borno state on Monday, officials said."
    )
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert [(e.actor1 and e.actor1.org, e.modality) for e in attacks] == [
        ("Boko Haram", "asserted")
    ]


def test_claiming_to_have_done_something_is_still_a_hedge() -> None:
    events = _coded("The rebels claimed to have shot down an army helicopter.")
    assert [e.modality for e in events if e.event_type == "ASSAULT"] == ["uncertain"]


def test_the_attack_claimed_later_is_the_attack_told_before() -> None:
    events = _coded(
        "A suicide bomber blew himself up at a police checkpoint in Quetta on Tuesday, killing "
        "nine officers. The Pakistani Taliban claimed the attack in a statement."
    )
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert len(attacks) == 1
    assert attacks[0].actor1 is not None and attacks[0].actor1.org == "Tehrik-i-Taliban Pakistan"
    assert attacks[0].fatalities == 9


def test_a_new_attack_named_by_a_definite_noun_with_its_own_target_stays() -> None:
    events = _coded(
        "Russian missiles hit Odesa on Monday. On Tuesday the attack on Kharkiv killed four."
    )
    assert len([e for e in events if e.event_type == "ASSAULT"]) == 2
