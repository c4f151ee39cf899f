"""Attacks told from the side hit: 'UN peacekeepers came under attack from M23 rebels', 'an
Israeli patrol came under fire from Hezbollah fighters', 'a convoy came under Russian artillery
fire'.  The subject of 'came under' is the target, and the attacker is named after 'from' or as
the attack's own modifier."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.lexicon import Trigger
from flashpoint.extract.parse_paths import pobjs, subjects
from flashpoint.extract.parties import PartyReader
from flashpoint.model import Actor

_UNDERGOING = frozenset({"come", "be", "remain", "fall"})
UNDER_FIRE = Trigger(
    "fire", "NOUN", frozenset(), "ASSAULT", "193", "firearms", frozenset({"from"}), "agent_patient"
)


def _undergone(noun: Token) -> Token | None:
    """The verb of 'came under <noun>', if the noun stands there."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.head.lemma_.lower() not in _UNDERGOING:
        return None
    return prep.head


def fire_undergone(token: Token) -> Trigger | None:
    """The row for 'fire' in 'came under fire' (elsewhere 'fire' is no attack: 'set fire to')."""
    if token.lemma_.lower() != "fire" or token.pos_ != "NOUN" or _undergone(token) is None:
        return None
    return UNDER_FIRE


def undergone_roles(
    noun: Token, reader: PartyReader, sources: list[Actor]
) -> tuple[list[Actor], list[Actor]] | None:
    """Sources and targets of an attack the sentence's subject came under, else None."""
    verb = _undergone(noun)
    if verb is None:
        return None
    hit = reader.of(subjects(verb))
    attackers = reader.of(pobjs(noun, ["from"])) or [s for s in sources if s not in hit]
    return attackers, hit
