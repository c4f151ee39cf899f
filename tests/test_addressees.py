"""Whom a warning or demand is addressed to, read from the clause that says what must (not)
happen (real spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

from coded import dyads

PUBLISHED = date(2024, 5, 10)


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # the attacker in the warned-of clause is warned, not the places it would strike
        (
            "Iran warned that any Israeli attack on its nuclear sites would be met with a "
            "crushing response.",
            ("IRNGOV", "ISR"),
        ),
        ("Iran warned that an attack by Israel would be met with force.", ("IRNGOV", "ISRGOV")),
        # no party as the clause's subject: whose the subject is
        (
            "China's defence ministry warned on Thursday that Taiwan independence means war.",
            ("CHNMIL", "TWN"),
        ),
    ],
)
def test_the_warned_party(text: str, dyad: tuple[str, str]) -> None:
    assert dyads(text, "THREATEN", PUBLISHED) == [dyad]


def test_the_speakers_own_side_is_not_warned() -> None:
    text = "Iran warned that its armed forces would respond to any aggression."
    assert all(
        a2 is None or not a2.startswith("IRN") for _, a2 in dyads(text, "THREATEN", PUBLISHED)
    )
