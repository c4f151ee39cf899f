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
from flashpoint.nlp import TokenTable, picked_tokens, token_table, within

# When cues clash the strongest wins (documented in modality.tsv): negated, uncertain, intended.
_STRENGTH: dict[str, int] = {"negated": 3, "uncertain": 2, "intended": 1, "asserted": 0}
_MODIFIER_DEPS = frozenset({"aux", "auxpass", "advmod", "neg", "mark", "det", "amod", "preconj"})
# How a trigger hangs under a governing cue: "denied [shelling]", "plans [to deploy]",
# "denied [that ... had killed]".  Adverbial clauses are separate assertions, not complements.
_GOVERNED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "pobj", "prep", "acl", "compound"})
_CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})
_CIRCUMSTANCES = frozenset({"at", "during", "after", "following", "amid", "before"})


# Cues are read for the trigger, its modifiers and the words above it in every sentence with an
# event: by token index in the doc's table, with no ``Token`` built per word.


def _cues(table: TokenTable, token: int, lex: Lexicon, scopes: frozenset[str]) -> list[str]:
    found = []
    rows = lex.modality.get(table.lemma[token], []) + lex.modality.get(table.lower[token], [])
    for cue in rows:
        if cue.scope in scopes and _requirements_met(table, cue, token):
            found.append(cue.modality)
    return found


def _requirements_met(table: TokenTable, cue: ModalityCue, token: int) -> bool:
    lemma, children = table.lemma, table.children[token]
    nearby = {lemma[c] for c in children} | {lemma[table.head[token]]}
    if cue.passive and not any(
        lemma[c] == "be" and table.dep[c] in {"auxpass", "aux"} for c in children
    ):
        return False
    return all(word in nearby for word in cue.requires)


def _modifier_cues(table: TokenTable, token: int, lex: Lexicon) -> list[str]:
    found = []
    for child in table.children[token]:
        if table.dep[child] == "neg":
            found.append("negated")
        elif table.dep[child] in _MODIFIER_DEPS:
            found.extend(_cues(table, child, lex, frozenset({"aux", "adv"})))
    return found


def _governors(table: TokenTable, trigger: int, stop_at: int | None) -> list[int]:
    """Words above the trigger in its clause chain, nearest first (at most four)."""
    dep, head = table.dep, table.head
    chain = []
    current = trigger
    for _ in range(4):
        if dep[current] not in _GOVERNED_DEPS or head[current] == current:
            break
        if head[current] == stop_at:
            break
        if dep[current] == "prep" and table.lower[current] in _CIRCUMSTANCES:
            break  # "agreed to a truce after talks": the talks are not what was agreed
        if _denies_the_charge(table, head[current]):
            break  # "accused Rwanda of ..., a charge Kigali denied": the charge stands as made
        current = head[current]
        chain.append(current)
        if table.lemma[current] in speech_lemmas():
            break  # "X said it had attacked": the claim's own modality stops at the speaker
    return chain


_CHARGES = frozenset({"charge", "accusation", "allegation", "claim"})


def _denies_the_charge(table: TokenTable, verb: int) -> bool:
    """'..., a charge Kigali has denied', parsed with the accusation under 'denied'."""
    lemma, children = table.lemma, table.children
    # "a charge Kigali denies" is also parsed with 'charge' as a modifier of the subject
    return lemma[verb] in {"deny", "reject", "dismiss"} and any(
        table.dep[c] == "nsubj"
        and (lemma[c] in _CHARGES or any(lemma[g] in _CHARGES for g in children[c]))
        for c in children[verb]
    )


@lru_cache(maxsize=4)
def _sentence_cues(sent: Span, lex: Lexicon) -> tuple[str, ...]:
    """Cues whose scope is the whole sentence: read once, though each trigger asks."""
    scope = frozenset({"sentence"})
    table, cues = token_table(sent.doc), lex.modality

    def pick(table: TokenTable) -> list[int]:  # the doc's cue words, found in one pass
        return [
            i
            for i, (lemma, lower) in enumerate(zip(table.lemma, table.lower, strict=True))
            if lemma in cues or lower in cues
        ]

    words = picked_tokens(sent.doc, "flashpoint_modality_words", cues, pick)
    return tuple(
        cue for i in within(words, sent.start, sent.end) for cue in _cues(table, i, lex, scope)
    )


def _denied_noun(table: TokenTable, noun: int) -> bool:
    return any(
        table.dep[c] in {"det", "neg"} and table.lower[c] in {"no", "never"}
        for c in table.children[noun]
    )


def modality_of(
    trigger: Token, sent: Span, lexicon: Lexicon | None = None, *, decision: Token | None = None
) -> Modality:
    """``decision``: a governing verb that asserts the act ("agreed to freeze") — not a cue."""
    lex = lexicon or get_lexicon()
    table, at = token_table(trigger.doc), trigger.i
    pos = table.pos
    found = _modifier_cues(table, at, lex)
    head_scope = frozenset({"head"})
    below = at
    for governor in _governors(table, at, decision.i if decision is not None else None):
        # "claimed to have shot down" hedges; "claimed the attack" owns it (scope 'clause')
        scopes = head_scope | {"clause"} if table.dep[below] in _CLAUSE_DEPS else head_scope
        below = governor
        cues = _cues(table, governor, lex, scopes)
        if cues and pos[governor] == "NOUN" and _denied_noun(table, governor):
            cues = ["negated"]  # "had no plans to speak", "no intention of attacking"
        found.extend(cues)
        if pos[governor] in {"VERB", "AUX"}:
            cues = _modifier_cues(table, governor, lex)
            if table.lemma[governor] in _READY_WHEN_DENIED:
                # "would not hesitate to occupy it": a readiness to act, not a denial
                cues = ["intended" if c == "negated" else c for c in cues]
            found.extend(cues)
    head = table.head[at]
    if table.dep[at] in {"nsubj", "nsubjpass", "dobj"} and pos[head] in {"VERB", "AUX"}:
        cues = _modifier_cues(table, head, lex)  # "an attack may have killed"
        if table.dep[at] == "nsubj" and not _occurs(trigger.doc[head]):
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


# Verbs of holding back: denied, they say the act is meant ("will not hesitate to respond").
_READY_WHEN_DENIED = frozenset({"hesitate"})

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
