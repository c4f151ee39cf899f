"""Who did it to whom: role reading on typical wire constructions (real spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

import flashpoint
from flashpoint.model import Event

PUBLISHED = date(2023, 4, 12)


def _dyads(text: str, event_type: str) -> list[tuple[str | None, str | None]]:
    events: list[Event] = flashpoint.extract(text, published=PUBLISHED)
    return [
        (e.actor1.country if e.actor1 else None, e.actor2.country if e.actor2 else None)
        for e in events
        if e.event_type == event_type
    ]


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # the envoy's host, whether "to X" hangs on the envoy or on the verb
        ("Lithuania recalled its ambassador to China on Tuesday.", "SANCTION", ("LTU", "CHN")),
        # the holder of what is sanctioned, named on the verb rather than on "sanctions"
        (
            "Japan imposed sanctions on Monday on three Russian banks.",
            "SANCTION",
            ("JPN", "RUS"),
        ),
        # announcing sanctions is imposing them
        ("Canada announced new sanctions on Iranian officials.", "SANCTION", ("CAN", "IRN")),
        # a ban on another country is a sanction, not repression
        ("The European Union banned Russian state broadcasters.", "SANCTION", (None, "RUS")),
        # the receiver of support given as an indirect object
        ("Poland gave Ukraine its full backing.", "SUPPORT", ("POL", "UKR")),
        # goods are not the receiver of aid
        ("Slovakia delivered MiG-29 jets to Ukraine.", "AID", ("SVK", "UKR")),
        # a relative pronoun stands for the noun it modifies
        (
            "Baghdad summoned Turkey's envoy over the strikes, which Iraq blamed on Ankara.",
            "ACCUSE",
            ("IRQ", "TUR"),
        ),
    ],
)
def test_roles(text: str, event_type: str, dyad: tuple[str | None, str | None]) -> None:
    assert dyad in _dyads(text, event_type), _dyads(text, event_type)


def test_a_ban_on_its_own_people_stays_repression() -> None:
    text = "The Taliban banned Afghan women from working for non-governmental organisations."
    events = flashpoint.extract(text, published=date(2022, 12, 24))
    assert not any(e.event_type == "SANCTION" for e in events)


def test_its_forces_belong_to_the_state_named_before() -> None:
    text = "Moscow denied that its forces had shelled the market in Kostiantynivka."
    events = flashpoint.extract(text, published=PUBLISHED)
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and assault[0].actor1 is not None
    assert assault[0].actor1.code == "RUSMIL"
    assert assault[0].modality == "negated"


def test_joint_exercises_are_cooperation_between_the_forces_not_mobilisation() -> None:
    text = "Indian and French warships began joint naval exercises in the Arabian Sea on Monday."
    events = flashpoint.extract(text, published=PUBLISHED)
    kinds = {
        (e.event_type, e.actor1 and e.actor1.country, e.actor2 and e.actor2.country) for e in events
    }
    assert kinds & {("COOPERATE", "IND", "FRA"), ("COOPERATE", "FRA", "IND")}, kinds
    assert not any(e.event_type == "MOBILIZE" for e in events), kinds


def test_a_single_country_exercise_is_mobilisation() -> None:
    text = "China's military held large-scale exercises around Taiwan on Saturday."
    events = flashpoint.extract(text, published=PUBLISHED)
    assert [e.event_type for e in events if e.event_type in {"MOBILIZE", "COOPERATE"}] == [
        "MOBILIZE"
    ]


def test_an_order_to_withdraw_is_the_withdrawal_itself() -> None:
    text = (
        "Israel's defence minister ordered troops on Sunday to pull out of the city of Khan Younis."
    )
    events = flashpoint.extract(text, published=date(2024, 4, 7))
    kinds = [(e.event_type, e.modality, e.actor2) for e in events]
    assert ("RETREAT", "asserted", None) in kinds, kinds
    assert not any(e.event_type == "MOBILIZE" for e in events), kinds


def test_an_order_without_content_still_deploys() -> None:
    text = "Putin ordered troops into the two breakaway regions on Monday."
    events = flashpoint.extract(text, published=date(2022, 2, 22))
    assert [e.event_type for e in events] == ["MOBILIZE"]


def test_crowds_storming_a_parliament_riot() -> None:
    text = "Protesters stormed the parliament in Belgrade on Saturday and set fire to its gates."
    events = flashpoint.extract(text, published=date(2020, 7, 11))
    riots = [e for e in events if e.event_type == "PROTEST" and e.mode == "riot"]
    assert riots and riots[0].acled_event_type == "Riots", [(e.event_type, e.mode) for e in events]
    assert not any(e.event_type == "ASSAULT" for e in events)


def test_participle_describing_a_noun_is_not_an_event() -> None:
    text = "Rockets struck a base hosting American troops in western Iraq on Tuesday."
    events = flashpoint.extract(text, published=PUBLISHED)
    assert [e.event_type for e in events] == ["ASSAULT"]


def test_the_goods_supplied_are_not_the_receiver() -> None:
    text = "Iran has supplied Russia with hundreds of attack drones, officials said."
    assert ("IRN", "RUS") in _dyads(text, "AID")


def test_talks_the_parties_just_held_are_a_meeting_too() -> None:
    text = (
        "Serbia and Kosovo agreed on Saturday to normalise economic ties after nine hours of "
        "talks in Ohrid."
    )
    events = flashpoint.extract(text, published=date(2023, 3, 19))
    consult = [e for e in events if e.event_type == "CONSULT"]
    assert consult, [(e.event_type, e.trigger) for e in events]
    parties = {
        consult[0].actor1 and consult[0].actor1.country,
        consult[0].actor2 and consult[0].actor2.country,
    }
    assert parties == {"SRB", "XKX"}
    assert consult[0].modality == "asserted"


def test_talks_long_ago_stay_background() -> None:
    text = "Fighting resumed in Khartoum on Sunday, months after talks in Jeddah collapsed."
    events = flashpoint.extract(text, published=date(2023, 12, 3))
    assert not any(e.event_type == "CONSULT" and e.confidence >= 0.5 for e in events)


def test_a_visit_during_which_the_hosts_act_is_a_meeting_with_them() -> None:
    text = "Norway pledged new air defence systems to Ukraine during a visit by Volodymyr Zelensky."
    dyads = _dyads(text, "CONSULT")
    assert ("UKR", "NOR") in dyads, dyads


def test_an_event_measured_in_days_is_carried_by_the_verb() -> None:
    text = "Chinese and Russian warships began five days of joint naval drills near Vladivostok."
    dyads = _dyads(text, "COOPERATE")
    assert ("CHN", "RUS") in dyads or ("RUS", "CHN") in dyads, dyads


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Soldiers ousted President Alpha Conde in Conakry on Sunday.", "COERCE"),
        ("A court in Ankara issued an arrest warrant for the opposition mayor.", "COERCE"),
        ("The government repealed the controversial cybercrime law on Tuesday.", "CONCEDE"),
    ],
)
def test_coups_warrants_and_repeals(text: str, event_type: str) -> None:
    events = flashpoint.extract(text, published=PUBLISHED)
    assert event_type in [e.event_type for e in events], [(e.event_type, e.trigger) for e in events]


def test_a_participle_before_its_noun_describes_it() -> None:
    text = "The besieged city of Mariupol held out for another week."
    events = flashpoint.extract(text, published=date(2022, 5, 1))
    assert not any(e.event_type == "ASSAULT" and e.confidence >= 0.5 for e in events)


def test_a_bare_toll_after_an_attack_is_that_attacks_toll() -> None:
    text = (
        "Israeli jets struck Houthi targets around the port of Hodeidah on Saturday. "
        "The Houthi-run health ministry said nine people were killed."
    )
    events = flashpoint.extract(text, published=date(2024, 7, 21))
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert len(attacks) == 1, [(e.trigger, e.actor1) for e in attacks]
    assert attacks[0].actor1 is not None and attacks[0].actor1.country == "ISR"
    assert attacks[0].fatalities == 9


def test_a_toll_with_an_attack_of_its_own_stays_separate() -> None:
    text = (
        "Israeli jets struck Houthi targets around the port of Hodeidah on Saturday. "
        "Separately, three people were killed in a shooting in Taiz."
    )
    events = flashpoint.extract(text, published=date(2024, 7, 21))
    assert len([e for e in events if e.event_type == "ASSAULT"]) == 2


def test_killed_in_a_strike_names_the_strikes_owner() -> None:
    text = "A Hamas commander was killed in an Israeli airstrike on a car in southern Lebanon."
    events = flashpoint.extract(text, published=date(2024, 1, 8))
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and assault[0].actor1 is not None and assault[0].actor1.country == "ISR"


def test_a_move_condemned_is_aimed_at_everyone_who_made_it() -> None:
    text = (
        "Belgium and Luxembourg recognised a Palestinian state on Monday, a move Israel "
        "condemned as a reward for terror."
    )
    dyads = _dyads(text, "ACCUSE")
    assert ("ISR", "BEL") in dyads and ("ISR", "LUX") in dyads, dyads


def test_condemning_the_strike_is_aimed_at_the_striker() -> None:
    text = (
        "A U.S. drone strike killed a senior al-Shabaab commander near Jilib on Sunday. "
        "Somalia's government welcomed the strike."
    )
    assert ("SOM", "USA") in _dyads(text, "SUPPORT")


def test_he_can_be_an_official_named_by_his_office() -> None:
    text = (
        "The chief prosecutor of the International Criminal Court said on Monday that he was "
        "seeking arrest warrants for two Taliban leaders, accusing them of persecuting women."
    )
    events = flashpoint.extract(text, published=date(2025, 1, 23))
    accuse = [e for e in events if e.event_type == "ACCUSE"]
    assert accuse and accuse[0].actor1 is not None, [(e.event_type, e.actor1) for e in events]
    assert accuse[0].actor1.org == "International Criminal Court"


def test_the_two_leaders_can_be_two_states() -> None:
    text = (
        "Russia and Turkey agreed on a ceasefire in Idlib. The two leaders also discussed refugees."
    )
    dyads = _dyads(text, "CONSULT")
    assert ("RUS", "TUR") in dyads or ("TUR", "RUS") in dyads, dyads


def test_warning_of_a_danger_is_no_threat() -> None:
    text = "Britain urged its citizens to avoid the airport, warning of a high risk of attack."
    events = flashpoint.extract(text, published=PUBLISHED)
    assert not any(e.event_type == "THREATEN" for e in events)


def test_a_warning_drawn_from_a_capital_is_that_governments() -> None:
    text = "Japan and the Philippines began joint naval drills, drawing a warning from Beijing."
    assert any(a == "CHN" for a, _ in _dyads(text, "THREATEN")), _dyads(text, "THREATEN")


def test_a_threat_answers_the_act_reported_before_it() -> None:
    text = "Sweden formally joined NATO on Thursday, and Moscow warned it would respond."
    assert ("RUS", "SWE") in _dyads(text, "THREATEN")


def test_protests_in_a_countrys_cities_face_its_government() -> None:
    text = "Police detained hundreds of people at protests in dozens of Belarusian cities."
    events = flashpoint.extract(text, published=date(2020, 8, 10))
    protest = [e for e in events if e.event_type == "PROTEST"]
    assert protest and protest[0].actor2 is not None
    assert protest[0].actor2.code == "BLRGOV", protest[0].actor2


def test_weeks_of_protests_named_as_a_cause_are_background() -> None:
    text = "The prime minister resigned on Tuesday, bowing to two weeks of nationwide protests."
    events = flashpoint.extract(text, published=date(2019, 10, 29))
    assert [e.event_type for e in events] == ["CONCEDE"], [
        (e.event_type, e.trigger) for e in events
    ]


def test_acting_by_doing_keeps_the_subject() -> None:
    text = "Afghan forces responded by shelling Pakistani military posts along the border."
    assert ("AFG", "PAK") in _dyads(text, "ASSAULT")


def test_bases_are_facilities_whatever_the_lemmatiser_says() -> None:
    text = "The paramilitary fighters attacked army bases across Khartoum on Saturday."
    events = flashpoint.extract(text, published=date(2023, 4, 15))
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and assault[0].actor2 is not None and assault[0].actor2.sector == "MIL"


def test_a_town_recaptured_from_someone_is_taken_from_them() -> None:
    text = "Iraqi forces recaptured the town of Tal Afar from Islamic State militants on Thursday."
    events = flashpoint.extract(text, published=date(2017, 8, 31))
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and assault[0].actor2 is not None
    assert assault[0].actor2.org == "Islamic State", assault[0].actor2


def test_an_unowned_weapon_names_no_attacker() -> None:
    text = "A drone launched from Lebanon struck a house in Caesarea on Saturday."
    events = flashpoint.extract(text, published=date(2024, 10, 19))
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and assault[0].actor1 is None


def test_asking_for_someone_to_act_addresses_them() -> None:
    text = "Mali's junta asked on Tuesday for the UN peacekeeping mission to leave the country."
    events = flashpoint.extract(text, published=date(2023, 6, 16))
    request = [e for e in events if e.event_type == "REQUEST"]
    assert request and request[0].actor2 is not None and request[0].actor2.code.startswith("IGOUNO")


def test_a_demand_after_a_reported_passive_clause_is_the_speakers() -> None:
    text = (
        "Azerbaijan's president said the airliner had been shot at over Russia, and demanded "
        "that Moscow admit guilt."
    )
    assert ("AZE", "RUS") in _dyads(text, "REQUEST")


def test_partners_acting_on_a_topic_cooperate_with_each_other() -> None:
    text = "Britain, France and Germany began sharing intelligence on Iranian drone shipments."
    dyads = {frozenset(d) for d in _dyads(text, "COOPERATE")}
    assert dyads == {
        frozenset({"GBR", "FRA"}),
        frozenset({"GBR", "DEU"}),
        frozenset({"FRA", "DEU"}),
    }, dyads


def test_talks_in_a_capital_are_no_army_of_its_country() -> None:
    text = "President Yoon Suk Yeol held talks with Prime Minister Fumio Kishida in Tokyo."
    events = flashpoint.extract(text, published=date(2023, 3, 16))
    consult = [e for e in events if e.event_type == "CONSULT"]
    assert consult and consult[0].actor2 is not None and consult[0].actor2.code == "JPNGOV"


def test_the_dead_at_a_militant_hideout_are_the_militants() -> None:
    text = (
        "Pakistan carried out strikes on militant hideouts near Saravan in Iran on Thursday, "
        "killing nine people."
    )
    events = flashpoint.extract(text, published=date(2024, 1, 18))
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and assault[0].actor2 is not None and assault[0].actor2.sector == "REB"


def test_a_passenger_jet_is_civilian() -> None:
    text = "Russian air defences shot down a passenger jet over Grozny, killing 38 people."
    events = flashpoint.extract(text, published=date(2024, 12, 26))
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and assault[0].actor2 is not None and assault[0].actor2.sector == "CVL"


def test_a_resolution_calling_for_something_is_its_authors_request() -> None:
    text = (
        "The UN General Assembly adopted a resolution on Tuesday calling for an immediate "
        "humanitarian ceasefire in Gaza."
    )
    events = flashpoint.extract(text, published=date(2023, 12, 12))
    requests = [e for e in events if e.event_type == "REQUEST"]
    assert requests and requests[0].actor1 is not None, [(e.event_type, e.actor1) for e in events]
    assert requests[0].actor1.code.startswith("IGOUNO")


def test_rejecting_a_ruling_does_not_author_it() -> None:
    text = "China said it would not accept a tribunal ruling that rejected its maritime claims."
    events = flashpoint.extract(text, published=date(2016, 7, 12))
    assert not any(
        e.event_type == "REJECT"
        and e.actor1
        and e.actor1.country == "CHN"
        and e.trigger == "rejected"
        for e in events
    )


def test_backing_pledged_for_someone_is_for_them() -> None:
    text = "Blinken pledged Washington's full backing for Israel on Thursday."
    assert ("USA", "ISR") in _dyads(text, "SUPPORT")


def test_killed_when_forces_shelled_is_one_attack() -> None:
    text = (
        "Armenia said 49 of its soldiers were killed when Azerbaijani forces shelled border towns."
    )
    events = flashpoint.extract(text, published=date(2022, 9, 13))
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert len(attacks) == 1, [(e.trigger, e.actor1, e.actor2) for e in attacks]
    assert attacks[0].actor1 is not None and attacks[0].actor1.country == "AZE"
    assert attacks[0].actor2 is not None and attacks[0].actor2.code == "ARMMIL"
    assert attacks[0].fatalities == 49


def test_one_of_the_largest_attacks_ranks_the_act_told() -> None:
    text = (
        "Ukrainian drones hit apartment blocks near Moscow overnight, in one of the largest "
        "drone attacks on the Russian capital."
    )
    events = flashpoint.extract(text, published=date(2024, 9, 10))
    assert len([e for e in events if e.event_type == "ASSAULT"]) == 1


def test_a_state_led_coalition_acts_for_its_leader_but_backing_is_not_leading() -> None:
    led = "A Saudi-led coalition air strike hit a bus carrying children in Dahyan on Thursday."
    backed = "Turkish-backed rebels shelled the town of Manbij on Thursday."
    assert any(a == "SAU" for a, _ in _dyads(led, "ASSAULT")), _dyads(led, "ASSAULT")
    assert not any(a == "TUR" for a, _ in _dyads(backed, "ASSAULT")), _dyads(backed, "ASSAULT")


def test_no_one_killed_is_a_zero_toll_not_an_attack() -> None:
    text = (
        "Iran fired ballistic missiles at two Iraqi bases hosting U.S. troops on Wednesday. "
        "The Pentagon said no Americans were killed."
    )
    events = flashpoint.extract(text, published=date(2020, 1, 8))
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert len(attacks) == 1, [(e.trigger, e.actor1) for e in attacks]
    assert attacks[0].fatalities == 0


def test_ordering_an_ambassador_to_leave_is_an_expulsion() -> None:
    text = "Tallinn responded by ordering the Russian ambassador to leave the country."
    assert ("EST", "RUS") in _dyads(text, "SANCTION"), _dyads(text, "REQUEST")


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Ukraine swapped hundreds of prisoners of war on Wednesday.",
        "Indian and Pakistani troops exchanged fire along the Line of Control on Sunday.",
    ],
)
def test_exchanges_go_both_ways(text: str) -> None:
    events = flashpoint.extract(text, published=PUBLISHED)
    dyads = {(e.actor1 and e.actor1.country, e.actor2 and e.actor2.country) for e in events}
    pairs = {d for d in dyads if None not in d}
    assert len(pairs) == 2 and all((b, a) in pairs for a, b in pairs), dyads


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Ukrainian air defences downed 40 Russian drones overnight.", "ASSAULT"),
        ("Ukrainian naval drones sank a Russian warship off Crimea.", "ASSAULT"),
        ("The army rushed reinforcements to the northern front on Monday.", "MOBILIZE"),
        ("Tehran promised a harsh response to the assassination.", "THREATEN"),
    ],
)
def test_more_wire_verbs(text: str, event_type: str) -> None:
    events = flashpoint.extract(text, published=PUBLISHED)
    assert event_type in [e.event_type for e in events], [(e.event_type, e.trigger) for e in events]


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        (
            "The European Union approved a 12th package of sanctions against Russia on Monday.",
            "SANCTION",
            (None, "RUS"),
        ),
        ("Congress approved $61 billion in new American aid for Ukraine.", "AID", ("USA", "UKR")),
        ("Armenia rejected Azerbaijan's peace proposal on Friday.", "REJECT", ("ARM", "AZE")),
    ],
)
def test_acts_enacted_and_owned(
    text: str, event_type: str, dyad: tuple[str | None, str | None]
) -> None:
    dyads = _dyads(text, event_type)
    assert any(d[1] == dyad[1] and (dyad[0] is None or d[0] == dyad[0]) for d in dyads), dyads


def test_a_threat_is_not_aimed_at_the_speakers_own_forces() -> None:
    text = "Putin threatened to use nuclear weapons if Western troops were sent to Ukraine."
    events = flashpoint.extract(text, published=date(2024, 2, 29))
    threat = [e for e in events if e.event_type == "THREATEN"]
    assert threat and (threat[0].actor2 is None or threat[0].actor2.country != "RUS")


def test_talks_in_a_capital_belong_to_the_parties_not_the_host_city() -> None:
    text = "Colombia's government and the ELN rebel group resumed peace talks in Caracas on Monday."
    dyads = _dyads(text, "CONSULT")
    assert ("COL", "COL") in dyads, dyads  # the government and the ELN, both Colombian


def test_what_one_leader_told_another_at_talks_makes_the_talks_theirs() -> None:
    text = (
        "Vladimir Putin told Recep Tayyip Erdogan at talks in Sochi on Monday that Russia "
        "would wait."
    )
    dyads = _dyads(text, "CONSULT")
    assert ("RUS", "TUR") in dyads, dyads


def test_an_embargo_on_a_countrys_goods_sanctions_that_country() -> None:
    text = "The EU's embargo on imports of Russian crude by sea took effect on Monday."
    events = flashpoint.extract(text, published=date(2022, 12, 5))
    sanction = [e for e in events if e.event_type == "SANCTION"]
    assert sanction and sanction[0].actor2 is not None and sanction[0].actor2.country == "RUS"


def test_a_town_an_armed_group_takes_is_taken_from_the_states_forces() -> None:
    text = "M23 rebels captured the city of Goma in eastern Congo on Monday."
    events = flashpoint.extract(text, published=date(2025, 1, 28))
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and assault[0].actor2 is not None and assault[0].actor2.code == "CODMIL"


def test_a_strike_that_killed_someone_is_one_attack_on_them() -> None:
    text = (
        "An Israeli strike on a residential building in Damascus killed a senior Hezbollah "
        "commander."
    )
    events = flashpoint.extract(text, published=date(2024, 10, 2))
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert len(attacks) == 1, [(e.trigger, e.actor2) for e in attacks]
    assert attacks[0].actor2 is not None and attacks[0].actor2.org == "Hezbollah"


def test_rockets_fired_toward_a_country_target_it() -> None:
    text = "Hamas fired more than 150 rockets toward Israel on Monday evening."
    assert any(d[1] == "ISR" for d in _dyads(text, "ASSAULT")), _dyads(text, "ASSAULT")


def test_a_relative_clause_about_a_party_is_its_own_statement() -> None:
    text = "Erdogan vowed revenge against Sweden, which he accused of sheltering militants."
    assert ("TUR", "SWE") in _dyads(text, "ACCUSE")
    assert ("TUR", "SWE") in _dyads(text, "THREATEN")


def test_an_apposition_parsed_across_the_verb_is_no_second_name_for_the_subject() -> None:
    text = (
        "Mali's junta refused on Monday to meet a joint mission from ECOWAS, "
        "the African Union and the United Nations."
    )
    assert all(a == "MLI" for a, _ in _dyads(text, "REJECT"))


def test_a_reaction_to_a_ruling_by_a_court_is_aimed_at_the_court() -> None:
    text = "Nicaragua rejected a ruling by the International Court of Justice on Monday."
    events = flashpoint.extract(text, published=PUBLISHED)
    rejections = [e for e in events if e.event_type == "REJECT"]
    assert rejections and rejections[0].actor2 is not None
    assert rejections[0].actor2.org == "International Court of Justice"


def test_a_show_of_force_around_a_state_is_aimed_at_it() -> None:
    text = "China began two days of live-fire drills around Taiwan on Saturday."
    assert ("CHN", "TWN") in _dyads(text, "MOBILIZE")
    home = "Russia held snap drills in its western military district on Monday."
    assert all(b is None for _, b in _dyads(home, "MOBILIZE"))


def test_two_sides_releasing_prisoners_together_free_each_others() -> None:
    text = "Russia and Ukraine released 95 prisoners of war each on Friday."
    assert set(_dyads(text, "RETREAT")) == {("RUS", "UKR"), ("UKR", "RUS")}


def test_measures_eased_on_a_territory_are_eased_for_its_people() -> None:
    text = "Israel eased restrictions on the West Bank on Sunday."
    assert ("ISR", "PSE") in _dyads(text, "CONCEDE")


def _codes(text: str) -> list[tuple[str | None, str | None]]:
    # after the RSF broke with the army (it was part of the state's forces until April 2023)
    return [
        (e.actor1.code if e.actor1 else None, e.actor2.code if e.actor2 else None)
        for e in flashpoint.extract(text, published=date(2024, 5, 10))
        if e.event_type == "ASSAULT"
    ]


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # a clash with the country's own people or with unnamed gunmen is still a clash
        ("Police clashed with protesters in Nairobi on Tuesday.", ("KENCOP", "KENOPP")),
        ("Police clashed with gunmen in the city of Kano on Thursday.", ("NGACOP", "NGAUAF")),
        # the sides hang on the verb the fighting is subject of, or on the gerund itself
        ("Clashes erupted between police and protesters in Dhaka on Sunday.", ("BGDCOP", "BGDOPP")),
        (
            "Fighting between the army and the Rapid Support Forces raged in Khartoum on Saturday.",
            ("SDNMIL", "SDNREB"),
        ),
        # gunmen loyal to a government are armed men on its side, not the government
        (
            "Security forces clashed with gunmen loyal to the former government in Latakia.",
            ("SYRCOP", "SYRUAF"),
        ),
    ],
)
def test_both_sides_of_a_clash(text: str, dyad: tuple[str, str]) -> None:
    assert dyad in _codes(text)


@pytest.mark.parametrize(
    "text",
    ["Police clashed with police officers in Lagos.", "The army fought with soldiers near Goma."],
)
def test_a_clash_whose_two_sides_read_as_one_party_is_one_sided(text: str) -> None:
    assert [d[1] for d in _codes(text)] == [None]


def test_killed_in_clashes_with_someone_names_who_killed() -> None:
    text = "Five soldiers were killed in clashes with Islamist militants near Gao on Sunday."
    assert ("MLIREB", "MLIMIL") in _codes(text)


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        (
            "The United States imposed sanctions on Iran and threatened further measures.",
            ("USA", "IRN"),
        ),
        (
            "Russia accused Ukraine of shelling the plant and threatened a harsh response.",
            ("RUS", "UKR"),
        ),
        # a threat with nothing before it keeps no target
        ("Turkey threatened to launch a new offensive.", ("TUR", None)),
    ],
)
def test_a_threat_made_with_a_hostile_act_is_aimed_at_its_target(
    text: str, dyad: tuple[str, str | None]
) -> None:
    assert _dyads(text, "THREATEN") == [dyad]


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # the promised answer may come as a clause ("vowed that Britain would respond")
        (
            "Prime Minister Rishi Sunak blamed Russia for the cyberattack and vowed that "
            "Britain would respond.",
            ("GBR", "RUS"),
        ),
        # whoever must face the consequences is threatened, its own people too
        (
            "Iran's judiciary warned on Saturday that rioters would face harsh punishment.",
            ("IRN", "IRN"),
        ),
        # a vow joined to a reported clause is the speaker's, not the reported subject's
        (
            "Israel's army said the rockets came from Lebanon and vowed to respond with force.",
            ("ISR", None),
        ),
    ],
)
def test_vows_to_respond(text: str, dyad: tuple[str, str | None]) -> None:
    assert _dyads(text, "THREATEN") == [dyad]


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # a second act joined to the reported clause is the speaker's, not the clause's
        (
            "UNICEF warned on Friday that children in Gaza faced famine, and urged Israel to "
            "open more crossings.",
            ("IGOUNOKID", "ISRGOV"),
        ),
        # a purpose clause is done by the main clause's subject; the UN chief is the UN
        (
            "Antonio Guterres wrote to the Security Council on Wednesday to urge it to act.",
            ("IGOUNO", "IGOUNOSEC"),
        ),
    ],
)
def test_who_urges(text: str, dyad: tuple[str, str]) -> None:
    events = flashpoint.extract(text, published=PUBLISHED)
    found = [
        (e.actor1.code if e.actor1 else None, e.actor2.code if e.actor2 else None)
        for e in events
        if e.event_type == "REQUEST"
    ]
    assert dyad in found


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Turkey halted exports to Israel on Thursday.", "ISR"),
        ("China banned imports of Japanese seafood on Thursday.", "JPN"),
        ("Russia banned imports of fruit from Moldova.", "MDA"),
    ],
)
def test_stopped_trade_targets_the_partner(text: str, target: str) -> None:
    assert [d[1] for d in _dyads(text, "SANCTION")] == [target]


def test_a_participle_after_a_parenthetical_speaker_is_the_speakers_act() -> None:
    text = (
        "Three hundred civilians were on board the ferry that sank near Odesa on Friday, "
        "Ukraine's navy said, accusing Russia of laying the mine."
    )
    assert ("UKR", "RUS") in _dyads(text, "ACCUSE")


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # a lone attacker named only as a person is an unidentified assailant
        ("A man stabbed three people at a festival in Solingen on Friday.", ("DEUUAF", "DEUCVL")),
        (
            "A teenager opened fire at a school in Belgrade, killing nine people.",
            ("SRBUAF", "SRBCVL"),
        ),
    ],
)
def test_lone_attackers(text: str, dyad: tuple[str, str]) -> None:
    assert dyad in _codes(text)


def test_a_man_killed_stays_a_civilian() -> None:
    events = flashpoint.extract(
        "A man was killed when soldiers opened fire on a crowd in Bamako.", published=PUBLISHED
    )
    assert all(e.actor2 is None or e.actor2.sector == "CVL" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Armenia and Azerbaijan accused each other of shelling border villages.",
        "Armenia and Azerbaijan blamed one another for the fighting.",
        "Armenia and Azerbaijan agreed to a truce, but each accused the other of breaking it.",
        # "each" floating after the subject
        "Armenia and Azerbaijan each accused the other of shelling border villages.",
    ],
)
def test_reciprocal_accusations_go_both_ways(text: str) -> None:
    assert sorted(_dyads(text, "ACCUSE")) == [("ARM", "AZE"), ("AZE", "ARM")]


def test_meeting_each_other_is_one_meeting() -> None:
    assert len(_dyads("Putin and Erdogan met each other in Sochi.", "CONSULT")) == 1


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # "the first X to do": X, or whoever is said to be X, does it
        (
            "Narendra Modi became the first Indian prime minister to visit Ukraine on Friday.",
            "CONSULT",
            ("IND", "UKR"),
        ),
        ("Britain was the first country to send tanks to Ukraine.", "AID", ("GBR", "UKR")),
    ],
)
def test_the_first_to_do_it(text: str, event_type: str, dyad: tuple[str, str]) -> None:
    assert dyad in _dyads(text, event_type)


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        ("U.S. Secretary of State Antony Blinken arrived in Kyiv on Wednesday.", ("USA", "UKR")),
        ("Narendra Modi landed in Moscow on Monday for a two-day trip.", ("IND", "RUS")),
    ],
)
def test_an_official_arriving_abroad_pays_a_visit(text: str, dyad: tuple[str, str]) -> None:
    assert _dyads(text, "CONSULT") == [dyad]


@pytest.mark.parametrize(
    "text",
    ["Volodymyr Zelensky arrived in Kharkiv on Friday.", "Russian troops arrived in Bamako."],
)
def test_arrivals_at_home_or_of_troops_are_no_visit(text: str) -> None:
    assert _dyads(text, "CONSULT") == []


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # a truce committed to is made by whoever commits to it
        ("Armenia and Azerbaijan committed to a truce on Friday.", ("ARM", "AZE")),
        # "a cessation of hostilities" is a truce, not an attack
        ("Armenia and Azerbaijan announced a cessation of hostilities.", ("ARM", "AZE")),
    ],
)
def test_truces_by_other_words(text: str, dyad: tuple[str, str]) -> None:
    assert dyad in _dyads(text, "AGREE")
    assert not [d for d in _dyads(text, "ASSAULT") if d != (None, None)]


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # shutting another state out is a sanction against it
        ("Poland closed its border with Belarus.", "SANCTION", ("POL", "BLR")),
        ("Pakistan closed its airspace to Indian airlines.", "SANCTION", ("PAK", "IND")),
        # closing roads at home restricts its own people
        ("Police closed roads around parliament in Nairobi.", "COERCE", ("KEN", None)),
    ],
)
def test_closing_a_border_to_a_state(
    text: str, event_type: str, dyad: tuple[str, str | None]
) -> None:
    assert dyad in _dyads(text, event_type)


def test_admitting_a_deadly_strike_concedes_to_its_victims() -> None:
    text = "The Pentagon admitted on Friday that its strike had killed ten civilians in Kabul."
    events = flashpoint.extract(text, published=PUBLISHED)
    concessions = [e for e in events if e.event_type == "CONCEDE"]
    assert [(e.actor1.country if e.actor1 else None) for e in concessions] == ["USA"]
    assert concessions[0].actor2 is not None and concessions[0].actor2.sector == "CVL"
    assert any(e.event_type == "ASSAULT" for e in events)  # the strike itself stays coded
