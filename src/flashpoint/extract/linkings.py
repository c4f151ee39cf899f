"""Accusations made by linking: 'Canada linked Indian agents to the killing of a Sikh
separatist', 'Kyiv tied Moscow to the sabotage'.  Linking a party to an act of force accuses it
(PLOVER ACCUSE, CAMEO 112); linking cities or pipelines to each other accuses nobody, so the
verb counts only when what the party is linked to is an attack, a killing or the like."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.lexicon import Lexicon, Trigger
from flashpoint.extract.parse_paths import OBJECT_DEPS, is_passive, pobjs
from flashpoint.extract.triggers import match_trigger

LINKING = frozenset({"link", "tie", "connect"})
_CHARGED_TYPES = frozenset({"ASSAULT", "COERCE"})
LINKED = Trigger("link", "VERB", frozenset(), "ACCUSE", "112", None, frozenset(), "speaker_target")


def linking(lemma: str, pos: str) -> bool:
    """Could a token of this lowercased lemma and POS link a party to an act?"""
    return pos == "VERB" and lemma in LINKING


def linked_to_an_act(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The ACCUSE row for 'X linked Y to <an act of force>', else None."""
    if not linking(token.lemma_.lower(), token.pos_) or is_passive(token):
        return None
    if not any(c.dep_ in OBJECT_DEPS for c in token.children):
        return None
    for act in pobjs(token, ["to"]):
        row = match_trigger(act, lexicon)
        if row is not None and row.event_type in _CHARGED_TYPES:
            return LINKED
    return None
