"""Modality: is the event asserted, negated, uncertain or only intended?

Cues come from ``resources/events/modality.tsv``; this module decides their scope from the parse:
an auxiliary or adverb on the trigger, a governing verb ("denied shelling", "plans to deploy"),
or a sentence-wide hedge ("reportedly").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from flashpoint.extract.lexicon import Lexicon, get_lexicon
from flashpoint.model import Modality

# When several cues apply, the strongest wins: a negated plan is negated, a hedged plan intended.
_STRENGTH: dict[str, int] = {"negated": 3, "intended": 2, "uncertain": 1, "asserted": 0}
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
_HEAD_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl", "dobj", "pobj"})


def _cue_modalities(token: Token, lex: Lexicon, scopes: set[str]) -> list[str]:
    found = []
    for key in {token.lemma_.lower(), token.lower_}:
        for cue in lex.modality.get(key, []):
            if cue.scope in scopes:
                found.append(cue.modality)
    return found


def _governors(trigger: Token) -> list[Token]:
    """Verbs (and prepositions) above the trigger in its own clause chain."""
    chain = []
    current = trigger
    for _ in range(4):
        if current.dep_ not in _HEAD_DEPS and current.dep_ != "prep" or current.head is current:
            break
        current = current.head
        chain.append(current)
    return chain


def modality_of(trigger: Token, sent: Span, lexicon: Lexicon | None = None) -> Modality:
    lex = lexicon or get_lexicon()
    found: list[str] = []
    for child in trigger.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in {"no"}):
            found.append("negated")
        elif child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
            found.append("intended")
        elif child.dep_ in {"aux", "advmod", "auxpass"}:
            found.extend(_cue_modalities(child, lex, {"aux", "adv", "sentence"}))
    for governor in _governors(trigger):
        found.extend(_cue_modalities(governor, lex, {"head"}))
        for child in governor.children:
            if child.dep_ == "neg":
                found.append("negated")
            elif child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
                found.append("intended")
            elif child.dep_ in {"aux", "advmod"}:
                found.extend(_cue_modalities(child, lex, {"aux", "adv"}))
    for token in sent:
        if token.dep_ in {"advmod", "amod"} or token.pos_ == "ADV":
            found.extend(_cue_modalities(token, lex, {"sentence"}))
    if not found:
        return "asserted"
    best = max(found, key=lambda m: _STRENGTH.get(m, 0))
    return best if best in _STRENGTH else "asserted"  # type: ignore[return-value]
