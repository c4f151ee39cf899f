"""Sector-noun actor mentions: "Syrian soldiers", "gunmen", "the rebels", "the court".

A generic noun from ``resources/actors/sectors.tsv`` is an actor of that sector, with the country
of its nationality modifier when it has one.  It is no mention of its own when it only modifies
another noun ("a drone strike"), when a named actor carries the phrase ("fighters of the RSF",
"its leader Hassan Nasrallah"), or when another stage resolves it better ("its fighters", "the
two leaders").  A definite description of an armed group or organisation ("the rebels", "the
court") refers back to the last one named.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_anaphors import anaphor_mention, is_definite
from flashpoint.extract.actor_dictionary import ActorDictionary, SectorTerm
from flashpoint.extract.actor_index import ActorMention, nationality_of_token, noun_phrase_text
from flashpoint.extract.actor_usage import (
    in_protest,
    is_predicate,
)
from flashpoint.extract.coreference import is_pair_description
from flashpoint.extract.parse_paths import is_apposition
from flashpoint.model import Actor
from flashpoint.nlp import token_table

# "The rebels", "the militants" refer back to the armed group named before them.  Not
# "the attackers" or "the gunmen": a group claiming an attack does not make them its members.
_IRREGULAR_SECTORS = frozenset({"REB"})
_CIVILIAN_SECTORS = frozenset({"CVL", "REF"})
# Members that belong to an owner named by a pronoun: "its fighters" are the group's, "his
# fighters" (Prigozhin's) his group's, while
# "its 25 crew members" (a ship's) or "its medics" keep their own sector.
_OWNED_SECTORS = frozenset({"MIL", "REB", "UAF", "COP", "GOV", "SPY"})
_POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
_NAMED_KINDS = frozenset({"group", "igo", "leader"})


def sector_mentions(
    doc: Doc,
    dictionary: ActorDictionary,
    nationality: dict[int, str],
    taken: set[int],
    named: list[ActorMention],
) -> list[ActorMention]:
    out: list[ActorMention] = []
    heads = _head_lemmas(dictionary)
    table = token_table(doc)
    # most nouns: no sector term or anaphor can end on them
    nouns = [
        i
        for i, (pos, lemma) in enumerate(zip(table.pos, table.lemma, strict=True))
        if lemma in heads and pos in {"NOUN", "PROPN"}
    ]
    for i in nouns:
        if i in taken:
            continue
        token = doc[i]
        mention = _sector_mention(token, dictionary, nationality, taken, named)
        if mention is not None:
            out.append(_police_officers(mention, token, out))
    return out


def _police_officers(
    mention: ActorMention, token: Token, before: list[ActorMention]
) -> ActorMention:
    """'Police arrested Jimmy Lai ... and about 200 officers raided the newsroom': bare
    'officers' after the police in the same sentence are police, not soldiers."""
    actor = mention.actor
    if token.lemma_.lower() != "officer" or actor.sector != "MIL" or actor.org:
        return mention
    start = token.sent.start
    forces = [m.actor.sector for m in before if m.start >= start and m.actor.sector in _FORCES]
    if not forces or forces[-1] != "COP":
        return mention
    code = f"{actor.country}COP" if actor.country else "COP"
    return replace(mention, actor=replace(actor, sector="COP", code=code))


_FORCES = frozenset({"COP", "MIL"})


@lru_cache(maxsize=2)
def _head_lemmas(dictionary: ActorDictionary) -> frozenset[str]:
    """Every lemma a sector mention can stand on: a sector term or the last part of a two-word
    one (see ``_sector_term``), or a country, court or organisation anaphor."""
    words = dictionary.context_words
    found = set(words["country_anaphor"] | words["court_anaphor"] | words["org_anaphor"])
    for term in dictionary.sectors:
        found.add(term)
        found.update(term[i + 1 :] for i, char in enumerate(term) if char == " ")
    return frozenset(found)


def _sector_term(token: Token, sectors: Mapping[str, SectorTerm]) -> SectorTerm | None:
    lemma = token.lemma_.lower()
    if token.i > 0:
        pair = sectors.get(f"{token.doc[token.i - 1].lemma_.lower()} {lemma}")
        if pair is not None:
            return pair
    return sectors.get(lemma)


def _sector_mention(
    token: Token,
    dictionary: ActorDictionary,
    nationality: dict[int, str],
    taken: set[int],
    named: list[ActorMention],
) -> ActorMention | None:
    if token.dep_ in {"compound", "appos", "amod"} and token.head.i in taken:
        return None  # "President" in "President Joe Biden" is part of the named actor
    anaphor = anaphor_mention(token, dictionary.context_words, named, nationality)
    if anaphor is not None:
        return anaphor
    term = _sector_term(token, dictionary.sectors)
    if term is None or _no_participant(token, term, dictionary, named):
        return None
    if _described_organ(token, term, named):
        return None
    appos = _named_in_apposition(token, named)
    name = appos or _owning_group(token, named, term)
    if name is not None:  # "HTS fighters", "its leader Hassan Nasrallah", "Haftar's fighters"
        if appos is None and name.kind == "leader" and not name.actor.org:
            country = name.actor.country  # "Putin's troops" are Russia's
            return _national_mention(token, term, dictionary.context_words, {}, named, country)
        person = appos is not None and name.kind == "leader"  # "President Ahmed al-Sharaa"
        kind = "leader" if person else "group"
        actor = replace(name.actor, text=token.text)
        return ActorMention(token.i, token.i + 1, actor, kind, not person)
    term = _body_of_role(token, dictionary, nationality) or term
    return _national_mention(token, term, dictionary.context_words, nationality, named)


def _described_organ(token: Token, term: SectorTerm, named: list[ActorMention]) -> bool:
    """'the FSB security service', 'the SBU spy agency': a named state body of the same sector
    before its own description is one actor, not two (an armed group's "Islamic State
    militants" stay a mention of the group, see ``_owning_group``)."""
    doc = token.doc
    return any(
        m.actor.sector == term.sector
        and not m.actor.org
        and any(
            doc[k].head.i == token.i and doc[k].dep_ == "compound" for k in range(m.start, m.end)
        )
        for m in named
        if m.end <= token.i
    )


def _body_of_role(
    token: Token, dictionary: ActorDictionary, nationality: Mapping[int, str]
) -> SectorTerm | None:
    """'an opposition leader', 'rebel commanders', 'a police spokesman': the post is held in
    the body the sector word before it names, not in the role's own default sector."""
    if token.i == 0 or token.lemma_.lower() not in dictionary.context_words["role_noun"]:
        return None
    before = token.doc[token.i - 1]
    # the word before ("opposition leader"), else who holds the post ("the opposition party's
    # secretary general", "the leader of the opposition party")
    holders = [before] if before.dep_ in {"compound", "amod"} and before.head.i == token.i else []
    holders += [c for c in token.children if c.dep_ == "poss" and c.i not in nationality] + [
        g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
    ]
    if not holders:
        return None
    people = _stateless_people(holders[0]) and holders[0].i not in nationality
    if people and token.lemma_.lower() in {"force", "fighter"}:
        return SectorTerm("REB", False, False)  # "Kurdish forces": a people's own armed men
    body = next(filter(None, (_sector_term(h, dictionary.sectors) for h in holders)), None)
    # "Mali's military leader", "a military official": a state's own posts stay the state's
    if body is None or body.sector in {"GOV", "MIL"}:
        return None
    if body.sector == "OPP" and token.lemma_.lower() in {"force", "fighter"}:
        return replace(body, sector="REB")  # "opposition forces" are armed: rebels
    return body


# Group names tagged NORP that name no people without a state of its own.
_NOT_A_PEOPLE = frozenset(
    {"western", "european", "arab", "african", "asian", "muslim", "christian", "jewish",
     "sunni", "shiite", "shia", "islamic", "islamist", "allied", "coalition", "foreign"}
)  # fmt: skip


def _stateless_people(word: Token) -> bool:
    """'Kurdish', 'Druze', 'Tigrayan': a people named by NER with no country of its own
    (a country's demonym is read as a nationality before this is asked)."""
    return word.ent_type_ == "NORP" and word.lower_ not in _NOT_A_PEOPLE


def _no_participant(
    token: Token, term: SectorTerm, dictionary: ActorDictionary, named: list[ActorMention]
) -> bool:
    """Uses of a sector noun that name no participant of their own."""
    words = dictionary.context_words
    return (
        _is_mere_modifier(token, dictionary)  # "a drone strike"
        or is_predicate(token)  # "sworn in as president", "the suspects were soldiers"
        or _affiliation_follows(token, words)  # "student-led protests"
        or _is_building(token, dictionary)  # "stormed parliament", "the Umayyad Mosque"
        or any(c.lemma_.lower() in words["media_modifier"] for c in token.children)  # "news agency"
        or (term.plural_only and token.tag_ not in {"NNS", "NNPS"})
        or _is_named_region(token, words)  # "Nigeria's Borno state"
        or _in_facility_name(token, dictionary)  # "the Galaxy Leader cargo ship"
        or _resolved_elsewhere(token, term, named, words["pair_noun"])
        or (term.sector == "PTY" and _sides_of_a_conflict(token, words))
    )


def _sides_of_a_conflict(token: Token, words: Mapping[str, frozenset[str]]) -> bool:
    """'called on all parties to exercise restraint': the sides, not political parties."""
    return any(c.lower_ in words["side_quantifier"] for c in token.children)


def _national_mention(
    token: Token,
    term: SectorTerm,
    words: Mapping[str, frozenset[str]],
    nationality: Mapping[int, str],
    named: list[ActorMention],
    owner: str | None = None,
) -> ActorMention | None:
    """The sector noun with the country of its nationality modifier, if it has one."""
    country = owner or nationality_of_token(token, nationality) or _country_of_phrase(token, named)
    if not country and token.dep_ == "compound":
        country = nationality_of_token(token.head, nationality)  # "Syrian army positions"
    if not country and term.sector in _IRREGULAR_SECTORS and is_definite(token):
        earlier = _last_armed_group(token, named)
        if earlier is not None:  # "The Arakan Army said ... the rebels": the group named
            actor = replace(earlier.actor, text=token.text, rule=earlier.actor.rule + "+definite")
            return ActorMention(token.i, token.i + 1, actor, "group", True)
    lemma = token.lemma_.lower()
    state_word = any(c.lower_ in words["state_word"] for c in token.children)
    if term.needs_owner and not country and not state_word:
        return None  # "forces" alone is too vague; "government forces" is not
    sector = "MIL" if state_word and lemma in {"force", "troop", "fighter"} else term.sector
    if sector == "CVL" and in_protest(token, words):
        sector = "OPP"  # "thousands of women protested", "police detained 1,300 people at protests"
    elif lemma in words["gathering_noun"] and not _acts(token) and not in_protest(token, words):
        sector = "CVL"  # "a bomber struck crowds outside the airport"
    if country and sector == "IGO":
        sector = "MIL"  # "Russian peacekeepers": a national contingent is its country's army
    code = f"{country}{sector}" if country else sector
    actor = Actor(
        token.text,
        noun_phrase_text(token),
        code,
        country or None,
        sector,
        rule=f"sectors.tsv:{lemma}",
    )
    return ActorMention(token.i, token.i + 1, actor, "sector", token.tag_ in {"NNS", "NNPS"})


def _acts(token: Token) -> bool:
    """The noun (or "thousands of" it) is the subject of its clause."""
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        token = token.head.head
    return token.dep_ in {"nsubj", "conj"} and token.head.pos_ in {"VERB", "AUX"}


def _country_of_phrase(token: Token, named: list[ActorMention]) -> str | None:
    """'the people of northwest Syria', 'refugees from Sudan': the country named after it."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"of", "from"}:
            continue
        for pobj in prep.children:
            mention = _named_at(pobj, named, {"country"}) if pobj.dep_ == "pobj" else None
            if mention is not None:
                return mention.actor.country
    return None


def _is_mere_modifier(token: Token, dictionary: ActorDictionary) -> bool:
    """'government forces', 'a drone strike', 'army chief': the head noun carries the actor, or
    there is none.  Before a place noun ('army positions') the sector word names the owner."""
    if token.dep_ not in {"compound", "nmod"}:
        return False
    head = token.head.lemma_.lower()
    words = dictionary.context_words
    if _sector_term(token.head, dictionary.sectors) is not None:
        return True
    if head in words["not_actor_head"]:
        return True
    if head in words["collective_noun"] or head in words["person_noun"]:
        return False  # "rebel factions", "opposition candidate": the sector word says who
    prev = token.doc[token.head.i - 1].lemma_.lower() if token.head.i > 0 else ""
    facility = head in dictionary.facilities or f"{prev} {head}" in dictionary.facilities
    if facility:  # "army positions" name their owner; "a passenger train" only its use
        term = _sector_term(token, dictionary.sectors)
        return term is not None and term.sector in _CIVILIAN_SECTORS
    return token.head.pos_ == "NOUN"


def _resolved_elsewhere(
    token: Token, term: SectorTerm, named: list[ActorMention], pair_nouns: frozenset[str]
) -> bool:
    """Phrases the actor index resolves better than a bare sector would: 'fighters of the
    RSF' (the group), 'its fighters' (the owner), 'the two leaders' (the last two named)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _named_at(pobj, named, {"group", "igo"}) is not None:
                    return True
        if (
            child.dep_ == "poss"
            and child.lower_ in _POSSESSIVE_PRONOUNS
            and term.sector in _OWNED_SECTORS
        ):
            return True  # "its fighters", "their leader": whoever the pronoun stands for
    return token.lemma_.lower() in pair_nouns and is_pair_description(token)


def _named_in_apposition(token: Token, named: list[ActorMention]) -> ActorMention | None:
    """'its leader Hassan Nasrallah', 'the monitoring group OVD-Info': the name decides."""
    for child in token.children:
        if is_apposition(token, child):
            mention = _named_at(child, named, _NAMED_KINDS)
            if mention is not None:
                return mention
    return None


def _owning_group(token: Token, named: list[ActorMention], term: SectorTerm) -> ActorMention | None:
    """'HTS fighters', 'Hezbollah militants': the sector noun is the group itself.  A leader's
    forces ("Haftar's fighters", "Putin's troops") are his group's or his state's."""
    for child in token.children:
        if child.dep_ in {"compound", "nmod", "amod", "poss"}:
            mention = _named_at(child, named, {"group", "igo"})
            if mention is not None:
                return mention
        if child.dep_ == "poss" and term.sector in _OWNED_SECTORS:
            leader = _named_at(child, named, {"leader"})
            if leader is not None and leader.actor.sector != "ELI":
                return leader
    return None


def _named_at(
    token: Token, named: list[ActorMention], kinds: set[str] | frozenset[str]
) -> ActorMention | None:
    for m in named:
        if m.start <= token.i < m.end and m.kind in kinds:
            return m
    return None


def _is_building(token: Token, dictionary: ActorDictionary) -> bool:
    """A sector noun that is also a building ("parliament", "hospital") named as a place: the
    object of a locative preposition or of a verb of moving or striking, or a proper name."""
    if token.lemma_.lower() not in dictionary.facilities:
        return False
    words = dictionary.context_words
    if token.is_title and any(c.dep_ == "compound" and c.is_title for c in token.children):
        return True  # "the South Hospital", "the Umayyad Mosque": a named building
    if token.dep_ == "pobj":
        return token.head.lower_ in words["locative_prep"]
    verbs = words["place_verb"] | words["movement_verb"]
    return token.dep_ == "dobj" and token.head.lemma_.lower() in verbs


def _in_facility_name(token: Token, dictionary: ActorDictionary) -> bool:
    """A capitalised sector word inside the proper name of a ship or building: "the Galaxy
    Leader cargo ship", "the Sea Guardian tanker"."""
    if not (token.is_title and token.dep_ == "compound" and token.i > 0):
        return False
    before = token.doc[token.i - 1]
    named = before.is_title and before.pos_ == "PROPN" and not before.is_sent_start
    return named and token.head.lemma_.lower() in dictionary.facilities


def _is_named_region(token: Token, words: Mapping[str, frozenset[str]]) -> bool:
    if token.lemma_.lower() not in words["place_noun"]:
        return False
    return any(c.dep_ == "compound" and c.is_title for c in token.children)


def _affiliation_follows(token: Token, words: Mapping[str, frozenset[str]]) -> bool:
    doc = token.doc
    after = token.i + 1
    return (
        after + 1 < len(doc)
        and doc[after].text == "-"
        and doc[after + 1].lower_ in words["affiliation_suffix"]
    )


def _last_armed_group(token: Token, named: list[ActorMention]) -> ActorMention | None:
    """The nearest armed group named before this token (not a state force or an IGO)."""
    earlier = [m for m in named if m.end <= token.i and m.kind == "group"]
    for m in reversed(earlier):
        if m.actor.sector in _IRREGULAR_SECTORS | {"CRM"} or m.actor.org:
            return m
    return None
