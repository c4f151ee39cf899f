"""Relief that arrives: 'A UN convoy of 15 trucks carrying food crossed into Darfur', 'the
first aid trucks entered Gaza'.  A carrier of relief goods that enters, crosses into or reaches
a territory delivers aid there (PLOVER AID, CAMEO 073), whoever's convoy it is; armed forces
that cross the same border are an incursion, which the lexicon reads."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.lexicon import Lexicon, Trigger
from flashpoint.extract.parse_paths import subjects

ARRIVING = frozenset({"enter", "cross", "arrive", "reach", "roll", "land"})
_CARRYING = frozenset({"carry", "bring", "transport", "deliver", "load"})
_RELIEF_WORDS = frozenset({"aid", "relief", "humanitarian"})
DELIVERY = Trigger(
    "deliver",
    "VERB",
    frozenset(),
    "AID",
    "073",
    "humanitarian",
    frozenset({"to", "into"}),
    "agent_patient",
)


def relief_delivery(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The AID row for a verb of arriving whose subject carries relief, else None."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ARRIVING:
        return None
    carriers = lexicon.object_classes.get("carrier", frozenset())
    relief = lexicon.object_classes.get("relief", frozenset())
    for subject in subjects(token):
        if subject.lemma_.lower() not in carriers:
            continue
        if _carries(subject, relief):
            return DELIVERY
    return None


def _carries(carrier: Token, relief: frozenset[str]) -> bool:
    """'aid trucks', 'a humanitarian convoy', 'trucks carrying food and medicine', 'a convoy
    of 15 trucks carrying food'."""
    nouns = [carrier, *(p for c in carrier.children if c.lower_ == "of" for p in c.children)]
    for noun in nouns:
        for child in noun.children:
            word = child.lemma_.lower()
            if child.dep_ in {"compound", "amod"} and word in _RELIEF_WORDS:
                return True
            if child.dep_ == "acl" and word in _CARRYING:
                goods = [g for g in child.subtree if g.pos_ == "NOUN" and g != noun]
                if any(g.lemma_.lower() in relief for g in goods):
                    return True
    return False
