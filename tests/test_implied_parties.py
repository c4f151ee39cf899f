"""Parties an event type implies when the sentence names only one side (real spaCy)."""

from __future__ import annotations

from datetime import date

from coded import dyads

PUBLISHED = date(2024, 5, 10)


def test_protesters_face_their_own_government_wherever_the_sentence_places_them() -> None:
    text = (
        "Armenian protesters blocked the main highway to Yerevan airport, demanding the prime "
        "minister resign over the loss of Nagorno-Karabakh."
    )
    assert dyads(text, "PROTEST", PUBLISHED) == [("ARMOPP", "ARMGOV")]
    # with no side of their own named, the place says whose government
    text = "Thousands protested in Tbilisi on Sunday."
    assert dyads(text, "PROTEST", PUBLISHED) == [("GEOOPP", "GEOGOV")]


def test_civilians_of_no_stated_nation_are_those_of_the_country_struck() -> None:
    text = (
        "Russian missiles and drones hit energy facilities across Ukraine overnight, killing "
        "at least seven people, Ukrainian officials said, while Kyiv said its forces had struck "
        "an oil depot in Russia's Belgorod region."
    )
    assert ("RUSMIL", "UKRCVL") in dyads(text, "ASSAULT", PUBLISHED)
