"""Relative clauses: the described noun as the clause's missing object, and a pronoun subject
of the clause that cannot be the noun it describes (real spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

from coded import dyads

PUBLISHED = date(2024, 5, 10)


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # no relative word: the sailor is who was accused, "they" the authorities
        (
            "Venezuelan authorities arrested a U.S. Navy sailor they accused of plotting to "
            "destabilise the country.",
            ("VENGOV", "USAMIL"),
        ),
        # "it" is Russia, never the journalist the clause describes
        (
            "Russia released a journalist it had accused of spying for the CIA.",
            ("RUSGOV", "RUSJRN"),
        ),
        # with "whom" the object is there; "they" is still the police, not the activists
        (
            "Police detained two activists whom they accused of organising the protest.",
            ("COP", "OPP"),
        ),
    ],
)
def test_the_described_noun_is_the_accused(text: str, dyad: tuple[str, str]) -> None:
    assert dyads(text, "ACCUSE", PUBLISHED) == [dyad]


def test_the_described_noun_is_what_was_attacked() -> None:
    text = "The rebels seized the town the army had shelled for weeks."
    assert dyads(text, "ASSAULT", PUBLISHED)[-1] == ("MIL", "CVL")


def test_a_relative_pronoun_object_selects_the_sense_of_its_verb() -> None:
    # "block" is a rejection only of what can be vetoed: the package "that" stands for
    text = "Kyiv welcomed the new sanctions package that Hungary had blocked for months."
    assert [a1 for a1, _ in dyads(text, "REJECT", PUBLISHED)] == ["HUNGOV"]
