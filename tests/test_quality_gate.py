"""The quality gate: every score on the gold sets stays at or above its floor in floors.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.evaluate import all_scores, below_floor, load_floors
from flashpoint.evaluate.events import actor_matches
from flashpoint.model import Actor

GOLD = Path(__file__).parent / "gold"


def test_floors_cover_the_contracted_metrics() -> None:
    floors = load_floors(GOLD)
    for stage, metric in [
        ("events", "f1"),
        ("actors", "f1"),
        ("places", "accuracy_25km"),
        ("dates", "accuracy"),
        ("fatalities", "accuracy"),
        ("actor_mentions", "f1"),
        ("places", "accuracy_161km"),
        ("places", "event_location_accuracy"),
        ("merge", "pairwise_precision"),
        ("alerts", "precision"),
        ("alerts", "recall"),
    ]:
        assert metric in floors.get(stage, {}), f"no floor for {stage}.{metric}"


def test_gold_scores_stay_above_floors() -> None:
    scores, report = all_scores(GOLD)
    failures = below_floor(scores, load_floors(GOLD))
    detail = "\n".join(report.errors[:40])
    assert not failures, "\n".join(failures) + "\nfirst errors:\n" + detail


@pytest.mark.parametrize(
    ("label", "actor", "expected"),
    [
        ("TUR", Actor("Turkish troops", "Turkish troops", "TURMIL", "TUR", "MIL"), True),
        ("TURMIL", Actor("Ankara", "Turkey", "TURGOV", "TUR", "GOV"), False),
        ("SYRREB", Actor("rebels", "rebels", "SYRREB", "SYR", "REB"), True),
        ("CVL", Actor("civilians", "civilians", "SYRCVL", "SYR", "CVL"), True),
        (
            "Hayat Tahrir al-Sham",
            Actor("HTS", "Hayat Tahrir al-Sham", "SYRREB", "SYR", "REB", "Hayat Tahrir al-Sham"),
            True,
        ),
        (
            "Islamic State",
            Actor("HTS", "HTS", "SYRREB", "SYR", "REB", "Hayat Tahrir al-Sham"),
            False,
        ),
        (
            "United Nations",
            Actor(
                "the General Assembly",
                "UN General Assembly",
                "IGOUNOGAS",
                None,
                "IGO",
                "UN General Assembly",
            ),
            True,
        ),
        (
            "UN Security Council",
            Actor("the UN", "United Nations", "IGOUNO", None, "IGO", "United Nations"),
            False,
        ),
        (
            "Hezbollah",
            Actor("Amal", "Amal", "LBNREB", "LBN", "REB", "Amal Movement"),
            False,
        ),
        (None, None, True),
        (None, Actor("x", "x", "TURGOV", "TUR", "GOV"), False),
    ],
)
def test_gold_actor_label_conventions(
    label: str | None, actor: Actor | None, expected: bool
) -> None:
    assert actor_matches(label, actor) is expected
