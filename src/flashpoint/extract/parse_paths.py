"""Paths through the dependency parse that the role readers share: a verb's subjects (through
control, coordination and relative clauses), passive subjects, what a measure phrase measures
("dozens of civilians"), prepositional objects, and the nouns for texts that act for their
authors."""

from __future__ import annotations

from collections.abc import Container, Iterable
from functools import lru_cache

from spacy.tokens import Token

from flashpoint.nlp import TokenTable, token_table
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
        # quantities in a partitive: "intercepted most of the drones"
        "most",
        "many",
        "several",
        "majority",
        "half",
        "bulk",
    ]
)
# Nouns of intending or deciding, and verbs by which their subject holds one: an infinitive
# on the noun is that subject's act.
_INTENT_NOUNS = frozenset(
    {"plan", "intention", "decision", "readiness", "willingness", "offer", "attempt", "bid",
     "effort", "promise", "pledge", "commitment", "determination", "desire", "wish", "move"}
)  # fmt: skip
_HAVING_VERBS = frozenset({"have", "make", "announce", "unveil", "take", "reach", "express"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})


# The helpers below walk the doc's ``TokenTable`` by index and build a spaCy ``Token`` only for
# what they return: role reading calls them for every trigger, and a ``Token`` per child step
# (and a lookup per attribute) was a large share of extraction time.


def children_with(token: Token, deps: Container[str]) -> list[Token]:
    """``token.children`` with one of ``deps`` (most children of a role word are none of what a
    reader looks for, and no ``Token`` is built for those)."""
    doc, table = token.doc, token_table(token.doc)
    return [doc[c] for c in table.children[token.i] if table.dep[c] in deps]


def to_infinitive(verb: Token) -> bool:
    """A bare 'to' infinitive: 'to visit', 'to urge'."""
    return _infinitive_at(token_table(verb.doc), verb.i)


def _infinitive_at(table: TokenTable, verb: int) -> bool:
    dep, lower = table.dep, table.lower
    return table.tag[verb] == "VB" and any(
        dep[c] == "aux" and lower[c] == "to" for c in table.children[verb]
    )


def reciprocal(verb: Token) -> bool:
    """'accused each other', 'blamed one another', 'each accused the other': the parties
    act on each other."""
    table = token_table(verb.doc)
    dep, lower, children = table.dep, table.lower, table.children
    for child in children[verb.i]:
        if dep[child] in {"dobj", "dative"} or (dep[child] == "prep" and lower[child] != "of"):
            nouns = (child,) if dep[child] != "prep" else children[child]
            for noun in nouns:
                words = {lower[noun], *(lower[c] for c in children[noun])}
                if {"each", "other"} <= words or {"one", "another"} <= words:
                    return True
                if lower[noun] == "other" and _each_subject(table, verb.i):
                    return True
    return False


def _each_subject(table: TokenTable, verb: int) -> bool:
    """'each accused the other', 'Ukraine and Russia each accused ...' ('each' floating after
    the subject, or beside the verb)."""
    dep, lower, children = table.dep, table.lower, table.children
    return any(
        lower[c] == "each"
        or (dep[c] in SUBJECT_DEPS and any(lower[g] == "each" for g in children[c]))
        for c in children[verb]
        if dep[c] in SUBJECT_DEPS or dep[c] in {"advmod", "npadvmod", "dep"}
    )


def each_side(verb: Token) -> Token | None:
    """'India and Pakistan agreed ..., but each accused the other': the clause whose subject
    'each' stands for."""
    if _each_subject(token_table(verb.doc), verb.i) and verb.dep_ == "conj":
        return verb.head
    return None


def subjects(token: Token) -> list[Token]:
    """Subject tokens of a verb, inherited through control, coordination and relative clauses."""
    doc = token.doc
    table = token_table(doc)
    dep, tag, head, children = table.dep, table.tag, table.head, table.children
    current = token.i
    via_conj = False
    raised = False
    for _ in range(4):
        subs = [c for c in children[current] if dep[c] in SUBJECT_DEPS]
        if (
            raised
            and not subs
            and (table.lemma[current] in _RAISING_VERBS or _passive_at(table, current))
        ):
            # "Israel is believed to have carried out the strike": the passive subject of a
            # verb of believing is the doer of the act believed; so is that of an order
            # ("Ukrainian troops were ordered to withdraw")
            subs = [c for c in children[current] if dep[c] == "nsubjpass"]
        if subs:
            return [doc[c] for c in subs]
        raised = dep[current] == "xcomp" and any(
            dep[c] == "aux" and table.lower[c] == "to" for c in children[current]
        )  # "to shell", "to have shelled"
        # "Aliyev said the airliner had been shot at, and demanded ...": an active verb
        # coordinated with a passive one in a reported clause shares the speaker's subject.
        reported = via_conj and dep[current] == "ccomp" and _passive_at(table, current)
        inherits = (
            reported
            or dep[current] in {"xcomp", "conj"}
            or (dep[current] == "advcl" and tag[current] == "VBG")  # "retaliated, shelling ..."
        )
        via_conj = dep[current] == "conj" and not _passive_at(table, current)
        if inherits and head[current] != current:
            current = head[current]
            continue
        if dep[current] == "pcomp" and tag[current] == "VBG" and dep[head[current]] == "prep":
            current = head[head[current]]  # "Afghan forces responded by shelling ..."
            continue
        if dep[current] in {"acl", "relcl"} and _infinitive_at(table, current):
            # "the first Indian prime minister to visit Ukraine"; "Modi became the first ...
            # to visit": the one the description is predicated of
            noun = head[current]
            if dep[noun] == "attr":
                subs = [c for c in children[head[noun]] if dep[c] in SUBJECT_DEPS] or [noun]
                return [doc[c] for c in subs]
            if (
                table.lemma[noun] in _INTENT_NOUNS
                and dep[noun] == "dobj"
                and table.lemma[head[noun]] in _HAVING_VERBS
            ):
                # "Putin has no plans to meet Zelensky": the one who has the intention (but
                # "backed a Palestinian bid to become a member": not the backer)
                return subjects(doc[head[noun]])
            return [doc[noun]]
        if dep[current] == "relcl" and any(
            dep[c] in {"nsubj"} and tag[c] in {"WDT", "WP"} for c in children[current]
        ):
            return [doc[head[current]]]
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
    doc = token.doc
    table = token_table(doc)
    dep, head, children, i = table.dep, table.head, table.children, token.i
    subs = [c for c in children[i] if dep[c] == "nsubjpass"]
    if not subs and dep[i] == "conj" and _passive_at(table, head[i]):
        subs = [c for c in children[head[i]] if dep[c] == "nsubjpass"]
    if not subs and dep[i] == "acl" and table.tag[i] == "VBN":  # "two soldiers killed in ..."
        subs = [head[i]]
    if not subs and dep[i] in {"pcomp", "advcl"} and _passive_at(table, i):
        # "a gunman opened fire ... before being shot dead by soldiers": the one who acts in
        # the main clause undergoes the act
        main = head[head[i]] if dep[i] == "pcomp" else head[i]
        return subjects(doc[main]) if table.pos[main] == "VERB" else []
    return [doc[c] for c in subs]


def is_passive(token: Token) -> bool:
    return _passive_at(token_table(token.doc), token.i)


def _passive_at(table: TokenTable, i: int) -> bool:
    dep = table.dep
    return any(dep[c] in {"nsubjpass", "auxpass"} for c in table.children[i]) or (
        dep[i] == "acl" and table.tag[i] == "VBN"
    )


def content_noun(token: Token) -> Token:
    """'four hours of talks', 'a string of villages', 'dozens of civilians': the noun after
    'of' is what the verb acts on."""
    content = content_index(token_table(token.doc), token.i)
    return token if content == token.i else token.doc[content]


def content_index(table: TokenTable, token: int) -> int:
    """``content_noun`` by token index."""
    if table.lemma[token] in _MEASURE_NOUNS or table.pos[token] == "NUM":
        dep, children = table.dep, table.children
        # "$400 million in humanitarian aid": a sum is counted in what it buys
        money = table.ent_type[token] == "MONEY"
        preps = {"of", "in"} if money else {"of"}
        for prep in children[token]:
            if dep[prep] == "prep" and table.lower[prep] in preps:
                for pobj in children[prep]:
                    if dep[pobj] == "pobj":
                        return pobj
    return token


def measured(noun: Token) -> Token:
    """The measure phrase a noun is the content of ('ten days of drills' → 'days'), or itself."""
    table = token_table(noun.doc)
    prep = table.head[noun.i]
    measure = table.head[prep]
    of_measure = table.dep[noun.i] == "pobj" and table.lower[prep] in {"of", "in"}
    if of_measure and content_index(table, measure) == noun.i:
        return noun.doc[measure]
    return noun


def small_clause_subjects(verb: Token) -> list[Token]:
    """'branded the sanctions illegal', 'called the vote a sham': the subject of an adjective or
    noun complement (the small model parses it as a ccomp with its own subject)."""
    doc = verb.doc
    table = token_table(doc)
    dep, pos, children = table.dep, table.pos, table.children
    return [
        doc[g]
        for c in children[verb.i]
        if dep[c] == "ccomp" and pos[c] in {"ADJ", "NOUN"}
        for g in children[c]
        if dep[g] == "nsubj"
    ]


def crosses_clause(table: TokenTable, token: int, stop: Container[int]) -> bool:
    """On the way up from ``token`` to the first of ``stop``, is there a verb with a subject of
    its own (a clause of another event)?"""
    current = token
    while current not in stop and table.head[current] != current:
        if table.pos[current] in {"VERB", "AUX"} and any(
            table.dep[c] in {"nsubj", "nsubjpass"} for c in table.children[current]
        ):
            return True
        current = table.head[current]
    return False


def relative_gap(verb: Token) -> list[Token]:
    """The noun a relative clause describes when it is the clause's missing object: "a sailor
    they accused of spying" (the clause has its own subject and no relative word, object or
    stranded preposition: "the group they belonged to" names no object)."""
    if verb.dep_ != "relcl" or verb.pos_ != "VERB" or is_passive(verb):
        return []
    kids = list(verb.children)
    if not any(c.dep_ == "nsubj" for c in kids) or any(
        c.dep_ in OBJECT_DEPS
        or c.tag_ in {"WDT", "WP", "WP$", "WRB"}
        or (c.dep_ == "prep" and not any(g.dep_ in {"pobj", "pcomp"} for g in c.children))
        for c in kids
    ):
        return []
    return [verb.head]


_AIMED_PREPS = frozenset({"at", "on", "upon", "against", "toward", "towards"})


def pobjs(token: Token, preps: Iterable[str]) -> list[Token]:
    doc = token.doc
    table = token_table(doc)
    dep, lower, children = table.dep, table.lower, table.children
    wanted = set(preps)
    out: list[Token] = []
    for child in children[token.i]:
        if dep[child] not in {"prep", "agent", "dative"} or lower[child] not in wanted:
            continue
        found = [g for g in children[child] if dep[g] == "pobj"]
        # "to and from Israel", "in and around Gaza": the noun hangs on the last one
        found = found or [
            g
            for c in children[child]
            if dep[c] == "conj" and table.pos[c] == "ADP"
            for g in children[c]
            if dep[g] == "pobj"
        ]
        # "fired tear gas at protesters marching on parliament", parsed as a clause (not
        # "met in Istanbul, with Erdogan urging both sides ...", a circumstance)
        found = found or [
            g
            for c in children[child]
            if dep[c] == "pcomp" and table.tag[c] == "VBG" and lower[child] in _AIMED_PREPS
            for g in children[c]
            if dep[g] == "nsubj" and table.pos[g] in {"NOUN", "PROPN"}
        ]
        if lower[child] == "with" and child > 0 and lower[child - 1] == ",":
            # "met in Istanbul, with Erdogan urging both sides ...": a circumstance, no partner
            found = [
                g
                for g in found
                if not any(dep[c] == "acl" and table.tag[c] == "VBG" for c in children[g])
            ]
        out.extend(doc[g] for g in found)
    return out


@lru_cache(maxsize=2)
def document_words(role: str) -> frozenset[str]:
    rows = read_tsv("events/documents.tsv")
    return frozenset(row["lemma"] for row in rows if row["role"] == role)


def document_nouns() -> frozenset[str]:
    """Nouns for texts that act on their author's behalf ('a resolution calling for ...')."""
    return document_words("document")


def joined_by(token: Token) -> list[Token]:
    """'A joined B in urging ...': B does what A joins it in doing."""
    prep = token.head
    if token.dep_ != "pcomp" or prep.lower_ != "in" or prep.head.lemma_.lower() != "join":
        return []
    return [c for c in prep.head.children if c.dep_ == "dobj"]
