"""Definite descriptions that refer back to an actor named before: "the country" → the state
named last, "the court" → the international court, "the rights group" → the group or IGO."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from spacy.tokens import Token

from flashpoint.extract.actor_index import ActorMention
from flashpoint.extract.actor_usage import is_quoted_name, is_small_clause_subject
from flashpoint.model import Actor

# Grammatical roles in which "the country" acts or is acted on.  Not the possessive: "the
# country's western desert", "the country's second coup" name a place or a history.
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "appos"})
_STATE_KINDS = frozenset({"country", "capital", "leader", "title", "metonym"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def anaphor_mention(
    token: Token,
    words: Mapping[str, frozenset[str]],
    named: list[ActorMention],
    nationality: Mapping[int, str],
) -> ActorMention | None:
    """'the country' → the state named last; 'the court', 'the rights group' → the body."""
    state = _country_anaphor(token, words, named, nationality)
    if state is not None:
        return state
    body = _org_anaphor(token, words, named)
    if body is None:
        return None
    actor = replace(body.actor, text=token.text, rule=body.actor.rule + "+definite")
    return ActorMention(token.i, token.i + 1, actor, body.kind)


def _country_anaphor(
    token: Token,
    words: Mapping[str, frozenset[str]],
    named: list[ActorMention],
    nationality: Mapping[int, str],
) -> ActorMention | None:
    """'the country', 'his country', 'the Balkan nation' as an actor: the state named last.
    Not as a place ("fled the country", "in the country")."""
    if token.lemma_.lower() not in words["country_anaphor"] or token.tag_ != "NN":
        return None
    owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)
    if not (owned or is_definite(token)) or token.dep_ not in _ACTING_DEPS:
        return None
    if token.dep_ == "dobj" and token.head.lemma_.lower() in words["movement_verb"]:
        return None
    if is_quoted_name(token, words) or is_small_clause_subject(token):
        return None  # "to call the country Türkiye", "declared the country liberated"
    # the states named before it, by name or leader or as a possessor ("Kenya's police")
    states = {i: c for i, c in nationality.items() if i < token.i and c}
    for m in named:
        if m.end <= token.i and m.actor.country and m.kind in _STATE_KINDS:
            states[m.start] = m.actor.country
    if not states:
        return None
    c = _last_subject_state(token, named) or states[max(states)]
    actor = Actor(token.text, c, f"{c}GOV", c, "GOV", rule="country-anaphor")
    return ActorMention(token.i, token.i + 1, actor, "country")


def _last_subject_state(token: Token, named: list[ActorMention]) -> str | None:
    """'Tehran condemned the strikes and summoned Islamabad's envoy. The country said ...': a
    sentence's subject goes on being what the next sentence's subject refers back to."""
    sent = token.sent
    if token.dep_ != "nsubj" or token.i - sent.start > 3 or sent.start == 0:
        return None
    before = token.doc[sent.start - 1].sent
    subject = next((t for t in before.root.children if t.dep_ == "nsubj"), None)
    if subject is None:
        return None
    for m in named:
        if m.start <= subject.i < m.end and m.actor.country and m.kind in _STATE_KINDS:
            return m.actor.country
    return None


def _org_anaphor(
    token: Token, words: Mapping[str, frozenset[str]], named: list[ActorMention]
) -> ActorMention | None:
    """'the court' → the international court named before; 'the organisation', 'the rights
    group', 'the medical charity' → the last group or IGO named before."""
    lemma = token.lemma_.lower()
    court = lemma in words["court_anaphor"]
    if not (court or lemma in words["org_anaphor"]) or token.tag_ != "NN":
        return None
    if not is_definite(token):
        return None
    if any(c.dep_ in {"poss", "compound", "amod"} and c.ent_type_ for c in token.children):
        return None  # "the Moscow court", "the Wagner group": named, not referring back
    for m in reversed([m for m in named if m.end <= token.i and m.kind in {"group", "igo"}]):
        if not court or lemma in (m.actor.org or "").lower():
            return m
    return None


def is_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)
