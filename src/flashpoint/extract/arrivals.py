"""Officials who arrive: 'U.S. Secretary of State Antony Blinken arrived in Kyiv on Wednesday'.
A named leader or minister reaching a foreign capital or country pays a visit there (PLOVER
CONSULT, mode visit, CAMEO 042); the host is read from the place, as for 'visited Kyiv'.  Forces,
convoys and people who arrive are left to the lexicon and to ``deliveries``."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.actors import ActorIndex
from flashpoint.extract.lexicon import Trigger
from flashpoint.extract.parse_paths import subjects

_ARRIVING = frozenset({"arrive", "land"})
_OFFICIAL_KINDS = frozenset({"leader", "title"})
VISIT = Trigger(
    "arrive", "VERB", frozenset(), "CONSULT", "042", "visit", frozenset({"in", "at"}), "symmetric"
)


def official_arrival(token: Token, actors: ActorIndex) -> Trigger | None:
    """The visit row for a verb of arriving whose subject is a named official, else None."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _ARRIVING:
        return None
    if not any(c.dep_ == "prep" and c.lower_ in {"in", "at"} for c in token.children):
        return None
    for subject in subjects(token):
        mention = actors.mention_at(subject)
        if mention is not None and mention.kind in _OFFICIAL_KINDS and not mention.actor.org:
            return VISIT
    return None
