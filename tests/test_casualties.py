"""Casualty counts read from real spaCy parses."""

from __future__ import annotations

import pytest

from flashpoint.extract.casualties import Casualties, casualties_for, parse_number
from flashpoint.nlp import parse

# (sentence, fatalities, fatalities lower bound, injuries, injuries lower bound)
Row = tuple[str, int | None, bool, int | None, bool]

WHOLE_SENTENCE: list[Row] = [
    # digits and number words
    ("An airstrike killed 33 Turkish soldiers in Idlib.", 33, False, None, False),
    ("Shelling killed 1,200 people over the month.", 1200, False, None, False),
    ("The bombing killed thirty-three people.", 33, False, None, False),
    ("Gunmen killed two policemen in Homs.", 2, False, None, False),
    ("The blast killed a dozen people.", 12, False, None, False),
    ("The blast killed two dozen people.", 24, False, None, False),
    ("The blast wounded half a dozen people.", None, False, 6, False),
    ("A soldier was killed in the attack.", 1, False, None, False),
    ("A child died in the shelling.", 1, False, None, False),
    ("One civilian was wounded.", None, False, 1, False),
    ("Israeli strikes killed Hamas commander Ahmed Ali.", 1, False, None, False),
    # bounds
    ("The attack killed at least 33 people.", 33, True, None, False),
    ("More than 20 people died in the fighting.", 20, True, None, False),
    ("Clashes killed over 40 fighters.", 40, True, None, False),
    ("The quake of violence wounded up to 10 others.", None, False, 10, False),
    ("About 30 people were killed.", 30, False, None, False),
    ("Dozens were killed and scores injured.", None, True, None, True),
    ("Hundreds of civilians were wounded.", None, False, None, True),
    ("Several people were killed.", None, False, None, False),
    # verbs, nouns and adjectives of death
    ("33 soldiers were killed in the raid.", 33, False, None, False),
    ("Five people died in hospital.", 5, False, None, False),
    ("Five of them died in hospital.", 5, False, None, False),
    ("At least 12 people lost their lives.", 12, True, None, False),
    ("Militants slew 7 villagers.", 7, False, None, False),
    ("Nine migrants perished at sea.", 9, False, None, False),
    ("Militia fighters massacred 40 villagers.", 40, False, None, False),
    ("Militants executed 12 prisoners.", 12, False, None, False),
    ("Gunmen shot dead a policeman in Homs.", 1, False, None, False),
    ("Gunmen gunned down 3 men in Homs.", 3, False, None, False),
    ("Syrian forces stormed the town, killing 5.", 5, False, None, False),
    ("The bomb exploded, leaving 8 dead.", 8, False, None, False),
    ("The death toll rose to 45.", 45, False, None, False),
    ("The death toll climbed to at least 60 on Sunday.", 60, True, None, False),
    ("The strikes caused 14 deaths.", 14, False, None, False),
    ("33 Turkish soldiers killed in Idlib airstrike", 33, False, None, False),
    # injuries
    ("The blast wounded 12 people.", None, False, 12, False),
    ("Four people were injured.", None, False, 4, False),
    ("Two children were hurt.", None, False, 2, False),
    ("A mine exploded, injuring 6.", None, False, 6, False),
    ("The attack left 7 people injured.", None, False, 7, False),
    ("Five were killed and 30 others were wounded.", 5, False, 30, False),
    ("A soldier was killed and a dozen people were hurt.", 1, False, 12, False),
    ("More than 20 people died and 1,200 were injured.", 20, True, 1200, False),
    # parts of one toll are summed; subgroups are not
    ("Two soldiers and three civilians were killed in the attack.", 5, False, None, False),
    ("The strike killed 4 fighters and 2 civilians.", 6, False, None, False),
    ("Strikes killed Hamas commander Ahmed Ali and his two sons.", 3, False, None, False),
    ("Militants executed 12 prisoners, including 3 women.", 12, False, None, False),
    ("The raid killed 10 people, among them 4 children.", 10, False, None, False),
    # numbers that are not casualties
    ("Turkey sent 5,000 troops to Idlib on Thursday.", None, False, None, False),
    ("About 2,000 fighters took part in the offensive.", None, False, None, False),
    ("33 soldiers were deployed to the border.", None, False, None, False),
    ("A man aged 33 was killed in the blast.", 1, False, None, False),
    ("The council adopted Resolution 2254 in 2015.", None, False, None, False),
    ("The blast caused $5 million in damage.", None, False, None, False),
    ("Turnout fell by 12 percent.", None, False, None, False),
    ("The conflict began in 2011 and talks resumed on March 5.", None, False, None, False),
    ("Parliament killed the bill by 120 votes.", None, False, None, False),
    ("Rebels seized 3 villages and 2 tanks.", None, False, None, False),
    ("Police arrested two men and no one was killed.", None, False, None, False),
    ("Nobody was hurt in the blast.", None, False, None, False),
    # tolls and direct counts together: the direct count wins
    ("At least 50 people were killed, bringing the death toll to 210.", 50, True, None, False),
    ("The toll stood at 23 dead and 40 wounded.", 23, False, 40, False),
    ("The fighting has killed more than 380,000 people since 2011.", 380000, True, None, False),
    ("Three Turkish soldiers were killed and five wounded.", 3, False, 5, False),
    ("The attack wounded 20 others, 3 of them critically.", None, False, 20, False),
]


@pytest.mark.parametrize(
    ("sentence", "fatalities", "f_lower", "injuries", "i_lower"),
    WHOLE_SENTENCE,
    ids=[r[0] for r in WHOLE_SENTENCE],
)
def test_whole_sentence(
    sentence: str, fatalities: int | None, f_lower: bool, injuries: int | None, i_lower: bool
) -> None:
    doc = parse(sentence)
    found = casualties_for(doc[:])
    assert (found.fatalities, found.fatalities_lower_bound) == (fatalities, f_lower)
    assert (found.injuries, found.injuries_lower_bound) == (injuries, i_lower)


CAR_BOMB = (
    "A car bomb exploded in Azaz, killing 8 people, "
    "and a roadside bomb wounded 3 soldiers in Afrin."
)

# (sentence, trigger word, fatalities, injuries)
TRIGGERED: list[tuple[str, str, int | None, int | None]] = [
    (
        "An airstrike killed 5 civilians in Ariha and shelling wounded 12 in Sarmin.",
        "airstrike",
        5,
        None,
    ),
    (
        "An airstrike killed 5 civilians in Ariha and shelling wounded 12 in Sarmin.",
        "shelling",
        None,
        12,
    ),
    (
        "An airstrike killed 5 civilians in Ariha and shelling wounded 12 in Sarmin.",
        "killed",
        5,
        None,
    ),
    ("Syrian forces attacked the town, killing 5 and wounding up to 10 others.", "attacked", 5, 10),
    (
        "At least 12 people died and 30 others were wounded when shells hit the market.",
        "shells",
        12,
        30,
    ),
    ("Forces shelled the town and killed 5 people.", "shelled", 5, None),
    # a toll after a second act of the same attackers is the whole attack's
    (
        "Militants stormed the hotel and set it on fire, killing at least 21 guests.",
        "stormed",
        21,
        None,
    ),
    ("A suicide bombing that killed 5 people hit the market.", "bombing", 5, None),
    (
        "Turkish officials said a Syrian airstrike killed 33 Turkish soldiers.",
        "airstrike",
        33,
        None,
    ),
    (
        "Protesters marched in Damascus, while an airstrike killed 4 in Idlib.",
        "marched",
        None,
        None,
    ),
    ("Rebels clashed with troops in Daraa, and 6 fighters were killed.", "clashed", 6, None),
    ("The army shelled Ariha, where 9 civilians died.", "shelled", 9, None),
    ("The death toll from the airstrike rose to 45.", "airstrike", 45, None),
    ("Five civilians were killed when an airstrike hit Ariha.", "airstrike", 5, None),
    ("Gunmen killed a village chief and his two sons on Saturday.", "killed", 3, None),
    # a clause telling a later event has its own toll, not the main clause's
    ("A gunman killed six people before he was shot dead by police.", "shot", 1, None),
    # one telling an earlier event may be what killed them
    ("Two soldiers were killed after their vehicle was hit by a mine.", "hit", 2, None),
    (
        "Gunmen stormed a checkpoint near Homs, leaving 4 soldiers dead and 7 wounded.",
        "stormed",
        4,
        7,
    ),
    (
        CAR_BOMB,
        "exploded",
        8,
        None,
    ),
    (
        CAR_BOMB,
        "roadside",
        None,
        3,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "trigger", "fatalities", "injuries"),
    TRIGGERED,
    ids=[f"{r[1]}: {r[0]}" for r in TRIGGERED],
)
def test_toll_of_one_trigger(
    sentence: str, trigger: str, fatalities: int | None, injuries: int | None
) -> None:
    doc = parse(sentence)
    token = next(t for t in doc if t.text == trigger)
    found = casualties_for(doc[:], token)
    assert (found.fatalities, found.injuries) == (fatalities, injuries)


def _victim_texts(found: Casualties, text: str) -> list[str]:
    return [text[start:end] for start, end in found.victims]


@pytest.mark.parametrize(
    ("sentence", "victims"),
    [
        ("An airstrike killed 33 Turkish soldiers in Idlib.", ["Turkish soldiers"]),
        ("Two soldiers and three civilians were killed.", ["soldiers", "civilians"]),
        ("More than 20 Syrian civilians died.", ["Syrian civilians"]),
        ("Dozens of Kurdish fighters were killed.", ["Kurdish fighters"]),
        ("Strikes killed Hamas commander Ahmed Ali.", ["Hamas commander Ahmed Ali"]),
        ("Turkish troops were killed.", ["Turkish troops"]),
        ("The strike killed 5.", []),
        ("A 12-year-old boy was killed.", ["12-year-old boy"]),
        ("Strikes killed his two sons.", ["sons"]),
    ],
)
def test_victims(sentence: str, victims: list[str]) -> None:
    doc = parse(sentence)
    found = casualties_for(doc[:])
    assert _victim_texts(found, doc.text) == victims
    assert [doc[i].text for i in found.victim_heads] == [v.split()[-1] for v in victims]


def test_victim_offsets_are_document_offsets() -> None:
    doc = parse("Talks stalled. Shelling killed 4 Turkish soldiers.")
    second = list(doc.sents)[1]
    found = casualties_for(second)
    assert found.fatalities == 4
    assert _victim_texts(found, doc.text) == ["Turkish soldiers"]


def test_plural_victims_without_number_give_no_count() -> None:
    doc = parse("Turkish troops were killed in the raid.")
    found = casualties_for(doc[:])
    assert found.fatalities is None
    assert not found.fatalities_lower_bound


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("33", 33),
        ("1,200", 1200),
        ("thirty-three", 33),
        ("thirty - three", 33),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("one hundred and twenty", 120),
        ("a", 1),
        ("several", None),
        ("12,34", None),
    ],
)
def test_parse_number(words: str, value: int | None) -> None:
    assert parse_number(words) == value


def test_a_toll_does_not_pass_to_an_earlier_act_told_in_an_after_clause() -> None:
    from datetime import date

    import flashpoint

    text = (
        "An Israeli strike set fire to tents in Rafah on Sunday, killing at least 45 people, "
        "hours after Hamas fired a barrage of rockets at Tel Aviv."
    )
    events = flashpoint.extract(text, published=date(2024, 5, 27))
    tolls = {e.trigger: e.fatalities for e in events if e.event_type == "ASSAULT"}
    assert tolls.get("fired") is None, tolls
    assert 45 in tolls.values(), tolls
