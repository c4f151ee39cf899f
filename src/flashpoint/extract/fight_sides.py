"""The two sides of a fight told as a noun: 'fighting between the army and the RSF', and 'Armenia
said heavy fighting erupted with Azerbaijan' (one side named after 'with', the other the state
that reports the fight it is in)."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.attribution import speech_lemmas
from flashpoint.extract.parse_paths import pobjs, subjects
from flashpoint.extract.parties import PartyReader, same_side
from flashpoint.model import Actor


def between_sides(reader: PartyReader, trigger: Token) -> list[Actor]:
    """The sides of 'fighting between A and B'; the phrase may hang on the verb the fighting is
    subject of ('clashes broke out between A and B')."""
    found = reader.of(pobjs(trigger, ["between", "among"]))
    if not found and trigger.dep_ in {"nsubj", "nsubjpass"}:
        found = reader.of(pobjs(trigger.head, ["between", "among"]))
    return found


def reported_fight_sides(reader: PartyReader, fight: Token) -> list[Actor]:
    """'Armenia said heavy fighting erupted with Azerbaijan': the reporting state and the side
    after 'with' (a state says so of a fight it is in; no other side is named)."""
    verb = fight.head
    if fight.dep_ != "nsubj" or verb.dep_ != "ccomp":
        return []
    if verb.head.lemma_.lower() not in speech_lemmas():
        return []
    others = reader.of(pobjs(verb, ["with"]) or pobjs(fight, ["with"]))
    speakers = [s for s in reader.of(subjects(verb.head)) if s.country and not s.org]
    if not others or len(speakers) != 1 or same_side(speakers[0], others):
        return []
    return [speakers[0], *others]
