"""Attacks on several sides at once: one event per side hit, each with its own toll."""

from __future__ import annotations

from datetime import date

import flashpoint

PUBLISHED = date(2024, 3, 4)


def _attacks(text: str) -> list[tuple[str | None, int | None]]:
    return [
        (e.actor2.sector if e.actor2 else None, e.fatalities)
        for e in flashpoint.extract(text, published=PUBLISHED)
        if e.event_type == "ASSAULT"
    ]


def test_each_side_killed_is_counted_once() -> None:
    text = "Gunmen killed six villagers and two policemen in Zamfara state on Sunday."
    assert sorted(_attacks(text), key=str) == [("COP", 2), ("CVL", 6)]


def test_a_participle_toll_on_two_sides_is_two_attacks() -> None:
    text = (
        "A suicide bomber struck a market in Mogadishu on Saturday, killing at least 20 "
        "civilians and four soldiers."
    )
    assert sorted(_attacks(text), key=str) == [("CVL", 20), ("MIL", 4)]


def test_the_same_dead_named_twice_are_one_side() -> None:
    text = (
        "Turkish jets struck militant hideouts in northern Iraq on Friday, killing 12 people, "
        "many of them fighters."
    )
    assert len(_attacks(text)) == 1


def test_people_killed_by_police_in_a_protest_story_are_protesters() -> None:
    text = "Police opened fire on a march in Nairobi on Tuesday, killing 12 people, witnesses said."
    assert _attacks(text) == [("OPP", 12)]


def test_people_killed_where_the_displaced_shelter_are_refugees() -> None:
    text = "An airstrike hit a camp for displaced families near Khan Younis, killing 19 people."
    assert _attacks(text) == [("REF", 19)]


def test_a_bomb_in_a_crowd_of_marchers_kills_civilians() -> None:
    text = "A bomb exploded at a peace rally in Ankara on Saturday, killing 30 people."
    assert _attacks(text) == [("CVL", 30)]
