"""Heads of state and government named by name alone resolve to their state (leaders.tsv
coverage): new wire-style sentences, each dated while the person held office, so the actor is the
office holder's government; a leader named after leaving office is an elite (ELI)."""

from __future__ import annotations

from datetime import date

import pytest

import flashpoint
from flashpoint.model import Event


def _first(text: str, day: date, event_type: str) -> Event:
    events = [e for e in flashpoint.extract(text, published=day) if e.event_type == event_type]
    assert events, f"no {event_type} in {text!r}"
    return events[0]


@pytest.mark.parametrize(
    ("text", "day", "event_type", "code"),
    [
        (
            "Gotabaya Rajapaksa resigned as president on Thursday after fleeing the country.",
            date(2022, 7, 14),
            "CONCEDE",
            "LKAGOV",
        ),
        (
            "Anura Kumara Dissanayake met Narendra Modi in New Delhi on Monday.",
            date(2024, 12, 16),
            "CONSULT",
            "LKAGOV",
        ),
        (
            "Albin Kurti accused Belgrade of sponsoring the attack on Sunday.",
            date(2023, 9, 24),
            "ACCUSE",
            "XKXGOV",
        ),
        (
            "Pedro Sanchez recalled Spain's ambassador to Argentina on Tuesday.",
            date(2024, 5, 21),
            "SANCTION",
            "ESPGOV",
        ),
        (
            "Daniel Ortega expelled the Vatican's envoy on Saturday.",
            date(2022, 3, 12),
            "SANCTION",
            "NICGOV",
        ),
        (
            "Ousmane Sonko demanded that France close its military bases in Senegal.",
            date(2024, 5, 16),
            "REQUEST",
            "SENGOV",
        ),
        (
            "Mahathir Mohamad criticised China's treatment of the Uighurs on Monday.",
            date(2019, 9, 2),
            "ACCUSE",
            "MYSGOV",
        ),
        (
            "Javier Milei met Volodymyr Zelensky in Buenos Aires on Sunday.",
            date(2023, 12, 10),
            "CONSULT",
            "ARGGOV",
        ),
        (
            "Jokowi condemned the attack on the church in Makassar on Sunday.",
            date(2021, 3, 28),
            "ACCUSE",
            "IDNGOV",
        ),
        (
            "Jonas Gahr Store announced military aid for Ukraine on Wednesday.",
            date(2024, 3, 6),
            "AID",
            "NORGOV",
        ),
    ],
)
def test_a_leader_named_alone_is_his_government(
    text: str, day: date, event_type: str, code: str
) -> None:
    event = _first(text, day, event_type)
    assert event.actor1 is not None
    assert event.actor1.code == code


def test_the_two_named_presidents_are_two_states() -> None:
    text = "Gustavo Petro and Nayib Bukele traded accusations on Monday."
    events = [e for e in flashpoint.extract(text, published=date(2023, 6, 5))]
    dyads = {(e.actor1 and e.actor1.code, e.actor2 and e.actor2.code) for e in events}
    assert ("SLVGOV", "COLGOV") in dyads


def test_a_shared_surname_goes_to_the_holder_in_office() -> None:
    # Gotabaya was president and his brother Mahinda prime minister in mid-2021.
    event = _first(
        "President Rajapaksa met Narendra Modi in New Delhi on Monday.", date(2021, 6, 7), "CONSULT"
    )
    assert event.actor1 is not None
    assert (event.actor1.name, event.actor1.code) == ("Gotabaya Rajapaksa", "LKAGOV")
    # in 2017 Mahinda held no office: a former president is an elite, not the government
    event = _first(
        "Mahinda Rajapaksa met Narendra Modi in New Delhi on Monday.", date(2017, 6, 5), "CONSULT"
    )
    assert event.actor1 is not None and event.actor1.code == "LKAELI"


def test_two_orbans_are_not_confused() -> None:
    event = _first(
        "Ludovic Orban met Viktor Orban in Budapest on Monday.", date(2020, 2, 10), "CONSULT"
    )
    assert event.actor1 is not None and event.actor2 is not None
    assert (event.actor1.code, event.actor2.code) == ("ROUGOV", "HUNGOV")
