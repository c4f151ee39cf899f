"""A local side with no country of its own takes the country of the state side it is joined to
(real spaCy)."""

from __future__ import annotations

from datetime import date

import flashpoint
from coded import dyads

PUBLISHED = date(2023, 5, 12)


def test_a_side_joined_to_a_states_forces_is_of_that_state() -> None:
    # the dateline and the mediator's country are elsewhere; the rebels are Myanmar's
    text = (
        "Myanmar's military and an alliance of ethnic armed groups agreed on Thursday to a "
        "ceasefire after talks in Kunming mediated by China."
    )
    assert ("MMRMIL", "MMRREB") in dyads(text, "AGREE", PUBLISHED)
    text = (
        "JEDDAH, Saudi Arabia — Sudan's army and rebels signed a declaration on Thursday "
        "committing them to protect civilians."
    )
    assert dyads(text, "AGREE", PUBLISHED) == [("SDNMIL", "SDNREB")]


def test_a_description_of_one_named_is_no_second_party() -> None:
    text = (
        "Turkish police detained Istanbul Mayor Ekrem Imamoglu, President Erdogan's main "
        "political rival, in a dawn raid on Wednesday."
    )
    assert dyads(text, "COERCE", PUBLISHED) == [("TURCOP", "TUROPP")]
    # a name after a description still names whom it describes
    text = "Israel killed Hezbollah's leader, Hassan Nasrallah, in an airstrike on Beirut."
    assert dyads(text, "ASSAULT", PUBLISHED)[0][1] == "LBNREB"


def test_police_do_not_protest_the_protests_they_break_up() -> None:
    text = (
        "Venezuelan security forces arrested more than 2,000 people in protests after the "
        "disputed election, the attorney general said."
    )
    events = flashpoint.extract(text, published=PUBLISHED)
    assert all(
        e.confidence < 0.5
        for e in events
        if e.event_type == "PROTEST" and e.actor1 and e.actor1.sector == "COP"
    )


def test_a_group_named_by_its_creed_is_an_armed_group_of_where_it_acts() -> None:
    text = "KABUL — Police blamed a little-known Islamist group for the bombing of a mosque."
    assert dyads(text, "ACCUSE", PUBLISHED) == [("AFGCOP", "AFGREB")]


def test_people_attacked_for_their_faith_are_a_religious_sector_of_where_they_live() -> None:
    text = "Militants loyal to Islamic State beheaded 11 Christians in northeast Nigeria."
    assert dyads(text, "ASSAULT", PUBLISHED) == [("IMGREB", "NGAREL")]
