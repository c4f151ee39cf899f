"""Owners of attacked places: "Iran's consulate" → IRNGOV, "army positions" → MIL, "a crowded
market" → CVL, "bases of the PKK" → the PKK, "targets linked to the Revolutionary Guards" → the
Guards, "a vehicle carrying Islamic Jihad fighters" → Islamic Jihad.

A facility noun (``resources/actors/facilities.tsv``) stands for whoever owns or fills it.  The
owner is read from a named modifier, an "of" phrase, a holder ("the Houthi-held port"), a
participle naming a link or a load, or a nationality; without any, the country stays open and
the pipeline takes it from where the event happened.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_dictionary import get_actor_dictionary
from flashpoint.extract.lexicon import get_lexicon
from flashpoint.extract.mentions import ActorMention, noun_phrase_text
from flashpoint.model import Actor

if TYPE_CHECKING:
    from flashpoint.extract.actor_index import ActorIndex

# "targets linked to Iran's Revolutionary Guards", "sites used by Hezbollah", "a vehicle
# carrying Islamic Jihad fighters": the participle names who the place belongs to or holds.
_LINK_VERBS = frozenset({"link", "belong", "tie", "affiliate", "connect"})
_USE_VERBS = frozenset({"use", "operate", "run", "hold", "occupy", "control"})
# "bases hosting U.S. troops": whoever the place holds is whom an attack on it is aimed at
_LOAD_VERBS = frozenset({"carry", "transport", "ferry", "host", "house", "station"})
_OWNER_KINDS = frozenset({"group", "igo", "country", "leader", "sector", "capital", "metonym"})


def facility_sector(token: Token) -> tuple[str, str] | None:
    """(sector, facility term) of a facility noun, by its two-word or one-word form."""
    facilities = get_actor_dictionary().facilities
    prev = token.doc[token.i - 1].lemma_.lower() if token.i > 0 else ""
    for word in _singulars(token):  # the model lemmatises "bases" as "basis"
        for term in (f"{prev} {word}", word):
            if term in facilities:
                return facilities[term], term
    return None


def facility_owner(index: ActorIndex, token: Token) -> Actor | None:
    found = facility_sector(token)
    if found is None:  # "a military academy graduation ceremony": the academy's owner
        inner = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        found = facility_sector(inner[-1]) if inner else None
        if found is None or " " not in found[1]:
            return None  # "drone shipments" are no drone
        token = inner[-1]
    sector, lemma = found
    lemma = lemma.split()[-1]
    if sector == _THE_STATE:  # "struck the Ukrainian capital": the state, as "struck Kyiv"
        country = index.nationality_of(token)
        return (
            Actor(token.text, noun_phrase_text(token), country, country, rule=f"facility:{lemma}")
            if country
            else None
        )
    for child in token.children:  # "army positions", "Hezbollah positions"
        mention = index.mention_at(child) if child.dep_ in {"compound", "poss", "nmod"} else None
        if mention is not None and mention.kind not in {"demonym"}:
            return replace(mention.actor, text=token.text, rule=f"facility:{lemma}+owner")
    if sector == "CVL":  # "a police training school" (a military hospital stays medical)
        sector = _state_force_modifier(token) or sector
    sector = _armed_group_modifier(token) or sector  # "militant bases", "rebel positions"
    of_objects = [  # "bases of the Kurdistan Workers' Party", "the port of Hodeidah"
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    for pobj in of_objects:
        named = index.mention_at(pobj)
        if named is not None and named.kind in {"group", "igo", "country"}:
            return replace(named.actor, text=token.text, rule=f"facility:{lemma}+of")
    for left in token.lefts:  # "the Houthi-held port", "RSF-controlled areas"
        for t in left.subtree:
            mention = index.mention_at(t)
            if mention is not None and mention.kind in {"group"}:
                return replace(mention.actor, text=token.text, rule=f"facility:{lemma}+holder")
    # "the port of Hodeidah, which is controlled by the Houthis": the clause may hang on the name
    owners = (_linked_owner(index, t) for t in [token, *of_objects])
    linked = next((owner for owner in owners if owner is not None), None)
    if linked is not None:
        return replace(linked, text=token.text, rule=f"facility:{lemma}+linked")
    country = _hyphen_owner_country(index, token) or index.nationality_of(token)
    code = f"{country}{sector}" if country else sector
    return Actor(
        token.text, noun_phrase_text(token), code, country, sector, rule=f"facility:{lemma}"
    )


_THE_STATE = "-"  # the sector of a place that stands for its whole country
_RUN_BY_WORDS = frozenset({"run", "own", "operate", "manage", "fund", "back", "sponsor"})


_NON_STATE_ARMED = frozenset({"REB", "UAF", "CRM"})


def _armed_group_modifier(token: Token) -> str | None:
    """The sector of an armed group's word on the place: 'militant bases' are the militants'."""
    if token.lemma_.lower() in get_lexicon().object_classes.get("weapon", frozenset()):
        return None  # "a fighter jet": a weapon's modifier says what kind it is, not whose
    sectors = get_actor_dictionary().sectors
    for child in token.children:
        term = sectors.get(child.lemma_.lower()) if child.dep_ in {"amod", "compound"} else None
        if term is not None and term.sector in _NON_STATE_ARMED:
            return term.sector
    return None


def _state_force_modifier(token: Token) -> str | None:
    """'a police training school', 'an army recruitment centre': a force word modifying the
    modifier makes the place that force's (the parser leaves it no mention of its own)."""
    sectors = get_actor_dictionary().sectors
    # "an army-run school" teaches children: who runs a place does not make it a force's
    inner = [
        c
        for c in token.children
        if c.dep_ in {"compound", "amod"} and c.lemma_.lower() not in _RUN_BY_WORDS
    ]
    for word in inner + [g for c in inner for g in c.children if g.dep_ in {"compound", "amod"}]:
        term = sectors.get(word.lemma_.lower())
        if term is not None and term.sector in {"COP", "MIL"}:
            return term.sector
    return None


def _hyphen_owner_country(index: ActorIndex, token: Token) -> str | None:
    """'an Israel-linked container ship', 'a Greece-owned tanker': the state named before a
    participle of linking or owning is where the place belongs."""
    for amod in token.children:
        if amod.dep_ != "amod" or amod.lemma_.lower() not in _LINK_VERBS | _RUN_BY_WORDS:
            continue
        for owner in amod.children:
            if owner.dep_ not in {"npadvmod", "compound", "nmod"}:
                continue
            mention = index.mention_at(owner)
            if mention is not None and mention.kind in {"country", "capital"}:
                return mention.actor.country
            if owner.i in index.territory:  # a state the parser left as a place word
                return index.territory[owner.i]
            if owner.i in index.nationality:  # "a British-owned cargo ship"
                return index.nationality[owner.i]
    return None


def _linked_owner(index: ActorIndex, token: Token) -> Actor | None:
    """The actor a participle or relative clause on the place names: "linked to X", "used by
    X", "carrying X", "which is controlled by X", "which X controls", "which hosts X"."""
    for acl in token.children:
        if acl.dep_ not in {"acl", "relcl"}:
            continue
        verb = acl.lemma_.lower()
        subjects = [c for c in acl.children if c.dep_ == "nsubj"]
        relative_subject = any(c.tag_ in {"WDT", "WP"} for c in subjects)  # "which", "that"
        nouns: list[Token] = []
        if verb in _LINK_VERBS | _USE_VERBS:
            for prep in acl.children:
                if prep.dep_ in {"prep", "agent"} and prep.lower_ in {"to", "by", "with"}:
                    nouns.extend(c for c in prep.children if c.dep_ == "pobj")
            if acl.dep_ == "relcl" and not relative_subject:
                nouns.extend(subjects)  # "the port, which the Houthis control"
        elif verb in _LOAD_VERBS and (acl.dep_ == "acl" or relative_subject):
            nouns.extend(c for c in acl.children if c.dep_ == "dobj")
        for noun in nouns:
            found = index.actors_for(noun, depth=2)
            if found and (found[0].org or found[0].country):
                return found[0]
    return None


def story_owned(doc: Doc, mention: ActorMention) -> bool:
    """A bare state-sector word naming the owner of a place ("army positions", "a police
    station"): with no nationality, the state is the story's, not the last one named (that
    is usually the attacker: "Turkish drones pounded army positions")."""
    if mention.kind != "sector" or mention.end - mention.start != 1:
        return False
    token = doc[mention.start]
    return token.dep_ in {"compound", "nmod"} and facility_sector(token.head) is not None


def _singulars(token: Token) -> list[str]:
    """Candidate singular forms of a noun: its lemma, then its own plural stripped."""
    lower = token.lower_
    forms = [token.lemma_.lower(), lower]
    if lower.endswith("es"):
        forms.append(lower[:-1])
    if lower.endswith("s"):
        forms.append(lower[:-1])
    return forms


def people_before_places(targets: list[Actor]) -> list[Actor]:
    """'opened fire on worshippers at a mosque': the people fired on are the target, the
    building they were in is where (its owner no second target)."""
    people = [a for a in targets if not a.rule.startswith("facility")]
    return people or targets
