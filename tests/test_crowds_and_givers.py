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


def test_a_compass_adjective_is_no_place_and_a_cause_blamed_is_no_accusation() -> None:
    text = "Putin said Russia would respond to any Western long-range strikes."
    assert all(target != "LKA" for _, target in dyads(text, "THREATEN", PUBLISHED))
    text = "Iran's military admitted it had shot down the jet and blamed human error."
    assert dyads(text, "ACCUSE", PUBLISHED) == []


def test_shots_into_the_air_are_a_warning_and_a_crowd_fired_into_is_hit() -> None:
    text = "The soldiers fired into the air in Bamako to disperse the crowd on Friday."
    assert dyads(text, "ASSAULT", PUBLISHED) == []
    text = "South Korea's military fired warning shots at North Korean soldiers on Tuesday."
    assert dyads(text, "THREATEN", PUBLISHED) == [("KORMIL", "PRKMIL")]
    text = "Soldiers fired into the crowd in Bamako on Friday, killing three."
    assert [target for _, target in dyads(text, "ASSAULT", PUBLISHED)] == ["MLICVL"]


def test_officers_after_the_police_are_police_raiding_a_newsroom() -> None:
    text = (
        "HONG KONG — Police arrested pro-democracy media tycoon Jimmy Lai on Monday, and about "
        "200 officers raided the newsroom of his Apple Daily newspaper."
    )
    assert ("HKGCOP", "HKGJRN") in dyads(text, "COERCE", PUBLISHED)
    assert dyads(text, "ASSAULT", PUBLISHED) == []


def test_stifling_protests_is_repression_and_schooling_withdrawn_a_restriction() -> None:
    text = "The army crushed the uprising in Hama on Friday."
    assert dyads(text, "COERCE", PUBLISHED) == [("SYRMIL", "SYROPP")]
    assert dyads(text, "PROTEST", PUBLISHED) == []
    text = "The Taliban administration suspended university education for women on Tuesday."
    assert dyads(text, "COERCE", PUBLISHED) == [("AFGGOV", "AFGCVL")]


def test_protesters_met_with_force_were_protesting() -> None:
    text = (
        "TBILISI — Police used water cannon and tear gas against thousands of protesters "
        "outside parliament for a second night on Friday."
    )
    assert dyads(text, "PROTEST", PUBLISHED) == [("GEOOPP", "GEOGOV")]
    assert dyads(text, "COERCE", PUBLISHED) == [("GEOCOP", "GEOOPP")]
    text = "Protesters stormed the parliament building in Nairobi on Tuesday."  # one protest
    assert len(dyads(text, "PROTEST", PUBLISHED)) == 1


def test_a_hyphen_dateline_leaves_the_lead_whole_and_dates_its_weekdays() -> None:
    text = (
        "KYIV - Ukraine and Russia exchanged 206 prisoners of war on Saturday in a deal mediated "
        "by the United Arab Emirates, officials from both sides said."
    )
    sides = {source for source, _ in dyads(text, "RETREAT", PUBLISHED)}
    assert {"UKRGOV", "RUSGOV"} <= sides
    events = flashpoint.extract(
        "KHARTOUM, April 15 (AP) - Heavy fighting erupted in Sudan's capital on Saturday "
        "between the army and the paramilitary Rapid Support Forces.",
        published=date(2023, 4, 16),
    )
    assert [e.date for e in events if e.event_type == "ASSAULT"] == [date(2023, 4, 15)]


def test_a_person_arrested_is_no_place() -> None:
    text = "Police in Peru arrested Castillo as he tried to reach the Mexican embassy."
    assert dyads(text, "COERCE", PUBLISHED) == [("PERCOP", None)]


def test_a_clash_whose_dead_are_all_of_one_side_hit_that_side() -> None:
    text = (
        "Indian and Chinese troops clashed along the border in the Galwan Valley, leaving 20 "
        "Indian soldiers dead."
    )
    assert dyads(text, "ASSAULT", PUBLISHED) == [("CHNMIL", "INDMIL")]


def test_protesters_killed_are_the_attacks_dead_not_the_protests() -> None:
    events = flashpoint.extract(
        "Police opened fire on protesters in Dhaka on Sunday, killing two.", published=PUBLISHED
    )
    found = {e.event_type: (e.actor1 and e.actor1.code, e.fatalities) for e in events}
    assert found == {"ASSAULT": ("BGDCOP", 2), "PROTEST": ("BGDOPP", None)}


def test_a_participle_after_a_reported_clause_is_the_speakers_act() -> None:
    text = (
        "Iran's Supreme Leader Ayatollah Ali Khamenei said on Friday that negotiating with the "
        "United States was not wise, ruling out talks with the Trump administration."
    )
    assert dyads(text, "REJECT", PUBLISHED) == [("IRNGOV", "USAGOV")]


def test_aid_pledged_is_aid_intended_whoever_reports_it() -> None:
    for text in (
        "Japan pledged $4.5 billion in additional aid to Ukraine on Tuesday.",
        "Japan pledged $4.5 billion in additional aid to Ukraine, Prime Minister Fumio Kishida "
        "said on Tuesday.",
    ):
        events = flashpoint.extract(text, published=PUBLISHED)
        assert [(e.event_type, e.actor1 and e.actor1.code, e.modality) for e in events] == [
            ("AID", "JPNGOV", "intended")
        ]


def test_a_threat_is_aimed_at_whom_the_threatened_act_is_against() -> None:
    text = (
        "North Korea threatened to take overwhelming action against South Korea after leaflets "
        "were dropped over Pyongyang."
    )
    assert dyads(text, "THREATEN", PUBLISHED) == [("PRKGOV", "KORGOV")]
    text = "Iran vowed to take revenge against Israel on Saturday."  # a light verb's object
    assert dyads(text, "THREATEN", PUBLISHED) == [("IRNGOV", "ISRGOV")]


def test_it_in_a_reported_clause_is_the_state_that_says_so() -> None:
    text = (
        "France recalled its ambassador from Niger and said it would withdraw its troops by the "
        "end of the year."
    )
    assert [source for source, _ in dyads(text, "RETREAT", PUBLISHED)] == ["FRAMIL"]


def test_an_armed_groups_word_on_a_place_makes_it_theirs() -> None:
    text = "Iran struck militant bases in Pakistan on Tuesday."
    assert dyads(text, "ASSAULT", PUBLISHED) == [("IRNMIL", "PAKREB")]
    text = "Belarus scrambled a fighter jet on Sunday."  # a weapon's kind, not its owner
    assert all(target is None for _, target in dyads(text, "MOBILIZE", PUBLISHED))


def test_the_country_opening_a_sentence_is_the_last_sentences_subject() -> None:
    text = (
        "Pakistan said its air force had struck militant hideouts in Iran. Tehran condemned the "
        "strikes and summoned Islamabad's envoy. The country said two days earlier it had hit "
        "militant bases in Pakistan."
    )
    events = flashpoint.extract(text, published=PUBLISHED)
    hit = [e for e in events if e.trigger == "hit"]
    assert [(e.actor1 and e.actor1.country, e.actor2 and e.actor2.code) for e in hit] == [
        ("IRN", "PAKREB")
    ]


def test_sanctions_agreed_or_approved_are_imposed_and_a_carrier_of_aircraft_is_naval() -> None:
    text = "EU leaders approved a 14th package of sanctions on Russia on Monday."
    assert dyads(text, "SANCTION", PUBLISHED) == [("IGOEEC", "RUSGOV")]
    text = "The Houthis said they had attacked a U.S. aircraft carrier in the Red Sea."
    assert dyads(text, "ASSAULT", PUBLISHED) == [("YEMREB", "USAMIL")]


def test_a_headlines_comma_pair_read_as_a_clause_is_two_subjects() -> None:
    assert dyads("Modi, Putin hold talks in Moscow", "CONSULT", PUBLISHED) == [("INDGOV", "RUSGOV")]


def test_land_annexed_is_of_the_people_its_adjective_names_and_leaders_are_received() -> None:
    text = "Russia formally annexed four Ukrainian regions on Friday in a ceremony in the Kremlin."
    assert dyads(text, "ASSAULT", PUBLISHED) == [("RUSMIL", "UKRMIL")]
    text = "Egypt's President Abdel Fattah al-Sisi received the Hamas leadership in Cairo."
    assert dyads(text, "CONSULT", PUBLISHED) == [("EGYGOV", "PSEREB")]


def test_the_dead_of_an_earlier_act_told_after_after_are_not_the_later_acts() -> None:
    events = flashpoint.extract(
        "Israeli settlers torched homes and cars in the Palestinian village of Huwara after two "
        "Israelis were shot dead nearby.",
        published=PUBLISHED,
    )
    assert {e.trigger: e.fatalities for e in events} == {"torched": None, "shot": 2}
    events = flashpoint.extract(
        "Three soldiers were killed after their vehicle was hit by a mine.", published=PUBLISHED
    )
    assert [e.fatalities for e in events] == [3]


def test_a_foreign_groups_country_is_not_the_storys() -> None:
    text = (
        "Dozens of Wagner Group mercenaries and Malian soldiers were killed in fighting with "
        "Tuareg separatists near the Algerian border, in the group's heaviest loss in Africa."
    )
    assert {source for source, _ in dyads(text, "ASSAULT", PUBLISHED)} == {"MLIREB"}


def test_restrictions_eased_bear_on_where_the_restricted_flows_go() -> None:
    text = "The EU lifted its ban on flights to Belarus on Monday."
    assert dyads(text, "CONCEDE", PUBLISHED) == [("IGOEEC", "BLR")]
    text = "Israel eased its restrictions on aid deliveries to Gaza on Sunday."
    assert dyads(text, "CONCEDE", PUBLISHED) == [("ISRGOV", "PSE")]


def test_a_recipient_named_inside_a_relative_clause_receives() -> None:
    text = (
        "President Joe Biden signed an aid package that includes $61 billion in assistance for "
        "Ukraine."
    )
    assert dyads(text, "AID", date(2024, 4, 25)) == [("USAGOV", "UKRGOV")]


def test_a_state_reporting_a_fight_with_another_is_its_other_side() -> None:
    text = "Armenia said heavy fighting erupted with Azerbaijan along the border overnight."
    assert [(s and s[:3], t and t[:3]) for s, t in dyads(text, "ASSAULT", PUBLISHED)] == [
        ("ARM", "AZE")
    ]
