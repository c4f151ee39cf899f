"""One event told twice in a sentence: 'a rocket attack killed two soldiers', '... destroyed
the consulate, killing seven Guards', '49 soldiers were killed when forces shelled towns'."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from flashpoint.extract.frames import EventFrame
from flashpoint.model import Actor


def _compatible(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or (a.code == b.code and a.name == b.name)


def merge_duplicates(frames: list[EventFrame]) -> list[EventFrame]:
    """One event per type and dyad: 'a rocket attack killed two soldiers' is one ASSAULT."""
    merged: list[EventFrame] = []
    for frame in frames:
        for i, kept in enumerate(merged):
            if kept.event_type == frame.event_type and _outcome_of(frame.trigger, kept.trigger):
                merged[i] = _with_outcome(kept, frame)
                break
            if kept.event_type == frame.event_type and _killed_when(kept.trigger, frame.trigger):
                merged[i] = _with_outcome(frame, kept)
                break
            if kept.event_type == frame.event_type and _killed_when(frame.trigger, kept.trigger):
                merged[i] = _with_outcome(kept, frame)
                break
            if kept.event_type == frame.event_type and _does(kept.trigger, frame.trigger):
                merged[i] = _told_by_its_verb(frame, kept)  # "an Israeli strike ... killed X"
                break
            if kept.event_type == frame.event_type and _does(frame.trigger, kept.trigger):
                merged[i] = _told_by_its_verb(kept, frame)
                break
            if (
                kept.event_type == frame.event_type
                and _compatible(kept.actor1, frame.actor1)
                and _compatible(kept.actor2, frame.actor2)
                and _linked(kept.trigger, frame.trigger)
            ):
                merged[i] = _combine(kept, frame)
                break
        else:
            merged.append(frame)
    return merged


def _outcome_of(participle: Token, attack: Token) -> bool:
    """'... destroyed the consulate, killing seven Guards': the killing is the attack's toll."""
    return (
        participle.tag_ == "VBG"
        and participle.dep_ in {"advcl", "conj", "xcomp"}
        and participle.head == attack
    )


def _killed_when(toll: Token, attack: Token) -> bool:
    """'49 soldiers were killed when Azerbaijani forces shelled towns': one attack, told from
    its toll."""
    return (
        toll.lemma_.lower() in {"kill", "wound", "injure", "die"}
        and attack.dep_ == "advcl"
        and attack.head == toll
        and any(c.dep_ == "advmod" and c.lower_ in {"when", "as"} for c in attack.children)
    )


def _does(attack: Token, outcome: Token) -> bool:
    """'An Israeli strike on a building in Damascus killed a commander': the attack noun is the
    subject of the killing it did."""
    return attack.dep_ == "nsubj" and attack.head == outcome and outcome.pos_ == "VERB"


def _told_by_its_verb(verb: EventFrame, noun: EventFrame) -> EventFrame:
    """The verb's event, with the noun's agent and mode where the verb lacks them; the verb's
    object is the target unless it is only the building hit."""
    target = verb.actor2
    if target is None or (target.rule.startswith("facility") and noun.actor2 is not None):
        target = noun.actor2 or target
    return replace(
        verb,
        actor1=verb.actor1 or noun.actor1,
        actor2=target,
        mode=verb.mode or noun.mode,
        cameo=verb.cameo if verb.mode or not noun.mode else noun.cameo,
    )


def _with_outcome(attack: EventFrame, outcome: EventFrame) -> EventFrame:
    """The attack keeps its agent; the people killed are its target rather than the building."""
    target = attack.actor2
    if outcome.actor2 is not None and (target is None or target.rule.startswith("facility")):
        # "strikes on militant hideouts, killing nine people": the dead at an armed group's or
        # army's site are counted as its people, not as unnamed civilians
        armed_site = target is not None and target.sector in {"MIL", "REB"}
        if not (armed_site and outcome.actor2.sector == "CVL"):
            target = _of_the_site(outcome.actor2, target)
    return replace(attack, actor1=attack.actor1 or outcome.actor1, actor2=target)


def _of_the_site(killed: Actor, site: Actor | None) -> Actor:
    """'struck Iran's nuclear sites, killing top commanders': dead whose country no word gives
    (the story's was only a guess) are of the country whose site was hit."""
    guessed = killed.country is None or killed.rule.endswith("+context")
    if site is None or not site.country or killed.org or not killed.sector or not guessed:
        return killed
    code = f"{site.country}{killed.sector}"
    return replace(killed, country=site.country, code=code, rule=killed.rule + "+site")


def _linked(a: Token, b: Token) -> bool:
    """Two triggers describe one event when one governs the other or they hang close together
    ('launched an invasion, with missiles striking cities')."""
    if a in b.subtree or b in a.subtree:
        return True
    up_a = [a.head, a.head.head]
    up_b = [b.head, b.head.head]
    return any(x == y for x in up_a for y in up_b)


def _combine(a: EventFrame, b: EventFrame) -> EventFrame:
    primary, other = (a, b) if a.verbal or not b.verbal else (b, a)
    mode = primary.mode or other.mode
    cameo = primary.cameo if primary.mode or not other.mode else other.cameo
    return replace(
        primary,
        actor1=primary.actor1 or other.actor1,
        actor2=primary.actor2 or other.actor2,
        mode=mode,
        cameo=cameo,
    )
