"""An act named again: decisions that name a deal, claims of an attack told before."""

from __future__ import annotations

from datetime import date

import flashpoint
from flashpoint.model import Event

PUBLISHED = date(2022, 11, 3)


def _coded(text: str) -> list[Event]:
    return [e for e in flashpoint.extract(text, published=PUBLISHED) if e.confidence >= 0.2]


def _dyads(events: list[Event], event_type: str) -> list[tuple[str | None, str | None]]:
    return [
        (e.actor1.code if e.actor1 else None, e.actor2.org or e.actor2.code if e.actor2 else None)
        for e in events
        if e.event_type == event_type
    ]


def test_one_side_agreeing_to_a_named_truce_is_its_agreement() -> None:
    events = _coded("Ethiopia's government agreed to a truce in Tigray on Wednesday.")
    assert _dyads(events, "AGREE") == [("ETHGOV", None)]


def test_a_government_and_a_rebel_group_agreeing_make_a_deal_between_them() -> None:
    events = _coded("Sudan's government and the Rapid Support Forces agreed to a truce.")
    assert _dyads(events, "AGREE") == [("SDNGOV", "Rapid Support Forces")]


def test_an_act_agreed_to_keeps_its_own_parties() -> None:
    events = _coded("The rebels agreed to a ceasefire and the release of prisoners.")
    assert all(e.actor1 is None for e in events if e.event_type == "RETREAT")


def test_claiming_an_attack_asserts_it_and_names_its_author() -> None:
    events = _coded(
        "Boko Haram claimed an attack on an army base in Borno state on Monday, officials said."
    )
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert [(e.actor1 and e.actor1.org, e.modality) for e in attacks] == [
        ("Boko Haram", "asserted")
    ]


def test_claiming_to_have_done_something_is_still_a_hedge() -> None:
    events = _coded("The rebels claimed to have shot down an army helicopter.")
    assert [e.modality for e in events if e.event_type == "ASSAULT"] == ["uncertain"]


def test_the_attack_claimed_later_is_the_attack_told_before() -> None:
    events = _coded(
        "A suicide bomber blew himself up at a police checkpoint in Quetta on Tuesday, killing "
        "nine officers. The Pakistani Taliban claimed the attack in a statement."
    )
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert len(attacks) == 1
    assert attacks[0].actor1 is not None and attacks[0].actor1.org == "Tehrik-i-Taliban Pakistan"
    assert attacks[0].fatalities == 9


def test_a_new_attack_named_by_a_definite_noun_with_its_own_target_stays() -> None:
    events = _coded(
        "Russian missiles hit Odesa on Monday. On Tuesday the attack on Kharkiv killed four."
    )
    assert len([e for e in events if e.event_type == "ASSAULT"]) == 2


def test_each_of_several_states_urging_their_citizens_urges_its_own() -> None:
    events = _coded(
        "Canada, Germany and Japan urged their citizens on Monday to leave Lebanon immediately."
    )
    dyads = _dyads(events, "REQUEST")
    assert sorted(dyads, key=str) == [("CANGOV", None), ("DEUGOV", None), ("JPNGOV", None)]


def test_an_attack_attributed_to_a_state_is_that_state_s() -> None:
    events = _coded("A drone strike widely attributed to Turkey killed three fighters in Sinjar.")
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert [e.actor1.country if e.actor1 else None for e in attacks] == ["TUR"]


def test_an_attack_its_author_says_is_coming_is_a_threat() -> None:
    events = _coded("Hezbollah said it would retaliate against Israel for the killing.")
    assert [(e.event_type, e.modality) for e in events if e.actor1 is not None][:1] == [
        ("THREATEN", "asserted")
    ]
    assert not [e for e in events if e.event_type == "ASSAULT" and e.actor1 is not None]


def test_a_vow_to_respond_is_a_threat() -> None:
    events = _coded("Iran's foreign ministry vowed to respond to the strike on its consulate.")
    assert [e.event_type for e in events].count("THREATEN") == 1


def test_a_bare_toll_followed_by_a_vow_is_still_the_attack_s_toll() -> None:
    events = _coded(
        "Russian missiles struck the city of Dnipro on Friday. Ukrainian officials said "
        "14 people had been killed and vowed to respond."
    )
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert [(e.actor1 and e.actor1.country, e.fatalities) for e in attacks] == [("RUS", 14)]


def test_a_convoy_carrying_relief_into_a_territory_delivers_aid_there() -> None:
    events = _coded(
        "A World Food Programme convoy of 30 trucks carrying flour and medicine crossed into "
        "Ethiopia's Tigray region on Tuesday."
    )
    assert [(e.event_type, e.actor2 and e.actor2.country) for e in events] == [("AID", "ETH")]


def test_tanks_crossing_a_border_are_still_an_incursion() -> None:
    events = _coded("Russian tanks crossed into Ukraine's Sumy region on Tuesday.")
    assert [e.event_type for e in events] == ["ASSAULT"]


def test_relief_sent_with_rescue_teams_is_aid_to_the_receiver() -> None:
    events = _coded("Japan sent rescue teams and relief supplies to Morocco on Sunday.")
    assert _dyads(events, "AID") == [("JPNGOV", "MAR")]


def test_refusing_to_comment_takes_no_stand() -> None:
    events = flashpoint.extract("The ministry declined to comment.", published=PUBLISHED)
    events += flashpoint.extract("Moscow refused to comment on the report.", published=PUBLISHED)
    assert events == []


def test_declining_to_sign_is_a_rejection() -> None:
    events = flashpoint.extract(
        "Brazil declined to sign the joint statement on Sunday.", published=PUBLISHED
    )
    assert [(e.event_type, e.actor1 and e.actor1.country) for e in events] == [("REJECT", "BRA")]


def test_the_condemnation_an_act_draws_is_aimed_at_its_author() -> None:
    events = _coded(
        "Iran's judiciary sentenced a rapper to death on Monday, drawing condemnation from the "
        "European Union."
    )
    [(critic, criticised)] = _dyads(events, "ACCUSE")
    assert critic == "IGOEEC" and criticised is not None and criticised.startswith("IRN")


def test_designating_a_group_lists_that_group_not_its_label() -> None:
    events = _coded("Canada designated the Proud Boys a terrorist entity on Wednesday.")
    dyads = _dyads(events, "SANCTION")
    assert len(dyads) == 1 and dyads[0][0] == "CANGOV"


def test_scaling_back_operations_is_a_retreat() -> None:
    events = _coded("Israel said it would scale back military operations in northern Gaza.")
    assert [e.event_type for e in events] == ["RETREAT"]


def test_lifting_martial_law_ends_it_rather_than_imposing_it() -> None:
    events = _coded("Thailand's government lifted martial law across the country on Tuesday.")
    assert [e.event_type for e in events] == ["CONCEDE"]


def test_states_agreeing_to_act_each_do_the_act() -> None:
    events = _coded("Japan, Australia and New Zealand agreed on Friday to freeze Russian assets.")
    assert sorted(_dyads(events, "SANCTION"), key=str) == [
        ("AUSGOV", "RUS"),
        ("JPNGOV", "RUS"),
        ("NZLGOV", "RUS"),
    ]
    assert _dyads(events, "AGREE") == []


def test_two_states_agreeing_on_a_deal_still_agree() -> None:
    events = _coded("Armenia and Azerbaijan agreed to a ceasefire on Tuesday.")
    assert _dyads(events, "AGREE") == [("ARMGOV", "AZEGOV")]


def test_a_bloc_granting_candidate_status_backs_the_candidate() -> None:
    events = _coded("EU leaders granted Georgia candidate status on Thursday.")
    assert [(a, b and b[:3]) for a, b in _dyads(events, "SUPPORT")] == [("IGOEEC", "GEO")]


def test_ending_a_cooperation_agreement_severs_ties_with_the_partner() -> None:
    events = _coded("Niger said on Friday it was ending its military agreement with France.")
    assert _dyads(events, "SANCTION") == [("NERGOV", "FRAGOV")]
    assert _dyads(events, "AGREE") == []


def test_calling_off_a_truce_is_no_agreement() -> None:
    events = _coded("The ELN called off its ceasefire with the government on Tuesday.")
    assert _dyads(events, "AGREE") == []


def test_a_death_in_a_crash_is_no_attack() -> None:
    events = flashpoint.extract(
        "Three ministers were killed when their helicopter crashed near the capital.",
        published=PUBLISHED,
    )
    assert [e.event_type for e in events] == []


def test_a_conditional_threat_is_aimed_at_whoever_must_not_meet_the_condition() -> None:
    events = _coded(
        "Belarus warned on Monday that it would deploy troops to the border if Poland sent "
        "soldiers into Ukraine."
    )
    assert _dyads(events, "THREATEN") == [("BLRGOV", "POLGOV")]


def test_a_threat_with_a_condition_on_the_speaker_itself_keeps_no_target() -> None:
    events = _coded("Iran warned that it would close the Strait of Hormuz if it were attacked.")
    assert all(b is None for a, b in _dyads(events, "THREATEN"))


def test_the_strike_named_again_as_a_subject_keeps_its_author() -> None:
    events = _coded(
        "A Russian missile strike hit a shopping centre in Kremenchuk on Monday. Ukrainian "
        "officials said the strike had killed at least 18 people."
    )
    attacks = [e for e in events if e.event_type == "ASSAULT"]
    assert attacks and all(e.actor1 is not None and e.actor1.country == "RUS" for e in attacks)


def test_a_place_in_a_clause_about_an_earlier_event_is_not_where_this_one_happened() -> None:
    events = _coded(
        "An airstrike hit a school in Khan Younis on Sunday, killing 30 people, hours after "
        "militants fired rockets at Ashkelon."
    )
    killing = next(e for e in events if e.fatalities == 30)
    assert killing.location is not None and killing.location.country == "PSE"


def test_crowds_crossing_a_border_are_no_incursion() -> None:
    events = flashpoint.extract(
        "More than 20,000 people crossed from Sudan into Chad over the weekend.",
        published=PUBLISHED,
    )
    assert [e.event_type for e in events] == []


def test_agreeing_to_build_ties_with_a_state_is_an_agreement_with_it() -> None:
    events = _coded("Bahrain agreed to normalise relations with Israel on Friday.")
    assert _dyads(events, "AGREE") == [("BHRGOV", "ISRGOV")]


def test_a_present_looking_verb_under_a_past_clause_is_no_habit() -> None:
    events = _coded(
        "Eleven civilians were wounded when rockets hit a bus station in Donetsk on Monday."
    )
    assert any(e.event_type == "ASSAULT" for e in events)


def test_warning_of_retaliation_is_a_threat_warning_of_danger_is_not() -> None:
    threat = _coded("Tehran warned of a crushing response to any Israeli attack.")
    assert [e.event_type for e in threat if e.actor1 is not None] == ["THREATEN"]
    danger = _coded("The embassy warned of a high risk of kidnapping in the north.")
    assert [e for e in danger if e.event_type == "THREATEN"] == []


def test_joining_another_in_an_act_makes_both_its_sources() -> None:
    events = _coded("Norway joined Ireland on Tuesday in urging Israel to lift the siege.")
    assert sorted(_dyads(events, "REQUEST"), key=str) == [
        ("IRLGOV", "ISRGOV"),
        ("NORGOV", "ISRGOV"),
    ]


def test_missiles_fired_into_the_sea_are_a_show_of_force_not_an_attack() -> None:
    events = _coded("North Korea fired two cruise missiles into the sea on Sunday.")
    assert [e.event_type for e in events] == ["MOBILIZE"]
    attack = _coded("Iran fired missiles into Iraq's Kurdistan region on Monday.")
    assert "ASSAULT" in [e.event_type for e in attack]


def test_rejecting_the_proposal_answers_whoever_proposed_it() -> None:
    events = _coded(
        "Belgrade proposed that Kosovo withdraw its special police from the north. "
        "Pristina dismissed the proposal on Tuesday."
    )
    assert _dyads(events, "REJECT") == [("XKXGOV", "SRBGOV")]


def test_welcoming_the_offer_answers_whoever_offered_it() -> None:
    events = _coded(
        "Qatar offered to host talks between Kabul and Islamabad. Pakistan welcomed the offer."
    )
    assert ("PAKGOV", "QATGOV") in _dyads(events, "SUPPORT")


def test_a_proposal_is_put_to_those_who_should_act() -> None:
    events = _coded("Turkey suggested that Russia and Ukraine should hold talks in Istanbul.")
    assert ("TURGOV", "RUSGOV") in _dyads(events, "REQUEST")


def test_suggesting_what_is_so_is_no_proposal() -> None:
    events = _coded("Beijing suggested the balloon had drifted off course because of the winds.")
    assert _dyads(events, "REQUEST") == []
