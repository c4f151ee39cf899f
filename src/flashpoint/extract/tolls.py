"""Tolls told apart from their attack: "The ministry said 31 people were killed" after the
strike it follows, "no one was hurt" after an attack that harmed nobody."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from flashpoint.extract.frames import trigger_token
from flashpoint.model import Event

_TOLL_LEMMAS = frozenset({"kill", "die", "wound", "injure"})


def tolls_folded_into_attacks(
    events: list[Event], doc: Doc, is_trigger: Callable[[Token], bool]
) -> list[Event]:
    """'The United States launched airstrikes across Yemen. The Houthi-run health ministry said
    31 people were killed.': a bare toll with no attacker and no attack of its own, reported
    after an attack with none, is that attack's toll, not a second, agentless attack."""
    out: list[Event] = []
    for event in events:
        zero = _zero_toll(event, doc)
        if zero is not None:  # "no one was hurt": the attack's toll, not an attack
            prior = _last_attack(out, event)
            if prior is not None:
                out[out.index(prior)] = _with_zero(prior, zero)
            continue
        prior = _attack_to_credit(out, event, doc, is_trigger)
        if prior is None:
            out.append(event)
            continue
        out[out.index(prior)] = replace(
            prior,
            fatalities=event.fatalities,
            injuries=event.injuries,
            fatalities_lower_bound=event.fatalities_lower_bound,
        )
    return out


def _attack_to_credit(
    earlier: list[Event], toll: Event, doc: Doc, is_trigger: Callable[[Token], bool]
) -> Event | None:
    if toll.event_type != "ASSAULT" or toll.actor1 is not None or toll.modality != "asserted":
        return None
    if toll.fatalities is None and toll.injuries is None:
        return None
    trigger = trigger_token(toll, doc)
    if trigger is None or trigger.lemma_.lower() not in _TOLL_LEMMAS:
        return None
    own = [t for c in trigger.children if c.dep_ not in {"conj", "cc"} for t in c.subtree]
    if any(is_trigger(t) for t in own):
        return None  # "killed in a shooting": an attack of its own ("and vowed to ..." is not)
    for prior in reversed(earlier):
        if prior.span == toll.span:
            continue
        if prior.event_type != "ASSAULT" or prior.actor1 is None:
            return None
        close = toll.span[0] - prior.span[1] < 400
        quiet = prior.fatalities is None and prior.injuries is None
        return prior if close and quiet and prior.modality == "asserted" else None
    return None


_NOBODY = frozenset({"nobody", "none"})


def _zero_toll(event: Event, doc: Doc) -> str | None:
    """'No one was killed', 'nobody was hurt', 'no Americans were injured': which count is
    zero ("fatalities" or "injuries"), or None when the sentence states no such nothing."""
    if event.event_type != "ASSAULT" or event.actor1 is not None:
        return None
    trigger = trigger_token(event, doc)
    if trigger is None or trigger.lemma_.lower() not in _TOLL_LEMMAS | {"hurt"}:
        return None
    victims = [c for c in trigger.children if c.dep_ in {"nsubjpass", "nsubj", "dobj"}]
    if not any(_is_nobody(v) for v in victims):
        return None
    return "fatalities" if trigger.lemma_.lower() in {"kill", "die"} else "injuries"


def _is_nobody(token: Token) -> bool:
    if token.lower_ in _NOBODY or (token.lower_ == "one" and _has_det(token, "no")):
        return True
    return _has_det(token, "no")


def _has_det(token: Token, word: str) -> bool:
    return any(c.dep_ == "det" and c.lower_ == word for c in token.children)


def _with_zero(attack: Event, count: str) -> Event:
    if count == "fatalities":
        return attack if attack.fatalities else replace(attack, fatalities=0)
    return attack if attack.injuries else replace(attack, injuries=0)


def _last_attack(earlier: list[Event], toll: Event) -> Event | None:
    """The attack a zero toll reports on: the nearest earlier asserted attack, close by."""
    for prior in reversed(earlier):
        if prior.event_type == "ASSAULT" and prior.modality == "asserted":
            return prior if toll.span[0] - prior.span[1] < 400 else None
    return None
