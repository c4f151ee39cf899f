"""Forces named by the state that leads them: 'a Saudi-led coalition', 'the U.S.-led
mission'."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.actor_dictionary import fold, get_actor_dictionary
from flashpoint.extract.parse_paths import children_with
from flashpoint.model import Actor

LEADING_VERBS = frozenset({"lead", "command", "head", "spearhead"})


def led_by(token: Token) -> list[Actor]:
    """'a Saudi-led coalition', 'the U.S.-led mission': the forces the named state leads.
    (A state that only backs a group, "Turkish-backed rebels", does not make it its own.)"""
    for child in children_with(token, {"amod"}):
        if child.lemma_.lower() not in LEADING_VERBS:
            continue
        for leader in child.children:
            if leader.dep_ not in {"npadvmod", "compound", "nmod", "amod"}:
                continue
            entries = get_actor_dictionary().by_key.get(fold(leader.text), [])
            country = next(
                (e.country for e in entries if e.kind in {"country", "demonym"} and e.country),
                None,
            )
            if country:
                return [
                    Actor(
                        token.text,
                        f"{country}-led {token.lemma_.lower()}",
                        f"{country}MIL",
                        country,
                        "MIL",
                        rule="led-by",
                    )
                ]
    return []
