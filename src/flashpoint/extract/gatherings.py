"""Crowds that gather: 'Hundreds of protesters gathered outside parliament in Tbilisi',
'demonstrators converged on the presidential palace'.  A verb of gathering says nothing of
protest by itself (mourners gather, troops mass), but its subject does: protesters or
demonstrators who gather, assemble or converge demonstrate (PLOVER PROTEST, CAMEO 141), and
what they protest against is read as for 'protested'."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.lexicon import Lexicon, Trigger
from flashpoint.extract.parse_paths import subjects

GATHERING = frozenset({"gather", "assemble", "converge", "congregate", "throng", "mass"})
DEMONSTRATION = Trigger(
    "gather",
    "VERB",
    frozenset(),
    "PROTEST",
    "141",
    "demo",
    frozenset({"against"}),
    "agent_patient",
)


def gathering(lemma: str, pos: str) -> bool:
    """Could a token of this lowercased lemma and POS be a crowd gathering?"""
    return pos == "VERB" and lemma in GATHERING


def crowd_gathering(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The PROTEST row for a verb of gathering whose subject is protesters, else None."""
    if not gathering(token.lemma_.lower(), token.pos_):
        return None
    crowd = lexicon.object_classes.get("protesters", frozenset())
    for subject in subjects(token):
        # "hundreds of protesters", "a crowd of demonstrators": through what it is made of
        heads = [subject, *(p for c in subject.children if c.lower_ == "of" for p in c.children)]
        if any(h.lemma_.lower() in crowd for h in heads):
            return DEMONSTRATION
    return None
