"""How a dictionary match is used in its sentence: as a place, a name, a predicate or an
affiliation rather than as an actor.

Each test reads the parse and, where the small model often misparses a construction ("rallied
outside parliament", "stormed parliament and police shot..."), the words next to the match.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

Words = Mapping[str, frozenset[str]]

_REFLEXIVE = frozenset({"himself", "herself", "itself", "themselves"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
# Roles of a noun that say what someone is or becomes, not who acts: "X was sworn in as
# president", "declared himself interim president", "the suspects were retired soldiers".
_PREDICATE_DEPS = frozenset({"oprd", "attr"})


def phrase_head(token: Token) -> Token:
    """The noun a name's token belongs to ("White" → "House", "Abu" → "Akleh")."""
    head = token
    while head.dep_ in {"compound", "flat", "appos"} and head.head != head:
        head = head.head
    return head


def is_locative(token: Token, words: Words) -> bool:
    """A country or capital token used as a place ("in Ankara", "Syria's Idlib province")."""
    head = phrase_head(token)
    if head.dep_ == "pobj" and _governed_by_place(head.head, words):
        return True  # "part of Russia", "the border with Bangladesh", "a march on Moscow"
    if head.dep_ == "pobj" and head.head.lower_ in words["locative_prep"]:
        prep = head.head
        if prep.lower_ == "from" and prep.head.pos_ == "NOUN":
            # "a warning from Pyongyang" is a source; "the withdrawal of U.S. forces from
            # Afghanistan" leaves a place
            return prep.head.lemma_.lower() in words["movement_noun"]
        # "received F-16s from Denmark": the giver
        return prep.lower_ != "from" or prep.head.lemma_.lower() not in words["receiving_verb"]
    return head.dep_ in {"npadvmod"} or (head.dep_ == "compound" and head.head.ent_type_ == "GPE")


def after_share_of(doc: Doc, start: int, words: Words) -> bool:
    """'much of Port-au-Prince', 'parts of Kyiv' read off the words when the parse fails."""
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    before = doc[start - 2].lemma_.lower()
    return before in words["place_noun"] or before in words["share_word"]


def _governed_by_place(prep: Token, words: Words) -> bool:
    """A preposition hanging on a place noun or a movement/attack word: its object is a place."""
    if prep.dep_ != "prep" or prep.lower_ not in {"of", "on", "with"}:
        return False
    governor = prep.head.lemma_.lower()
    if prep.lower_ == "on":
        return governor in words["place_verb"]
    if prep.lower_ == "of" and governor in words["share_word"]:
        return True  # "much of Port-au-Prince", "most of Ukraine"
    return governor in words["place_noun"] or (
        prep.lower_ == "of" and governor in words["place_verb"]
    )


def is_place_object(token: Token, words: Words, *, capital: bool) -> bool:
    """'missiles struck Kyiv' (a capital struck is a city), 'refugees fled Ukraine' (a country
    left or entered is a territory; a country attacked is still an actor)."""
    if token.dep_ != "dobj":
        return False
    verb = token.head.lemma_.lower()
    return verb in words["movement_verb"] or (capital and verb in words["place_verb"])


def is_office(token: Token, words: Words) -> bool:
    """'run for the White House', 'a bid for the Kremlin': the office sought, not its holder."""
    head = phrase_head(token)
    if head.dep_ != "pobj" or head.head.lower_ != "for":
        return False
    return head.head.head.lemma_.lower() in words["candidacy_word"]


def previous_word(token: Token) -> Token | None:
    """The word before a noun phrase's determiner: 'stormed [the] parliament'."""
    i = token.i - 1
    while i >= 0 and token.doc[i].lower_ in _DETERMINERS:
        i -= 1
    return token.doc[i] if i >= 0 else None


def inside_longer_name(doc: Doc, span: Span, words: Words) -> bool:
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.lower_ in words["name_particle"] and span.start >= 2 and doc[span.start - 2].is_title:
        return True
    return (
        before.pos_ == "PROPN"
        and before.is_title
        and before.dep_ in {"compound", "flat"}
        and (before.head.i in range(span.start, span.end))
        and before.ent_type_ not in {"NORP"}
        and not before.is_sent_start
    )


def affiliation_suffix(doc: Doc, end: int, words: Words) -> str | None:
    """The participle of 'Turkish-backed', 'Al-Qaeda-linked', 'UN-backed' after a match."""
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and doc[end + 1].lower_ in words["affiliation_suffix"]
    ):
        return doc[end + 1].lower_
    return None


def after_allegiance_prefix(doc: Doc, span: Span, words: Words) -> bool:
    start = span.start
    return (
        start >= 2
        and doc[start - 1].text == "-"
        and doc[start - 2].lower_ in words["allegiance_prefix"]
    )


def runs_into_other_name(doc: Doc, span: Span) -> bool:
    """A one-word leader alias that is only the first name of someone else ("Qassem" in
    "Qassem Soleimani"): the capitalised name goes on after it."""
    if len(span) != 1 or span.end >= len(doc):
        return False
    after = doc[span.end]
    return after.pos_ == "PROPN" and after.is_title and span.root.head.i == after.i


def title_owned(token: Token, title_heads: frozenset[str]) -> Token | None:
    """The singular title a country is 'of' ("the president of Syria"), if any."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "of" or prep.head.tag_ != "NN":
        return None
    return prep.head if prep.head.lemma_.lower() in title_heads else None


def is_predicate(token: Token) -> bool:
    """A title or sector noun that says what someone is or becomes: 'sworn in as Congo's
    president', 'resigned as prime minister', 'declared himself interim president', 'the
    suspects were retired soldiers'.  Not 'countries such as Turkey', nor 'there were
    soldiers' or 'it was soldiers who fired'."""
    if token.dep_ == "pobj" and token.head.lower_ == "as":
        return not any(c.lower_ == "such" for c in token.head.children) and (
            token.head.i == 0 or token.doc[token.head.i - 1].lower_ != "such"
        )
    if token.dep_ in _PREDICATE_DEPS:
        verb = token.head
        if any(c.dep_ == "expl" or c.lower_ == "it" for c in verb.children):
            return False
        return not any(c.dep_ == "relcl" for c in token.children)
    # "declared himself (acting) president": the parses vary, so read the words before it
    for i in range(token.i - 1, max(token.i - 4, -1), -1):
        word = token.doc[i]
        if word.lower_ in _REFLEXIVE:
            return True
        if word.pos_ not in {"ADJ", "NOUN", "PROPN"} and word.tag_ != "VBG":
            return False
    return False


def is_quoted_name(token: Token, words: Words) -> bool:
    """A name mentioned as a name: 'the country formerly known as Swaziland', 'to call the
    country Türkiye', 'drop the name Turkey'.  Also the thing so named ('the country')."""
    head = phrase_head(token) if token.dep_ != "appos" else token
    naming = words["naming_verb"]
    if head.dep_ == "pobj" and head.head.lower_ == "as":
        return head.head.head.lemma_.lower() in naming and head.head.head.pos_ == "VERB"
    if head.dep_ == "oprd":
        return head.head.lemma_.lower() in naming
    if head.dep_ == "appos":
        owner = head.head
        if owner.lemma_.lower() in {"name", "title"}:
            return True
        return owner.dep_ == "dobj" and owner.head.lemma_.lower() in naming
    if head.dep_ == "dobj" and head.head.lemma_.lower() in naming:
        return any(c.dep_ in {"appos", "oprd"} and c.pos_ == "PROPN" for c in head.children) or any(
            c.dep_ == "oprd" and c.pos_ == "PROPN" for c in head.head.children
        )
    return False


def is_small_clause_subject(token: Token) -> bool:
    """'declared the country liberated', 'declared the country free of cholera': the subject of
    a verbless participle or adjective clause is what is declared so, not an actor."""
    verb = token.head
    if token.dep_ not in {"nsubj", "nsubjpass"} or verb.tag_ not in {"VBN", "JJ"}:
        return False
    if verb.dep_ not in {"ccomp", "xcomp", "oprd"}:
        return False
    return not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def in_protest(token: Token, words: Words) -> bool:
    """People who protest, or whom the police arrest, shoot or disperse at a protest, are
    protesters (OPP), not bystanders: "thousands of women protested", "police detained 1,300
    people at protests", "police shot dead several people" after protesters stormed
    parliament.  A crowd struck by a bomb at a rally stays civilian."""
    subject = token
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.pos_ in {"NUM", "NOUN"}
    ):
        subject = token.head.head  # "thousands of women", "hundreds of students"
    verb = subject.head
    if subject.dep_ in {"nsubj", "conj"} and verb.lemma_.lower() in words["protest_verb"]:
        return True
    if subject.dep_ == "pobj" and subject.head.lower_ in {"against", "at", "on"}:
        verb = subject.head.head
    elif subject.dep_ not in {"dobj", "nsubjpass"}:
        return False
    if verb.lemma_.lower() not in words["coercion_verb"]:
        return False
    return any(t.lemma_.lower() in words["protest_word"] for t in token.sent)
