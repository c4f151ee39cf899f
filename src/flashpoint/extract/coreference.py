"""Coreference inside one article: what a pronoun, "the two leaders", "the group" or "its
forces" stands for, read from the actor mentions before it."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from flashpoint.extract.actor_dictionary import get_actor_dictionary
from flashpoint.extract.attribution import speech_lemmas
from flashpoint.extract.mentions import PERSON_NOUNS, ActorMention
from flashpoint.extract.parse_paths import subjects
from flashpoint.model import Actor

if TYPE_CHECKING:
    from flashpoint.extract.actor_index import ActorIndex

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "himself", "herself"})
_THING_PRONOUNS = frozenset({"it", "its", "itself"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
_PAIR_NOUNS = frozenset(
    {"leader", "side", "country", "nation", "president", "minister", "party", "man", "woman"}
)
_PERSON_PAIRS = frozenset({"leader", "president", "minister", "man", "woman"})
PRONOUNS = _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS
# Armed sectors whose plural subject, when it is no mention of its own ("Forces loyal to
# Haftar"), can be what a later "they" or "them" stands for.
_ARMED_SECTORS = frozenset({"MIL", "REB", "UAF", "COP"})


class Coreference:
    """Antecedents of pronouns and descriptions, over one article's actor index."""

    def __init__(self, index: ActorIndex):
        # Weak: the index owns this reader, and a cycle between them would keep the index, and
        # its parsed doc with the doc's tensors, alive until a full garbage collection.
        self._index = weakref.ref(index)

    @property
    def index(self) -> ActorIndex:
        index = self._index()
        if index is None:
            raise ReferenceError("the actor index of this coreference reader is gone")
        return index

    def _before(self, token: Token) -> list[ActorMention]:
        return [m for m in self.index.mentions if m.end <= token.i]

    def pronoun(self, token: Token) -> list[Actor]:
        word = token.lower_
        if token.dep_ == "poss" or word in _REFLEXIVES:
            # "Poland gave Ukraine its backing": its = the subject; "Guaido declared himself"
            bound = self._clause_subject(token)
            if bound:
                return bound
        if word in _PERSON_PRONOUNS:
            return self._person_before(token)
        if word in _PLURAL_PRONOUNS:
            return self._plural_before(token)
        if word == "it" and token.dep_ in {"nsubj", "nsubjpass"}:
            speaker = self._speaker(token)
            if speaker:
                return speaker
        described = _described_noun(token)
        for m in reversed(self._before(token)):
            if m.start in described:
                continue
            if word in _THING_PRONOUNS and not m.is_person and not m.plural and m.kind != "demonym":
                return [m.actor]
        return []

    def _tokens_before(self, pronoun: Token) -> Iterator[Token]:
        """Tokens before the pronoun, nearest first, without its own clause's subject when the
        pronoun is a direct object (binding; not "nearly a third of them", a partitive)."""
        direct_object = pronoun.dep_ in {"dobj", "dative"} and pronoun.head.pos_ == "VERB"
        excluded = self._own_subject(pronoun) if direct_object else set()
        excluded |= _described_noun(pronoun)
        for tok in reversed(pronoun.doc[: pronoun.i]):
            if tok.i not in excluded:
                yield tok

    def _plural_before(self, pronoun: Token) -> list[Actor]:
        """The nearest plural-compatible actor before 'they'/'them': a group, a state, a plural
        mention, two coordinated people, or a plural noun that resolves through what it is
        ('Forces loyal to Haftar ... the Security Council urged them').  A direct object
        pronoun is not its own clause's subject ('the Security Council urged them')."""
        # "security forces fired tear gas to disperse them": not the forces' own kind, named
        # in passing before ("... in the custody of the morality police")
        doers = {
            (m.actor.sector, m.actor.country)
            for i in self._own_subject(pronoun)
            if pronoun.dep_ in {"dobj", "dative"} and (m := self.index.mention_at(pronoun.doc[i]))
        }
        topic = self._last_topic(pronoun)
        if topic:
            return topic
        for tok in self._tokens_before(pronoun):
            m = self.index.mention_at(tok)
            if m is not None and (m.actor.sector, m.actor.country) in doers and m.actor.sector:
                continue
            if m is not None:
                if m.plural or m.kind in {"group", "country"}:
                    return self._coordinated(tok) or [m.actor]
                pair = self._coordinated_people(m) if m.is_person else []
                if pair:  # "Raisi and Foreign Minister Amir-Abdollahian ... their helicopter"
                    return pair
            elif _armed_subject(tok):
                found = self.index.actors_for(tok, depth=2)
                if found:
                    return found
        return []

    def _last_topic(self, pronoun: Token) -> list[Actor]:
        """'The Houthis have launched dozens of attacks ..., saying they acted in solidarity
        with Palestinians in Gaza. On Nov. 19 they seized ...': 'they' opening a sentence's
        subject, with no party named before it in that sentence, is what the last sentence
        was about, not the last plural it named in passing."""
        sent = pronoun.sent
        if pronoun.dep_ != "nsubj" or sent.start == 0:
            return []
        if any(self.index.mention_at(t) for t in pronoun.doc[sent.start : pronoun.i]):
            return []
        last = pronoun.doc[sent.start - 1].sent
        for subject in (c for c in last.root.children if c.dep_ == "nsubj"):
            m = self.index.mention_at(subject)
            if m is not None and (m.plural or m.kind in {"group", "country"}):
                return self._coordinated(subject) or [m.actor]
        return []

    def _coordinated(self, last: Token) -> list[Actor]:
        """'Burkina Faso, Mali and Niger said they ...': every party of the list 'they' ends."""
        first = last
        while first.dep_ == "conj":
            first = first.head
        if first == last:
            return []
        parties = self.index.actors_for(first, depth=2)
        return parties if len(parties) > 1 else []

    def _coordinated_people(self, last: ActorMention) -> list[Actor]:
        """The person named just before 'and' and a title: 'interim President Bah Ndaw and
        Prime Minister Moctar Ouane'."""
        doc = self.index.doc
        i, seen_and = last.start - 1, False
        while i >= 0:
            tok = doc[i]
            mention = self.index.mention_at(tok)
            if mention is not None and mention.kind in {"leader", "title"}:
                return [mention.actor, last.actor] if seen_and else []
            if tok.lower_ == "and" and not seen_and:
                seen_and = True
            elif not (tok.pos_ in {"PROPN", "ADJ"} or (mention is not None and mention.is_person)):
                return []
            i -= 1
        return []

    def _person_before(self, pronoun: Token) -> list[Actor]:
        """The nearest person named before: a person mention, or a person noun that resolves
        through what it belongs to ('the prosecutor of the International Criminal Court').
        An object pronoun is not its own clause's subject ('Trump recognised him')."""
        for tok in self._tokens_before(pronoun):
            mention = self.index.mention_at(tok)
            if mention is not None and (mention.is_person or _one_person(tok, mention)):
                return [mention.actor]
            if mention is None and tok.lemma_.lower() in PERSON_NOUNS and tok.tag_ == "NN":
                found = self.index.actors_for(tok, depth=3)
                if found:
                    return found[:1]
        return []

    @staticmethod
    def _own_subject(pronoun: Token) -> set[int]:
        """Token indices of the subject of the verb an object pronoun depends on."""
        if pronoun.dep_ == "poss":
            return set()
        verb = pronoun.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        while subject is None and verb.dep_ in {"xcomp", "advcl"} and verb.head != verb:
            # "forces fired tear gas to disperse them": the infinitive's subject is the
            # forces, so "them" is someone else
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                break
            verb = verb.head
            subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        return {t.i for t in subject.subtree} if subject is not None else set()

    def _speaker(self, pronoun: Token) -> list[Actor]:
        """'France recalled its ambassador and said it would withdraw its troops': the 'it'
        subject of a reported clause is the state or body that says so (not a person)."""
        clause = pronoun.head
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in speech_lemmas():
            return []
        said = [
            m
            for s in subjects(clause.head)
            if (m := self.index.mention_at(s)) is not None and s.i < pronoun.i
        ]
        if len(said) != 1 or said[0].is_person or said[0].plural:
            return []
        return [said[0].actor]

    def _clause_subject(self, pronoun: Token) -> list[Actor]:
        """The actor that is the subject of the pronoun's own clause, if it can be meant."""
        verb = pronoun.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
            verb = verb.head
        subject = next(
            (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c != pronoun), None
        )
        if subject is None or subject.i > pronoun.i or pronoun in subject.subtree:
            return []
        mention = self.index.mention_at(subject)
        if mention is None:
            return []
        if pronoun.lower_ in _PERSON_PRONOUNS:
            return [mention.actor] if mention.is_person else []
        if pronoun.lower_ in _THING_PRONOUNS and (mention.is_person or mention.plural):
            return []
        if pronoun.lower_ in _PLURAL_PRONOUNS and not (mention.plural or mention.kind == "group"):
            return []
        # "U.S. and South Korean forces ... their", "forces from A, B, C and D ... their"
        return self.index.actors_for(subject, depth=1)

    def pair(self, token: Token) -> list[Actor]:
        """'the two leaders', 'both sides': the last two distinct actors of a compatible kind
        (for leaders, two people; failing that, two states: "Russia and Turkey ... the two
        leaders").  Never the subject of the pair's own clause: in "the head of the IAEA urged
        both sides", the sides are the two parties named before, not the IAEA and one of them."""
        if token.lemma_.lower() in _PERSON_PAIRS:
            return (
                self._last_two(token, lambda m: m.kind in {"leader", "title"})
                or self._last_two(token, lambda m: m.is_person)
                or self._last_two(token, lambda m: m.kind in {"country", "capital"})
            )
        return self._last_two(token, lambda m: True)

    def _last_two(self, token: Token, wanted: Callable[[ActorMention], bool]) -> list[Actor]:
        excluded = self._own_subject(token) if token.dep_ not in {"nsubj", "nsubjpass"} else set()
        pair: list[Actor] = []
        for m in reversed(self._before(token)):
            if not wanted(m) or m.kind == "demonym" or excluded & set(range(m.start, m.end)):
                continue
            for actor in reversed(self._members(m)):  # "Russian and Ukrainian negotiators"
                if any((a.code, a.name) == (actor.code, actor.name) for a in pair):
                    continue
                pair.append(actor)
                if len(pair) == 2:
                    return list(reversed(pair))
        return []

    def _members(self, m: ActorMention) -> list[Actor]:
        """A mention's actor, and for a sector noun with coordinated nationalities, each."""
        if m.kind != "sector":
            return [m.actor]
        return [m.actor, *self.index.coordinated_nationalities(self.index.doc[m.start], m.actor)]

    def definite(self, token: Token) -> list[Actor]:
        for m in reversed(self._before(token)):
            if m.kind == "group":
                return [m.actor]
        return []

    def owned_by_pronoun(self, token: Token) -> list[Actor]:
        """'Moscow denied that its forces fired': a sector noun owned by a pronoun belongs to
        the actor the pronoun stands for (a group's fighters are the group itself)."""
        term = get_actor_dictionary().sectors.get(token.lemma_.lower())
        if term is None:
            return []
        if not any(c.dep_ == "poss" and c.lower_ in PRONOUNS for c in token.children):
            return []
        stated = [
            self.index.nationality[c.i] for c in token.children if c.i in self.index.nationality
        ]
        if stated:  # "his Turkish counterpart": the nationality says whose, not the pronoun
            return [self._sector_actor(token, stated[0], term.sector, "nationality")]
        for child in token.children:
            if child.dep_ != "poss" or child.lower_ not in PRONOUNS:  # "his fighters"
                continue
            owners = self.pronoun(child)
            owner = owners[0] if owners else None
            if owner is None:
                return []
            if owner.org:
                return [replace(owner, text=token.text)]
            if owner.country:
                return [self._sector_actor(token, owner.country, term.sector, "owner")]
        return []

    @staticmethod
    def _sector_actor(token: Token, country: str, sector: str, how: str) -> Actor:
        lemma = token.lemma_.lower()
        return Actor(
            token.text,
            f"{country} {lemma}",
            f"{country}{sector}",
            country,
            sector,
            rule=f"sectors.tsv:{lemma}+{how}",
        )


def _described_noun(pronoun: Token) -> set[int]:
    """Token indices of the noun a relative clause describes when the pronoun is that clause's
    subject: in "a journalist it had accused", "it" is never the journalist (binding)."""
    clause = pronoun.head
    if pronoun.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ != "relcl":
        return set()
    noun = clause.head
    return set(range(noun.left_edge.i, noun.i + 1))


def _armed_subject(token: Token) -> bool:
    if token.tag_ not in {"NNS", "NNPS"} or token.dep_ != "nsubj":
        return False
    term = get_actor_dictionary().sectors.get(token.lemma_.lower())
    return term is not None and term.sector in _ARMED_SECTORS


def is_pair_description(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma not in _PAIR_NOUNS or token.tag_ not in {"NNS", "NNPS"}:
        return False
    if lemma in {"man", "woman"}:  # "both men", "the two men"; not "two men were killed"
        words = {c.lower_ for c in token.children}
        return "both" in words or {"the", "two"} <= words
    return any(c.lower_ in {"two", "both"} for c in token.children)


# Nouns for one armed or acting individual: "a gunman ... before police shot him dead".
_INDIVIDUALS = frozenset(
    {"gunman", "attacker", "assailant", "bomber", "man", "woman", "soldier", "policeman",
     "officer", "militant", "fighter", "suspect", "teenager", "youth", "shooter"}
)  # fmt: skip


def _one_person(token: Token, mention: ActorMention) -> bool:
    return mention.kind == "sector" and token.tag_ == "NN" and token.lemma_.lower() in _INDIVIDUALS
