"""Whose a struck place is, whom a stance prefix names, which events carry a toll, and a
coordinated verb the parser reads as a modifier (real spaCy)."""

from __future__ import annotations

from datetime import date

import flashpoint
from coded import dyads

PUBLISHED = date(2025, 7, 20)


def test_a_stance_prefix_names_no_actor() -> None:
    text = (
        "Riot police used tear gas to disperse pro-EU demonstrators outside parliament in Tbilisi."
    )
    assert dyads(text, "COERCE", PUBLISHED) == [("GEOCOP", "GEOOPP")]
    text = "Police detained dozens of anti-Putin protesters in St Petersburg on Saturday."
    assert dyads(text, "COERCE", PUBLISHED) == [("RUSCOP", "RUSOPP")]


def test_a_relative_clause_names_who_holds_the_place_struck() -> None:
    text = "Israeli jets struck the port of Ras Isa, which is controlled by the Houthis, on Sunday."
    assert dyads(text, "ASSAULT", PUBLISHED) == [("ISRMIL", "YEMREB")]


def test_bombers_are_military_hardware_of_the_country_struck() -> None:
    text = "Ukrainian drones destroyed a dozen bombers at an airfield in Russia's Saratov region."
    assert dyads(text, "ASSAULT", PUBLISHED) == [("UKRMIL", "RUSMIL")]


def test_a_security_service_is_an_intelligence_actor() -> None:
    text = "Russia's FSB security service said it had detained a man accused of spying for Kyiv."
    assert dyads(text, "COERCE", PUBLISHED) == [("RUSSPY", "RUSCVL")]


def test_a_release_in_return_keeps_whom_it_frees() -> None:
    text = "Israel released 1,968 Palestinian prisoners and detainees in return."
    assert dyads(text, "RETREAT", PUBLISHED) == [("ISRGOV", "PSECVL")]


def test_a_second_verb_read_as_a_modifier_of_its_object_is_restored() -> None:
    text = (
        "Thailand scrambled F-16 jets and bombed Cambodian army positions near the border, "
        "the Thai military said."
    )
    assert ("THAMIL", "KHMMIL") in dyads(text, "ASSAULT", PUBLISHED)


def test_only_violent_events_carry_a_toll() -> None:
    text = (
        "The military destroyed a boat it said was smuggling drugs, killing three people, in "
        "a strike ordered by the president."
    )
    events = flashpoint.extract(text, published=PUBLISHED)
    assert [e.fatalities for e in events if e.event_type == "REQUEST"] in ([], [None])


def test_a_named_body_and_its_own_description_are_one_actor_mention() -> None:
    from flashpoint.extract.actors import ActorResolver
    from flashpoint.nlp import parse

    doc = parse("The journalist was detained by the FSB security service in Yekaterinburg.")
    mentions = ActorResolver()(doc, PUBLISHED).mentions
    spies = [(doc[m.start : m.end].text, m.actor.code) for m in mentions if m.actor.sector == "SPY"]
    assert spies == [("FSB", "RUSSPY")]
