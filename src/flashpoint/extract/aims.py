"""The stated aim of an attack: 'struck southern Lebanon, targeting Hezbollah depots', 'an
Israeli strike targeting Hamas's military chief hit Mawasi'.  Whom the attacker aimed at is the
attack's target (PLOVER and ACLED code the intended side) in place of the place struck; people
its toll names were hit as well and stay."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from flashpoint.model import Actor

AIMING_VERBS = frozenset({"target", "aim"})
_PEOPLE = frozenset({"CVL", "MED", "JRN", "REF"})
_HARMING = frozenset({"kill", "wound", "injure"})
_ATTACK_NOUNS = frozenset({"strike", "airstrike", "attack", "raid", "bombing", "drone"})


def with_stated_aim(
    attack: Token, of: Callable[[Iterable[Token]], list[Actor]], targets: list[Actor]
) -> list[Actor]:
    """The stated aim, and of ``targets`` the people hit; ``targets`` when no aim is stated."""
    aim = stated_aim(attack, of)
    if not aim:
        return targets
    hit = [*targets, *of(_victims(attack))]  # "..., killing at least 90 people"
    return [*aim, *(t for t in hit if t.sector in _PEOPLE and t not in aim)]


def _victims(attack: Token) -> list[Token]:
    """Whom '..., killing five civilians' names, also after 'targeting X, and killing ...'."""
    clauses = [c for c in attack.children if c.dep_ in {"advcl", "conj"}]
    clauses += [g for c in clauses for g in c.children if g.dep_ == "conj"]
    return [
        obj
        for clause in clauses
        if clause.lemma_.lower() in _HARMING
        for obj in clause.children
        if obj.dep_ == "dobj"
    ]


def stated_aim(attack: Token, of: Callable[[Iterable[Token]], list[Actor]]) -> list[Actor]:
    """The actors a 'targeting ...' participle on the attack verb, or on the attack noun that is
    its subject, names; none when it names none."""
    holders = [attack]
    holders += [
        c for c in attack.children if c.dep_ == "nsubj" and c.lemma_.lower() in _ATTACK_NOUNS
    ]
    for holder in holders:
        for clause in holder.children:
            if clause.dep_ not in {"advcl", "acl"} or clause.lemma_.lower() not in AIMING_VERBS:
                continue
            aimed_at = [c for c in clause.children if c.dep_ == "dobj"]
            aimed_at += [  # "aimed at Hezbollah"
                g
                for c in clause.children
                if c.dep_ == "prep" and c.lower_ == "at"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            found = [a for a in of(aimed_at) if a.org or a.sector not in {None, "CVL"}]
            if found:
                return found
    return []
