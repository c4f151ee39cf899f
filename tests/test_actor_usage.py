"""How a name or noun is used decides whether it is an actor (real spaCy parses of new
wire-style sentences): predicates, quoted names, affiliations, places, protests, pronouns."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.extract.actors import ActorIndex, ActorResolver
from flashpoint.model import Actor
from flashpoint.nlp import parse_many


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def index_of(resolver: ActorResolver, text: str, day: date) -> ActorIndex:
    doc = next(iter(parse_many([text])))
    index = resolver(doc, day)
    index.apply_context(next(iter(index.countries()), None))
    return index


def mentions(index: ActorIndex) -> dict[str, str]:
    doc = index.doc
    return {doc[m.start : m.end].text: m.actor.org or m.actor.code for m in index.mentions}


def actors_at(index: ActorIndex, word: str, nth: int = 0) -> list[Actor]:
    token = [t for t in index.doc if t.text == word][nth]
    return index.actors_for(token)


def test_a_title_or_noun_that_says_what_someone_is_is_no_second_actor(
    resolver: ActorResolver,
) -> None:
    day = date(2023, 6, 1)
    found = mentions(index_of(resolver, "Bola Tinubu was sworn in as Nigeria's president.", day))
    assert "president" not in found
    text = "The minister resigned as Pakistan's prime minister on Friday after the vote."
    assert "prime minister" not in mentions(index_of(resolver, text, day))
    text = "Police said two of the men arrested in Dakar were former soldiers."
    assert "soldiers" not in mentions(index_of(resolver, text, day))
    text = "An opposition lawmaker declared himself acting president of Bolivia on Monday."
    assert "president" not in mentions(index_of(resolver, text, day))


def test_an_affiliation_is_not_the_actor(resolver: ActorResolver) -> None:
    day = date(2023, 6, 1)
    text = "Al-Shabaab-linked gunmen attacked a hotel in Mogadishu on Friday."
    assert "Al-Shabaab" not in mentions(index_of(resolver, text, day))
    text = "The UN-backed government in Tripoli rejected the deal."
    found = mentions(index_of(resolver, text, day))
    assert not any(code.startswith("IGOUNO") for code in found.values())
    text = "Gunmen stormed an army-run hospital in Quetta on Sunday."
    assert "army" not in mentions(index_of(resolver, text, day))
    # a group that leads a raid is still the actor
    text = "A Hamas-led raid killed two soldiers near the border."
    assert mentions(index_of(resolver, text, day)).get("Hamas") == "Hamas"


def test_a_name_quoted_as_a_name_is_not_an_actor(resolver: ActorResolver) -> None:
    day = date(2019, 2, 15)
    text = "Lawmakers voted to rename the country North Macedonia, ending a dispute with Greece."
    found = mentions(index_of(resolver, text, day))
    assert "North Macedonia" not in found and "country" not in found
    text = "Troops entered Harare, in the country once known as Rhodesia, on Tuesday."
    assert "Rhodesia" not in mentions(index_of(resolver, text, day))
    text = "President Emmerson Mnangagwa declared the country free of cholera on Monday."
    assert "country" not in mentions(index_of(resolver, text, day))


def test_places_left_shares_of_cities_and_offices_sought(resolver: ActorResolver) -> None:
    day = date(2021, 5, 1)
    text = "NATO began the withdrawal of its troops from Afghanistan on Saturday."
    assert "Afghanistan" not in mentions(index_of(resolver, text, day))
    text = "Rebels who hold much of Bangui rejected the truce."
    assert "Bangui" not in mentions(index_of(resolver, text, day))
    text = "Kamala Harris said on Sunday she would run for the White House."
    assert "White House" not in mentions(index_of(resolver, text, day))
    # a warning from a capital is still its government's
    text = "Seoul dismissed a warning from Pyongyang on Monday."
    assert mentions(index_of(resolver, text, day)).get("Pyongyang") == "PRKGOV"


def test_people_at_a_protest_are_protesters(resolver: ActorResolver) -> None:
    day = date(2022, 11, 27)
    text = "Thousands of Chinese students protested in Shanghai on Sunday against the lockdown."
    assert mentions(index_of(resolver, text, day))["students"] == "CHNOPP"
    text = "Chinese police detained dozens of people at protests in Beijing."
    assert mentions(index_of(resolver, text, day))["people"] == "CHNOPP"
    # without a protest they stay civilians, and a crowd struck by a bomb is civilian
    text = "Chinese police detained dozens of people in a fraud case in Beijing."
    assert mentions(index_of(resolver, text, day))["people"] == "CHNCVL"
    text = "A bomb tore through a crowd at a Kabul market, Afghan officials said."
    assert mentions(index_of(resolver, text, day))["crowd"] == "AFGCVL"
    text = "An angry crowd stormed the police station in Lahore, Pakistani officials said."
    assert mentions(index_of(resolver, text, day))["crowd"] == "PAKOPP"


def test_reflexive_and_object_pronouns_follow_binding(resolver: ActorResolver) -> None:
    day = date(2019, 1, 24)
    text = (
        "Opposition leader Juan Guaido named himself Venezuela's leader, and "
        "President Donald Trump backed him on Thursday."
    )
    index = index_of(resolver, text, day)
    assert [a.code for a in actors_at(index, "himself")] == ["VENOPP"]
    assert [a.code for a in actors_at(index, "him")] == ["VENOPP"]


def test_they_and_both_men_can_be_two_named_people(resolver: ActorResolver) -> None:
    day = date(2024, 6, 1)
    text = (
        "Warrants were sought for Prime Minister Benjamin Netanyahu and Defence Minister "
        "Yoav Gallant over their conduct of the war, and judges will rule on both men."
    )
    index = index_of(resolver, text, day)
    names = {"Benjamin Netanyahu", "Yoav Gallant"}
    assert {a.name for a in actors_at(index, "their")} == names
    assert {a.name for a in actors_at(index, "men")} == names
    # an indefinite "two men" is no one named before
    text = "Putin met Xi Jinping in Beijing, and two men were hurt in a crush outside."
    index = index_of(resolver, text, day)
    assert mentions(index).get("men", "").endswith("CVL")


def test_a_leaders_forces_are_his_group_or_his_state(resolver: ActorResolver) -> None:
    day = date(2019, 5, 1)
    text = "Khalifa Haftar's fighters shelled the airport south of Tripoli on Tuesday."
    assert mentions(index_of(resolver, text, day))["fighters"] == "Libyan National Army"
    text = "Vladimir Putin's troops massed near the border, Ukrainian officials said."
    assert mentions(index_of(resolver, text, day))["troops"] == "RUSMIL"


def test_a_leader_named_in_apposition_is_a_person(resolver: ActorResolver) -> None:
    day = date(2025, 3, 1)
    text = (
        "Syria's interim President Ahmed al-Sharaa received Turkish President Tayyip "
        "Erdogan in Damascus on his first visit to the country."
    )
    index = index_of(resolver, text, day)
    assert [a.code for a in actors_at(index, "his")] == ["SYRGOV"]


def test_a_former_leader_names_the_state_of_later_sector_nouns(resolver: ActorResolver) -> None:
    day = date(2024, 8, 6)
    text = "Sheikh Hasina fled to India on Monday, and the army chief said the army would rule."
    index = index_of(resolver, text, day)
    assert actors_at(index, "army", 1)[0].code == "BGDMIL"


def test_monitors_police_bodies_and_police_chiefs_are_resolved(resolver: ActorResolver) -> None:
    day = date(2024, 3, 2)
    text = (
        "Russia's police chief said on Saturday that officers detained 45 mourners, the "
        "rights group OVD-Info reported, and Interpol declined to comment."
    )
    found = mentions(index_of(resolver, text, day))
    assert found["police chief"] == "RUSCOP"
    assert found["OVD-Info"] == "OVD-Info"
    assert found["Interpol"] == "Interpol"


def test_a_country_declared_free_of_something_is_no_actor(resolver: ActorResolver) -> None:
    text = "Liberia's president declared the country free of Ebola on Saturday."
    assert "country" not in mentions(index_of(resolver, text, date(2015, 5, 9)))
