"""Repairs of clauses the small English model hangs in the wrong place: a time clause on a
noun, a consequence on an accusation, a clause read as a prepositional phrase."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from flashpoint.extract.attribution import speech_lemmas
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.triggers import match_trigger
from flashpoint.nlp import TokenTable

_TIME_PREPS = frozenset({"after", "before", "following", "until"})


def repair_clause(table: TokenTable, doc: Doc, i: int) -> bool:
    """Repairs around the finite trigger verb at ``i``."""
    dep, head = table.dep[i], table.head[i]
    if dep == "advcl" and table.pos[head] in {"NOUN", "PROPN"}:
        return _clause_on_a_noun(doc[i])
    if dep == "conj" and not any(
        table.dep[c] in {"nsubj", "nsubjpass", "cc"} for c in table.children[i]
    ):
        return _clause_read_as_phrase(doc[i])
    return False


_CLAUSE_MARKS = frozenset({"after", "before", "when", "while", "as", "because", "until"})


def _clause_on_a_noun(verb: Token) -> bool:
    """'ruled out talks with Pakistan on Sunday after Pakistani air strikes hit Kabul': a
    clause of time or cause hung on the object noun belongs to the verb above it."""
    if not any(c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS for c in verb.children):
        return False
    above = verb.head
    while above.pos_ not in {"VERB", "AUX"} and above.head != above:
        above = above.head
    if above.pos_ not in {"VERB", "AUX"}:
        return False
    verb.head = above
    return True


def _clause_read_as_phrase(verb: Token) -> bool:
    """'demanding elections after the collapse of a station canopy killed 16 people': the
    parser reads 'after the collapse ...' as a phrase and joins the verb to the main clause;
    the noun is the verb's subject and 'after' opens the clause."""
    noun = verb.doc[verb.i - 1]
    while not (noun.dep_ == "pobj" and noun.head.lower_ in _TIME_PREPS):
        if noun.head == noun or noun.head.i > verb.i:
            return False
        noun = noun.head
    prep = noun.head
    if prep.head.i > verb.i or any(t.i >= verb.i for t in noun.subtree):
        return False
    verb.head, verb.dep_ = prep.head, "advcl"
    noun.head, noun.dep_ = verb, "nsubj"
    prep.head, prep.dep_ = verb, "mark"
    return True


def outcome_of_charged_act(participle: Token, lexicon: Lexicon) -> bool:
    """'The army accused the RSF of shelling a camp, killing dozens': the parser hangs the
    participle on the accusation; the deaths are the shelling's, not the accuser's."""
    charge = participle.head
    row = match_trigger(charge, lexicon)
    if row is None or row.event_type != "ACCUSE" or charge.i > participle.i:
        return False
    trigger = match_trigger(participle, lexicon)
    if trigger is None or trigger.event_type != "ASSAULT":
        return False
    acts = [
        g
        for prep in charge.children
        if prep.dep_ == "prep" and prep.lower_ in {"of", "for"} and prep.i < participle.i
        for g in prep.children
        if g.dep_ == "pcomp" and g.tag_ == "VBG"
    ]
    if not acts:
        return False
    participle.head = acts[-1]
    return True


def speakers_own_act(participle: Token) -> bool:
    """'Khamenei said that negotiating with the US was not wise, ruling out talks': a participle
    after a comma that the parser hangs on the copula of what was said is the speaker's act."""
    copula = participle.head
    speech = copula.head
    if (
        copula.lemma_ != "be"
        or copula.dep_ != "ccomp"
        or speech.lemma_.lower() not in speech_lemmas()
    ):
        return False
    if participle.i == 0 or participle.doc[participle.i - 1].text != ",":
        return False
    participle.head = speech
    return True


def count_listed_with_object(verb: Token) -> bool:
    """'killed a senior Hamas official and two of his bodyguards': the count after 'and' is
    parsed as a second verb's; it is listed with the object."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    counts = [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ == "NUM"
        and objects
        and objects[0].i < c.i
        and any(p.dep_ == "prep" and p.lower_ == "of" for p in c.children)
        and verb.doc[c.i - 1].dep_ == "cc"
    ]
    if not counts:
        return False
    counts[0].head = objects[0]
    verb.doc[counts[0].i - 1].head = objects[0]  # the "and" goes with it
    return True
