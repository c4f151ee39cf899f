"""The passive subject of an order is who is to act, and an order no one is named as giving
is the forces' own command's (real spaCy)."""

from __future__ import annotations

from datetime import date

from coded import dyads

PUBLISHED = date(2022, 6, 24)


def test_forces_ordered_to_withdraw_withdraw() -> None:
    text = (
        "Ukrainian forces have been ordered to pull out of the city of Sievierodonetsk, the "
        "regional governor said."
    )
    assert dyads(text, "RETREAT", PUBLISHED) == [("UKRMIL", None)]
    assert dyads(text, "REQUEST", PUBLISHED) == []


def test_the_passive_subject_of_a_verb_of_forcing_acts() -> None:
    text = "Syrian rebels were forced to retreat from the town on Sunday."
    assert [a1 for a1, _ in dyads(text, "RETREAT", PUBLISHED)] == ["SYRREB"]
