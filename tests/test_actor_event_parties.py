"""Actors that fill event roles, on whole wire-style sentences (real spaCy parses): leaders on
their last day in office, members named by "of/from" a state, owners of attacked places, group
names that depend on the story's country."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.extract.actor_dictionary import get_actor_dictionary
from flashpoint.extract.actors import ActorIndex, ActorResolver
from flashpoint.model import Actor, Article, Event
from flashpoint.nlp import parse_many
from flashpoint.pipeline import run


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def index_of(resolver: ActorResolver, text: str, day: date, story: str | None = None) -> ActorIndex:
    doc = next(iter(parse_many([text])))
    index = resolver(doc, day)
    index.apply_context(story)
    return index


def token(index: ActorIndex, word: str) -> int:
    return next(t.i for t in index.doc if t.text == word)


def role(index: ActorIndex, word: str) -> list[Actor]:
    return index.actors_for(index.doc[token(index, word)])


def events_of(text: str, day: date) -> list[Event]:
    ((_, events),) = list(run([Article(text=text, published=day)]))
    return events


def test_a_named_leader_acts_in_office_on_the_day_he_leaves(resolver: ActorResolver) -> None:
    # Abdelaziz Bouteflika left office on 2019-04-02; the report is dated the next day.
    text = "Abdelaziz Bouteflika stepped down as president on Tuesday amid mass protests."
    index = index_of(resolver, text, date(2019, 4, 3), "DZA")
    mention = index.mention_at(index.doc[0])
    assert mention is not None
    assert mention.actor.code == "DZAELI"  # as a person he is now the former president
    assert [a.code for a in role(index, "Bouteflika")] == ["DZAGOV"]  # the act was in office
    # a week later he is a former leader for every purpose
    later = index_of(resolver, text, date(2019, 4, 10), "DZA")
    assert [a.code for a in role(later, "Bouteflika")] == ["DZAELI"]


def test_last_day_counts_only_for_names_not_titles() -> None:
    d = get_actor_dictionary()
    [bazoum] = [e for e in d.by_key["bazoum"] if e.kind == "leader"]
    assert bazoum.end == date(2023, 7, 26)
    assert not bazoum.active_on(date(2023, 7, 26))  # "the president" may be the successor
    assert bazoum.active_on(date(2023, 7, 26), last_day=True)
    assert bazoum.active_on(date(2023, 7, 27), last_day=True)  # reports of that day
    assert not bazoum.active_on(date(2023, 7, 29), last_day=True)


def test_members_from_a_state_take_their_own_sector(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Soldiers from Kenya and Uganda began a joint patrol along the border on Friday.",
        date(2024, 3, 1),
    )
    assert [a.code for a in role(index, "Soldiers")] == ["KENMIL", "UGAMIL"]
    index = index_of(
        resolver,
        "The army told residents of northern Gaza to move south on Tuesday.",
        date(2024, 3, 1),
        "PSE",
    )
    assert [a.code for a in role(index, "residents")] == ["PSECVL"]


def test_forces_loyal_to_a_group_leader_are_his_group(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Forces loyal to Khalifa Haftar shelled the outskirts of Tripoli overnight.",
        date(2019, 6, 1),
        "LBY",
    )
    [actor] = role(index, "Forces")
    assert actor.org == "Libyan National Army"


def test_his_fighters_are_the_named_leaders_group(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Yevgeny Prigozhin said on Monday that his fighters would leave the city by Friday.",
        date(2023, 5, 29),
        "UKR",
    )
    [actor] = role(index, "fighters")
    assert actor.org == "Wagner Group"


@pytest.mark.parametrize(
    ("text", "story", "place", "owner"),
    [
        # attacked police and prison sites are the state's
        ("Gunmen attacked a police station and a prison in Kogi state.", "NGA", "station", "COP"),
        ("Gunmen attacked a police station and a prison in Kogi state.", "NGA", "prison", "GOV"),
        # a vehicle carrying fighters belongs to their group
        (
            "The army said its drone hit a car carrying Hezbollah fighters near Tyre.",
            "LBN",
            "car",
            "Hezbollah",
        ),
        # unnamed army positions belong to the story's state, not to the attacker
        (
            "Turkish drones struck army positions near Manbij on Saturday.",
            "SYR",
            "positions",
            "SYRMIL",
        ),
        # a naval shipyard is the navy's; an oil depot is state infrastructure
        (
            "Ukrainian missiles struck a Russian naval shipyard in Sevastopol.",
            "UKR",
            "shipyard",
            "RUSMIL",
        ),
        ("Ukrainian drones hit an oil depot in Bryansk overnight.", "UKR", "depot", "GOV"),
        # a force word modifying the modifier makes the place the force's, not who runs it
        ("Gunmen attacked a police training school in Bamako.", "MLI", "school", "COP"),
        ("Gunmen stormed an army-run school in Peshawar.", "PAK", "school", "CVL"),
        # whom a base hosts is whom an attack on it is aimed at
        ("Missiles struck two Iraqi bases hosting U.S. troops.", "IRQ", "bases", "USAMIL"),
    ],
)
def test_owner_of_an_attacked_place(
    resolver: ActorResolver, text: str, story: str, place: str, owner: str
) -> None:
    index = index_of(resolver, text, date(2024, 3, 1), story)
    found = index.facility_owner(index.doc[token(index, place)])
    assert found is not None
    assert owner in {found.sector, found.org, found.code}


def test_taliban_in_a_pakistani_story_are_the_ttp(resolver: ActorResolver) -> None:
    pakistani = index_of(
        resolver,
        "Taliban fighters ambushed a police convoy in Pakistan's Khyber district on Friday.",
        date(2023, 9, 1),
    )
    assert [a.org for a in role(pakistani, "fighters")] == ["Tehrik-i-Taliban Pakistan"]
    afghan = index_of(
        resolver,
        "Pakistan said Taliban fighters fired across the border from Afghanistan on Friday.",
        date(2023, 9, 1),
    )
    assert [a.org for a in role(afghan, "fighters")] == ["Taliban"]


def test_crowds_struck_by_a_bomber_are_civilians() -> None:
    events = events_of(
        "A suicide bomber struck crowds outside a stadium in Mogadishu on Friday, police said.",
        date(2024, 3, 2),
    )
    assaults = [e for e in events if e.event_type == "ASSAULT"]
    assert assaults and assaults[0].actor2 is not None
    assert assaults[0].actor2.sector == "CVL"


def test_a_country_s_union_is_that_countrys(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Thousands marched in Nairobi, and the country's main trade union called a strike.",
        date(2024, 3, 1),
        "KEN",
    )
    [actor] = role(index, "union")
    assert actor.country == "KEN"


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("Biden called his Turkish counterpart on Monday.", "counterpart", "TURGOV"),
        ("Wang Yi met his Saudi counterpart in Beijing.", "counterpart", "SAUGOV"),
        ("Hamas said its fighters had killed two soldiers.", "fighters", "PSEREB"),
    ],
)
def test_a_nationality_on_a_pronoun_owned_noun_says_whose_it_is(
    resolver: ActorResolver, text: str, word: str, code: str
) -> None:
    index = index_of(resolver, text, date(2024, 5, 6))
    assert [a.code for a in role(index, word)] == [code]


def test_the_iranian_president_is_the_president_not_the_supreme_leader(
    resolver: ActorResolver,
) -> None:
    index = index_of(resolver, "Erdogan met the Iranian president in Ankara.", date(2024, 1, 29))
    [president] = role(index, "president")
    assert president.name == "Ebrahim Raisi"
    other = index_of(resolver, "Macron hosted the Kenyan president in Paris.", date(2024, 1, 29))
    [kenyan] = role(other, "president")
    assert kenyan.name == "William Ruto"


def test_envoys_of_two_sides_speak_for_each() -> None:
    events = events_of(
        "Envoys of the Ethiopian army and the Tigray People's Liberation Front opened talks "
        "in Pretoria on Tuesday.",
        date(2022, 10, 25),
    )
    codes = {(e.actor1.code if e.actor1 else None) for e in events if e.event_type == "CONSULT"}
    assert "ETHMIL" in codes
