"""Releases made in exchange for others: "Russia freed Brittney Griner in exchange for arms
dealer Viktor Bout", "Boko Haram freed 82 schoolgirls in exchange for militant commanders held
by the government".  A swap is two releases, each side freeing the other's people."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from flashpoint.extract.parse_paths import crosses_clause
from flashpoint.model import Actor
from flashpoint.nlp import token_table

_SWAP_NOUNS = frozenset({"exchange", "return", "swap", "trade"})


def swapped_for(verb: Token) -> list[Token] | None:
    """Whom a release was traded for ('in exchange for X', 'in return for X'), or None when
    the release names no trade."""
    for prep in verb.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "as"}:
            continue
        # "82 schoolgirls kidnapped three years ago in exchange for ...": the phrase hung on a
        # participle is still the release's, but not one in a clause with its own subject
        if crosses_clause(token_table(verb.doc), prep.i, {verb.i}):
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in _SWAP_NOUNS:
                return [
                    g
                    for p in noun.children
                    if p.dep_ == "prep" and p.lower_ == "for"
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
    return None


def swap_parties(
    traded: list[Token], actors_of: Callable[[Iterable[Token]], list[Actor]]
) -> list[Actor]:
    """Who held the people traded for: 'commanders held by the government', else the side
    the people themselves belong to."""
    holders = [
        g
        for person in traded
        for acl in person.children
        if acl.dep_ == "acl"
        for agent in acl.children
        if agent.dep_ == "agent"
        for g in agent.children
        if g.dep_ == "pobj"
    ]
    return actors_of(holders) or actors_of(traded)
