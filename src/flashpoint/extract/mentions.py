"""One actor mention in a parsed article: where it is, which actor, and what kind of entry
named it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from flashpoint.model import Actor
from flashpoint.nlp import token_table

# Sectors of a state's own organs: government, armed forces, police.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP"})
# Sector nouns that name one person ("the prosecutor ... he").
PERSON_NOUNS = frozenset(
    [
        "official",
        "minister",
        "president",
        "prosecutor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "commander",
        "general",
        "governor",
        "envoy",
        "ambassador",
        "chief",
        "leader",
        "diplomat",
        "judge",
        "premier",
        "mayor",
    ]
)


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int  # token index in the doc
    end: int  # exclusive
    actor: Actor
    kind: str  # dictionary entry kind, "sector" or "title"
    plural: bool = False
    # The actor as a party to the acts the report tells of, when it differs from what the
    # mention names now: a leader who left office on the report's day or the day before.
    acting: Actor | None = None

    @property
    def is_person(self) -> bool:
        if self.kind == "sector":  # "the prosecutor ... he", "the commander ... she"
            return not self.plural and self.actor.text.lower() in PERSON_NOUNS
        return self.kind in {"leader", "title"}


def noun_phrase_text(token: Token) -> str:
    words = [t.text for t in token.subtree if t.dep_ in {"amod", "compound", "poss"} or t == token]
    return " ".join(words) if len(words) <= 5 else token.text


def nationality_of_token(token: Token, nationality: Mapping[int, str]) -> str | None:
    """The country a demonym or possessive country on ``token``, or "in <capital>" after it,
    names."""
    table = token_table(token.doc)
    dep, children = table.dep, table.children
    for child in children[token.i]:
        if dep[child] in {"amod", "compound", "poss", "nmod"}:
            if child in nationality:
                return nationality[child]
            for grand in children[child]:
                if dep[grand] in {"compound", "amod", "poss"} and grand in nationality:
                    return nationality[grand]
    for child in children[token.i]:  # "the defence ministry in Ankara", "officials in Moscow"
        if dep[child] == "prep" and table.lower[child] == "in":
            for pobj in children[child]:
                if dep[pobj] == "pobj" and pobj in nationality:
                    return nationality[pobj]
    return None
