"""Blame laid with a verb of saying is an accusation by the speaker (real spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

import flashpoint

PUBLISHED = date(2024, 6, 5)


def _accusations(text: str) -> list[tuple[str | None, str | None]]:
    return [
        (
            e.actor1.country if e.actor1 else None,
            e.actor2.org or e.actor2.country if e.actor2 else None,
        )
        for e in flashpoint.extract(text, published=PUBLISHED)
        if e.event_type == "ACCUSE" and e.confidence >= 0.5
    ]


@pytest.mark.parametrize(
    ("text", "accusation"),
    [
        ("Ukraine's foreign minister said Russia was responsible for the blast.", ("UKR", "RUS")),
        ("Israeli officials said Hezbollah was behind the drone attack.", ("ISR", "Hezbollah")),
        (
            "A bomb exploded in Quetta. Pakistan said the bombing had been carried out by the "
            "Baloch Liberation Army.",
            ("PAK", "Baloch Liberation Army"),
        ),
        (
            "The inquiry concluded that Myanmar's military had committed genocide.",
            None,  # no speaker actor: an inquiry is not a party
        ),
        (
            "Canada determined on Monday that Myanmar's military had committed genocide.",
            ("CAN", "MMR"),
        ),
    ],
)
def test_blame_in_a_clause_of_saying(text: str, accusation: tuple[str, str] | None) -> None:
    assert _accusations(text) == ([accusation] if accusation else [])


def test_saying_one_is_responsible_for_a_duty_accuses_no_one() -> None:
    assert _accusations("The minister said he was responsible for the country's security.") == []


def test_a_speaker_does_not_accuse_its_own_side() -> None:
    text = "Russia's defence ministry said Russian air defences were responsible for the crash."
    assert _accusations(text) == []


@pytest.mark.parametrize(
    ("text", "accusation"),
    [
        (
            "Russian drones struck a hospital in Kharkiv on Sunday. Kyiv called the attack a war "
            "crime.",
            ("UKR", "RUS"),
        ),
        (
            "NATO deployed more fighter jets to Estonia on Monday. Moscow branded the move a "
            "provocation.",
            ("RUS", "NATO"),
        ),
        (
            "The United States imposed tariffs on Chinese steel. Beijing described the tariffs as "
            "blackmail.",
            ("CHN", "USA"),
        ),
    ],
)
def test_calling_an_act_a_crime_accuses_its_author(text: str, accusation: tuple[str, str]) -> None:
    assert accusation in _accusations(text)


def test_calling_a_counterpart_is_no_accusation() -> None:
    assert _accusations("Macron called his Egyptian counterpart on Sunday.") == []


def _attackers(text: str) -> list[str | None]:
    return [
        e.actor1.country if e.actor1 else None
        for e in flashpoint.extract(text, published=PUBLISHED)
        if e.event_type == "ASSAULT"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A drone strike blamed on Turkey killed three SDF fighters near Qamishli.",
        "An airstrike widely attributed to Turkey killed three SDF fighters near Qamishli.",
    ],
)
def test_blame_laid_by_no_one_names_the_attacker_and_accuses_no_one(text: str) -> None:
    assert _attackers(text) == ["TUR"]
    assert _accusations(text) == []


def test_blame_laid_by_someone_is_their_accusation_not_the_attack() -> None:
    text = "A car bomb blamed by Damascus on Israel killed an Iranian general."
    assert _accusations(text) == [("SYR", "ISR")]
    assert _attackers(text) == [None]


def test_a_participle_after_a_parenthetical_speaker_is_the_speakers() -> None:
    text = "Russian drones hit Odesa, Ukraine's military said, accusing Moscow of terror."
    assert _accusations(text) == [("UKR", "RUS")]
