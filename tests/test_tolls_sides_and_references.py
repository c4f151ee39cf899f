"""Tolls, sides, coreference and datelines read from fresh wire-style probes of real events (real
spaCy): the dead of whose act, which state 'it' and 'the country' are, who a fight is between."""

from __future__ import annotations

from datetime import date

import flashpoint
from coded import dyads

PUBLISHED = date(2025, 11, 30)


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


def test_a_party_named_and_described_in_apposition_is_one_party() -> None:
    text = (
        "The Malian government ordered the UN peacekeeping mission MINUSMA to leave the country "
        "without delay."
    )
    assert dyads(text, "REQUEST", PUBLISHED) == [("MLIGOV", "IGOUNOPKO")]


def test_a_side_that_came_under_attack_is_its_target() -> None:
    text = "UN peacekeepers in eastern Congo came under attack from M23 rebels near Sake on Friday."
    assert dyads(text, "ASSAULT", PUBLISHED) == [("CODREB", "IGOUNOPKO")]
    text = "An Israeli patrol came under fire from Hezbollah fighters near the border."
    assert dyads(text, "ASSAULT", PUBLISHED) == [("LBNREB", "ISRMIL")]
    text = "Protesters set fire to the governor's office in Tripoli."  # a fire set is no shooting
    assert all(e != "193" for e in [x.cameo_code for x in flashpoint.extract(text)])


def test_an_editor_arrested_is_a_journalist() -> None:
    text = "Police in Minsk arrested the editor of the country's largest independent newspaper."
    assert dyads(text, "COERCE", PUBLISHED) == [("BLRCOP", "BLRJRN")]


def test_all_parties_to_a_conflict_are_no_political_party() -> None:
    text = "China called on all parties to exercise restraint after the border clashes."
    assert all(target != "PTY" for _, target in dyads(text, "REQUEST", PUBLISHED))


def test_engineers_killed_are_civilians_of_their_country() -> None:
    text = (
        "Two Chinese engineers were killed when a suicide bomber attacked their convoy in Karachi."
    )
    assert dyads(text, "ASSAULT", PUBLISHED) == [(None, "CHNCVL")]


def test_a_ship_owned_by_a_people_named_in_a_hyphen_compound_is_theirs() -> None:
    text = "Yemen's Houthis seized a British-owned cargo ship in the Red Sea on Sunday."
    assert dyads(text, "COERCE", PUBLISHED) == [("YEMREB", "GBRCVL")]


def test_a_title_subject_is_no_part_of_the_name_after_the_verb() -> None:
    text = "The Pope met Ukrainian President Volodymyr Zelenskiy at the Vatican on Saturday."
    assert dyads(text, "CONSULT", PUBLISHED) == [("VATGOV", "UKRGOV")]
