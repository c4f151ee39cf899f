"""The actor mentions of one article and the role queries the event stage asks of them:
which actors a token stands for, with conjunctions, pronouns, definite descriptions, patrons
("fighters led by HTS") and owners of attacked places resolved."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_dictionary import get_actor_dictionary
from flashpoint.extract.actor_facilities import facility_owner, story_owned
from flashpoint.extract.coreference import PRONOUNS, Coreference, is_pair_description
from flashpoint.extract.led_forces import LEADING_VERBS, led_by
from flashpoint.extract.mentions import (
    STATE_SECTORS,
    ActorMention,
    nationality_of_token,
    noun_phrase_text,
)
from flashpoint.extract.parse_paths import children_with, is_apposition
from flashpoint.extract.partners import partner_country
from flashpoint.model import Actor
from flashpoint.nlp import token_table

__all__ = ["ActorIndex", "ActorMention", "nationality_of_token", "noun_phrase_text"]

# Prepositions after which a country or capital is where something happens, not who acts.
# "Turkish-backed rebels" are not Turkish: the nationality belongs to the backer.
# Sectors whose members, when no nationality is stated, belong to the story's country.
_LOCAL_SECTORS = frozenset(
    {"REB", "CVL", "OPP", "REF", "JRN", "MED", "COP", "UAF", "LEG", "JUD", "GOV", "MIL", "LAB",
     "EDU", "REL"}
)  # fmt: skip
_STATE_KINDS = frozenset({"country", "capital", "leader", "metonym"})
_COLLECTIVE_NOUNS = frozenset(
    {
        "group",
        "faction",
        "militia",
        "cell",
        "unit",
        "organisation",
        "organization",
        "movement",
        "network",
        "outfit",
        "element",
    }
)
# "fighters led by HTS" are HTS; "forces loyal to Assad" are the Syrian army.
_REPRESENTING_NOUNS = frozenset(
    {"envoy", "delegation", "delegate", "representative", "negotiator", "emissary", "mediator"}
)
_LOYALTY_WORDS = frozenset({"loyal", "allied", "affiliated", "linked", "aligned"})
_FORCE_WORDS = frozenset({"force", "troop", "unit", "soldier", "army"})
_GROUP_NOUNS = frozenset({"group", "organisation", "organization", "movement", "militia"})

# "supporters of Niger's junta", "relatives of the hostages": people named after a party,
# who are not that party
_NOT_OF_THEM = frozenset({"supporter", "sympathiser", "sympathizer", "relative", "family"})


class ActorIndex:
    """The actor mentions of one article, and role queries over them."""

    def __init__(
        self,
        doc: Doc,
        mentions: list[ActorMention],
        outlet_tokens: set[int],
        nationality: dict[int, str] | None = None,
        territory: dict[int, str] | None = None,
    ):
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.outlet_tokens = outlet_tokens
        self.nationality = nationality or {}
        # Countries and capitals named as places ("aid to Ukraine", "in Kyiv"): token → ISO3.
        self.territory = territory or {}
        self.coref = Coreference(self)
        self.story_country: str | None = None  # set by apply_context
        # Role reading asks again about the same words: (token, depth) → actors, until places
        # are noted (``__init__`` starts afresh when the context is applied).
        self._read: dict[tuple[int, int], list[Actor]] = {}
        self._by_token: dict[int, ActorMention] = {}
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self._by_token[i] = mention

    def note_places(self, places: list[tuple[int, int, str | None]]) -> None:
        """Geocoded places (character spans and their country) become territory too, so "aid
        dropped into Gaza" has a receiver even though Gaza is a place, not an actor."""
        for start, end, country in places:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if country and span is not None and len(span):
                self.territory.setdefault(span.root.i, country)
        self._read.clear()

    def char_spans(self) -> list[tuple[int, int]]:
        """Character spans of every actor mention (the geocoder must not read them as places)."""
        table = token_table(self.doc)
        return [
            (table.start[m.start], table.start[m.end - 1] + len(table.text[m.end - 1]))
            for m in self.mentions
        ]

    def countries(self) -> list[str]:
        """Countries of the article's actors, most mentioned first; a named group's own country
        counts after the states' ('Wagner mercenaries and Malian soldiers' is a Malian story)."""
        counts: dict[str, int] = {}
        states: dict[str, int] = {}
        for m in self.mentions:
            if m.actor.country:
                counts[m.actor.country] = counts.get(m.actor.country, 0) + 1
                if not m.actor.org:
                    states[m.actor.country] = states.get(m.actor.country, 0) + 1
        return sorted(counts, key=lambda c: (-states.get(c, 0), -counts[c]))

    def apply_context(self, country: str | None) -> None:
        """Give countryless actors a country: "the army" and "the government" are those of the
        last state whose army or government was named; "rebels" and "civilians" are local."""
        updated: list[ActorMention] = []
        for m in self.mentions:
            a = m.actor
            if a.country is None and a.org is None and a.sector in _LOCAL_SECTORS:
                state = a.sector in STATE_SECTORS and not story_owned(self.doc, m)
                owner = _last_state_with(updated, a.sector) if state else None
                owner = owner or partner_country(self.doc, m, self._by_token) or country
                if owner:
                    a = replace(
                        a, country=owner, code=f"{owner}{a.sector}", rule=a.rule + "+context"
                    )
                    m = replace(m, actor=a)
            updated.append(m)
        self.__init__(  # type: ignore[misc]
            self.doc, updated, self.outlet_tokens, self.nationality, self.territory
        )
        self.story_country = country

    def facility_owner(self, token: Token) -> Actor | None:
        """'Iran's consulate' → IRNGOV, 'army positions' → MIL, 'a crowded market' → CVL: the
        owner of an attacked place (see actor_facilities)."""
        return facility_owner(self, token)

    def nationality_of(self, token: Token) -> str | None:
        """The country a demonym or possessive country attached to this token names."""
        return self.nationality.get(token.i) or nationality_of_token(token, self.nationality)

    def nationalities_of(self, token: Token, *, modifiers_only: bool = False) -> list[str]:
        """'Indian and French warships': every country of coordinated demonyms on the noun.
        modifiers_only: not from "in <capital>" ("talks in Caracas" are nobody's)."""
        first = self._modifier_nationality(token) if modifiers_only else self.nationality_of(token)
        if first is None:
            return []
        found = [first]
        for child in token.children:
            if child.dep_ in {"amod", "nmod", "compound"} and child.i in self.nationality:
                for conj in child.children:
                    country = self._nationality_within(conj) if conj.dep_ == "conj" else None
                    if country and country not in found:
                        found.append(country)
        return found

    def _modifier_nationality(self, token: Token) -> str | None:
        for child in token.children:
            if child.dep_ in {"amod", "compound", "poss", "nmod"}:
                country = self._nationality_within(child)
                if country:
                    return country
        return None

    def mention_at(self, token: Token) -> ActorMention | None:
        return self._by_token.get(token.i)

    def actors_for(self, token: Token, *, depth: int = 0) -> list[Actor]:
        """The actors a role-filling token stands for (conjuncts expanded, pronouns resolved)."""
        found = self._read.get((token.i, depth))
        if found is None:
            found = self._read[token.i, depth] = self._actors_for(token, depth)
        return list(found)  # the caller's own list

    def _actors_for(self, token: Token, depth: int) -> list[Actor]:
        if token.i in self.outlet_tokens or depth > 3:
            return []
        found: list[Actor] = []
        mention = self.mention_at(token)
        patron = self._patron(token, depth) if mention is None or mention.kind == "sector" else []
        if patron:
            found.extend(patron)
        elif mention is not None:
            found.append(mention.acting or mention.actor)
            if mention.kind == "sector":
                found.extend(self.coordinated_nationalities(token, mention.actor))
        elif token.lower_ in PRONOUNS:
            found.extend(self.coref.pronoun(token))
        elif _is_relative_pronoun(token):  # "Israel, which he blamed": the noun it modifies
            found.extend(self.actors_for(token.head.head, depth=depth + 1))
        elif token.lower_ in {"both", "two"} or is_pair_description(token):
            found.extend(self.coref.pair(token))
        else:
            found.extend(self._from_modifiers(token, depth))
            if not found and token.lemma_.lower() in _GROUP_NOUNS and _is_definite(token):
                found.extend(self.coref.definite(token))
        named = bool(found)
        for child in children_with(token, {"conj", "appos"}):
            # "Mali, Burkina Faso and Niger": each conjunct hangs on the one before, so a
            # conjunction does not deepen the search (a long list would lose its last state)
            if child.dep_ == "conj":
                found.extend(self.actors_for(child, depth=depth))
            elif is_apposition(token, child) and (not named or self.mention_at(child)):
                # "Imamoglu, President Erdogan's main political rival", "the UN peacekeeping
                # mission MINUSMA": a second name or description of one party is no second party
                known = {a.code for a in found}
                found += [a for a in self.actors_for(child, depth=depth + 1) if a.code not in known]
        return _unique(found)

    def _from_modifiers(self, token: Token, depth: int) -> list[Actor]:
        """'a convoy of Turkish soldiers', 'members of HTS', 'Syria's army units'.  Read after
        ``_patron`` ('fighters led by HTS', 'forces loyal to Bashar al-Assad') found nobody: the
        caller has asked it already, and the walk is not repeated."""
        owned = self.coref.owned_by_pronoun(token)
        if owned:
            return owned
        for child in children_with(token, {"compound", "poss", "nmod", "amod"}):
            mention = self.mention_at(child) or self._title_modifier(token, child)
            if mention is not None and mention.kind not in {"demonym"}:
                return [mention.actor]
        for child in children_with(token, {"prep"}):
            if child.lower_ == "of" and token.lemma_.lower() not in _NOT_OF_THEM:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.actors_for(pobj, depth=depth + 1)
        if token.lemma_.lower() in _COLLECTIVE_NOUNS:  # "militant groups", "armed factions"
            sectors = get_actor_dictionary().sectors
            for child in token.children:
                term = (
                    sectors.get(child.lemma_.lower())
                    if child.dep_ in {"amod", "compound"}
                    else None
                )
                if term is not None:
                    country = self.nationality_of(token)
                    code = f"{country}{term.sector}" if country else term.sector
                    name = noun_phrase_text(token)
                    return [Actor(token.text, name, code, country, term.sector, rule="collective")]
        return []

    def _title_modifier(self, name: Token, title: Token) -> ActorMention | None:
        """'opposition politician Juan Pablo Guanipa', 'Hamas military chief Mohammed Deif':
        the sector or group on the title before a name."""
        if name.pos_ != "PROPN" or title.dep_ != "compound" or title.pos_ != "NOUN":
            return None
        found = (self.mention_at(c) for c in title.children if c.dep_ in {"compound", "nmod"})
        return next((m for m in found if m is not None and m.kind in {"sector", "group"}), None)

    def coordinated_nationalities(self, token: Token, actor: Actor) -> list[Actor]:
        """'Russian and Turkish troops' are two actors."""
        extra = []
        for child in token.children:
            if child.dep_ in {"amod", "nmod", "compound"} and child.i in self.nationality:
                for conj in child.children:
                    country = self._nationality_within(conj) if conj.dep_ == "conj" else None
                    if country and country != actor.country:
                        extra.append(
                            replace(actor, country=country, code=f"{country}{actor.sector or ''}")
                        )
        return extra

    def _nationality_within(self, token: Token) -> str | None:
        """'South Korean': the demonym may be indexed on any word of the phrase."""
        for tok in token.subtree:
            if tok.i in self.nationality:
                return self.nationality[tok.i]
            named = self.mention_at(tok)  # "Iranian and U.S. envoys"
            if named is not None and named.kind == "country" and named.actor.country:
                return named.actor.country
        return None

    def _patron(self, token: Token, depth: int) -> list[Actor]:
        led = led_by(token)
        if led:
            return led
        for child in children_with(token, {"prep", "acl", "amod"}):
            if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
                # "fighters of the RSF", "militants from the Allied Democratic Forces",
                # "the foreign ministers of Congo and Rwanda"
                for pobj in child.children:
                    named = self.mention_at(pobj) if pobj.dep_ == "pobj" else None
                    if named is not None and named.kind in {"group", "igo"}:
                        # "positions of Hamas and Islamic Jihad", "bases of the PKK in Iraq
                        # and of the YPG in Syria": every owner named
                        others = [*pobj.conjuncts] + [
                            g
                            for p in child.subtree  # "and of" may hang on "in Iraq"
                            if p.dep_ == "conj" and p.lower_ == child.lower_
                            for g in p.children
                            if g.dep_ == "pobj"
                        ]
                        return [named.actor] + [
                            a for o in others for a in self.actors_for(o, depth=depth + 1)
                        ]
                    if named is not None and named.kind in {"country", "capital"}:
                        states = self.actors_for(pobj, depth=depth + 1)
                        return _as_sector(states, self.mention_at(token))
                    if named is not None and token.lemma_.lower() in _REPRESENTING_NOUNS:
                        # "envoys of the Sudanese army and the RSF" speak for each side
                        return self.actors_for(pobj, depth=depth + 1)
            if child.dep_ == "acl" and child.lemma_.lower() in LEADING_VERBS:
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            if pobj.dep_ == "pobj":
                                return self.actors_for(pobj, depth=depth + 1)
            if child.dep_ == "amod" and child.lemma_.lower() in _LOYALTY_WORDS:
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ == "to":
                        for pobj in prep.children:
                            found = (
                                self.actors_for(pobj, depth=depth + 1)
                                if pobj.dep_ == "pobj"
                                else []
                            )
                            if found and found[0].org:  # "forces loyal to Haftar": the LNA
                                return [replace(found[0], text=token.text, rule="loyal-to")]
                            if found and found[0].country and token.lemma_.lower() in _FORCE_WORDS:
                                c = found[0].country
                                return [
                                    Actor(
                                        token.text,
                                        f"forces loyal to {found[0].name}",
                                        f"{c}MIL",
                                        c,
                                        "MIL",
                                        rule="loyal-to",
                                    )
                                ]
                            own = self.mention_at(token)
                            if found and own is not None and _irregular(own, found[0]):
                                return [_armed_men_of(own.actor, found[0])]
                            if found:
                                return found
        return []


def _armed_men_of(men: Actor, patron: Actor) -> Actor:
    """'Gunmen loyal to the former government' are armed men on its side (neither the
    government nor its rebels)."""
    home = patron.country
    code = f"{home}UAF" if home else "UAF"
    return replace(men, country=home, code=code, sector="UAF", rule="loyal-to")


def _irregular(own: ActorMention, patron: Actor) -> bool:
    """Irregular armed men (gunmen, militiamen) named by their loyalty to a state."""
    return own.kind == "sector" and own.actor.sector in {"UAF", "REB"} and patron.org is None


def _as_sector(states: list[Actor], mention: ActorMention | None) -> list[Actor]:
    """'Troops from Chad and Niger' are the two armies, 'residents of southern Lebanon' its
    civilians: the sector noun's members of each state named after it."""
    if mention is None or mention.kind != "sector" or not mention.actor.sector:
        return states
    sector, text = mention.actor.sector, mention.actor.text
    return [
        replace(a, text=text, code=f"{a.country}{sector}", sector=sector)
        if a.country and not a.org
        else a
        for a in states
    ]


def _last_state_with(mentions: list[ActorMention], sector: str) -> str | None:
    """The country of the nearest earlier actor of a state sector ("Israel's military ... the
    forces")."""
    for m in reversed(mentions):  # a former leader ("Hasina resigned ... the army") counts
        state = m.actor.sector in STATE_SECTORS or (m.kind == "leader" and m.actor.sector == "ELI")
        stated = m.actor.country and state and m.actor.org is None
        if stated and (m.actor.sector == sector or m.kind in _STATE_KINDS):
            return m.actor.country
    return None


def _is_relative_pronoun(token: Token) -> bool:
    return token.tag_ in {"WDT", "WP"} and token.head.dep_ == "relcl" and token.head.head != token


def _is_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple[str, str]] = set()
    out = []
    for a in actors:
        key = (a.code, a.name)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
