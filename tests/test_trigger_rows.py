"""Trigger rows added for wire idioms, each on a sentence of its own (real spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

import flashpoint

PUBLISHED = date(2024, 9, 2)


@pytest.mark.parametrize(
    ("text", "event_type", "actor1", "actor2"),
    [
        ("Jordan held Israel responsible for the raid on Sunday.", "ACCUSE", "JOR", "ISR"),
        ("Madrid threw its weight behind Morocco's autonomy plan.", "SUPPORT", "ESP", "MAR"),
        ("Guinea's junta placed the prime minister under house arrest.", "COERCE", "GIN", "GIN"),
        ("The Nigerian army said it had neutralised 40 terrorists.", "ASSAULT", "NGA", None),
        (
            "Kenya's government abandoned the finance bill after the protests.",
            "CONCEDE",
            "KEN",
            None,
        ),
        ("The army vowed to crush the rebellion in the north.", "THREATEN", None, None),
        ("Sri Lanka's president bowed to pressure from protesters.", "CONCEDE", "LKA", None),
        ("Al-Shabaab fighters rampaged through the town of Mandera.", "ASSAULT", "SOM", None),
        ("Houthi fighters laid siege to the city of Taiz in 2015.", "ASSAULT", "YEM", None),
        ("Azerbaijani troops lobbed mortar rounds at Armenian positions.", "ASSAULT", "AZE", "ARM"),
        ("Erdogan lashed out at Israel on Wednesday over the Gaza war.", "ACCUSE", "TUR", "ISR"),
        ("Beijing hit out at Washington over the arms sale to Taipei.", "ACCUSE", "CHN", "USA"),
        ("Tehran scoffed at the European proposal on Monday.", "REJECT", "IRN", None),
        ("Moscow balked at the price cap on its oil.", "REJECT", "RUS", None),
        ("Germany rushed medicine and tents to the quake zone in Turkey.", "AID", "DEU", "TUR"),
        ("The IMF disbursed 700 million dollars to Pakistan on Friday.", "AID", None, "PAK"),
        ("Serbia and Kosovo hammered out a deal on licence plates.", "AGREE", "SRB", "XKX"),
        ("Chad freed 20 Sudanese fishermen detained on Lake Chad.", "RETREAT", "TCD", "SDN"),
        ("Thousands of Serbs poured into the streets of Belgrade.", "PROTEST", "SRB", None),
        ("Hungary's parliament ratified Finland's NATO membership bid.", "SUPPORT", "HUN", "FIN"),
        ("Sudan's army regained control of Wad Madani from the RSF.", "ASSAULT", "SDN", "SDN"),
        # a state tagged as a person by the tagger is still a country left
        ("The last French soldiers left Mali on Monday.", "RETREAT", "FRA", None),
        ("Colombia's government and the ELN extended their ceasefire.", "AGREE", "COL", "COL"),
        (
            "Indian troops disengaged from two friction points on the border.",
            "RETREAT",
            "IND",
            None,
        ),
        ("Junior doctors in Nigeria downed tools on Monday.", "PROTEST", "NGA", None),
        ("Indonesia voiced support for Palestinian statehood.", "SUPPORT", "IDN", "PSE"),
        ("The Kenyan president flew to Addis Ababa for talks with Abiy.", "CONSULT", "KEN", "ETH"),
        ("Lavrov arrived in Pyongyang on Tuesday on a two-day visit.", "CONSULT", "RUS", "PRK"),
    ],
)
def test_wire_idioms(text: str, event_type: str, actor1: str | None, actor2: str | None) -> None:
    extracted = flashpoint.extract(text, published=PUBLISHED)
    events = [e for e in extracted if e.event_type == event_type]
    assert events, text
    e = events[0]
    assert (e.actor1.country if e.actor1 else None) == actor1
    if actor2 is not None:
        assert e.actor2 is not None and e.actor2.country == actor2


def test_a_wedding_party_is_its_guests_not_a_political_party() -> None:
    events = flashpoint.extract(
        "An airstrike on a wedding party in Helmand killed 12 guests.", published=PUBLISHED
    )
    assert [e.actor2.sector if e.actor2 else None for e in events] == ["CVL"]


@pytest.mark.parametrize(
    ("text", "event_type", "floor"),
    [
        ("Iran hanged two protesters on Monday.", "ASSAULT", 0.0),
        ("The junta extended the state of emergency by six months.", "COERCE", 0.0),
        ("The two leaders signed a document on denuclearisation.", "AGREE", 0.0),
        ("Nurses in Nigeria went on strike on Monday over unpaid wages.", "PROTEST", 0.0),
        ("The electoral court barred the main opposition candidate from running.", "COERCE", 0.0),
        ("Washington imposed visa restrictions on Ugandan officials.", "SANCTION", 0.0),
        ("Ukraine received 20 Leopard tanks from Poland on Friday.", "AID", 0.0),
        ("Hungary lifted its veto on the EU aid package for Ukraine.", "CONCEDE", 0.5),
        ("Finland became the 31st member of NATO on Tuesday.", "COOPERATE", 0.5),
        ("The EU invited Moldova to join the bloc on Thursday.", "SUPPORT", 0.5),
        ("Kenya's president withdrew the finance bill after deadly protests.", "CONCEDE", 0.5),
        ("Greece dropped its objection to North Macedonia's bid.", "CONCEDE", 0.5),
        ("Britain is moving two warships to the eastern Mediterranean.", "MOBILIZE", 0.5),
        ("Armenia put its army on full combat readiness on Tuesday.", "MOBILIZE", 0.5),
        ("Israel closed the Kerem Shalom corridor to aid trucks on Sunday.", "COERCE", 0.5),
        ("Washington halted military aid to Kyiv on Monday.", "SANCTION", 0.5),
        ("Slovakia blocked an EU sanctions package against Russia.", "REJECT", 0.5),
        ("Moscow blocked access to YouTube on Thursday.", "COERCE", 0.5),
    ],
)
def test_more_wire_idioms(text: str, event_type: str, floor: float) -> None:
    """Each sentence gives its event (the newer rows at the reporting threshold, too)."""
    events = flashpoint.extract(text, published=PUBLISHED)
    assert event_type in {e.event_type for e in events if e.confidence >= floor}, [
        (e.event_type, e.confidence) for e in events
    ]


def test_the_receiver_of_weapons_is_the_target_and_the_giver_the_source() -> None:
    events = flashpoint.extract(
        "Ukraine received the first F-16 fighter jets from Denmark on Monday.", published=PUBLISHED
    )
    aid = [e for e in events if e.event_type == "AID"]
    assert [(e.actor1 and e.actor1.country, e.actor2 and e.actor2.country) for e in aid] == [
        ("DNK", "UKR")
    ]


def test_security_forces_alone_are_police_of_the_country_in_the_story() -> None:
    events = flashpoint.extract(
        "Security forces killed 12 protesters in the Iraqi city of Nasiriyah on Thursday.",
        published=PUBLISHED,
    )
    killings = [e for e in events if e.event_type == "ASSAULT"]
    assert killings and killings[0].actor1 is not None
    assert killings[0].actor1.code == "IRQCOP"


def test_travelling_to_fight_is_no_visit() -> None:
    events = flashpoint.extract(
        "Troops arrived in the town for an operation against the rebels.", published=PUBLISHED
    )
    assert not [e for e in events if e.event_type == "CONSULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Britain will send Ukraine Storm Shadow cruise missiles.",
        "Norway agreed to give Ukraine NASAMS air defence systems.",
    ],
)
def test_the_country_right_after_a_verb_of_giving_receives(text: str) -> None:
    aid = [e for e in flashpoint.extract(text, published=PUBLISHED) if e.event_type == "AID"]
    assert aid and aid[0].actor2 is not None and aid[0].actor2.country == "UKR"


@pytest.mark.parametrize(
    "text",
    [
        "Scholz told Zelensky in a phone call on Monday that Germany would send more air defence.",
        "Abiy was greeted by Kenyan President William Ruto at the airport in Nairobi.",
    ],
)
def test_speaking_in_a_call_and_greeting_a_guest_are_meetings(text: str) -> None:
    events = flashpoint.extract(text, published=PUBLISHED)
    met = [e for e in events if e.event_type == "CONSULT" and e.actor1 and e.actor2]
    assert met, [(e.event_type, e.actor1, e.actor2) for e in events]


def test_an_attack_in_return_is_aimed_at_whoever_attacked_first() -> None:
    events = flashpoint.extract(
        "Islamic Jihad fired a barrage of rockets at Israeli towns on Tuesday, "
        "and Israel responded with airstrikes.",
        published=PUBLISHED,
    )
    back = [e for e in events if e.trigger == "responded"]
    assert back and back[0].actor2 is not None
    assert back[0].actor2.org == "Palestinian Islamic Jihad"


def test_forces_leaving_a_country_withdraw_and_travellers_do_not() -> None:
    gone = flashpoint.extract("The last Russian troops left Armenia.", published=PUBLISHED)
    assert [e.event_type for e in gone if e.confidence >= 0.5] == ["RETREAT"]
    trip = flashpoint.extract("Macron left France for a tour of Asia.", published=PUBLISHED)
    assert "RETREAT" not in {e.event_type for e in trip}


def test_states_striking_together_each_strike_but_allied_troops_cooperate() -> None:
    states = flashpoint.extract(
        "The United States and Britain struck Houthi radar sites in Yemen.", published=PUBLISHED
    )
    assert "COOPERATE" not in {e.event_type for e in states}
    troops = flashpoint.extract(
        "Kenyan and Somali troops recaptured the town of Bardhere from al-Shabaab.",
        published=PUBLISHED,
    )
    assert "COOPERATE" in {e.event_type for e in troops}


def test_cutting_banks_off_from_swift_sanctions_their_country() -> None:
    events = flashpoint.extract(
        "Britain cut three Iranian banks off from the SWIFT system.", published=PUBLISHED
    )
    assert ("GBR", "IRN") in {
        (e.actor1.country if e.actor1 else None, e.actor2.country if e.actor2 else None)
        for e in events
        if e.event_type == "SANCTION"
    }


def test_an_act_done_in_protest_is_no_demonstration() -> None:
    events = flashpoint.extract(
        "Jordan recalled its ambassador to Israel on Wednesday in protest at the raids.",
        published=PUBLISHED,
    )
    types = {e.event_type for e in events}
    assert "SANCTION" in types and "PROTEST" not in types


def test_rioters_setting_fire_riot_against_the_government_on_the_day() -> None:
    events = flashpoint.extract(
        "Protesters set fire to the ruling party's offices in Dhaka on Monday.",
        published=date(2024, 8, 7),
    )
    riots = [e for e in events if e.event_type == "PROTEST"]
    assert riots and riots[0].actor2 is not None and riots[0].actor2.code == "BGDGOV"
    assert riots[0].date == date(2024, 8, 5)  # 'set fire' is no 'set to': not next Monday


@pytest.mark.parametrize(
    ("text", "event_type", "code"),
    [
        ("Hong Kong police arrested six activists on Tuesday.", "COERCE", "HKGCOP"),
        ("Peru's president dissolved Congress on Monday.", "COERCE", "PERGOV"),
    ],
)
def test_hong_kong_and_dissolving_a_legislature(text: str, event_type: str, code: str) -> None:
    events = flashpoint.extract(text, published=PUBLISHED)
    coded = [e.actor1.code for e in events if e.event_type == event_type and e.actor1]
    assert coded[:1] == [code]
