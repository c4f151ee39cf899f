"""A hostile act justified by an accusation in its own sentence is aimed at the accused (real
spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

from coded import dyads

PUBLISHED = date(2024, 5, 10)


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        (
            "Ethiopian Prime Minister Abiy Ahmed ordered a military offensive in Tigray on "
            "Wednesday, accusing the Tigray People's Liberation Front of attacking an army base.",
            "ASSAULT",
            ("ETHGOV", "ETHREB"),
        ),
        # a target guessed from the ground struck gives way to the group accused
        (
            "Israeli jets struck targets in southern Lebanon overnight, the military said, "
            "accusing Hezbollah of firing rockets at the Golan Heights.",
            "ASSAULT",
            ("ISRMIL", "LBNREB"),
        ),
    ],
)
def test_the_accused_is_the_target(text: str, event_type: str, dyad: tuple[str, str]) -> None:
    assert dyads(text, event_type, PUBLISHED) == [dyad]


def test_someone_elses_accusation_names_no_target() -> None:
    text = "Gunmen opened fire in the market overnight, and the opposition accused the army."
    assert dyads(text, "ASSAULT", PUBLISHED) == [("UAF", None)]
