"""Confidence: background is discounted, recent news is not (real spaCy)."""

from __future__ import annotations

from datetime import date

import flashpoint
from flashpoint.extract.confidence import latest_day
from flashpoint.model import ResolvedDate


def test_latest_day_of_each_precision() -> None:
    assert latest_day(ResolvedDate(date(2024, 2, 1), "month")) == date(2024, 2, 29)
    assert latest_day(ResolvedDate(date(2023, 1, 1), "year")) == date(2023, 12, 31)
    assert latest_day(ResolvedDate(date(2024, 3, 4), "week")) == date(2024, 3, 10)
    assert latest_day(ResolvedDate(date(2024, 3, 4), "day")) == date(2024, 3, 4)


def test_an_act_of_last_month_is_news_not_history() -> None:
    text = "Britain quietly delivered Storm Shadow missiles to Ukraine last month, officials said."
    events = flashpoint.extract(text, published=date(2023, 6, 28))
    aid = [e for e in events if e.event_type == "AID"]
    assert aid and aid[0].date_precision == "month"
    assert aid[0].confidence >= 0.5


def test_an_act_of_years_ago_is_history() -> None:
    text = "Britain delivered Storm Shadow missiles to Ukraine in 2023, officials recalled."
    events = flashpoint.extract(text, published=date(2025, 6, 28))
    aid = [e for e in events if e.event_type == "AID"]
    assert aid and aid[0].confidence < 0.5


def test_an_event_named_with_its_own_old_year_is_history() -> None:
    text = "The 2008 war between Russia and Georgia killed hundreds of people."
    events = flashpoint.extract(text, published=date(2024, 8, 8))
    assert events and all(e.confidence < 0.5 for e in events)


def test_a_war_that_killed_many_is_a_summary_not_an_event() -> None:
    text = "The peace deal ended a civil war that killed more than 500,000 people."
    events = flashpoint.extract(text, published=date(2024, 8, 8))
    assert not any(e.event_type == "ASSAULT" and e.confidence >= 0.5 for e in events)


def test_a_record_missing_a_party_its_type_needs_scores_under_half() -> None:
    incomplete = flashpoint.extract(
        "Officials condemned the decision on Tuesday.", published=date(2024, 3, 5)
    )
    complete = flashpoint.extract(
        "Iran condemned Israel's strike on its consulate on Tuesday.", published=date(2024, 4, 2)
    )
    assert incomplete and all(e.confidence < 0.5 for e in incomplete)
    accuse = [e for e in complete if e.event_type == "ACCUSE"]
    assert accuse and accuse[0].confidence >= 0.5


def test_one_sided_acts_and_tolls_keep_their_score() -> None:
    mobilise = flashpoint.extract(
        "Russia ordered the call-up of 300,000 reservists on Wednesday.",
        published=date(2022, 9, 21),
    )
    toll = flashpoint.extract(
        "A car bomb killed 12 people at a market in Mogadishu on Sunday.",
        published=date(2022, 10, 30),
    )
    assert any(e.event_type == "MOBILIZE" and e.confidence >= 0.5 for e in mobilise)
    assert any(e.event_type == "ASSAULT" and e.confidence >= 0.5 for e in toll)


def test_no_plans_and_no_intention_negate_the_act() -> None:
    for text in (
        "The Kremlin said Putin had no plans to speak with Biden.",
        "Russia has no intention of attacking NATO, Putin said.",
    ):
        events = flashpoint.extract(text, published=date(2024, 2, 20))
        assert events and all(e.modality == "negated" for e in events), text


def test_the_first_truce_since_a_year_is_news_not_history() -> None:
    news = flashpoint.extract(
        "Sudan's army and the RSF agreed to a week-long truce on Saturday, the first since 2023.",
        published=date(2025, 6, 2),
    )
    assert [e.event_type for e in news if e.confidence >= 0.5] == ["AGREE"]
    past = flashpoint.extract(
        "The two sides have fought over the region since 2020.", published=date(2025, 6, 2)
    )
    assert all(e.confidence < 0.5 for e in past)


def test_an_alliance_of_armed_groups_is_a_rebel_party() -> None:
    events = flashpoint.extract(
        "An alliance of ethnic armed groups attacked army posts in Shan state on Friday.",
        published=date(2023, 10, 28),
    )
    assert any(e.actor1 is not None and e.actor1.sector == "REB" for e in events)


def test_troops_marching_do_not_demonstrate() -> None:
    events = flashpoint.extract(
        "Wagner fighters began a march on Moscow on Saturday.", published=date(2023, 6, 25)
    )
    assert all(e.confidence < 0.5 for e in events if e.event_type == "PROTEST")


def test_a_vague_toll_is_a_toll() -> None:
    # "killing dozens" states a toll with no count: an unclaimed attack keeps its score
    text = "A drone strike hit a wedding party in northern Burkina Faso, killing dozens."
    attacks = [
        e for e in flashpoint.extract(text, published=date(2024, 5, 1)) if e.event_type == "ASSAULT"
    ]
    assert attacks and attacks[0].fatalities is None and attacks[0].fatalities_lower_bound
    assert attacks[0].confidence >= 0.5
    # an accusation is no more certain for the toll of what it is about
    text = "The ministry, which blamed Israel, said the blast killed dozens."
    accusations = [
        e for e in flashpoint.extract(text, published=date(2024, 5, 1)) if e.event_type == "ACCUSE"
    ]
    assert all(e.actor1 is not None or e.confidence < 0.5 for e in accusations)


def test_a_refusal_naming_its_own_act_needs_no_target() -> None:
    refusal = flashpoint.extract(
        "India declined on Sunday to sign the final communique of the summit.",
        published=date(2024, 6, 16),
    )
    vague = flashpoint.extract(
        "India rejected the proposal on Sunday.", published=date(2024, 6, 16)
    )
    assert any(e.event_type == "REJECT" and e.confidence >= 0.5 for e in refusal)
    assert all(e.confidence < 0.5 for e in vague if e.event_type == "REJECT")


def test_a_request_to_ones_own_people_needs_no_target() -> None:
    advisory = flashpoint.extract(
        "Canada and Germany urged their citizens on Monday to leave Lebanon immediately.",
        published=date(2024, 8, 5),
    )
    requests = [e for e in advisory if e.event_type == "REQUEST"]
    assert len(requests) == 2 and all(e.confidence >= 0.5 for e in requests)
