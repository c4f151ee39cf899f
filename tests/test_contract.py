"""Every record extracted from the sample corpus follows shared/CONTRACT.md, and no news outlet,
photographer or byline ever becomes an actor."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from flashpoint.api import extract_paths
from flashpoint.errors import FlashpointError
from flashpoint.model import EVENT_TYPES
from flashpoint.resources import read_tsv, split_cell

CORPUS = Path(__file__).parent.parent / "examples" / "corpus"
EVENT_KEYS = [
    "event_id", "article_id", "date", "date_precision", "event_type", "mode", "cameo_code",
    "acled_event_type", "acled_sub_event_type", "modality", "actor1", "actor2", "location",
    "fatalities", "injuries", "attribution", "confidence", "sentence", "span",
]  # fmt: skip
ACTOR_KEYS = ["text", "name", "code", "country", "sector", "org"]
PLACE_KEYS = ["text", "name", "country", "admin1", "lat", "lon", "precision", "geonameid"]
ACLED_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}


@pytest.fixture(scope="module")
def corpus_records() -> list[tuple[str, dict[str, Any]]]:
    errors: list[FlashpointError] = []
    records = []
    for article, events in extract_paths([CORPUS], on_error=errors.append):
        for event in events:
            records.append((article.text, event.to_dict()))
    assert not errors, [str(e) for e in errors]
    return records


def _check_actor(actor: dict[str, Any] | None) -> None:
    if actor is None:
        return
    assert list(actor) == ACTOR_KEYS
    assert isinstance(actor["code"], str) and actor["code"]
    assert actor["country"] is None or re.fullmatch(r"[A-Z]{3}", actor["country"])


def _check_place(place: dict[str, Any] | None) -> None:
    if place is None:
        return
    assert list(place) == PLACE_KEYS
    assert re.fullmatch(r"[A-Z]{3}", place["country"])
    assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180
    assert place["precision"] in {"point", "admin2", "admin1", "country"}
    assert place["geonameid"] is None or isinstance(place["geonameid"], int)


@pytest.mark.slow
def test_every_corpus_record_follows_the_contract(
    corpus_records: list[tuple[str, dict[str, Any]]],
) -> None:
    assert len(corpus_records) > 100
    for text, rec in corpus_records:
        assert list(rec) == EVENT_KEYS
        assert re.fullmatch(r"[0-9a-f]{16}", rec["event_id"])
        assert rec["date"] is None or date.fromisoformat(rec["date"])
        assert rec["date_precision"] in {"day", "week", "month", "year"}
        assert rec["event_type"] in EVENT_TYPES
        assert re.fullmatch(r"\d{2,4}", rec["cameo_code"])
        assert rec["acled_event_type"] is None or rec["acled_event_type"] in ACLED_TYPES
        assert rec["modality"] in {"asserted", "negated", "uncertain", "intended"}
        _check_actor(rec["actor1"])
        _check_actor(rec["actor2"])
        _check_place(rec["location"])
        for key in ("fatalities", "injuries"):
            assert rec[key] is None or (isinstance(rec[key], int) and rec[key] >= 0)
        assert 0.0 <= rec["confidence"] <= 1.0
        start, end = rec["span"]
        assert text[start:end].strip() == rec["sentence"] or rec["sentence"] in text


def _outlet_names() -> set[str]:
    names: set[str] = set()
    for row in read_tsv("actors/outlets.tsv"):
        names.add(row["name"])
        names.update(split_cell(row.get("aliases")))
    return names


def _bylines_and_credits() -> set[str]:
    """Names in the corpus's bylines and photo credits ('By Deniz Karaca', '(AP Photo/...)')."""
    people: set[str] = set()
    pattern = re.compile(
        r"(?:^By |Photo: |Photograph: |AP Photo/|Reporting by |Writing by |Editing by )"
        r"([A-Z][\w.'-]+(?: [A-Z][\w.'-]+)*)",
        re.M,
    )
    for path in CORPUS.rglob("*"):
        if path.suffix in {".txt", ".html", ".xml", ".jsonl"}:
            text = path.read_text(encoding="utf-8")
            for match in pattern.finditer(text):
                if not text[match.end() : match.end() + 9].startswith((" bureau", " staff")):
                    people.add(match.group(1))  # "Reporting by Bogota bureau" names a place
    return people


@pytest.mark.slow
def test_no_outlet_photographer_or_byline_is_an_actor(
    corpus_records: list[tuple[str, dict[str, Any]]],
) -> None:
    forbidden = _outlet_names() | _bylines_and_credits()
    assert len(forbidden) > 50
    for _text, rec in corpus_records:
        for key in ("actor1", "actor2"):
            actor = rec[key]
            if actor is not None:
                assert actor["text"] not in forbidden, (actor, rec["sentence"])
                assert actor["name"] not in forbidden, (actor, rec["sentence"])
