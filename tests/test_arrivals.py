"""Forces arriving abroad are deployed there; a misspelled village far from the story is no
place; fire has an owner (real spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

from coded import dyads
from flashpoint.extract.places import find_places
from flashpoint.nlp import parse

PUBLISHED = date(2024, 6, 26)


def _coded(text: str, event_type: str) -> list[tuple[str | None, str | None]]:
    return dyads(text, event_type, PUBLISHED)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # through what the contingent is made of
        (
            "The first contingent of 400 Kenyan police officers arrived in Haiti on Tuesday to "
            "lead a UN-backed mission against armed gangs.",
            "KENCOP",
        ),
        ("French troops arrived in Mali on Sunday.", "FRAMIL"),
    ],
)
def test_forces_arriving_abroad_are_deployed(text: str, source: str) -> None:
    assert _coded(text, "MOBILIZE") == [(source, None)]


def test_forces_arriving_at_home_are_not() -> None:
    assert _coded("Ukrainian troops arrived in Kharkiv on Monday.", "MOBILIZE") == []


def test_a_near_spelling_far_from_the_story_is_no_place() -> None:
    text = (
        "Rebels of the M23 movement seized the town of Bunagana on the border with Uganda, "
        "forcing Congolese troops to flee."
    )
    assert {p.place.country for p in find_places(parse(text))} <= {"UGA", "COD"}


def test_fire_has_the_owner_its_nationality_names() -> None:
    text = "Three Palestinians were killed by Israeli fire near an aid site in Rafah on Tuesday."
    assert _coded(text, "ASSAULT") == [("ISRMIL", "PSECVL")]
