"""Releases made in exchange for others: "Russia freed Brittney Griner in exchange for arms
dealer Viktor Bout", "Boko Haram freed 82 schoolgirls in exchange for militant commanders held
by the government".  A swap is two releases, each side freeing the other's people."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from flashpoint.model import Actor

_SWAP_NOUNS = frozenset({"exchange", "return", "swap", "trade"})


def swapped_for(verb: Token) -> list[Token] | None:
    """Whom a release was traded for ('in exchange for X', 'in return for X'), or None when
    the release names no trade."""
    for prep in verb.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "as"} or not _same_clause(prep, verb):
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


def _same_clause(token: Token, verb: Token) -> bool:
    """No verb with a subject of its own between them ('82 schoolgirls kidnapped three years
    ago in exchange for ...': the phrase is the release's, hung on the participle)."""
    current = token.head
    while current != verb:
        if current.pos_ in {"VERB", "AUX"} and any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in current.children
        ):
            return False
        if current.head == current:
            return False
        current = current.head
    return True


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
