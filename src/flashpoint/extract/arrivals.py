"""Officials who arrive: 'U.S. Secretary of State Antony Blinken arrived in Kyiv on Wednesday'.
A named leader or minister reaching a foreign capital or country pays a visit there (PLOVER
CONSULT, mode visit, CAMEO 042); the host is read from the place, as for 'visited Kyiv'.  A
state's troops or police arriving in another country are deployed there (MOBILIZE): 'Kenyan police
officers arrived in Port-au-Prince'.  Convoys and people who arrive are left to ``deliveries``."""

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


# Forces arriving abroad are deployed (CAMEO 154 troops, 153 police), one-sided like "deployed".
_DEPLOYED = {
    sector: Trigger("arrive", "VERB", frozenset(), "MOBILIZE", code, mode, frozenset(), "self")
    for sector, code, mode in (("MIL", "154", "troops"), ("COP", "153", "police"))
}


def official_arrival(token: Token, actors: ActorIndex) -> Trigger | None:
    """The visit row for a verb of arriving whose subject is a named official, the deployment
    row for a state's forces arriving in another country, else None."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _ARRIVING:
        return None
    places = [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in {"in", "at"}
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if not places:
        return None
    abroad = {actors.territory.get(p.i) for p in places} - {None}
    for subject in subjects(token):
        mention = actors.mention_at(subject)
        if mention is not None and mention.kind in _OFFICIAL_KINDS and not mention.actor.org:
            return VISIT
        # "the first contingent of 400 Kenyan police officers": through what it is made of
        for actor in actors.actors_for(subject):
            if actor.sector in _DEPLOYED and not actor.org and abroad - {actor.country}:
                return _DEPLOYED[actor.sector]
    return None
