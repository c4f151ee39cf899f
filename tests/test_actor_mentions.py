"""Actor mentions found by the resolver in whole sentences (real spaCy parses)."""

from __future__ import annotations

from datetime import date

import pytest

from flashpoint.evaluate.actors import ActorReport, score_item
from flashpoint.extract.actor_dictionary import ActorEntry
from flashpoint.extract.actors import ActorIndex, ActorResolver
from flashpoint.nlp import parse_many

DAY = date(2023, 6, 1)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def index_of(resolver: ActorResolver, text: str, day: date = DAY) -> ActorIndex:
    doc = next(iter(parse_many([text])))
    return resolver(doc, day)


def mentions(index: ActorIndex) -> dict[str, str]:
    """Surface text of each mention → its code (or organisation)."""
    doc = index.doc
    return {doc[m.start : m.end].text: m.actor.org or m.actor.code for m in index.mentions}


def test_a_country_that_acts_through_a_noun_is_a_mention(resolver: ActorResolver) -> None:
    found = mentions(index_of(resolver, "Hungary blocked Germany's proposal on Tuesday."))
    assert found["Germany"].startswith("DEU")
    found = mentions(index_of(resolver, "A French drone strike killed four fighters in Mali."))
    assert found["French"] == "FRAMIL"
    assert "drone" not in found  # the drone only says how France struck


def test_a_country_before_a_place_or_a_person_is_no_mention(resolver: ActorResolver) -> None:
    found = mentions(index_of(resolver, "Floods hit Germany's Bavaria region on Monday."))
    assert "Germany" not in found
    found = mentions(index_of(resolver, "Troops massed along the French border near Geneva."))
    assert "French" not in found
    found = mentions(index_of(resolver, "Rebels advanced on Kinshasa and took control of Goma."))
    assert "Kinshasa" not in found


def test_the_members_of_a_named_group_are_the_group(resolver: ActorResolver) -> None:
    index = index_of(resolver, "Commanders of Hezbollah met in Beirut, and its fighters left.")
    found = mentions(index)
    assert "Commanders" not in found and "fighters" not in found
    doc = index.doc
    fighters = next(t for t in doc if t.text == "fighters")
    assert [a.org for a in index.actors_for(fighters)] == ["Hezbollah"]


def test_definite_descriptions_refer_back(resolver: ActorResolver) -> None:
    text = (
        "Human Rights Watch accused Kenya's police of torture, and the rights group said "
        "the country must act. The Allied Democratic Forces raided a village; the rebels fled."
    )
    found = mentions(index_of(resolver, text))
    assert found["group"] == "Human Rights Watch"
    assert found["country"] == "KENGOV"
    assert found["rebels"] == "Allied Democratic Forces"


def test_buildings_and_named_regions_are_places(resolver: ActorResolver) -> None:
    found = mentions(index_of(resolver, "Protesters stormed parliament in Nairobi on Tuesday."))
    assert "parliament" not in found
    assert found["Protesters"].endswith("OPP")
    found = mentions(index_of(resolver, "Gunmen attacked a village in Nigeria's Borno state."))
    assert "state" not in found


def test_allegiance_is_not_nationality(resolver: ActorResolver) -> None:
    found = mentions(index_of(resolver, "Pro-Iranian militias in Iraq fired rockets at a base."))
    assert not found.get("militias", "").startswith("IRN")


def test_plural_demonyms_are_people(resolver: ActorResolver) -> None:
    found = mentions(index_of(resolver, "Thousands of displaced Sudanese crossed into Chad."))
    assert found["Sudanese"] == "SDNREF"
    found = mentions(index_of(resolver, "The deal gives visa-free travel to Ukrainians."))
    assert found["Ukrainians"] == "UKRCVL"


def test_a_first_name_alias_does_not_swallow_another_person(resolver: ActorResolver) -> None:
    found = mentions(index_of(resolver, "A memorial for Qassem Soleimani drew crowds.", DAY))
    assert "Qassem" not in found


def test_holders_leave_office_on_their_last_day_unless_they_died() -> None:
    resigned = ActorEntry("leader", "A", "XGOV", "X", "GOV", end=date(2024, 8, 5))
    died = ActorEntry("leader", "B", "XGOV", "X", "GOV", end=date(2024, 5, 19), died_in_office=True)
    assert resigned.active_on(date(2024, 8, 4)) and not resigned.active_on(date(2024, 8, 5))
    assert died.active_on(date(2024, 5, 20)) and not died.active_on(date(2024, 6, 1))


def test_scorer_aligns_repeated_surfaces_and_respects_word_boundaries(
    resolver: ActorResolver,
) -> None:
    text = "Rockets hit northern Israel, and Israel said Israeli jets struck back."
    item = {
        "id": "t-1",
        "text": text,
        "mentions": [
            {"text": "Israel", "label": "ISR"},
            {"text": "Israeli jets", "label": "ISRMIL"},
        ],
        "not_actors": ["Israel"],
    }
    index = index_of(resolver, text)
    report = ActorReport()
    score_item(item, index.doc, index, report)
    assert (report.scores.tp, report.scores.fn) == (2, 0), report.errors


@pytest.mark.parametrize(
    ("text", "word", "sector"),
    [
        ("Police arrested the opposition leader in Minsk on Tuesday.", "leader", "OPP"),
        ("Police in Goma arrested two rebel commanders.", "commanders", "REB"),
        ("A union leader was detained in Tunis.", "leader", "LAB"),
        # a state's own posts stay its own: the junta chief governs
        ("Mali's military leader pardoned 46 soldiers.", "leader", "GOV"),
    ],
)
def test_a_post_belongs_to_the_body_named_before_it(
    resolver: ActorResolver, text: str, word: str, sector: str
) -> None:
    assert mentions(index_of(resolver, text))[word].endswith(sector)


def test_cadets_and_recruits_are_forces_of_the_body_named(resolver: ActorResolver) -> None:
    assert mentions(index_of(resolver, "An air strike killed 30 cadets."))["cadets"] == "MIL"
    found = mentions(index_of(resolver, "A bomber killed 20 police recruits."))
    assert found["recruits"] == "COP"


def test_rebel_and_opposition_forces_are_rebels(resolver: ActorResolver) -> None:
    assert mentions(index_of(resolver, "Rebel forces captured the town."))["forces"] == "REB"
    found = mentions(index_of(resolver, "Opposition forces captured the town."))
    assert found["forces"].endswith("REB")


def test_a_stateless_peoples_forces_are_rebels(resolver: ActorResolver) -> None:
    found = mentions(index_of(resolver, "Kurdish forces captured the town of Manbij."))
    assert found["forces"] == "REB"
    found = mentions(index_of(resolver, "Russian forces captured the town."))
    assert found["forces"] == "RUSMIL"
