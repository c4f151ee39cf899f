"""Whom a demand, warning or plea is addressed to when no object names it: the subject of the
clause that says what must (not) happen ("demanded that Armenian forces lay down their arms")."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.lexicon import Trigger
from flashpoint.extract.parse_paths import SUBJECT_DEPS, pobjs
from flashpoint.extract.parties import PartyReader, is_own_state
from flashpoint.extract.triggers import match_trigger
from flashpoint.model import Actor


def addressees(
    reader: PartyReader, token: Token, trig: Trigger, sources: list[Actor]
) -> list[Actor]:
    """The addressees of the speech act ``token`` by ``sources``."""
    clauses = [
        c
        for c in token.children
        if c.dep_ in {"ccomp", "xcomp"}
        or (c.dep_ == "advcl" and any(m.lower_ == "for" for m in c.children))
    ]  # "asked for the mission to begin leaving"
    said_of = [g for c in clauses for g in c.children if g.dep_ in SUBJECT_DEPS]
    # "warned that any Israeli attack would be met with ...": the attacker is warned;
    # "warned that Taiwan independence means war": whose the subject is, failing a party
    attacks = [
        g
        for c in clauses
        for g in c.children
        if g.dep_ in {"nsubj", "nsubjpass"} and _names_an_attack(reader, g)
    ]
    targets = (
        [a for g in attacks for a in reader.possessor(g)]
        or reader.of(said_of)
        or [a for g in said_of for a in reader.possessor(g)]
    )
    if trig.event_type == "THREATEN":
        # "vowed that Britain would respond" names the threatening state itself;
        # "warned that rioters would face punishment" names whom it threatens
        targets = [t for t in targets if not is_own_state(t, sources)]
    if not targets:  # "asked for the UN mission to leave" parsed as "for [mission]"
        targets = reader.of(pobjs(token, ["for"]))
    if not targets and trig.event_type == "THREATEN":
        # "threatened to take overwhelming action against South Korea": whom the act is against
        acts = [c for c in clauses if c.dep_ == "xcomp"]
        acts += [o for c in acts for o in c.children if o.dep_ == "dobj"]
        against = [p for a in acts for p in pobjs(a, ["against"])]
        targets = [t for t in reader.of(against) if not is_own_state(t, sources)]
    return targets


def _names_an_attack(reader: PartyReader, noun: Token) -> bool:
    row = match_trigger(noun, reader.lexicon) if noun.pos_ == "NOUN" else None
    return row is not None and row.event_type == "ASSAULT"
