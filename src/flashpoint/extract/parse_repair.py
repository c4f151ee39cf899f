"""Repairs of misparses the small English model makes often, applied to the doc before any
stage reads it, so that roles, casualties and places all see the same corrected tree."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from flashpoint.extract.attribution import speech_lemmas
from flashpoint.extract.clause_repair import (
    count_listed_with_object,
    outcome_of_charged_act,
    repair_clause,
    speakers_own_act,
)
from flashpoint.extract.headline_repair import (
    FINITE_TAGS,
    STRAY_DEPS,
    headline_pair,
    headline_passive,
    headline_verb,
    headline_verb_in_compounds,
    rule_lemma,
)
from flashpoint.extract.lexicon import SAID_TYPES, Lexicon
from flashpoint.extract.triggers import match_trigger
from flashpoint.nlp import TokenTable, forget_tree, token_table

# Acts done to someone: a clause cannot be their object, only a noun can.
_OBJECT_TAKING = frozenset({"ASSAULT", "COERCE"})
_PARTICIPLES = frozenset({"VBN", "VBD"})
# Where a gerund heads a clause of its own ("began bombing positions", "after shelling the town").
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "conj"})
# Caches stages keep with the doc, built from the tree as it was.
_TREE_CACHES = ("flashpoint_triggers",)
_REPAIRED_POS = frozenset({"NOUN", "PROPN", "VERB"})
_NOUN_MODIFIERS = frozenset({"amod", "compound", "nummod", "nmod"})
_NONFINITE_DEPS = frozenset({"pcomp", "xcomp", "advcl", "acl"})


def repair_parse(doc: Doc, lexicon: Lexicon) -> None:
    """Repairs the misparses below in place (the token table only picks the candidates: no
    spaCy Token is built for the other words)."""
    table = token_table(doc)
    heads = lexicon.head_words
    changed = False
    # Every repair starts from a noun, a proper noun or a verb: the other words are skipped.
    for i, pos in [(i, pos) for i, pos in enumerate(table.pos) if pos in _REPAIRED_POS]:
        verb = pos == "VERB"
        # Until a repair moves an arc the table is the tree, and most candidates fail the
        # repairs' first tests there: a Token is built only for the rest.
        candidate = pos == "NOUN" and (_gerund_like(table, i) or table.dep[i] == "compound")
        # a headline's verb inside a compound is a trigger word ("coast guard fires water ...")
        in_headline = table.dep[i] == "compound" and table.lemma[i] in heads
        if candidate and (changed or in_headline or _noun_repair_possible(table, i)):
            token = doc[i]
            verb = (
                _verbal_gerund(token)
                or headline_verb(token)
                or headline_verb_in_compounds(token, lexicon)
            )
            changed |= verb
        if pos == "NOUN" and table.dep[i] == "nsubj" and table.head[i] == i + 1:
            changed |= _modifier_read_as_subject(table, doc, i)
        if pos == "NOUN" and table.lemma[i] in _SHARED_HEADS:
            changed |= _coordinated_modifiers(doc[i])
        if pos == "PROPN" and table.dep[i] in STRAY_DEPS:
            changed |= headline_pair(doc[i])
        if verb and table.dep[i] == "advcl" and table.tag[i] == "VBG":
            token = doc[i]
            changed |= (
                _parenthetical_consequence(token, lexicon)
                or outcome_of_charged_act(token, lexicon)
                or speakers_own_act(token)
            )
        if verb and table.dep[i] == "conj" and table.tag[i] in {"VBD", "VBZ"}:
            changed |= _finite_conjunct_of_gerund(doc[i])
        if verb and table.lemma[i] in _AFFILIATING:
            changed |= _affiliation_as_main_verb(doc[i])
        trigger_word = table.lemma[i] in heads or table.lower[i] in heads
        if verb and trigger_word and table.dep[i] == "amod":
            token = doc[i]
            changed |= _coordinated_verb_as_modifier(token) or _past_tense_as_modifier(token)
        if verb and trigger_word and table.tag[i] in FINITE_TAGS:
            changed |= repair_clause(table, doc, i)
        if verb and trigger_word and table.tag[i] == "VBN" and table.dep[i] == "ROOT":
            changed |= headline_passive(doc[i])
        if (
            verb
            and table.dep[i] != "amod"
            and trigger_word
            and (changed or _object_repair_possible(table, i))
        ):
            token = doc[i]
            changed |= _reduced_relative_object(token, lexicon) or _partitive_object(token, lexicon)
        if verb and trigger_word and any(table.pos[c] == "NUM" for c in table.children[i]):
            changed |= count_listed_with_object(doc[i])
    if changed:
        forget_tree(doc, _TREE_CACHES)


def _gerund_like(table: TokenTable, i: int) -> bool:
    return table.tag[i] == "NN" and table.lower[i].endswith("ing")


def _modifier_read_as_subject(table: TokenTable, doc: Doc, i: int) -> bool:
    """'Sudanese army drone strikes on a market killed 40': a noun right before a noun is its
    modifier, not its subject (a noun has a subject only after a copula: 'Hamas is a group')."""
    head = i + 1
    if table.pos[head] != "NOUN" or any(
        table.dep[c] in {"cop", "aux", "auxpass"} for c in table.children[head]
    ):
        return False
    doc[i].dep_ = "compound"
    return True


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
    token.lemma_ = rule_lemma(token)
    return True


# Heads two coordinated modifiers can share: "government and rebel forces".
_SHARED_HEADS = frozenset(
    {"force", "troop", "fighter", "soldier", "official", "officer", "militant", "delegation",
     "negotiator", "representative", "leader"}
)  # fmt: skip


# Modifiers that name a force only with its head noun ("government forces" are the army).
_STATE_MODIFIERS = frozenset({"government", "state", "regime", "security", "federal", "border"})


def _coordinated_modifiers(head: Token) -> bool:
    """'South Sudan's army and opposition forces clashed', 'government and rebel forces': two
    modifiers joined by 'and' name two bodies, each with the head noun; the parser makes the
    first one modify the head with the second as its conjunct, so one party is read."""
    first = [
        c
        for c in head.children
        if c.dep_ in {"nmod", "compound"}
        and c.i < head.i
        and any(g.dep_ == "conj" and g.i < head.i for g in c.children)
        and any(g.dep_ == "cc" for g in c.children)
    ]
    if len(first) != 1 or head.dep_ in {"conj", "ROOT"}:
        return False  # a fragment with no verb is left as it is
    one = first[0]
    other = next(g for g in one.children if g.dep_ == "conj" and g.i < head.i)
    if one.lower_ in _STATE_MODIFIERS or one.pos_ != "NOUN" or other.pos_ != "NOUN":
        # "government and rebel forces": 'government' alone is no army; "U.S. and South
        # Korean forces" are read by their nationalities
        return False
    # [one] and [other head]: the first body stands alone, the head keeps the second
    one.head, one.dep_ = head.head, head.dep_
    for owner in [c for c in head.children if c.dep_ == "poss" and c.i < one.i]:
        owner.head = one  # "South Sudan's army and opposition forces": the army is its own
    head.head, head.dep_ = one, "conj"
    other.head, other.dep_ = head, "compound"
    return True


# Participles that say whom a group belongs to or is thought to be: "jihadists linked to
# al-Qaeda", "gunmen believed to be from al-Shabaab", "militants suspected of links to IS".
_AFFILIATING = frozenset(
    {"link", "tie", "affiliate", "ally", "connect", "loyal", "believe", "suspect", "think"}
)
_HEARSAY = frozenset({"believe", "suspect", "think"})


def _affiliation_as_main_verb(participle: Token) -> bool:
    """'Jihadists linked to al-Qaeda attacked a school': the parser makes 'linked' the main
    verb and the act an adverbial clause with no subject; the participle describes the group
    and the act is the sentence's verb."""
    subject = [c for c in participle.children if c.dep_ == "nsubj" and c.i < participle.i]
    if len(subject) != 1 or any(c.dep_ in {"dobj", "ccomp"} for c in participle.children):
        return False
    if participle.lemma_.lower() in _HEARSAY and not any(
        c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "of") for c in participle.children
    ):
        return False  # "gunmen believed to be ...", but not "officials believed it"
    acts = [
        c
        for c in participle.children
        if c.dep_ in {"advcl", "conj", "dep", "ccomp"}
        and c.i > participle.i
        and c.pos_ == "VERB"
        and c.tag_ == "VBD"
        and not any(g.dep_ in {"nsubj", "nsubjpass", "mark", "cc"} for g in c.children)
    ]
    if not acts:
        return False
    act, noun = acts[0], subject[0]
    if participle.head == participle:
        act.head, act.dep_ = act, "ROOT"
    else:
        act.head, act.dep_ = participle.head, participle.dep_
    noun.head, noun.dep_ = act, "nsubj"
    participle.head, participle.dep_ = noun, "acl"
    return True


def _finite_conjunct_of_gerund(verb: Token) -> bool:
    """'accused the United States of plotting a coup and expelled three diplomats', 'ordered
    French troops to leave and expelled the ambassador': a past tense cannot be coordinated with
    a gerund or an infinitive; it is joined to the finite verb above it."""
    gerund = verb.head
    infinitive = gerund.tag_ == "VB" and any(c.lower_ == "to" for c in gerund.children)
    if not (gerund.tag_ == "VBG" or infinitive) or gerund.dep_ not in _NONFINITE_DEPS:
        return False
    above = gerund.head
    while above.tag_ not in FINITE_TAGS and above.head != above:
        above = above.head
    if above.tag_ not in FINITE_TAGS or above.i > verb.i:
        return False
    verb.head = above
    return True


def _coordinated_verb_as_modifier(participle: Token) -> bool:
    """'boarded a Philippine boat and seized rifles', 'scrambled jets and bombed Cambodian
    positions': the parser reads the participle and its object as a noun phrase joined to the
    first verb; it is a second verb with its object."""
    noun = participle.head
    if participle.tag_ not in _PARTICIPLES or noun.i <= participle.i or noun.dep_ != "conj":
        return False
    between = participle.doc[participle.i + 1 : noun.i]  # "bombed Cambodian military positions"
    if any(t.head != noun or t.dep_ not in _NOUN_MODIFIERS for t in between):
        return False
    verb = noun.head
    if verb.pos_ != "VERB" or not any(
        c.dep_ == "cc" and verb.i < c.i < participle.i for c in verb.children
    ):
        return False
    participle.head, participle.dep_ = verb, "conj"
    participle.tag_ = "VBD"
    noun.head, noun.dep_ = participle, "dobj"
    return True


def _past_tense_as_modifier(verb: Token) -> bool:
    """'Myanmar's military seized power', 'South Korea's military fired warning shots': the
    parser reads 'military' as an adjective and the verb as one more modifier of its object.
    A past tense (not a participle) right after the doer, which is a noun or an adjective
    owned by a possessive, is the sentence's verb."""
    obj, i = verb.head, verb.i
    if verb.tag_ != "VBD" or i == 0 or obj.i <= i or obj.pos_ not in {"NOUN", "PROPN"}:
        return False
    doer = verb.doc[i - 1]
    owned = any(c.dep_ == "poss" and c.i < doer.i for c in obj.children)
    if doer.head != obj or not (doer.pos_ in {"NOUN", "PROPN"} or (doer.pos_ == "ADJ" and owned)):
        return False
    before = [c for c in obj.children if c.i < doer.i]
    if obj.head == obj:
        verb.head, verb.dep_ = verb, "ROOT"
    else:
        verb.head, verb.dep_ = obj.head, obj.dep_
    for modifier in before:  # "Myanmar's" belongs to the doer
        modifier.head = doer
    doer.head, doer.dep_ = verb, "nsubj"
    if doer.pos_ == "ADJ":
        doer.pos_, doer.tag_ = "NOUN", "NN"
    for later in [c for c in obj.children if c.dep_ in {"cc", "conj"} and c.i > obj.i]:
        later.head = verb  # "... seized power and detained Suu Kyi": the second verb joins it
    obj.head, obj.dep_ = verb, "dobj"
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


def _parenthetical_consequence(participle: Token, lexicon: Lexicon) -> bool:
    """'Russian missiles struck Kharkiv, the mayor said, killing four people': the parser hangs
    the participle on the verb of saying put after the report; what it tells is the reported
    act's outcome, not the speaker's ('..., the ministry said, adding that ...' stays)."""
    speech = participle.head
    if participle.i < speech.i or speech.lemma_.lower() not in speech_lemmas():
        return False
    reports = [c for c in speech.children if c.dep_ == "ccomp" and c.i < speech.i]
    if speech.dep_ == "parataxis" and speech.head.i < speech.i:
        reports.append(speech.head)  # "... fired on positions, the ministry said, wounding"
    if not reports or participle.lemma_.lower() in speech_lemmas():
        return False
    trigger = match_trigger(participle, lexicon)
    if trigger is not None and trigger.event_type in SAID_TYPES:
        return False  # "..., the ministry said, accusing Kyiv of ...": the speaker accuses
    participle.head = reports[-1]
    return True
