"""Modality: is the event asserted, negated, uncertain or only intended?

Cues come from ``resources/events/modality.tsv``; this module decides their scope from the parse:
``aux``/``adv`` cues attached to the trigger (or to the verb governing a nominal trigger), ``head``
cues governing the trigger ("denied shelling", "plans to deploy", "is believed to have"), and
``sentence`` cues anywhere in the sentence ("unconfirmed reports").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from flashpoint.extract.attribution import speech_lemmas
from flashpoint.extract.lexicon import Lexicon, ModalityCue, get_lexicon
from flashpoint.model import Modality
from flashpoint.nlp import token_table

# When cues clash the strongest wins (documented in modality.tsv): negated, uncertain, intended.
_STRENGTH: dict[str, int] = {"negated": 3, "uncertain": 2, "intended": 1, "asserted": 0}
_MODIFIER_DEPS = frozenset({"aux", "auxpass", "advmod", "neg", "mark", "det", "amod", "preconj"})
# How a trigger hangs under a governing cue: "denied [shelling]", "plans [to deploy]",
# "denied [that ... had killed]".  Adverbial clauses are separate assertions, not complements.
_GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "acl"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
_CIRCUMSTANCES = frozenset({"at", "during", "after", "following", "amid", "before"})


def _cues(token: Token, lex: Lexicon, scopes: frozenset[str]) -> list[str]:
    found = []
    for cue in lex.modality.get(token.lemma_.lower(), []) + lex.modality.get(token.lower_, []):
        if cue.scope in scopes and _requirements_met(cue, token):
            found.append(cue.modality)
    return found


def _requirements_met(cue: ModalityCue, token: Token) -> bool:
    nearby = {c.lemma_.lower() for c in token.children} | {token.head.lemma_.lower()}
    if cue.passive and not any(
        c.lemma_.lower() == "be" and c.dep_ in {"auxpass", "aux"} for c in token.children
    ):
        return False
    return all(word in nearby for word in cue.requires)


def _modifier_cues(token: Token, lex: Lexicon) -> list[str]:
    found = []
    for child in token.children:
        if child.dep_ == "neg":
            found.append("negated")
        elif child.dep_ in _MODIFIER_DEPS:
            found.extend(_cues(child, lex, frozenset({"aux", "adv"})))
    return found


def _governors(trigger: Token, stop_at: Token | None) -> list[Token]:
    """Words above the trigger in its clause chain, nearest first (at most four)."""
    chain = []
    current = trigger
    for _ in range(4):
        if current.dep_ not in _GOVERNED_DEPS or current.head == current or current.head == stop_at:
            break
        if current.dep_ == "prep" and current.lower_ in _CIRCUMSTANCES:
            break  # "agreed to a truce after talks": the talks are not what was agreed
        if _denies_the_charge(current.head):
            break  # "accused Rwanda of ..., a charge Kigali denied": the charge stands as made
        current = current.head
        chain.append(current)
        if current.lemma_.lower() in speech_lemmas():
            break  # "X said it had attacked": the claim's own modality stops at the speaker
    return chain


_CHARGES = frozenset({"charge", "accusation", "allegation", "claim"})


def _denies_the_charge(verb: Token) -> bool:
    """'..., a charge Kigali has denied', parsed with the accusation under 'denied'."""
    return verb.lemma_.lower() in {"deny", "reject", "dismiss"} and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in _CHARGES for c in verb.children
    )


@lru_cache(maxsize=4)
def _sentence_cues(sent: Span, lex: Lexicon) -> tuple[str, ...]:
    """Cues whose scope is the whole sentence: read once, though each trigger asks."""
    scope = frozenset({"sentence"})
    table, doc, cues = token_table(sent.doc), sent.doc, lex.modality
    return tuple(
        cue
        for i in range(sent.start, sent.end)
        if table.lemma[i] in cues or table.lower[i] in cues  # no Token for the rest
        for cue in _cues(doc[i], lex, scope)
    )


def _denied_noun(noun: Token) -> bool:
    return any(c.dep_ in {"det", "neg"} and c.lower_ in {"no", "never"} for c in noun.children)


def modality_of(
    trigger: Token, sent: Span, lexicon: Lexicon | None = None, *, decision: Token | None = None
) -> Modality:
    """``decision``: a governing verb that asserts the act ("agreed to freeze") — not a cue."""
    lex = lexicon or get_lexicon()
    found = _modifier_cues(trigger, lex)
    head_scope = frozenset({"head"})
    below = trigger
    for governor in _governors(trigger, decision):
        # "claimed to have shot down" hedges; "claimed the attack" owns it (scope 'clause')
        scopes = head_scope | {"clause"} if below.dep_ in _CLAUSE_DEPS else head_scope
        below = governor
        cues = _cues(governor, lex, scopes)
        if cues and governor.pos_ == "NOUN" and _denied_noun(governor):
            cues = ["negated"]  # "had no plans to speak", "no intention of attacking"
        found.extend(cues)
        if governor.pos_ in {"VERB", "AUX"}:
            found.extend(_modifier_cues(governor, lex))
    if trigger.dep_ in {"nsubj", "nsubjpass", "dobj"} and trigger.head.pos_ in {"VERB", "AUX"}:
        cues = _modifier_cues(trigger.head, lex)  # "an attack may have killed"
        if trigger.dep_ == "nsubj" and not _occurs(trigger.head):
            # "the attack would not go unanswered": what is denied or foreseen is said of
            # the act, which still happened ("may have killed" still hedges it)
            cues = [c for c in cues if c not in {"negated", "intended"}]
        found.extend(cues)
    found.extend(_sentence_cues(sent, lex))
    if not found:
        return "asserted"
    best = max(found, key=lambda m: _STRENGTH.get(m, 0))
    if best == "negated":
        return "negated"
    if best == "uncertain":
        return "uncertain"
    return "intended" if best == "intended" else "asserted"


_OCCURRING = frozenset(
    {"happen", "occur", "materialise", "materialize", "begin", "start", "resume", "proceed"}
)


def _occurs(verb: Token) -> bool:
    """A verb that says whether its subject takes place: 'the talks did not take place', 'the
    offensive did not begin', 'the vote will not go ahead'."""
    lemma = verb.lemma_.lower()
    if lemma in _OCCURRING:
        return True
    children = {c.lower_ for c in verb.children}
    return (lemma == "take" and "place" in children) or (lemma == "go" and "ahead" in children)
