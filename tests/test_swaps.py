"""Releases traded for others are two releases; people of a nation can be freed (real spaCy)."""

from __future__ import annotations

from datetime import date

from coded import dyads

PUBLISHED = date(2023, 9, 18)


def test_a_release_in_exchange_for_others_goes_both_ways() -> None:
    text = (
        "Hamas freed three Israeli hostages in exchange for 90 Palestinian prisoners held by "
        "Israel."
    )
    assert sorted(dyads(text, "RETREAT", PUBLISHED)) == [("ISRGOV", "PSEREB"), ("PSEREB", "ISRGOV")]
    # the phrase hung on a participle describing the freed is still the release's
    text = (
        "Boko Haram freed 82 schoolgirls kidnapped from Chibok in exchange for several militant "
        "commanders held by the government."
    )
    assert ("NGAGOV", "NGAREB") in dyads(text, "RETREAT", PUBLISHED)


def test_people_named_by_their_nation_can_be_freed() -> None:
    assert dyads("Iran freed five Americans on Monday.", "RETREAT", PUBLISHED) == [
        ("IRNGOV", "USACVL")
    ]
