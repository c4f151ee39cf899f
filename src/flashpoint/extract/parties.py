"""Who an actor phrase names, for role reading: actors of tokens and noun phrases, owners of
instruments and acts, places read as states (recipients, hosts, targets aimed at), a document's
author, and the parties a condition names.  ``RoleReader`` (roles.py) builds on these."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Token

from flashpoint.extract.actor_dictionary import fold, get_actor_dictionary
from flashpoint.extract.actor_index import ActorIndex
from flashpoint.extract.implied_parties import as_forces
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.parse_paths import (
    OBJECT_DEPS,
    content_noun,
    document_nouns,
    document_words,
    pobjs,
    subjects,
    to_infinitive,
)
from flashpoint.extract.triggers import match_trigger
from flashpoint.model import Actor

_RECIPIENT_PREPS = frozenset({"to", "for", "into", "over"})
_AROUND_PREPS = frozenset({"around", "near", "off", "toward", "towards"})
FIRING = frozenset({"fire", "launch"})
_HOSTILE_PURPOSES = frozenset({"deter", "counter", "confront", "intimidate", "pressure", "fight"})
_ATTRIBUTING_VERBS = frozenset({"attribute", "blame", "claim", "carry", "conduct", "launch"})
_LAYING_BLAME = frozenset({"attribute", "blame"})
# Force is used by armed forces: "Turkish airstrikes", "a Russian deployment" are theirs;
# "Japanese talks" are not an army's.
_FORCEFUL_TYPES = frozenset({"ASSAULT", "MOBILIZE", "COERCE", "RETREAT"})
_OWNER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_OWN_PRONOUNS = frozenset({"its", "their", "his", "her"})


class PartyReader:
    """Actors named by tokens and phrases of one article."""

    def __init__(self, actors: ActorIndex, lexicon: Lexicon):
        self.actors = actors
        self.lexicon = lexicon
        self.weapons = lexicon.object_classes.get("weapon", frozenset())

    def of(self, tokens: Iterable[Token]) -> list[Actor]:
        found: list[Actor] = []
        for tok in map(content_noun, tokens):  # "a crowd of protesters" are protesters
            actors = self.actors.actors_for(tok)
            if actors and self.actors.mention_at(tok) is None and _has_conjunct(tok):
                # "attacked a wedding and a hospital": the conjunct's actor, and the first
                # noun's own when it is a civilian site (not goods sent: "a battery and troops")
                facility = self.actors.facility_owner(tok)
                if facility is not None and facility.sector in {"CVL", "MED"}:
                    actors = [facility, *actors]
            if not actors and match_trigger(tok, self.lexicon) is not None:
                actors = self.noun_agents(tok)  # "a Syrian airstrike killed ..."
            if not actors:
                facility = self.actors.facility_owner(tok)  # "struck army positions"
                actors = self._per_nationality(facility, tok) if facility else []
                if not actors or (facility and facility.code == "CVL"):
                    # "a police armoured vehicle": a force's means, not a civilian's
                    actors = self.instrument_owner(tok) or actors
            found.extend(actors)
        return found

    def _per_nationality(self, actor: Actor, token: Token) -> list[Actor]:
        """'Indian and French warships' are two navies, one per coordinated demonym."""
        countries = self.actors.nationalities_of(token)
        if actor.country is None or len(countries) < 2 or actor.country != countries[0]:
            return [actor]
        sector = actor.sector or ""
        return [actor] + [replace(actor, country=c, code=f"{c}{sector}") for c in countries[1:]]

    def instrument_owner(self, token: Token) -> list[Actor]:
        """Nationality adjectives on an instrument or action noun: 'Turkish drones' → TURMIL
        (but 'Russia's Far East' is a place, not a force)."""
        lemma = token.lemma_.lower()
        weapon = lemma in self.weapons
        row = match_trigger(token, self.lexicon)
        kinds = {cue.event_type for cue in self.lexicon.modes.get(lemma, [])}
        if row is not None:
            kinds.add(row.event_type)
        forceful = bool(kinds & _FORCEFUL_TYPES)
        if not (weapon or forceful):
            return []  # "American military planes" are US forces; "American officials" are not
        if not any(c.dep_ in _OWNER_DEPS for c in token.children):
            return []  # "talks in Tokyo", "strikes in Gaza": where, not whose
        countries = self.actors.nationalities_of(token, modifiers_only=True)
        if not countries:
            return self._force_modifier(token)
        return [state_forces(token, country, "nationality+instrument") for country in countries]

    def _force_modifier(self, token: Token) -> list[Actor]:
        """'a police armoured vehicle', 'a military drone strike': an instrument named with a
        force word is that force's, the story's country's when no other is named."""
        for modifier in token.doc[token.left_edge.i : token.i]:
            forces = [a for a in self.actors.actors_for(modifier) if a.sector in {"MIL", "COP"}]
            if forces:
                return forces
            # only for the doer: "held military drills" names no side, "a military drone
            # strike killed ..." names the army that is there
            country = self.actors.story_country if token.dep_ == "nsubj" else None
            if modifier.lower_ == "military" and modifier.dep_ == "amod" and country:
                return [state_forces(token, country, "force-word+context")]
        return []

    def possessor(self, token: Token) -> list[Actor]:
        """Whose act or thing a non-actor noun is: 'Israel's move', 'the Turkish incursion',
        'a ruling by the International Court of Justice'."""
        for child in token.children:
            if child.dep_ == "poss":
                actors = self.actors.actors_for(child)
                if actors:
                    return actors
        if token.pos_ == "NOUN":
            authors = self.of(pobjs(token, ["by"]))
            if authors:
                return authors
        country = self.actors.nationality_of(token)
        if country:
            return [Actor(token.text, country, country, country, None, rule="possessor")]
        return []

    def _own(self, noun: Token, sources: list[Actor]) -> bool:
        """Is the object the sources' own ('their citizens'), by a pronoun naming one of them?"""
        if noun.lemma_.lower() == "counterpart" or any(
            c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"} for c in noun.children
        ):
            return False  # "his Turkish counterpart" belongs to another side
        pronouns = [c for c in noun.children if c.dep_ == "poss" and c.lower_ in _OWN_PRONOUNS]
        held = {(a.code, a.org) for p in pronouns for a in self.actors.actors_for(p)}
        return bool(held & {(s.code, s.org) for s in sources})

    def purpose_targets(self, token: Token, *, hostile_only: bool) -> list[Actor]:
        """Whom the act's purpose ('to disperse them', 'to deter Hezbollah') is done to."""
        purposes = [c for c in token.children if c.dep_ in {"advcl", "xcomp"}]
        if hostile_only:
            purposes = [p for p in purposes if p.lemma_.lower() in _HOSTILE_PURPOSES]
        aims = [
            content_noun(o)
            for p in purposes
            if to_infinitive(p)
            for o in p.children
            if o.dep_ in OBJECT_DEPS
        ]
        return self.of(aims)

    def launchers(self, objects: list[Token]) -> list[Actor]:
        """'downed 31 drones launched by Russia': a weapon struck is its launcher's forces'."""
        return [
            as_forces(a)
            for o in objects
            if o.lemma_.lower() in self.weapons
            for acl in o.children
            if acl.dep_ == "acl" and acl.lemma_.lower() in FIRING
            for a in self.of(pobjs(acl, ["by"]))
        ]

    def _conditioned(self, token: Token, sources: list[Actor]) -> list[Actor]:
        """Subjects of an 'if' or 'unless' clause under the trigger or its complement."""
        heads = [token, *(c for c in token.children if c.dep_ in {"ccomp", "xcomp"})]
        found = [
            a
            for h in heads
            for clause in h.children
            if clause.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in clause.children)
            for a in self.of(subjects(clause))
        ]
        return [a for a in found if not same_side(a, sources)]

    def noun_agents(self, noun: Token, aimed: frozenset[str] = frozenset()) -> list[Actor]:
        """Who does the act a noun names; ``aimed``: prepositions that name its target
        ('the withdrawal from ECOWAS' is no act of ECOWAS)."""
        by = self.of(pobjs(noun, [p for p in ("by", "from") if p not in aimed]))
        if by:
            return by
        for acl in noun.children:  # "an airstrike widely attributed to Israel"
            if acl.dep_ == "acl" and acl.lemma_.lower() in _ATTRIBUTING_VERBS:
                culprits = _culprits_named(acl)
                # a state named after "to" reads as a place until the verb says otherwise
                found = self.of(culprits) or self._territories(culprits, None, "attributed-to")
                if found:
                    return found
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "nmod"}:
                actors = self.actors.actors_for(child)
                if actors:
                    return actors
        return self.instrument_owner(noun) or self._state_act(noun)

    def _state_act(self, noun: Token) -> list[Actor]:
        """'new American aid', 'Washington's recognition': a state's non-violent act is its
        government's."""
        if match_trigger(noun, self.lexicon) is None:
            return []
        owners = [c for c in noun.children if c.dep_ in _OWNER_DEPS]
        if not owners or any(c.dep_ == "compound" and _is_capital(c) for c in owners):
            return []  # "the Vilnius summit": where, not whose
        return [
            Actor(noun.text, country, f"{country}GOV", country, "GOV", rule="nationality+act")
            for country in self.actors.nationalities_of(noun, modifiers_only=True)
        ]

    def document_author(self, token: Token) -> list[Actor]:
        """'adopted a resolution calling for a truce', 'delivered replies that rejected its
        demand': the act of a document is its author's."""
        document = token.head if token.dep_ in {"acl", "relcl"} else None
        if document is None or document.lemma_.lower() not in document_nouns():
            return []
        owner = [c for c in document.children if c.dep_ in {"poss", "compound"}]
        found = self.of(owner) or self.of(pobjs(document, ["by", "from"]))
        authored = document.head.lemma_.lower() in document_words("authoring")
        if not found and document.dep_ == "dobj" and authored:  # "adopted a resolution ..."
            found = self.of(subjects(document.head))
        return found

    def countries_at(self, places: list[Token]) -> list[Actor]:
        named = [p for p in places if p.ent_type_ in {"GPE", ""}]
        return self._territories(named, None, "aimed-at")

    def _government_of(self, places: list[Token]) -> list[Actor]:
        """Countries and capitals named as places, read as their governments."""
        return self._territories(places, "GOV", "speaker-seat")

    def _territories(self, places: Iterable[Token], sector: str | None, rule: str) -> list[Actor]:
        """The states that places named as territory belong to, as actors of ``sector``."""
        found = []
        for place in places:
            country = self.actors.territory.get(place.i)
            if country:
                found.append(_state_at(place, country, sector, rule))
        return found

    def envoy_hosts(self, heads: list[Token]) -> list[Actor]:
        """'its ambassadors to Ireland and Norway': the governments the envoys are posted to
        (the 'to' phrase hangs on the envoy or on the verb)."""
        hosts: list[Actor] = []
        for head in heads:
            for place in pobjs(head, ["to", "in"] if head.pos_ == "NOUN" else ["to"]):
                for tok in [place, *(c for c in place.children if c.dep_ == "conj")]:
                    named = self.actors.mention_at(tok)
                    country = self.actors.territory.get(tok.i) or (
                        named.actor.country if named and named.kind == "country" else None
                    )
                    if country:
                        hosts.append(_state_at(tok, country, "GOV", "envoy-host"))
        return hosts

    def visited(self, token: Token, preps: Sequence[str] = ("to",)) -> list[Actor]:
        """'visited Kyiv', 'a visit to Beijing', 'arrived in Moscow': the host is the government
        of that capital."""
        places = [c for c in token.children if c.dep_ == "dobj"] + pobjs(token, preps)
        for place in places:
            country = self.actors.nationality.get(place.i) or self.actors.territory.get(place.i)
            if country:
                return [_state_at(place, country, "GOV", "visit-host")]
        return []

    def shown_force(self, token: Token) -> list[Actor]:
        """'drills around Taiwan', 'fired missiles into waters around Taiwan': a show of force
        near another state is aimed at that state."""
        places = pobjs(token, _AROUND_PREPS)
        places += [p for held in pobjs(token, _RECIPIENT_PREPS) for p in pobjs(held, _AROUND_PREPS)]
        return self.countries_at(places)[:1]

    def misparsed_dative(self, verb: Token) -> list[Actor]:
        """'will send Ukraine HIMARS systems', parsed with 'Ukraine' as a modifier of the goods:
        a country named right after a verb of giving, inside its object, receives them."""
        if verb.i + 1 >= len(verb.doc):
            return []
        first = verb.doc[verb.i + 1]
        if first.pos_ != "PROPN" or first.dep_ not in {"nmod", "compound"}:
            return []
        if not any(a.dep_ == "dobj" and a.head == verb for a in first.ancestors):
            return []
        country = self.actors.nationality.get(first.i)
        return [_state_at(first, country, None, "recipient")] if country else []

    def recipient(self, tokens: list[Token]) -> list[Actor]:
        """'sent tanks to Ukraine', 'dropped food over Gaza', 'aid for Sudan': the country the
        aid goes to is its recipient even though it is named as a place."""
        for tok in tokens:
            places = pobjs(tok, _RECIPIENT_PREPS) + [c for c in tok.children if c.dep_ == "dobj"]
            found = self._territories(places, None, "recipient")  # "trucks entered Gaza"
            if not found and places:
                # "... to the quake zone in Turkey": where the goods went, however attached
                inner = [i for place in [tok, *places] for i in pobjs(place, ["in"])]
                found = self._territories(inner, None, "recipient")
            if found:
                return found[:1]
        # "an aid package that includes $61 billion in assistance for Ukraine"
        clauses = [c for tok in tokens for c in tok.children if c.dep_ in {"relcl", "acl"}]
        inside = [t for c in clauses for t in c.subtree if _recipient_named(t)]
        return (self.of(inside) or self._territories(inside, None, "recipient"))[:1]


def _recipient_named(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in _RECIPIENT_PREPS


def _state_at(place: Token, country: str, sector: str | None, rule: str) -> Actor:
    """The state (or its ``sector``) that a place named in the text belongs to."""
    return Actor(place.text, country, f"{country}{sector or ''}", country, sector, rule=rule)


# One person named only as such: who attacks is an unidentified assailant, not "civilians".
_LONE_PEOPLE = frozenset({"man", "woman", "teenager", "youth", "boy", "girl", "person"})


def lone_attacker(actor: Actor) -> Actor:
    """'A man drove a truck into crowds', 'a teenager opened fire': a lone attacker named
    only as a person is an unidentified armed actor (CAMEO UAF), not the civilians he kills."""
    if actor.sector != "CVL" or actor.org or actor.text.lower() not in _LONE_PEOPLE:
        return actor
    code = f"{actor.country}UAF" if actor.country else "UAF"
    return replace(actor, code=code, sector="UAF", rule=actor.rule + "+lone-attacker")


def unique_parties(actors: list[Actor]) -> list[Actor]:
    """The actors in order, each party once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for a in actors:
        if party_key(a) not in seen:
            seen.add(party_key(a))
            out.append(a)
    return out


# Rebels and the opposition are a country's own people but not its state's side.
CHALLENGERS = frozenset({"REB", "OPP"})


def state_forces(token: Token, country: str, rule: str) -> Actor:
    """A state's armed forces, named by ``token``."""
    return Actor(token.text, f"{country} forces", f"{country}MIL", country, "MIL", rule=rule)


def same_side(actor: Actor, sources: list[Actor]) -> bool:
    """'Turkey deployed (its) troops': the deployed forces are the source's own, not a target
    ('the army and Tigrayan rebels signed a truce': two sides of one country)."""
    if actor.sector == "MIL" and actor.country is None:
        return True
    challenger = actor.sector in CHALLENGERS
    return any(
        actor.country and actor.country == s.country and challenger == (s.sector in CHALLENGERS)
        for s in sources
    )


def _is_capital(token: Token) -> bool:
    entries = get_actor_dictionary().by_key.get(fold(token.text), [])
    return any(e.kind == "capital" for e in entries)


def is_place_facility(actor: Actor) -> bool:
    return actor.sector == "CVL" and actor.rule.startswith("facility:")


def party_key(actor: Actor) -> tuple[str, str]:
    """Two leaders of one state are one party; two named groups are two."""
    return (actor.code, actor.org or "")


def _culprits_named(acl: Token) -> list[Token]:
    """Who a participle puts an act on: the agent of 'carried out by X', 'claimed by X'; the
    culprit of 'attributed to X', 'blamed on X' — unless someone is named laying that blame
    ('blamed by Damascus on Israel'): then the blame is that accuser's claim (an ACCUSE of its
    own), not who did it."""
    if acl.lemma_.lower() not in _LAYING_BLAME:
        return pobjs(acl, ["by"])
    if pobjs(acl, ["by"]):
        return []
    return pobjs(acl, ["to", "on"])


def other_parties(targets: list[Actor], sources: list[Actor]) -> list[Actor]:
    """Parties other than the doers themselves and places they leave."""
    return [t for t in targets if not same_side(t, sources) and not is_place_facility(t)]


def is_own_state(actor: Actor, sources: list[Actor]) -> bool:
    """The state of a source, or its government or forces."""
    state = actor.org is None and actor.sector in {None, "", "GOV", "MIL", "ELI"}
    return state and same_side(actor, sources)


def _has_conjunct(token: Token) -> bool:
    return any(c.dep_ in {"conj", "appos"} for c in token.children)  # "a wedding, a funeral"
