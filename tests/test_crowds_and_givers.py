"""Protesters who gather, givers named after 'from', states acting each on their own, and
go-betweens of talks (real spaCy)."""

from __future__ import annotations

from datetime import date

import flashpoint
from coded import dyads

PUBLISHED = date(2025, 11, 30)


def test_protesters_who_gather_protest() -> None:
    text = "Hundreds of protesters gathered outside parliament in Tbilisi on Sunday night."
    assert [source for source, _ in dyads(text, "PROTEST", PUBLISHED)] == ["GEOOPP"]
    text = "Demonstrators converged on the presidential palace in Dhaka on Monday."
    assert [source for source, _ in dyads(text, "PROTEST", PUBLISHED)] == ["BGDOPP"]


def test_a_gathering_of_mourners_or_troops_is_no_protest() -> None:
    text = "Thousands of mourners gathered in Tehran for the funeral of the slain commander."
    assert dyads(text, "PROTEST", PUBLISHED) == []
    text = "Russian troops massed near the border with Ukraine, satellite images showed."
    assert dyads(text, "PROTEST", PUBLISHED) == []


def test_every_giver_after_from_gives() -> None:
    text = "Ukraine received its first F-16 fighter jets from Denmark and Norway on Wednesday."
    assert sorted(dyads(text, "AID", PUBLISHED)) == [("DNKGOV", "UKRGOV"), ("NORGOV", "UKRGOV")]


def test_a_country_left_behind_after_from_is_still_a_place() -> None:
    text = "The last U.S. troops withdrew from Afghanistan on Monday."
    assert [source for source, _ in dyads(text, "RETREAT", PUBLISHED)] == ["USAMIL"]


def test_states_named_as_doers_act_each_on_their_own() -> None:
    text = "Denmark and the Netherlands sent F-16 jets to Ukraine last year."
    assert dyads(text, "COOPERATE", PUBLISHED) == []
    text = "Russian and Belarusian troops began joint exercises near the Polish border."
    assert dyads(text, "COOPERATE", PUBLISHED) in ([("RUSMIL", "BLRMIL")], [("BLRMIL", "RUSMIL")])


def test_go_betweens_of_talks_are_no_dyad() -> None:
    text = (
        "Pakistan and Afghanistan agreed to a ceasefire after talks in Doha mediated by Qatar "
        "and Turkey."
    )
    pairs = dyads(text, "CONSULT", PUBLISHED)
    assert ("QATGOV", "TURGOV") not in pairs and ("TURGOV", "QATGOV") not in pairs
    text = "Qatar and Egypt mediated between Israel and Hamas on Sunday."
    assert ("QATGOV", "ISRGOV") in dyads(text, "CONSULT", PUBLISHED)


def test_linking_a_party_to_an_act_of_force_accuses_it() -> None:
    text = (
        "India expelled a Canadian diplomat after Canada linked Indian agents to the killing of "
        "a Sikh separatist."
    )
    assert dyads(text, "ACCUSE", PUBLISHED) == [("CANGOV", "IND")]
    assert dyads("A new pipeline links Russia to China.", "ACCUSE", PUBLISHED) == []
    assert dyads("The group is linked to al-Qaeda.", "ACCUSE", PUBLISHED) == []


def test_an_institution_with_no_place_named_is_the_storys() -> None:
    text = (
        "Kenya's President William Ruto withdrew the finance bill on Wednesday, a day after "
        "protesters stormed parliament."
    )
    assert dyads(text, "PROTEST", PUBLISHED) == [("KENOPP", "KENGOV")]


def test_a_public_appeal_for_an_outcome_needs_no_addressee() -> None:
    events = flashpoint.extract(
        "Pope Francis appealed for an end to the war in Gaza in his Christmas message.",
        published=PUBLISHED,
    )
    appeals = [e for e in events if e.event_type == "REQUEST"]
    assert appeals and appeals[0].actor2 is None and appeals[0].confidence >= 0.5


def test_a_past_tense_after_an_infinitive_is_an_act_of_its_own() -> None:
    text = (
        "Niger's military junta ordered French troops to leave the country and expelled the "
        "French ambassador."
    )
    assert dyads(text, "SANCTION", PUBLISHED) == [("NERMIL", "FRAGOV")]


def test_a_civil_title_ending_in_general_is_no_military_rank() -> None:
    text = "Police in Bangladesh arrested the opposition party's secretary general on Sunday."
    assert dyads(text, "COERCE", PUBLISHED) == [("BGDCOP", "BGDOPP")]
    text = "Police in Dhaka arrested the leader of the opposition party on Sunday."
    assert dyads(text, "COERCE", PUBLISHED) == [("BGDCOP", "BGDOPP")]
    text = "Kurdish forces attacked the town of Manbij on Sunday."  # a people's armed men still
    assert [source for source, _ in dyads(text, "ASSAULT", PUBLISHED)] == ["SYRREB"]


def test_the_crime_a_court_punished_is_not_news() -> None:
    text = (
        "Iran hanged a man convicted of killing a member of the security forces during the "
        "protests, the judiciary said."
    )
    assert dyads(text, "ASSAULT", PUBLISHED) == [("IRNGOV", "IRNCVL")]
    text = "A court in Istanbul jailed 12 people for taking part in protests."
    assert dyads(text, "PROTEST", PUBLISHED) == []
    events = flashpoint.extract(
        "He was sentenced to death for killing a police officer.", published=PUBLISHED
    )
    assert [e.fatalities for e in events] == [None]  # the crime's dead are not the sentence's


def test_blocking_a_bloc_decision_is_a_veto() -> None:
    text = (
        "Hungary blocked a European Union decision to open membership talks with Ukraine, "
        "diplomats said."
    )
    assert dyads(text, "REJECT", PUBLISHED) == [("HUNGOV", "IGOEEC")]
    assert dyads(text, "SUPPORT", PUBLISHED) == []  # what the blocked decision would have done


def test_aid_proposed_is_aid_intended() -> None:
    events = flashpoint.extract(
        "The European Commission proposed a 50 billion euro aid package for Ukraine on Tuesday.",
        published=PUBLISHED,
    )
    assert [(e.event_type, e.actor1 and e.actor1.code, e.modality) for e in events] == [
        ("AID", "IGOEEC", "intended")
    ]


def test_forces_fighting_alongside_an_ally_cooperate_and_do_not_attack_it() -> None:
    text = (
        "North Korean troops are fighting alongside Russian forces in the Kursk region, "
        "according to South Korea's spy agency."
    )
    assert dyads(text, "COOPERATE", PUBLISHED) == [("PRKMIL", "RUSMIL")]
    assert all(target is None for _, target in dyads(text, "ASSAULT", PUBLISHED))
    text = "Russian missiles struck Kyiv on Monday."  # another state's soil is still the target
    assert dyads(text, "ASSAULT", PUBLISHED) == [("RUSMIL", "UKR")]


def test_people_fired_on_in_a_building_are_the_one_target() -> None:
    text = (
        "Gunmen on motorcycles opened fire on worshippers at a mosque in northern Burkina Faso "
        "on Sunday."
    )
    assert dyads(text, "ASSAULT", PUBLISHED) == [("BFAUAF", "BFAREL")]


def test_tear_gas_in_a_protest_story_is_fired_at_the_protesters() -> None:
    text = (
        "Protesters torched police vehicles and blocked roads in Nairobi, witnesses said, as "
        "police fired tear gas and live rounds."
    )
    assert dyads(text, "COERCE", PUBLISHED) == [("KENCOP", "KENOPP")]
    text = "Police fired tear gas in central Paris on Saturday."  # nobody said at whom
    assert dyads(text, "COERCE", PUBLISHED) == [("FRACOP", None)]


def test_a_running_total_of_the_dead_is_no_new_attack() -> None:
    events = flashpoint.extract(
        "Hundreds of people have been killed in fighting in Khartoum since April, according to "
        "doctors.",
        published=PUBLISHED,
    )
    assert all(e.confidence < 0.5 for e in events)
    text = "North Korea has shipped more than a million artillery shells to Russia since August."
    assert dyads(text, "AID", PUBLISHED) == [("PRKGOV", "RUS")]  # news, though counted since


def test_the_dead_of_an_attack_on_a_gathering_are_the_attacks() -> None:
    events = flashpoint.extract(
        "A suicide bombing at a political rally in northwest Pakistan killed 54 people on Sunday.",
        published=PUBLISHED,
    )
    tolls = {e.event_type: e.fatalities for e in events}
    assert tolls.get("ASSAULT") == 54 and tolls.get("PROTEST") is None


def test_dead_listed_with_a_named_victim_count_with_that_side() -> None:
    events = flashpoint.extract(
        "A car bomb killed a senior Hamas official and two of his bodyguards in Beirut on Tuesday.",
        published=PUBLISHED,
    )
    assert [(e.event_type, e.fatalities) for e in events] == [("ASSAULT", 3)]
    events = flashpoint.extract(
        "Gunmen killed a police officer and two civilians in Kaduna.", published=PUBLISHED
    )
    assert sorted(e.fatalities or 0 for e in events) == [1, 2]  # two sides, each its own dead


def test_tolls_told_in_other_words() -> None:
    def tolls(text: str) -> list[tuple[str | None, int | None, int | None]]:
        return [
            (e.actor2.code if e.actor2 else None, e.fatalities, e.injuries)
            for e in flashpoint.extract(text, published=PUBLISHED)
            if e.event_type == "ASSAULT"
        ]

    lost = [
        (e.actor1, e.actor2 and e.actor2.sector, e.fatalities)
        for e in flashpoint.extract(
            "Ten civilians lost their lives in the shelling of Kherson.", published=PUBLISHED
        )
    ]
    assert lost == [(None, "CVL", 10)]  # the dead are whom the shelling hit, not who shelled
    assert tolls("The bombing killed 14 people and wounded 30 others in Kabul.") == [
        ("AFGCVL", 14, 30)
    ]
    assert tolls("An Israeli strike killed a family of six in Rafah.") == [("PSECVL", 6, None)]


def test_the_dead_at_a_foreign_site_are_of_its_country() -> None:
    text = "Israel struck Iran's nuclear sites on Friday, killing top commanders."
    assert dyads(text, "ASSAULT", PUBLISHED) == [("ISRMIL", "IRNMIL")]
