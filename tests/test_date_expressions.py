"""The cheap pre-check that skips date patterns must never skip one that would have matched."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from flashpoint.api import read_articles
from flashpoint.extract import date_expressions
from flashpoint.extract.date_expressions import find_dates

_CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
_TRICKY = [
    "Talks resume next  Friday;  fighting  resumed the day  before\nyesterday.",
    "THREE DAYS AGO, on SATURDAY, in MARCH 2019, since 2011",
    "on the 3rd, 03/15/2020, 2020-02-27, Feb. 27, 27 February 2020",
    "two weeks later, a month earlier, 48 hours ago, four-year-old",
    "It began two wee\u212as ago.",  # a Kelvin sign: IGNORECASE matches it to "k"
    "No date here at all, only 2000 fighters and Resolution 2254.",
]


def _sentences() -> list[str]:
    texts = [a.text for a in read_articles([_CORPUS], on_error=lambda _e: None)]
    return [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s] + _TRICKY


def test_the_pre_check_finds_what_every_pattern_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    published = date(2020, 2, 28)
    sentences = _sentences()
    assert len(sentences) > 100
    filtered = [find_dates(s, published) for s in sentences]
    everything = date_expressions._patterns()
    monkeypatch.setattr(date_expressions, "_patterns_for", lambda _text: everything)
    assert filtered == [find_dates(s, published) for s in sentences]
    assert sum(map(len, filtered)) > 50  # the corpus does hold dates


def test_the_pre_check_skips_patterns_a_text_cannot_match() -> None:
    kinds = {kind for kind, _ in date_expressions._patterns_for("Rebels shelled the town.")}
    assert kinds == set()
    assert {"weekday", "year"} <= {
        kind for kind, _ in date_expressions._patterns_for("On Friday, in 2019.")
    }
