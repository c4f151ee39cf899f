"""Paths through the dependency parse that the role readers share: a verb's subjects (through
control, coordination and relative clauses), passive subjects, what a measure phrase measures
("dozens of civilians"), prepositional objects, and the nouns for texts that act for their
authors."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Token

from flashpoint.resources import read_tsv

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_RAISING_VERBS = frozenset(
    {"believe", "think", "say", "report", "suspect", "know", "understand", "allege", "expect"}
)
_MEASURE_NOUNS = frozenset(
    [
        "hour",
        "day",
        "week",
        "month",
        "round",
        "series",
        "wave",
        "string",
        "number",
        "dozen",
        "score",
        "hundred",
        "thousand",
        "couple",
        "pair",
        "group",
        "crowd",
        "batch",
        "barrage",
        "volley",
        "spate",
        "package",
        "raft",
        "tranche",
        "set",
    ]
)
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})


def to_infinitive(verb: Token) -> bool:
    """A bare 'to' infinitive: 'to visit', 'to urge'."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def reciprocal(verb: Token) -> bool:
    """'accused each other', 'blamed one another', 'each accused the other': the parties
    act on each other."""
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"} or (child.dep_ == "prep" and child.lower_ != "of"):
            nouns = [child] if child.dep_ != "prep" else [g for g in child.children]
            for noun in nouns:
                words = {noun.lower_, *(c.lower_ for c in noun.children)}
                if {"each", "other"} <= words or {"one", "another"} <= words:
                    return True
                if noun.lower_ == "other" and _each_subject(verb):
                    return True
    return False


def _each_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ == "each" for c in verb.children)


def each_side(verb: Token) -> Token | None:
    """'India and Pakistan agreed ..., but each accused the other': the clause whose subject
    'each' stands for."""
    if _each_subject(verb) and verb.dep_ == "conj":
        return verb.head
    return None


def subjects(token: Token) -> list[Token]:
    """Subject tokens of a verb, inherited through control, coordination and relative clauses."""
    current = token
    via_conj = False
    raised = False
    for _ in range(4):
        subs = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if raised and not subs and current.lemma_.lower() in _RAISING_VERBS:
            # "Israel is believed to have carried out the strike": the passive subject of a
            # verb of believing is the doer of the act believed
            subs = [c for c in current.children if c.dep_ == "nsubjpass"]
        if subs:
            return subs
        raised = current.dep_ == "xcomp" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children
        )  # "to shell", "to have shelled"
        # "Aliyev said the airliner had been shot at, and demanded ...": an active verb
        # coordinated with a passive one in a reported clause shares the speaker's subject.
        reported = via_conj and current.dep_ == "ccomp" and is_passive(current)
        inherits = (
            reported
            or current.dep_ in {"xcomp", "conj"}
            or (
                current.dep_ == "advcl" and current.tag_ == "VBG"  # "retaliated, shelling ..."
            )
        )
        via_conj = current.dep_ == "conj" and not is_passive(current)
        if inherits and current.head != current:
            current = current.head
            continue
        if current.dep_ == "pcomp" and current.tag_ == "VBG" and current.head.dep_ == "prep":
            current = current.head.head  # "Afghan forces responded by shelling ..."
            continue
        if current.dep_ in {"acl", "relcl"} and to_infinitive(current):
            # "the first Indian prime minister to visit Ukraine"; "Modi became the first ...
            # to visit": the one the description is predicated of
            noun = current.head
            if noun.dep_ == "attr":
                return [c for c in noun.head.children if c.dep_ in SUBJECT_DEPS] or [noun]
            return [noun]
        if current.dep_ == "relcl" and any(
            c.dep_ in {"nsubj"} and c.tag_ in {"WDT", "WP"} for c in current.children
        ):
            return [current.head]
        break
    return []


def is_apposition(noun: Token, child: Token) -> bool:
    """'its leader Hassan Nasrallah': an apposition names the noun again.  One parsed across the
    noun's own verb ("Niger's junta refused to receive a delegation from ECOWAS, the African
    Union and ...") belongs to a later phrase."""
    if child.dep_ != "appos":
        return False
    verb = noun.head
    return not (noun.dep_ in {"nsubj", "nsubjpass"} and noun.i < verb.i < child.i)


def passive_subjects(token: Token) -> list[Token]:
    subs = [c for c in token.children if c.dep_ == "nsubjpass"]
    if not subs and token.dep_ == "conj" and is_passive(token.head):
        subs = [c for c in token.head.children if c.dep_ == "nsubjpass"]
    if not subs and token.dep_ == "acl" and token.tag_ == "VBN":  # "two soldiers killed in ..."
        subs = [token.head]
    return subs


def is_passive(token: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children) or (
        token.dep_ == "acl" and token.tag_ == "VBN"
    )


def content_noun(token: Token) -> Token:
    """'four hours of talks', 'a string of villages', 'dozens of civilians': the noun after
    'of' is what the verb acts on."""
    if token.lemma_.lower() in _MEASURE_NOUNS or token.pos_ == "NUM":
        # "$400 million in humanitarian aid": a sum is counted in what it buys
        preps = {"of", "in"} if token.ent_type_ == "MONEY" else {"of"}
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return token


def measured(noun: Token) -> Token:
    """The measure phrase a noun is the content of ('ten days of drills' → 'days'), or itself."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in {"of", "in"} and content_noun(prep.head) == noun:
        return prep.head
    return noun


def small_clause_subjects(verb: Token) -> list[Token]:
    """'branded the sanctions illegal', 'called the vote a sham': the subject of an adjective or
    noun complement (the small model parses it as a ccomp with its own subject)."""
    return [
        g
        for c in verb.children
        if c.dep_ == "ccomp" and c.pos_ in {"ADJ", "NOUN"}
        for g in c.children
        if g.dep_ == "nsubj"
    ]


def pobjs(token: Token, preps: Iterable[str]) -> list[Token]:
    wanted = set(preps)
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in wanted:
            found = [g for g in child.children if g.dep_ == "pobj"]
            # "to and from Israel", "in and around Gaza": the noun hangs on the last one
            found = found or [
                g
                for c in child.children
                if c.dep_ == "conj" and c.pos_ == "ADP"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            out.extend(found)
    return out


@lru_cache(maxsize=2)
def document_words(role: str) -> frozenset[str]:
    rows = read_tsv("events/documents.tsv")
    return frozenset(row["lemma"] for row in rows if row["role"] == role)


def document_nouns() -> frozenset[str]:
    """Nouns for texts that act on their author's behalf ('a resolution calling for ...')."""
    return document_words("document")
