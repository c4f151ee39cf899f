"""Repairs of misparses the small English model makes often, applied to the doc before any
stage reads it, so that roles, casualties and places all see the same corrected tree."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.triggers import match_trigger
from flashpoint.nlp import TokenTable, get_nlp, token_table

# Acts done to someone: a clause cannot be their object, only a noun can.
_OBJECT_TAKING = frozenset({"ASSAULT", "COERCE"})
_PARTICIPLES = frozenset({"VBN", "VBD"})
# Where a gerund heads a clause of its own ("began bombing positions", "after shelling the town").
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "conj"})
# Caches stages keep with the doc, built from the tree as it was.
_TREE_CACHES = ("flashpoint_tokens", "flashpoint_triggers")


def repair_parse(doc: Doc, lexicon: Lexicon) -> None:
    """Repairs the misparses below in place (the token table only picks the candidates: no
    spaCy Token is built for the other words)."""
    table = token_table(doc)
    heads = lexicon.head_words
    changed = False
    for i, pos in enumerate(table.pos):
        verb = pos == "VERB"
        # Until a repair moves an arc the table is the tree, and most candidates fail the
        # repairs' first tests there: a Token is built only for the rest.
        candidate = pos == "NOUN" and (_gerund_like(table, i) or table.dep[i] == "compound")
        if candidate and (changed or _noun_repair_possible(table, i)):
            token = doc[i]
            verb = _verbal_gerund(token) or _headline_verb(token)
            changed |= verb
        trigger_word = table.lemma[i] in heads or table.lower[i] in heads
        if (
            verb
            and table.dep[i] != "amod"
            and trigger_word
            and (changed or _object_repair_possible(table, i))
        ):
            token = doc[i]
            changed |= _reduced_relative_object(token, lexicon) or _partitive_object(token, lexicon)
    if changed:
        for key in _TREE_CACHES:
            doc.user_data.pop(key, None)


def _gerund_like(table: TokenTable, i: int) -> bool:
    return table.tag[i] == "NN" and table.lower[i].endswith("ing")


def _noun_repair_possible(table: TokenTable, i: int) -> bool:
    """The first tests of ``_verbal_gerund`` and ``_headline_verb``, read from the table."""
    dep, children = table.dep, table.children
    if (
        _gerund_like(table, i)
        and dep[i] in _CLAUSE_DEPS
        and any(dep[c] == "dobj" for c in children[i])
    ):
        return True
    obj = table.head[i]
    return (
        dep[i] == "compound"
        and obj == i + 1
        and table.pos[obj] == "NOUN"
        and dep[obj] != "ROOT"
        and any(dep[c] == "nsubj" and c < i for c in children[i])
    )


def _object_repair_possible(table: TokenTable, i: int) -> bool:
    """The first tests of ``_reduced_relative_object`` and ``_partitive_object``, read from the
    table: the verb has no object yet, and a participle clause or a count follows it."""
    dep, kids = table.dep, table.children[i]
    if any(dep[c] in {"dobj", "nsubjpass"} for c in kids):
        return False
    return any(
        c > i
        and (
            (dep[c] == "ccomp" and table.tag[c] in _PARTICIPLES)
            or (table.pos[c] == "NUM" and dep[c] in {"npadvmod", "advmod"})
        )
        for c in kids
    )


def _verbal_gerund(token: Token) -> bool:
    """'Turkish jets began bombing positions of the SDF': a gerund with a direct object of its
    own heads a clause, so it is a verb (tagged as a noun, it would have no subject)."""
    if token.tag_ != "NN" or not token.lower_.endswith("ing") or token.dep_ not in _CLAUSE_DEPS:
        return False
    if not any(c.dep_ == "dobj" for c in token.children):
        return False
    token.pos_ = "VERB"
    token.tag_ = "VBG"
    lemmas = get_nlp().get_pipe("lemmatizer").rule_lemmatize(token)  # type: ignore[attr-defined]
    token.lemma_ = lemmas[0] if lemmas else token.lower_
    return True


def _headline_verb(token: Token) -> bool:
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
    lemmas = get_nlp().get_pipe("lemmatizer").rule_lemmatize(token)  # type: ignore[attr-defined]
    token.lemma_ = lemmas[0] if lemmas else token.lower_
    return True


def _reduced_relative_object(verb: Token, lexicon: Lexicon) -> bool:
    """'killed at least 85 civilians gathered for a festival' is parsed as 'killed [civilians
    gathered ...]', a clause whose subject is the victims: the noun is the object, and the
    participle describes it."""
    if any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children):
        return False
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.tag_ not in _PARTICIPLES or clause.i < verb.i:
            continue
        if any(c.dep_ in {"mark", "aux", "auxpass", "dobj"} for c in clause.children):
            continue  # "said that ...", "killed ... had fled": a true clause
        nouns = [c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i]
        if len(nouns) != 1 or nouns[0].pos_ not in {"NOUN", "PROPN"}:
            continue
        noun = nouns[0]
        between = verb.doc[verb.i + 1 : noun.left_edge.i]
        if any(t.pos_ != "ADV" for t in between) or noun.right_edge.i + 1 != clause.i:
            continue
        trigger = match_trigger(verb, lexicon)
        if trigger is None or trigger.event_type not in _OBJECT_TAKING:
            continue
        noun.head = verb
        noun.dep_ = "dobj"
        clause.head = noun
        clause.dep_ = "acl"
        return True
    return False


def _partitive_object(verb: Token, lexicon: Lexicon) -> bool:
    """'shot down 25 of 30 Russian drones': the count is parsed as an adverbial, so the act
    had no object; it is the object, and the drones are what it counts."""
    if any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children):
        return False
    counts = [
        c
        for c in verb.children
        if c.i > verb.i
        and c.pos_ == "NUM"
        and c.dep_ in {"npadvmod", "advmod"}
        and any(p.dep_ == "prep" and p.lower_ == "of" for p in c.children)
    ]
    if not counts:
        return False
    trigger = match_trigger(verb, lexicon)
    if trigger is None or trigger.event_type not in _OBJECT_TAKING:
        return False
    counts[0].dep_ = "dobj"
    return True
