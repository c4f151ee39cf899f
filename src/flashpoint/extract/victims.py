"""Attacks whose victims belong to several sides: one event per side hit, each with its own toll.

"JNIM fighters attacked villagers, killing scores of civilians and soldiers" is an attack on the
civilians and one on the army (PLOVER and ACLED count dyads); "gunmen killed five civilians and
three soldiers" kills five of the one and three of the other, not eight of each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from flashpoint.extract.actor_index import ActorIndex
from flashpoint.extract.casualties import NO_CASUALTIES, Casualties, casualties_for
from flashpoint.extract.frames import EventFrame
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.parties import party_key
from flashpoint.extract.triggers import match_trigger
from flashpoint.model import Actor


def with_victim_sides(frames: list[EventFrame], sent: Span, actors: ActorIndex) -> list[EventFrame]:
    """Add, for each attack on one side, an attack on every other side its victims are
    coordinated with ("civilians and soldiers"; not "people, many of them soldiers", nor a
    second name for the same dead, "killing nine people")."""
    out = list(frames)
    for frame in frames:
        if frame.event_type != "ASSAULT" or frame.actor2 is None:
            continue
        hit = [f.actor2 for f in out if f.trigger == frame.trigger and f.actor2]
        hit += [frame.actor1] if frame.actor1 else []  # its own dead are no target of it
        heads = set(casualties_for(sent, frame.trigger).victim_heads)
        for head in sorted(heads):
            token = sent.doc[head]
            if not (token.dep_ == "conj" and token.head.i in heads):
                continue
            for victim in actors.actors_for(token)[:1]:
                if not any(_one_group(victim, other) for other in hit):
                    hit.append(victim)
                    out.append(replace(frame, actor2=victim))
    return out


def dead_side_hit(frames: list[EventFrame], sent: Span, actors: ActorIndex) -> list[EventFrame]:
    """'Indian and Chinese troops clashed, leaving 20 Indian soldiers dead': a clash is coded
    once, and when all its dead are of one side that side is the one hit."""
    out = []
    for frame in frames:
        a1, a2 = frame.actor1, frame.actor2
        if frame.event_type == "ASSAULT" and frame.rule.roles == "symmetric" and a1 and a2:
            heads = casualties_for(sent, frame.trigger).victim_heads
            sides = {_side_of(sent.doc[h], actors) for h in heads}
            if sides == {party_key(a1)} and party_key(a1) != party_key(a2):
                frame = replace(frame, actor1=a2, actor2=a1)
        out.append(frame)
    return out


_FIGHTERS = frozenset({"MIL", "REB", "UAF", "COP", "CRM", "SPY"})
_FIGHTS = frozenset(
    {"shootout", "clash", "gunfight", "firefight", "fighting", "battle", "skirmish", "exchange"}
)


def each_others_dead(frames: list[EventFrame]) -> list[EventFrame]:
    """'A soldier and four militants were killed in a shootout': with no one named as the
    attacker, each side's dead in a fight between them were killed by the other side."""
    out = list(frames)
    for k, frame in enumerate(frames):
        if frame.event_type != "ASSAULT" or frame.actor1 is not None or frame.actor2 is None:
            continue
        sides = [f.actor2 for f in frames if f.trigger == frame.trigger and f.actor2]
        if any(f.actor1 for f in frames if f.trigger == frame.trigger):
            continue
        others = [a for a in sides if not _one_group(a, frame.actor2)]
        armed = all(a.org or a.sector in _FIGHTERS for a in sides)  # civilians fight no one
        if armed and len(others) == 1 and len(sides) == 2 and _in_a_fight(frame.trigger):
            out[k] = replace(frame, actor1=others[0])
    return out


def _in_a_fight(trigger: Token) -> bool:
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in {"in", "during"}
        and any(p.dep_ == "pobj" and p.lemma_.lower() in _FIGHTS for p in prep.children)
        for prep in trigger.children
    )


def _one_group(a: Actor, b: Actor) -> bool:
    """Same state and sector, and not two different named groups."""
    if (a.country, a.sector) != (b.country, b.sector):
        return False
    return not (a.org and b.org and a.org != b.org)


def toll_of(
    toll: Casualties,
    target: Actor | None,
    sent: Span,
    actors: ActorIndex,
    others: Sequence[Actor] = (),
) -> Casualties:
    """The part of a toll that fell on ``target`` when each victim group is counted apart;
    none when the dead are ``others`` hit by the same act ('a strike targeting Hamas's
    military chief ..., killing 90 people': the 90 are the people's)."""
    if target is not None and others and toll.victim_heads:
        # by sector and group: the country of the dead may be read only later, from the place
        dead = {
            (a.sector, a.org) for h in toll.victim_heads for a in actors.actors_for(sent.doc[h])
        }
        if (target.sector, target.org) not in dead and dead & {(a.sector, a.org) for a in others}:
            return NO_CASUALTIES
    if target is None or len({i for _, i, _ in toll.counts}) < 2:
        return toll
    side = party_key(target)
    # the group's own actor: its conjuncts ("civilians and soldiers") are groups of their own;
    # victims of no stated side go with the first side named ("killed 14 people and wounded
    # 30 others")
    sides = {head: _side_of(sent.doc[head], actors) for head in toll.victim_heads}
    first = next((s for _, s in sorted(sides.items()) if s is not None), None)
    heads = {h for h, s in sides.items() if s == side or (s is None and first == side)}
    if not heads or heads >= {i for _, i, _ in toll.counts}:
        return toll
    return toll.for_victims(heads)


def _side_of(victim: Token, actors: ActorIndex) -> tuple[str, str] | None:
    """The side of a group of dead; a group with no actor of its own is of the side it is
    listed with ('a senior Hamas official and two of his bodyguards')."""
    for _ in range(4):
        found = actors.actors_for(victim)[:1]
        if found:
            return party_key(found[0])
        partitive = victim.dep_ == "pobj" and victim.head.lower_ == "of"
        if partitive and victim.head.head.pos_ == "NUM":  # "two of his bodyguards"
            victim = victim.head.head
        if victim.dep_ != "conj":
            return None
        victim = victim.head
    return None


def scene_of_an_attack(trigger: Token, coded: list[EventFrame], lexicon: Lexicon) -> bool:
    """'a suicide bombing at a political rally killed 54': the rally is where the attack
    struck, and the dead are the attack's, not the rally's."""
    prep = trigger.head
    if trigger.dep_ in {"dobj", "nsubjpass"}:  # "killing two protesters": the attack's dead
        attack = prep
    elif trigger.dep_ == "pobj" and prep.lower_ in _SCENE_PREPS:
        attack = prep.head
    else:
        return False
    if any(f.event_type == "ASSAULT" and f.trigger.i == attack.i for f in coded):
        return True
    row = match_trigger(attack, lexicon)  # the attack noun a verb of killing absorbed
    return row is not None and row.event_type == "ASSAULT"


_SCENE_PREPS = frozenset({"at", "on", "in", "during", "near", "outside", "with", "against"})
