"""Forces of several states acting together also cooperate with each other: 'Rwandan and
Mozambican troops recaptured Mocimboa da Praia' is an attack by each and a COOPERATE between
them (PLOVER COOPERATE, CAMEO 062)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from flashpoint.extract.frames import EventFrame
from flashpoint.extract.lexicon import Trigger
from flashpoint.extract.parse_paths import OBJECT_DEPS, pobjs
from flashpoint.extract.parties import party_key, unique_parties
from flashpoint.model import Actor

_JOINT_TYPES = frozenset({"ASSAULT", "MOBILIZE", "RETREAT"})
_EXERCISE_WORDS = frozenset({"exercise", "drill", "manoeuvre", "maneuver", "wargame"})


def joint_action(
    token: Token, trig: Trigger, sources: list[Actor], verbal: bool, head: Trigger | None
) -> list[EventFrame]:
    """Forces of two states acting together ('Rwandan and Mozambican troops recaptured ...')
    also cooperate with each other (PLOVER COOPERATE, CAMEO 062)."""
    if trig.event_type not in _JOINT_TYPES or trig.roles in {"symmetric", "mutual"}:
        return []  # "Russia and Ukraine swapped prisoners" is an exchange, not a joint act
    if head is not None and head.roles in {"symmetric", "mutual"} and token.dep_ == "advcl":
        return []  # "Thai and Cambodian troops exchanged fire, killing 12": the exchange's toll
    states = [a for a in unique_parties(sources) if a.country and a.org is None]
    if len({a.country for a in states}) < 2:
        return []
    if not _acted_together(token, states):
        # "the United States and Britain struck Houthi targets", "Denmark and the Netherlands
        # sent F-16s to Ukraine": each state's own act
        return []
    return [
        _cooperation(token, trig, a, b, verbal)
        for i, a in enumerate(states)
        for b in states[i + 1 :]
        if a.country != b.country
    ]


def _cooperation(token: Token, trig: Trigger, a: Actor, b: Actor, verbal: bool) -> EventFrame:
    """A COOPERATE (CAMEO 062) between two sides of the act ``trig`` names."""
    joint = Trigger(
        trig.lemma, trig.pos, frozenset(), "COOPERATE", "062", None, frozenset(), "symmetric"
    )
    return EventFrame(token, joint, "COOPERATE", "062", None, a, b, verbal)


def _acted_together(trigger: Token, states: list[Actor]) -> bool:
    """Forces named as such ('Rwandan and Mozambican troops') or an act called joint ('a
    joint offensive') act side by side; states named as the doers each act."""
    if all(a.rule.startswith("sectors.tsv") for a in states) or is_exercise(trigger):
        return True  # states holding drills together hold them with each other
    words = {trigger.lower_} | {
        g.lower_ for c in trigger.children if c.dep_ in OBJECT_DEPS for g in c.subtree
    }
    return bool(words & {"joint", "jointly", "together", "combined"})


def is_exercise(trigger: Token) -> bool:
    words = {trigger.lemma_.lower()} | {
        c.lemma_.lower() for c in trigger.children if c.dep_ in {"dobj", "compound"}
    }
    return bool(words & _EXERCISE_WORDS)


def allies_named(
    token: Token, trig: Trigger, actors_of: Callable[[list[Token]], list[Actor]]
) -> list[Actor]:
    """'North Korean troops are fighting alongside Russian forces': who acts on the same side."""
    if trig.event_type not in _JOINT_TYPES:
        return []
    return unique_parties(actors_of(pobjs(token, ["alongside"])))


def side_by_side(
    token: Token, trig: Trigger, sources: list[Actor], allies: list[Actor], verbal: bool
) -> list[EventFrame]:
    """Forces fighting or deployed alongside another state's cooperate with it (CAMEO 062)."""
    return [
        _cooperation(token, trig, a, b, verbal)
        for a in unique_parties(sources)
        for b in allies
        if party_key(a) != party_key(b) and (a.country != b.country or a.org or b.org)
    ]


def ally_countries(frames: list[EventFrame], trigger: Token) -> set[str | None]:
    """The countries the act's forces cooperate with (fight alongside): no target of theirs."""
    return {
        f.actor2.country
        for f in frames
        if f.trigger == trigger and f.event_type == "COOPERATE" and f.actor2
    }
