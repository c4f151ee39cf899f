"""Target reading: what an act is for, object pronouns that cannot be the doer's own kind,
released opponents, coordinated prepositions (real spaCy)."""

from __future__ import annotations

from datetime import date

import pytest

import flashpoint
from coded import dyads

PUBLISHED = date(2022, 9, 20)


def _coded(text: str, event_type: str) -> list[tuple[str | None, str | None]]:
    return dyads(text, event_type, PUBLISHED)


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # "them" is the protesters: not the forces (the infinitive's own subject), and not the
        # morality police named in passing
        (
            "Protesters took to the streets of Tehran on Monday over the death of a woman who "
            "died in the custody of the morality police, and security forces fired tear gas to "
            "disperse them.",
            "COERCE",
            ("IRNCOP", "IRNOPP"),
        ),
        # the purpose's object is the target when the act itself names none
        (
            "Israeli jets launched raids overnight to destroy Hamas tunnels in Gaza.",
            "ASSAULT",
            ("ISRMIL", "PSEREB"),
        ),
    ],
)
def test_purpose_names_the_target(text: str, event_type: str, dyad: tuple[str, str]) -> None:
    assert dyad in _coded(text, event_type)


def test_an_act_with_its_own_object_keeps_it() -> None:
    # the purpose says why, the object says whom
    coded = _coded(
        "Russian forces shelled Kharkiv on Monday to force Ukraine to the table.", "ASSAULT"
    )
    assert [(a1, (a2 or "")[:3]) for a1, a2 in coded] == [("RUSMIL", "UKR")]


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # a state frees its own opponents through its government, not its army
        ("Nicaragua freed 222 political prisoners on Thursday.", ("NICGOV", "NICOPP")),
        (
            "Belarus released opposition figure Sergei Tikhanovsky on Saturday.",
            ("BLRGOV", "BLROPP"),
        ),
    ],
)
def test_released_opponents(text: str, dyad: tuple[str, str]) -> None:
    assert dyad in _coded(text, "RETREAT")


def test_withdrawn_troops_stay_forces() -> None:
    coded = _coded("Russia withdrew its troops from Kherson on Friday.", "RETREAT")
    assert coded and all(a1 == "RUSMIL" for a1, _a2 in coded)
    # a leader who orders the troops is the government deciding, as for any act by force
    coded = _coded("Vladimir Putin ordered the call-up of 300,000 reservists.", "MOBILIZE")
    assert coded and all(a1 == "RUSGOV" for a1, _a2 in coded)


def test_coordinated_prepositions_share_their_noun() -> None:
    # "to and from Israel": the noun hangs on "from" only
    assert _coded(
        "Turkey halted all exports and imports to and from Israel on Thursday.", "SANCTION"
    ) == [("TURGOV", "ISR")]


def test_rebels_of_the_same_country_are_the_other_side() -> None:
    # a truce between a state and its own rebels is a deal, not the state's own decision
    assert _coded(
        "Ethiopian government forces and Tigrayan rebels signed a permanent cessation of "
        "hostilities in Pretoria on Wednesday.",
        "AGREE",
    ) == [("ETHMIL", "ETHREB")]


def test_believed_doer_of_a_raising_verb() -> None:
    coded = _coded("Russian forces are reported to have shelled Kharkiv overnight.", "ASSAULT")
    assert [(a1, (a2 or "")[:3]) for a1, a2 in coded] == [("RUSMIL", "UKR")]


def test_stones_thrown_and_water_cannon_in_response() -> None:
    text = (
        "Protesters in Tbilisi threw stones and fireworks at police, who responded with water "
        "cannon and rubber bullets."
    )
    events = flashpoint.extract(text, published=PUBLISHED)
    kinds = {(e.event_type, e.actor1.code if e.actor1 else None) for e in events}
    assert ("COERCE", "GEOCOP") in kinds
    assert any(e.actor1 and e.actor1.code == "GEOOPP" for e in events)


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        # ending a deal with a partner is a sanction on the partner
        (
            "Niger's junta revoked a military cooperation agreement with the United States.",
            "SANCTION",
            ("NERMIL", "USAGOV"),
        ),
        (
            "India suspended the Indus Waters Treaty with Pakistan.",
            "SANCTION",
            ("INDGOV", "PAKGOV"),
        ),
        # a sum is counted in what it buys, and goes where the verb sends it
        ("Japan announced $4.5 billion in new aid for Ukraine.", "AID", ("JPNGOV", "UKRGOV")),
        (
            "Saudi Arabia pledged $400 million in humanitarian aid to Ukraine.",
            "AID",
            ("SAUGOV", "UKR"),
        ),
    ],
)
def test_deals_ended_and_sums_of_aid(text: str, event_type: str, dyad: tuple[str, str]) -> None:
    assert _coded(text, event_type) == [dyad]


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # a town taken from no one named was taken from the forces of the state it lies in
        ("Russian troops captured the city of Bakhmut.", ("RUSMIL", "UKRMIL")),
        ("Islamic State fighters seized the city of Mosul.", ("IMGREB", "IRQMIL")),
        # a town retaken at home says nothing of whom it was taken from
        ("Ukrainian forces recaptured the city of Kherson.", ("UKRMIL", None)),
        # a town the gazetteer does not know, taken by rebels: from their own state's forces
        ("The Arakan Army captured the town of Maungdaw on Sunday.", ("MMRREB", "MMRMIL")),
    ],
)
def test_territory_taken_from_its_state(text: str, dyad: tuple[str, str | None]) -> None:
    assert _coded(text, "ASSAULT") == [dyad]


def test_clashes_with_a_side_hang_on_the_other() -> None:
    text = "Police in Paris arrested 45 people after clashes with protesters on Thursday."
    assert ("FRACOP", "FRAOPP") in _coded(text, "ASSAULT")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        # what is denied or foreseen is said of the attack, which happened
        (
            "The Kremlin said Ukraine's attack on the Kursk region would not go unanswered.",
            "asserted",
        ),
        # a predicate of taking place denies the event itself
        ("The planned Israeli offensive did not begin on Monday.", "negated"),
    ],
)
def test_negation_said_of_a_nominal_act(text: str, modality: str) -> None:
    events = flashpoint.extract(text, published=PUBLISHED)
    assert [e.modality for e in events if e.event_type == "ASSAULT"] == [modality]


def test_asking_others_to_act_is_a_request_not_the_act() -> None:
    text = "Ukraine called on its allies to deliver more air defence systems on Monday."
    kinds = {e.event_type for e in flashpoint.extract(text, published=PUBLISHED)}
    assert "REQUEST" in kinds and "AID" not in kinds
    # an order to one's own forces is the act ordered
    text = "Russia ordered its troops to withdraw from the town on Monday."
    assert [e.event_type for e in flashpoint.extract(text, published=PUBLISHED)] == ["RETREAT"]


def test_a_state_protesting_through_a_summons_is_no_street_protest() -> None:
    text = (
        "Russia's foreign ministry summoned the U.S. ambassador to protest against what it "
        "called provocations."
    )
    kinds = [e.event_type for e in flashpoint.extract(text, published=PUBLISHED)]
    assert kinds == ["ACCUSE"]


def test_repelling_an_attack_fights_its_owner() -> None:
    text = (
        "Russia's defence ministry said its forces had repelled a Ukrainian attack near Robotyne."
    )
    assert ("RUSMIL", "UKRMIL") in _coded(text, "ASSAULT")


def test_an_attack_claimed_in_the_passive() -> None:
    text = (
        "A suicide bomber killed 20 people at a market in Kabul on Monday. The attack was "
        "claimed by the Islamic State's Khorasan branch."
    )
    assert [a1 for a1, _a2 in _coded(text, "ASSAULT")] == ["IMGREB"]


def test_military_rulers_govern() -> None:
    text = "Niger's military rulers ended a defence agreement with Benin on Monday."
    assert _coded(text, "SANCTION") == [("NERGOV", "BENGOV")]


def test_what_is_fired_is_no_target() -> None:
    assert _coded("Russia launched 48 drones overnight.", "ASSAULT") == [("RUSMIL", None)]
    assert [
        (a1, (a2 or "")[:3]) for a1, a2 in _coded("Russia launched drones at Kyiv.", "ASSAULT")
    ] == [("RUSMIL", "UKR")]


def test_what_is_fired_is_no_target_in_the_passive_either() -> None:
    text = "Two missiles were fired by Russian forces at the port of Odesa."
    assert [(a1, (a2 or "")[:3]) for a1, a2 in _coded(text, "ASSAULT")] == [("RUSMIL", "UKR")]
    text = "A soldier was fired at by gunmen near Jenin."
    assert [a2 for _, a2 in _coded(text, "ASSAULT")] == ["PSEMIL"]


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine's air force said it had downed 31 of 36 Shahed drones launched by Russia.",
        "Ukrainian air defences intercepted most of the drones launched by Russia overnight.",
    ],
)
def test_a_weapon_brought_down_is_its_launchers(text: str) -> None:
    assert _coded(text, "ASSAULT") == [("UKRMIL", "RUSMIL")]


def test_a_strike_in_response_answers_the_attack_before_it() -> None:
    text = (
        "Hezbollah fired about 100 rockets at northern Israel on Tuesday. The Israeli military "
        "said it struck the launchers in response."
    )
    assert ("ISRMIL", "LBNREB") in _coded(text, "ASSAULT")


def test_paramilitaries_are_forces() -> None:
    text = "Sudanese paramilitaries killed at least 25 villagers in an attack on Wad al-Noura."
    assert _coded(text, "ASSAULT") == [("SDNMIL", "SDNCVL")]


def test_a_ship_linked_to_a_state_is_that_states() -> None:
    text = "Iran's Revolutionary Guards seized an Israel-linked container ship near Hormuz."
    assert _coded(text, "COERCE") == [("IRNMIL", "ISRCVL")]


def test_cutting_off_talks_is_a_sanction_not_a_meeting() -> None:
    text = "China cut off climate and military talks with the United States on Friday."
    assert _coded(text, "SANCTION") == [("CHNGOV", "USAGOV")]
    assert _coded(text, "CONSULT") == []


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        (
            "The Pentagon said it would send an aircraft carrier to the eastern Mediterranean "
            "to deter Hezbollah.",
            ("USAMIL", "LBNREB"),
        ),
        ("Britain dispatched two destroyers to the Red Sea.", ("GBRMIL", None)),
        # a force moved to protect is aimed at no one
        ("Kenya deployed troops to protect civilians.", ("KENMIL", None)),
    ],
)
def test_warships_sent_are_a_deployment_aimed_at_whom_it_deters(
    text: str, dyad: tuple[str, str | None]
) -> None:
    assert _coded(text, "MOBILIZE") == [dyad]
    assert _coded(text, "AID") == []


def test_whoever_has_the_plan_to_meet_is_the_party() -> None:
    text = "The Kremlin said Putin had no plans to meet Zelensky."
    assert _coded(text, "CONSULT") == [("RUSGOV", "UKRGOV")]
    # a bid someone backs is not the backer's own act
    text = "The assembly voted to back a Palestinian bid to become a full member of the UN."
    assert ("IGOUNO", "IGOUNO") not in _coded(text, "COOPERATE")


def test_a_call_received_is_between_the_caller_and_the_receiver() -> None:
    text = (
        "Iraqi Prime Minister Mustafa al-Kadhimi received a phone call from U.S. "
        "Secretary of State Antony Blinken on Sunday."
    )
    assert _coded(text, "CONSULT") == [("USAGOV", "IRQGOV")]


def test_hosting_an_allys_weapons_is_cooperation_not_a_visit() -> None:
    text = "Belarus hosted Russian tactical nuclear weapons under an agreement with Moscow."
    assert _coded(text, "COOPERATE") == [("BLRGOV", "RUSMIL")]
    assert _coded(text, "CONSULT") == []


def test_a_veto_is_a_rejection_not_the_aid_it_stops() -> None:
    text = "Hungary vetoed an EU aid package for Ukraine worth 50 billion euros."
    assert _coded(text, "REJECT") == [("HUNGOV", "IGOEEC")]
    assert _coded(text, "AID") == []


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        ("Russia moved tactical nuclear weapons to Belarus.", "MOBILIZE", ("RUSMIL", "BLR")),
        ("Armenia handed over four villages to Azerbaijan.", "RETREAT", ("ARMMIL", "AZE")),
        (
            "Russia returned 48 Ukrainian children to their families.",
            "RETREAT",
            ("RUSGOV", "UKRCVL"),
        ),
        (
            "The Nicaraguan government stripped 94 opponents of their citizenship.",
            "COERCE",
            ("NICGOV", "NICOPP"),
        ),
    ],
)
def test_what_moves_where_and_to_whom(text: str, event_type: str, dyad: tuple[str, str]) -> None:
    assert _coded(text, event_type) == [dyad]


def test_a_participle_describing_a_victim_is_no_event() -> None:
    text = "Iran executed a man convicted over the protests, the Mizan news agency said."
    assert _coded(text, "SANCTION") == []
    assert _coded(text, "COERCE") == []


def test_what_is_discussed_is_a_topic_not_a_party() -> None:
    text = "Zelensky and Biden discussed air defence in a phone call."
    assert _coded(text, "CONSULT") == [("UKRGOV", "USAGOV")]
    text = "Blinken discussed the hostage deal with Qatar's prime minister."
    assert _coded(text, "CONSULT") == [("USAGOV", "QATGOV")]


@pytest.mark.parametrize(
    ("text", "event_type", "dyad"),
    [
        (
            "A Palestinian gunman opened fire at a bus stop in Jerusalem, killing three people "
            "before being shot dead by off-duty soldiers.",
            "ASSAULT",
            ("ISRMIL", "PSEUAF"),
        ),
        (
            "The attacker stabbed two officers before being arrested by police.",
            "COERCE",
            ("COP", "UAF"),
        ),
    ],
)
def test_whoever_acts_in_the_main_clause_undergoes_its_passive_sequel(
    text: str, event_type: str, dyad: tuple[str, str]
) -> None:
    assert dyad in _coded(text, event_type)


def test_a_passive_sequel_does_not_share_the_main_acts_toll() -> None:
    text = (
        "A Palestinian gunman opened fire at a bus stop in Jerusalem, killing three people "
        "before being shot dead by off-duty soldiers."
    )
    tolls = {e.actor1.code: e.fatalities for e in flashpoint.extract(text) if e.actor1}
    assert tolls == {"PSEUAF": 3, "ISRMIL": None}


def test_what_a_withdrawal_is_from_is_not_its_author() -> None:
    text = "Mali, Burkina Faso and Niger announced their withdrawal from ECOWAS."
    assert all(a1 != "IGOWAS" for a1, _ in _coded(text, "RETREAT"))


def test_him_is_the_one_person_named_before() -> None:
    text = "A gunman killed five people in a mall before police shot him dead."
    assert ("COP", "UAF") in _coded(text, "ASSAULT")


def test_a_bombing_at_a_place_is_aimed_at_whoever_fills_it() -> None:
    text = "The death toll from the suicide bombings at churches and hotels rose to 290."
    assert [(a2 or "")[-3:] for _, a2 in _coded(text, "ASSAULT")] == ["CVL"]


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        ("Hamas claimed responsibility for a rocket attack on Tel Aviv.", ("PSEREB", "ISR")),
        (
            "Ukraine's military intelligence agency claimed responsibility for a drone strike "
            "on an oil refinery in Russia.",
            ("UKRSPY", "RUSGOV"),
        ),
    ],
)
def test_a_claimed_attack_is_the_claimants(text: str, dyad: tuple[str, str]) -> None:
    events = [e for e in flashpoint.extract(text, published=PUBLISHED) if e.confidence >= 0.5]
    assert [(e.actor1.code, e.actor2.code) for e in events if e.actor1 and e.actor2] == [dyad]


def test_a_claim_denied_names_no_attacker() -> None:
    text = (
        "An explosion damaged the Kerch bridge on Saturday, killing three people in a car. "
        "Ukraine did not claim responsibility."
    )
    assert [a1 for a1, _ in _coded(text, "ASSAULT")] == [None]


def test_a_crowds_attempt_is_no_threat() -> None:
    text = "Kenyan police fired tear gas at protesters who tried to storm parliament."
    assert _coded(text, "THREATEN") == []


def test_people_dispersed_after_a_march_are_protesters() -> None:
    text = (
        "Thousands of Kenyans marched in Nairobi on Thursday to demand President William "
        "Ruto's resignation, and police fired tear gas to disperse them."
    )
    assert _coded(text, "COERCE") == [("KENCOP", "KENOPP")]


def test_forces_deployed_in_the_passive_are_the_side_that_moves() -> None:
    text = "North Korean troops were deployed to Russia's Kursk region, Seoul's spy agency said."
    assert [a1 for a1, _ in _coded(text, "MOBILIZE")] == ["PRKMIL"]
    # a deployment told as the time of another act is background
    text = "Russian peacekeepers began withdrawing from Karabakh, years after they were deployed."
    assert all(a1 is None for a1, _ in _coded(text, "MOBILIZE"))


def test_a_phrase_shared_by_two_passives_names_the_attacker_of_both() -> None:
    text = (
        "Two Turkish soldiers were killed and three wounded in clashes with PKK militants in "
        "northern Iraq."
    )
    assert [a1 for a1, _ in _coded(text, "ASSAULT")] == ["TURREB"]
