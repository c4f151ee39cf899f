"""The merge rules on pairs of reports: places, actors, dates (real gazetteer, real rules file)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flashpoint.model import Actor, Article, Place
from flashpoint.store import open_store
from flashpoint.store.merge import Report, actor_relation, compare
from reports import assault

DAY = date(2016, 3, 22)
CIVILIANS = Actor("people", "civilians", "BELCVL", "BEL", "CVL")
AIRPORT = Place("the airport", "Brussels Airport", "BEL", "Flanders", 50.9010, 4.4844, "point")
METRO = Place("the station", "Maelbeek metro station", "BEL", "Brussels", 50.8436, 4.3775, "point")
BAGHDAD = Place("Baghdad", "Baghdad", "IRQ", "Baghdad", 33.3406, 44.4009, "point")
AL_DORA = Place("al-Dora", "Dora refinery", "IRQ", "Baghdad", 33.2500, 44.3900, "point")
HOSPITAL = Place("the hospital", "al-Ahli Arab Hospital", "PSE", "Gaza", 31.5040, 34.4620, "point")
GAZA = Place("Gaza City", "Gaza", "PSE", "Gaza", 31.5017, 34.4668, "point")
ISRMIL = Actor("Israeli jets", "Israeli military", "ISRMIL", "ISR", "MIL")
PIJ = Actor("Islamic Jihad", "Palestinian Islamic Jihad", "PSEREB", "PSE", "REB", "PIJ")
ISRAEL = Actor("Israel", "Israel", "ISRGOV", "ISR", "GOV")
LEBANON = Actor("Lebanon", "Lebanon", "LBNGOV", "LBN", "GOV")
HEZBOLLAH = Actor("Hezbollah", "Hezbollah", "LBNREB", "LBN", "REB", "Hezbollah")
LEBANESE_ARMY = Actor("the Lebanese army", "Lebanese army", "LBNMIL", "LBN", "MIL")


def report(sentence: str, published: date = DAY, **fields: Any) -> Report:
    """A report read from an article made of ``sentence`` (defaults: an asserted ASSAULT)."""
    article_id = Article(text=sentence, published=published).article_id
    span = (0, len(sentence))
    fields.setdefault("date", published)
    return Report(assault(article_id, sentence, span, **fields), published)


def test_two_named_sites_ten_km_apart_are_two_scenes() -> None:
    a = report("A bomb hit the airport, killing 14.", location=AIRPORT, actor2=CIVILIANS)
    b = report("A bomb hit a metro train, killing 20.", location=METRO, actor2=CIVILIANS)
    decision = compare(a, b)
    assert not decision.matches
    assert decision.blocker is not None and decision.blocker.startswith("distinct places")


def test_a_large_city_covers_a_site_inside_it() -> None:
    a = report("Rockets hit the Dora refinery on Monday.", location=AL_DORA, fatalities=3)
    b = report("Rockets struck southern Baghdad on Monday.", location=BAGHDAD, fatalities=3)
    decision = compare(a, b)
    assert decision.matches, decision
    assert any("km apart" in reason for reason in decision.reasons)


def test_a_site_named_after_its_city_is_covered_by_the_name() -> None:
    airport = Place("Brussels Airport", "Brussels Airport", "BEL", None, 50.9010, 4.4844, "point")
    brussels = Place("Brussels", "Brussels", "BEL", None, 50.8505, 4.3488, "point")
    a = report("Two bombs exploded at Brussels Airport.", location=airport, fatalities=11)
    b = report("Two bombs exploded in Brussels.", location=brussels, fatalities=11)
    assert compare(a, b).matches


def test_an_unidentified_attacker_is_no_evidence_against_a_named_group() -> None:
    gunmen = Actor("gunmen", "gunmen", "RUSUAF", "RUS", "UAF")
    group = Actor("Islamic State", "Islamic State", "IMGREB", None, "REB", "Islamic State")
    other = Actor("Hamas", "Hamas", "PSEREB", "PSE", "REB", "Hamas")
    assert actor_relation(gunmen, group) == "unknown"
    assert actor_relation(group, other) == "different"


def test_a_country_named_as_actor_is_related_to_any_actor_of_that_country() -> None:
    assert actor_relation(LEBANON, HEZBOLLAH) == "related"
    assert actor_relation(LEBANESE_ARMY, HEZBOLLAH) == "different"


def test_deals_a_day_apart_merge_on_the_dyad_but_attacks_do_not() -> None:
    agreed = report(
        "Israel and Hezbollah agreed to a ceasefire on Tuesday.",
        event_type="AGREE",
        mode="ceasefire",
        actor1=ISRAEL,
        actor2=HEZBOLLAH,
    )
    in_force = report(
        "A truce between Israel and Hezbollah came into force on Wednesday morning.",
        published=date(2016, 3, 23),
        event_type="AGREE",
        mode="ceasefire",
        actor1=HEZBOLLAH,
        actor2=ISRAEL,
    )
    assert compare(agreed, in_force).matches
    strike = dict(actor1=ISRMIL, actor2=HEZBOLLAH, location=GAZA)
    first = report("Israeli jets struck Hezbollah positions on Tuesday.", **strike)
    second = report("Jets hit militants overnight.", published=date(2016, 3, 23), **strike)
    decision = compare(first, second)
    assert not decision.matches
    assert decision.blocker is not None and decision.blocker.startswith("a day apart")


def test_competing_blame_for_one_named_site_is_one_event() -> None:
    a = report("An Israeli strike hit al-Ahli hospital.", location=HOSPITAL, actor1=ISRMIL)
    b = report("A stray rocket hit the al-Ahli hospital car park.", location=HOSPITAL, actor1=PIJ)
    decision = compare(a, b)
    assert decision.matches, decision
    assert "attacker disputed at the same site" in decision.reasons


def test_competing_attackers_in_a_city_stay_apart() -> None:
    a = report("An Israeli strike hit Gaza City.", location=GAZA, actor1=ISRMIL)
    b = report("Militants fired rockets from Gaza City.", location=GAZA, actor1=PIJ)
    assert compare(a, b).blocker == "different actor1"


def test_border_fighting_placed_on_either_side_of_the_line() -> None:
    kashmir = Place("Azad Kashmir", "Azad Kashmir", "PAK", "Azad Kashmir", 33.9, 73.8, "admin1")
    rajouri = Place("Rajouri", "Rajouri", "IND", "Jammu and Kashmir", 33.38, 74.3, "admin2")
    dyad = dict(
        actor1=Actor("Pakistani jets", "Pakistan Air Force", "PAKMIL", "PAK", "MIL"),
        actor2=Actor("Indian army", "Indian Army", "INDMIL", "IND", "MIL"),
    )
    a = report("Pakistani jets struck across the line of control.", location=kashmir, **dyad)
    b = report("Pakistani jets dropped bombs near Rajouri.", location=rajouri, **dyad)
    decision = compare(a, b)
    assert decision.matches, decision
    pakistan = Place("Pakistan", "Pakistan", "PAK", None, 30.0, 70.0, "country")
    india = Place("India", "India", "IND", None, 22.0, 79.0, "country")
    a = report("Pakistani jets struck.", location=pakistan, **dyad)
    b = report("Pakistani jets dropped bombs.", location=india, **dyad)
    assert compare(a, b).blocker == "different countries PAK vs IND"


def test_the_store_records_why_disputed_reports_merged(tmp_path: Any) -> None:
    with open_store(f"sqlite:///{tmp_path / 'merge.sqlite'}") as store:
        for r in (
            report("An Israeli strike hit al-Ahli hospital.", location=HOSPITAL, actor1=ISRMIL),
            report("A rocket hit the al-Ahli hospital car park.", location=HOSPITAL, actor1=PIJ),
        ):
            art = Article(text=r.event.sentence, published=DAY, url=f"https://x.example/{r}")
            store.add(art, [r.event])
        [event] = store.events()
    [reason] = event["merge_reasons"]
    assert "attacker disputed at the same site" in reason["evidence"]


def test_a_city_wide_report_does_not_chain_two_sites_of_that_city(tmp_path: Any) -> None:
    brussels = Place("Brussels", "Brussels", "BEL", None, 50.8505, 4.3488, "point")
    bombers = Actor("suicide bombers", "suicide bombers", "BELUAF", "BEL", "UAF")
    city = report(
        "Suicide bombers killed 14 people in Brussels.",  # the representative: most actors
        location=brussels,
        actor1=bombers,
        actor2=CIVILIANS,
        fatalities=14,
    )
    airport = report("Two bombs exploded at Brussels Airport, killing 14.", location=AIRPORT)
    metro = report("A bomb on a metro train at Maelbeek killed 14.", location=METRO)
    with open_store(f"sqlite:///{tmp_path / 'chain.sqlite'}") as store:
        for r in (city, airport, metro):
            art = Article(text=r.event.sentence, published=DAY, url=f"https://x.example/{r}")
            store.add(art, [r.event])
        stored = store.events()
    assert len(stored) == 2
    [joined] = [e for e in stored if e["source_count"] == 2]
    assert joined["location"]["name"] in ("Brussels", "Brussels Airport")
