"""Place mentions and event locations: hard cases, then the gold set (tests/gold/places.jsonl)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc, Span, Token

from flashpoint.extract.event_places import article_place, event_location
from flashpoint.extract.places import PlaceMention, find_places, geoparse
from flashpoint.gazetteer import Gazetteer
from flashpoint.model import Place
from flashpoint.nlp import parse

GOLD = Path(__file__).parent / "gold" / "places.jsonl"
_SPEECH = {"say", "tell", "report", "announce", "claim", "add"}


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The machine's index (built on first use, ~25 s, then reused across sessions)."""
    return Gazetteer.open()


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def places_in(text: str, gazetteer: Gazetteer, **kwargs: Any) -> list[PlaceMention]:
    return find_places(parse(text), gazetteer=gazetteer, **kwargs)


def by_text(mentions: list[PlaceMention], surface: str) -> PlaceMention:
    found = [m for m in mentions if surface in m.text or m.text in surface]
    assert found, f"{surface!r} not found among {[m.text for m in mentions]}"
    return found[0]


# --- hard cases ------------------------------------------------------------------------------


def test_syrian_towns_tagged_as_persons_are_found(gazetteer: Gazetteer) -> None:
    mentions = places_in("Fighting flared near Jisr al-Shughur on Tuesday.", gazetteer)
    place = by_text(mentions, "Jisr al-Shughur").place
    assert (place.country, place.admin1, place.precision) == ("SYR", "Idlib", "point")


def test_transliteration_variants_resolve_to_one_town(gazetteer: Gazetteer) -> None:
    ids = set()
    for spelling in ("Maarat al-Numan", "Ma'arrat al-Nu'man", "Maaret al-Noman"):
        mentions = places_in(f"Jets struck {spelling} in Idlib province overnight.", gazetteer)
        ids.add(by_text(mentions, spelling.split()[0]).place.geonameid)
    assert len(ids) == 1 and None not in ids


def test_province_word_gives_admin1_and_bare_name_gives_city(gazetteer: Gazetteer) -> None:
    province = by_text(places_in("Shelling hit Idlib province.", gazetteer), "Idlib").place
    city = by_text(places_in("Shelling hit Idlib on Monday.", gazetteer), "Idlib").place
    assert province.precision == "admin1" and city.precision == "point"
    assert province.country == city.country == "SYR"
    assert km_between(province.lat, province.lon, city.lat, city.lon) < 80


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Donetsk region came under heavy shelling.", "Donetsk region", "UKR"),
        ("Militias clashed in North Darfur state.", "North Darfur", "SDN"),
        ("Rockets struck the Donetsk Oblast town of Bakhmut.", "Donetsk Oblast", "UKR"),
    ],
)
def test_regions_resolve_with_admin1_precision(
    gazetteer: Gazetteer, text: str, surface: str, country: str
) -> None:
    place = by_text(places_in(text, gazetteer), surface).place
    assert (place.country, place.precision) == (country, "admin1")


def test_tripoli_follows_context(gazetteer: Gazetteer) -> None:
    lebanon = places_in("Clashes in Tripoli, Lebanon, killed two people.", gazetteer)
    libya = places_in("Clashes in Tripoli killed two.", gazetteer, context_countries=["LBY"])
    by_actor = places_in("Clashes in Tripoli killed two.", gazetteer, context_countries=["LBN"])
    assert by_text(lebanon, "Tripoli").place.country == "LBN"
    assert by_text(libya, "Tripoli").place.country == "LBY"
    assert by_text(by_actor, "Tripoli").place.country == "LBN"


def test_bare_gaza_is_the_strip_unless_mozambique_is_in_context(gazetteer: Gazetteer) -> None:
    news = places_in("Aid trucks entered Gaza on Sunday.", gazetteer)
    mozambique = places_in(
        "Floods hit Gaza province in southern Mozambique.", gazetteer, context_countries=["MOZ"]
    )
    assert by_text(news, "Gaza").place.country == "PSE"
    assert by_text(mozambique, "Gaza").place.country == "MOZ"


def test_georgia_country_or_state(gazetteer: Gazetteer) -> None:
    country = places_in("Protesters filled the streets of Georgia's capital.", gazetteer)
    state = places_in("Police in Atlanta, Georgia, arrested 20 protesters.", gazetteer)
    assert by_text(country, "Georgia").place.precision == "country"
    georgia = by_text(state, "Georgia").place
    assert (georgia.country, georgia.precision) == ("USA", "admin1")


def test_dateline_sets_the_country(gazetteer: Gazetteer) -> None:
    mentions = places_in("IDLIB, Syria (AP) — Airstrikes hit Ariha on Friday.", gazetteer)
    assert by_text(mentions, "IDLIB").place.country == "SYR"
    assert by_text(mentions, "Ariha").place.admin1 == "Idlib"


def test_metonyms_demonyms_and_common_words_are_not_places(gazetteer: Gazetteer) -> None:
    text = (
        "Ankara said Turkish troops would stay. Hope faded as Police searched the rubble. "
        "The Middle East is tense, President Recep Tayyip Erdogan said."
    )
    assert places_in(text, gazetteer) == []


def test_excluded_actor_spans_are_skipped(gazetteer: Gazetteer) -> None:
    text = "Damascus accused Israel of striking Homs."
    start = text.index("Israel")
    mentions = places_in(text, gazetteer, excluded=[(start, start + len("Israel"))])
    assert [m.text for m in mentions] == ["Homs"]


def test_street_names_are_not_points(gazetteer: Gazetteer) -> None:
    mentions = places_in("Protesters marched down Baghdad Street in Damascus.", gazetteer)
    assert [m.place.name for m in mentions] == ["Damascus"]


def _sentence_and_root(doc: Doc) -> tuple[Span, Token]:
    sent = next(iter(doc.sents))
    return sent, sent.root


def test_event_location_prefers_destination_over_origin(gazetteer: Gazetteer) -> None:
    doc = parse("Reinforcements from Hama poured into Idlib on Monday.")
    sent, trigger = _sentence_and_root(doc)
    place = event_location(sent, trigger, find_places(doc, gazetteer=gazetteer))
    assert place is not None and place.text == "Idlib"


def test_event_location_skips_dateline_when_sentence_names_a_place(gazetteer: Gazetteer) -> None:
    doc = parse("DAMASCUS, Syria (AP) — Rebels shelled Mhardeh in Hama province.")
    mentions = find_places(doc, gazetteer=gazetteer)
    trigger = next(t for t in doc if t.text == "shelled")
    place = event_location(trigger.sent, trigger, mentions)
    assert place is not None and place.text == "Mhardeh"
    # A sentence naming no place gets the article's place, widened.
    doc2 = parse("DAMASCUS, Syria (AP) — Rebels shelled the city overnight.")
    trigger2 = next(t for t in doc2 if t.text == "shelled")
    home = article_place(doc2, find_places(doc2, gazetteer=gazetteer))
    place2 = event_location(trigger2.sent, trigger2, find_places(doc2, gazetteer=gazetteer), home)
    assert place2 is not None and place2.name == "Damascus"
    article = article_place(doc, mentions)
    assert article is not None and article.name == "Damascus"


def test_a_states_attributes_are_not_places(gazetteer: Gazetteer) -> None:
    text = "The summit's communique called for respect for Ukraine's territorial integrity."
    assert places_in(text, gazetteer) == []
    text = "Crowds gathered in Helsinki after Finland's membership was approved."
    assert [m.place.name for m in places_in(text, gazetteer)] == ["Helsinki"]


def test_the_neighbour_across_a_border_is_not_where(gazetteer: Gazetteer) -> None:
    doc = parse("Poland will send about 10,000 soldiers to its border with Belarus.")
    sent, trigger = _sentence_and_root(doc)
    mentions = find_places(doc, gazetteer=gazetteer)
    assert [m.place.name for m in mentions] == ["Belarus"]  # a place, just not the event's
    assert event_location(sent, trigger, mentions, article_place(doc, mentions)) is None
    doc = parse("Gunmen attacked a school in Mpondwe, near Uganda's border with Congo.")
    trigger = next(t for t in doc if t.text == "attacked")
    place = event_location(trigger.sent, trigger, find_places(doc, gazetteer=gazetteer))
    assert place is not None and place.name == "Mpondwe"


def test_a_place_in_another_clause_with_its_own_subject_is_its_events(
    gazetteer: Gazetteer,
) -> None:
    doc = parse(
        "Russian forces shelled villages in Ukraine, and Ukrainian drones struck a refinery in "
        "Belgorod."
    )
    mentions = find_places(doc, gazetteer=gazetteer)
    shelled = next(t for t in doc if t.text == "shelled")
    struck = next(t for t in doc if t.text == "struck")
    assert getattr(event_location(shelled.sent, shelled, mentions), "country", None) == "UKR"
    assert getattr(event_location(struck.sent, struck, mentions), "country", None) == "RUS"


def test_event_location_falls_back_with_wider_precision(gazetteer: Gazetteer) -> None:
    doc = parse("Gunmen opened fire on a bus.")
    sent, trigger = _sentence_and_root(doc)
    fallback = Place("Kabul", "Kabul", "AFG", "Kabul", 34.53, 69.17, "point", 1138958)
    place = event_location(sent, trigger, [], fallback=fallback)
    assert place is not None and place.precision == "admin2" and place.lat == fallback.lat
    assert event_location(sent, trigger, [], fallback=None) is None


def test_geoparse_returns_places(gazetteer: Gazetteer) -> None:
    places = geoparse("Clashes were reported in Kherson and in Mykolaiv.")
    assert [(p.name, p.country) for p in places][:2] == [("Kherson", "UKR"), ("Mykolaiv", "UKR")]


# --- gold set --------------------------------------------------------------------------------


def gold_items(path: Path = GOLD) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def locate(text: str, surface: str, after: int) -> tuple[int, int]:
    start = text.find(surface, after)
    assert start >= 0, surface
    return start, start + len(surface)


def event_trigger(sent: Span) -> Token:
    """The verb an event is read from: the root, or its reported clause after 'said'."""
    root = sent.root
    if root.lemma_ in _SPEECH:
        reported = [t for t in root.children if t.dep_ in {"ccomp", "xcomp"}]
        if reported:
            return reported[0]
    return root


def correct(place: Place, gold: dict[str, Any]) -> bool:
    if gold["precision"] == "country":
        return bool(place.country == gold["country"])
    return km_between(place.lat, place.lon, gold["lat"], gold["lon"]) <= 161


def score_gold(gazetteer: Gazetteer, path: Path = GOLD) -> dict[str, float]:
    totals = dict.fromkeys(
        ["gold", "found", "right", "country", "predicted", "false", "ev", "ev_ok"], 0
    )
    misses: list[str] = []
    for item in gold_items(path):
        doc = parse(item["text"])
        mentions = find_places(doc, gazetteer=gazetteer)
        matched: set[int] = set()
        cursor = 0
        spans = {}
        for gold in item["mentions"]:
            start, end = locate(item["text"], gold["text"], cursor)
            cursor = end
            spans[gold["text"]] = (start, end, gold)
            totals["gold"] += 1
            hit = next(
                (
                    i
                    for i, m in enumerate(mentions)
                    if m.start < end and start < m.end and i not in matched
                ),
                None,
            )
            if hit is None:
                misses.append(f"{item['id']} missed {gold['text']}")
                continue
            matched.add(hit)
            totals["found"] += 1
            place = mentions[hit].place
            totals["right"] += correct(place, gold)
            totals["country"] += place.country == gold["country"]
            if not correct(place, gold):
                misses.append(f"{item['id']} wrong {gold['text']} -> {place.name} {place.country}")
        totals["predicted"] += len(mentions)
        for i, m in enumerate(mentions):
            if i not in matched:
                totals["false"] += 1
                misses.append(f"{item['id']} extra {m.text} -> {m.place.name} {m.place.country}")
        if item["event_place"]:
            start, end, gold = spans[item["event_place"]]
            sent = doc.char_span(start, end, alignment_mode="expand")
            assert sent is not None
            trigger = event_trigger(sent.sent)
            located = event_location(sent.sent, trigger, mentions, article_place(doc, mentions))
            totals["ev"] += 1
            ok = located is not None and correct(located, gold)
            totals["ev_ok"] += ok
            if not ok:
                misses.append(f"{item['id']} event {item['event_place']} -> {located}")
    print("\n".join(misses))
    return {
        "recall": totals["found"] / totals["gold"],
        "precision": (totals["predicted"] - totals["false"]) / max(totals["predicted"], 1),
        "acc161": totals["right"] / totals["found"],
        "acc161_all": totals["right"] / totals["gold"],
        "country_acc": totals["country"] / totals["found"],
        "event_acc": totals["ev_ok"] / totals["ev"],
        "mentions": totals["gold"],
    }


def test_gold_set_is_well_formed() -> None:
    items = list(gold_items())
    mentions = [m for item in items for m in item["mentions"]]
    assert len(mentions) >= 300
    assert len({m["country"] for m in mentions}) >= 25
    assert len({item["id"] for item in items}) == len(items)


@pytest.mark.slow
def test_gold_set_scores(gazetteer: Gazetteer) -> None:
    scores = score_gold(gazetteer)
    print(" ".join(f"{k}={v:.3f}" for k, v in scores.items()))
    # Floors a little under the measured scores (see the report); raise them, never lower.
    assert scores["recall"] >= 0.95
    assert scores["precision"] >= 0.97
    assert scores["acc161"] >= 0.97
    assert scores["country_acc"] >= 0.97
    assert scores["event_acc"] >= 0.92


@pytest.mark.parametrize(
    "text",
    [
        # a demonym that is also a village name in GeoNames (Malyan, Iran)
        "Dozens of Malian soldiers were killed on Sunday.",
        # a continent that is also an old name of a Tunisian town (Mahdia)
        "It was the group's heaviest known loss in Africa.",
        # the tail of a name the index lacks is no village called "Island" or "Valley"
        "Russia withdrew its troops from Snake Island on Thursday.",
        "Israeli jets struck the Bekaa Valley overnight.",
    ],
)
def test_demonyms_continents_and_feature_words_are_no_places(text: str) -> None:
    assert find_places(parse(text)) == []


def test_the_last_word_of_another_name_is_no_place() -> None:
    # "Leader" is a village in Cuba, Luanda a capital: here both end the names of ships
    assert find_places(parse("Houthi rebels seized the Galaxy Leader cargo ship.")) == []
    text = "A missile struck the tanker Marlin Luanda in the Gulf of Aden."
    assert "Luanda" not in [p.text for p in find_places(parse(text))]
    found = find_places(parse("Airstrikes hit Northern Gaza overnight."))
    assert ("Gaza", "PSE") in [(p.text, p.place.country) for p in found]


def test_a_name_before_news_agency_is_an_outlet() -> None:
    text = "Iran executed a man, the judiciary's Mizan news agency said."
    assert find_places(parse(text)) == []
