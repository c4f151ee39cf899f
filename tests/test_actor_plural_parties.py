"""Actors behind plural and collective references, state bodies and victims, on new
wire-style sentences (real spaCy parses): "both sides", "urged them", "forces from A, B, C and
D", "the U.S. Treasury", "Pope Francis", "most of them police officers", "Ethiopia's offer"."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.extract.actors import ActorIndex, ActorResolver
from flashpoint.nlp import parse_many

DAY = date(2024, 3, 5)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def index_of(resolver: ActorResolver, text: str, day: date = DAY) -> ActorIndex:
    doc = next(iter(parse_many([text])))
    index = resolver(doc, day)
    index.apply_context(None)
    return index


def codes(index: ActorIndex, word: str, nth: int = 0) -> list[str]:
    hits = [t for t in index.doc if t.text == word]
    return [a.code for a in index.actors_for(hits[nth])]


def test_both_sides_are_the_two_parties_not_the_speaker(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Armenia and Azerbaijan exchanged fire along their border overnight. The European "
        "Union's foreign policy chief urged both sides to show restraint.",
    )
    found = codes(index, "sides")
    assert set(found) == {"ARMGOV", "AZEGOV"}, found


def test_both_sides_of_coordinated_nationalities(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Indian and Chinese commanders held a new round of talks in Ladakh on Sunday, with "
        "the Russian foreign minister urging both sides to pull back.",
    )
    assert set(codes(index, "sides")) == {"INDMIL", "CHNMIL"}


def test_object_them_is_not_its_own_subject(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Fighters loyal to the Houthis advanced on the port city of Hodeidah on Tuesday. "
        "The UN Security Council urged them on Wednesday to stop.",
    )
    found = index.actors_for(next(t for t in index.doc if t.text == "them"))
    assert found and found[0].org == "Houthis", found


def test_partitive_them_is_still_the_subject(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Thirty aid workers were killed in Sudan last year, most of them by armed men.",
    )
    assert codes(index, "them") == codes(index, "workers")


def test_forces_from_a_conjunction_of_four_states(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Naval and air forces from France, Italy, Greece and Cyprus began a joint exercise "
        "in the eastern Mediterranean on Monday.",
    )
    assert codes(index, "forces") == ["FRAMIL", "ITAMIL", "GRCMIL", "CYPMIL"]


def test_their_after_forces_from_a_conjunction(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Troops from Kenya, Uganda, Rwanda and Burundi completed their first joint drill on "
        "Friday.",
    )
    assert codes(index, "their") == ["KENMIL", "UGAMIL", "RWAMIL", "BDIMIL"]


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        (
            "The U.S. Treasury froze the assets of three shipping firms on Monday.",
            "Treasury",
            "USAGOV",
        ),
        ("The Home Office said on Friday that it had deported 50 people.", "Office", "GBRGOV"),
        ("The German Foreign Office summoned Iran's ambassador on Monday.", "Office", "DEUGOV"),
        ("Ukrainian units repelled an assault near Pokrovsk on Sunday.", "units", "UKRMIL"),
    ],
)
def test_state_bodies_and_units(resolver: ActorResolver, text: str, word: str, code: str) -> None:
    assert codes(index_of(resolver, text), word) == [code]


def test_pope_is_the_holy_see(resolver: ActorResolver) -> None:
    named = index_of(resolver, "Pope Francis called for a truce in Sudan on Sunday.")
    assert codes(named, "Francis") == ["VATGOV"]
    titled = index_of(resolver, "The pope called for a truce in Sudan on Sunday.")
    assert codes(titled, "pope") == ["VATGOV"]
    later = index_of(resolver, "Pope Leo called for a truce in Sudan.", date(2025, 6, 1))
    assert later.actors_for(later.doc[1])[0].name == "Pope Leo XIV"


def test_most_of_them_police_officers(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "A car bomb exploded outside a checkpoint in Mogadishu on Friday, killing 12 people, "
        "most of them police officers.",
    )
    people = next(t for t in index.doc if t.text == "people")
    assert [a.sector for a in index.actors_for(people)] == ["COP"]


def test_many_of_them_children_stay_civilians(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "An airstrike on a market killed 30 people, many of them children, on Sunday.",
    )
    people = next(t for t in index.doc if t.text == "people")
    assert {a.sector for a in index.actors_for(people)} == {"CVL"}


def test_a_states_offer_is_its_government(resolver: ActorResolver) -> None:
    index = index_of(
        resolver, "Eritrea rejected Ethiopia's offer of talks on port access on Tuesday."
    )
    assert codes(index, "Ethiopia") == ["ETHGOV"]


def test_a_states_military_operation_is_its_army(resolver: ActorResolver) -> None:
    index = index_of(resolver, "Rights groups condemned Sudan's military operation in Darfur.")
    assert codes(index, "Sudan") == ["SDNMIL"]


def test_title_word_in_a_ship_name_is_no_leader(resolver: ActorResolver) -> None:
    index = index_of(
        resolver,
        "Pirates released the crew of the Ocean Leader bulk carrier off Somalia on Monday.",
    )
    leader = next(t for t in index.doc if t.text == "Leader")
    assert index.mention_at(leader) is None
