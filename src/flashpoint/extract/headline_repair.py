"""Repairs of headlines the small English model misparses: a headline has no full stop,
often no finite verb and no auxiliaries, and joins its subjects with commas ("Israel, Hamas
agree truce", "Chinese coast guard fires water cannon at ...", "RSF accused of killings").
Called by ``parse_repair.repair_parse``; each repair checks what makes the misparse certain."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.triggers import match_trigger
from flashpoint.nlp import get_nlp


def headline_verb(token: Token) -> bool:
    """'Five killed as gunmen attack bus in Balochistan': a headline's present-tense verb
    tagged as a noun modifying its object; a noun has no subject, so it is the verb."""
    obj = token.head
    if token.dep_ != "compound" or obj.i != token.i + 1 or obj.pos_ != "NOUN" or obj.dep_ == "ROOT":
        return False
    if not any(c.dep_ == "nsubj" and c.i < token.i for c in token.children):
        return False
    token.head = obj.head
    token.dep_ = "pcomp" if obj.dep_ == "pobj" else obj.dep_
    obj.head = token
    obj.dep_ = "dobj"
    token.pos_ = "VERB"
    token.tag_ = "VBP"
    token.lemma_ = rule_lemma(token)
    return True


def headline_passive(verb: Token) -> bool:
    """'Sudan's RSF accused of ethnic killings', 'Opposition figure jailed for five years': a
    past participle heading a sentence with a subject and no auxiliary is a headline's passive
    (a past tense would be tagged VBD), so its subject is what the act is done to."""
    kids = list(verb.children)
    if any(c.dep_ in {"aux", "auxpass", "dobj", "nsubjpass"} for c in kids):
        return False
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if after is not None and after.pos_ not in {"ADP", "PUNCT"}:
        return False  # "militants overran Mosul": a past tense, whatever the tag says
    if verb.sent[-1].text in {".", "!", "?"} or verb.sent[-1].text.endswith("."):
        return False  # "20,000 people crossed from Sudan into Chad.": a sentence, no headline
    subject = [c for c in kids if c.dep_ == "nsubj"]
    if len(subject) != 1:
        return False
    subject[0].dep_ = "nsubjpass"
    return True


STRAY_DEPS = frozenset({"npadvmod", "intj", "dep", "advcl"})  # (a name is no clause)


def headline_pair(name: Token) -> bool:
    """'Israel, Hamas agree to extend truce', 'Zelensky, Biden discuss air defence': a headline
    joins its two subjects with a comma, and the parser leaves the first one stray."""
    doc = name.doc
    if name.i + 2 >= len(doc) or doc[name.i + 1].text != "," or name.i != name.sent.start:
        return False
    verb = name.head
    second = [c for c in verb.children if c.dep_ == "nsubj" and c.left_edge.i == name.i + 2]
    if not second or second[0].pos_ != "PROPN" or verb.pos_ != "VERB":
        return False
    name.dep_ = "nsubj"
    second[0].head, second[0].dep_ = name, "conj"
    return True


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Prepositions after a headline verb's object that say where the act is aimed.
_AIMING_PREPS = frozenset({"at", "on", "against", "into", "to", "from", "with"})


def headline_verb_in_compounds(token: Token, lexicon: Lexicon) -> bool:
    """'Chinese coast guard fires water cannon at Philippine vessels', 'Pakistani forces battle
    militants': a headline with no finite verb, parsed as one long noun compound; the plural
    or bare noun between the doer and the object is the verb when it is a verb trigger."""
    obj = token.head
    if token.dep_ != "compound" or obj.i <= token.i or obj.pos_ != "NOUN":
        return False
    if any(t.head != obj for t in token.doc[token.i + 1 : obj.i]):
        return False  # only the object's own modifiers lie between
    # the doer hangs on the verb ("coast guard fires") or beside it on the object
    subject = [c for c in token.children if c.dep_ == "compound" and c.i < token.i] or [
        c for c in obj.children if c.dep_ == "compound" and c.i < token.i
    ]
    if not subject:
        return False
    if any(t.tag_ in FINITE_TAGS for t in token.sent):
        return False  # a sentence with a verb of its own is no headline
    lemma = rule_lemma(token)
    saved = (token.pos_, token.lemma_)
    token.pos_, token.lemma_ = "VERB", lemma
    if match_trigger(token, lexicon) is None:
        token.pos_, token.lemma_ = saved
        return False
    doer = subject[-1]
    doer.head, doer.dep_ = token, "nsubj"
    before = [c for h in (obj, token) for c in h.children if c.i < doer.i]
    for modifier in before:  # "Mali's junta expels", "Chinese coast guard fires": the doer's
        modifier.head = doer
    token.head = obj if obj.head == obj else obj.head
    token.dep_ = obj.dep_ if obj.head != obj else "ROOT"
    if obj.head == obj:
        token.head = token
    obj.head, obj.dep_ = token, "dobj"
    for prep in [c for c in obj.children if c.dep_ == "prep" and c.i > obj.i]:
        if prep.lower_ in _AIMING_PREPS:
            prep.head = token  # "fires water cannon at Philippine vessels": aimed at them
    token.tag_ = "VBZ" if token.lower_.endswith("s") else "VBP"
    return True


def rule_lemma(token: Token) -> str:
    """The lemmatizer's rule lemma for the token as it is now tagged (a repair that retags a
    noun as a verb asks again: "fires" the noun and "fires" the verb share no table entry)."""
    lemmas = get_nlp().get_pipe("lemmatizer").rule_lemmatize(token)  # type: ignore[attr-defined]
    return str(lemmas[0]) if lemmas else token.lower_
