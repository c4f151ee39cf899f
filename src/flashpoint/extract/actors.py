"""Actor resolution: who is named in an article, as CAMEO-style coded actors.

The stage finds every actor mention once per article (dictionary aliases, leaders by date, titles,
sector nouns with their nationality) and keeps them in an :class:`ActorIndex`, which the event
stage queries for the tokens that fill a role (subject, object, "by" agent...), including
pronouns and definite descriptions resolved to earlier mentions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from flashpoint.clean import dateline_spans
from flashpoint.extract.actor_dictionary import (
    ActorDictionary,
    ActorEntry,
    AliasMatch,
    get_actor_dictionary,
)
from flashpoint.model import Actor

# Prepositions after which a country or capital is where something happens, not who acts.
_LOCATIVE_PREPS = frozenset(
    [
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "outside",
        "inside",
        "around",
        "across",
        "toward",
        "towards",
        "through",
        "via",
        "within",
        "throughout",
        "over",
        "above",
        "off",
        "onto",
        "along",
        "beyond",
    ]
)
# "Turkish-backed rebels" are not Turkish: the nationality belongs to the backer.
_AFFILIATION_SUFFIXES = frozenset(
    [
        "backed",
        "led",
        "allied",
        "supported",
        "sponsored",
        "aligned",
        "based",
        "trained",
        "funded",
        "armed",
        "affiliated",
    ]
)
# Sectors whose members, when no nationality is stated, belong to the story's country.
_LOCAL_SECTORS = frozenset(
    {"REB", "CVL", "OPP", "REF", "JRN", "MED", "COP", "UAF", "LEG", "JUD", "GOV", "MIL"}
)
_STATE_WORDS = frozenset({"government", "regime", "state", "pro-government", "loyalist"})
_ROLE_PRIORITY = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "secretary_general",
)
# "fighters led by HTS" are HTS; "forces loyal to Assad" are the Syrian army.
_LEADING_VERBS = frozenset({"lead", "command", "head", "spearhead"})
_LOYALTY_WORDS = frozenset({"loyal", "allied", "affiliated", "linked", "aligned"})
_FORCE_WORDS = frozenset({"force", "troop", "unit", "soldier", "army"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_THING_PRONOUNS = frozenset({"it", "its"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
_GROUP_NOUNS = frozenset({"group", "organisation", "organization", "movement", "militia"})
_PAIR_NOUNS = frozenset({"leader", "side", "country", "nation", "president", "minister", "party"})


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int  # token index in the doc
    end: int  # exclusive
    actor: Actor
    kind: str  # dictionary entry kind, "sector" or "title"
    plural: bool = False

    @property
    def is_person(self) -> bool:
        return self.kind in {"leader", "title"}


class ActorIndex:
    """The actor mentions of one article, and role queries over them."""

    def __init__(
        self,
        doc: Doc,
        mentions: list[ActorMention],
        outlet_tokens: set[int],
        nationality: dict[int, str] | None = None,
    ):
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.outlet_tokens = outlet_tokens
        self.nationality = nationality or {}
        self._by_token: dict[int, ActorMention] = {}
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                self._by_token[i] = mention

    def char_spans(self) -> list[tuple[int, int]]:
        """Character spans of every actor mention (the geocoder must not read them as places)."""
        return [
            (self.doc[m.start].idx, self.doc[m.end - 1].idx + len(self.doc[m.end - 1]))
            for m in self.mentions
        ]

    def countries(self) -> list[str]:
        """Countries of the article's actors, most mentioned first."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            if m.actor.country:
                counts[m.actor.country] = counts.get(m.actor.country, 0) + 1
        return sorted(counts, key=lambda c: -counts[c])

    def apply_context(self, country: str | None) -> None:
        """Give countryless local actors ("rebels", "civilians") the story's country."""
        if not country:
            return
        updated = []
        for m in self.mentions:
            a = m.actor
            if a.country is None and a.sector in _LOCAL_SECTORS and a.org is None:
                a = replace(
                    a, country=country, code=f"{country}{a.sector}", rule=a.rule + "+context"
                )
                m = replace(m, actor=a)
            updated.append(m)
        self.__init__(self.doc, updated, self.outlet_tokens, self.nationality)  # type: ignore[misc]

    def facility_owner(self, token: Token) -> Actor | None:
        """'Iran's consulate' → IRNGOV, 'army positions' → MIL, 'a crowded market' → CVL: the
        owner of an attacked place.  Without a stated owner the country stays open; the pipeline
        takes it from where the event happened."""
        facilities = get_actor_dictionary().facilities
        lemma = token.lemma_.lower()
        prev = token.doc[token.i - 1].lemma_.lower() if token.i > 0 else ""
        sector = facilities.get(f"{prev} {lemma}") or facilities.get(lemma)
        if sector is None:
            return None
        for child in token.children:  # "army positions", "Hezbollah positions"
            mention = self.mention_at(child) if child.dep_ in {"compound", "poss", "nmod"} else None
            if mention is not None and mention.kind not in {"demonym"}:
                return replace(mention.actor, text=token.text, rule=f"facility:{lemma}+owner")
        country = self.nationality_of(token)
        code = f"{country}{sector}" if country else sector
        return Actor(token.text, _np_text(token), code, country, sector, rule=f"facility:{lemma}")

    def nationality_of(self, token: Token) -> str | None:
        """The country a demonym or possessive country attached to this token names."""
        return self.nationality.get(token.i) or _nationality_of(token, self.nationality)

    def mention_at(self, token: Token) -> ActorMention | None:
        return self._by_token.get(token.i)

    def actors_for(self, token: Token, *, depth: int = 0) -> list[Actor]:
        """The actors a role-filling token stands for (conjuncts expanded, pronouns resolved)."""
        if token.i in self.outlet_tokens or depth > 3:
            return []
        found: list[Actor] = []
        mention = self.mention_at(token)
        patron = self._patron(token, depth) if mention is None or mention.kind == "sector" else []
        if patron:
            found.extend(patron)
        elif mention is not None:
            found.append(mention.actor)
        elif token.lower_ in _PERSON_PRONOUNS | _THING_PRONOUNS | _PLURAL_PRONOUNS:
            found.extend(self._resolve_pronoun(token))
        elif token.lower_ in {"both", "two"} or _is_pair_description(token):
            found.extend(self._resolve_pair(token))
        else:
            found.extend(self._from_modifiers(token, depth))
            if not found and token.lemma_.lower() in _GROUP_NOUNS and _is_definite(token):
                found.extend(self._resolve_definite(token))
        for child in token.children:
            if child.dep_ == "conj":
                found.extend(self.actors_for(child, depth=depth + 1))
        return _unique(found)

    def _from_modifiers(self, token: Token, depth: int) -> list[Actor]:
        """'a convoy of Turkish soldiers', 'members of HTS', 'Syria's army units',
        'fighters led by HTS', 'forces loyal to Bashar al-Assad'."""
        patron = self._patron(token, depth)
        if patron:
            return patron
        for child in token.children:
            if child.dep_ in {"compound", "poss", "nmod", "amod"}:
                mention = self.mention_at(child)
                if mention is not None and mention.kind not in {"demonym"}:
                    return [mention.actor]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.actors_for(pobj, depth=depth + 1)
        return []

    def _patron(self, token: Token, depth: int) -> list[Actor]:
        for child in token.children:
            if child.dep_ == "acl" and child.lemma_.lower() in _LEADING_VERBS:
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
                            if found:
                                return found
        return []

    def _before(self, token: Token) -> list[ActorMention]:
        return [m for m in self.mentions if m.end <= token.i]

    def _resolve_pronoun(self, token: Token) -> list[Actor]:
        word = token.lower_
        for m in reversed(self._before(token)):
            if word in _PERSON_PRONOUNS and m.is_person:
                return [m.actor]
            if word in _THING_PRONOUNS and not m.is_person and not m.plural and m.kind != "demonym":
                return [m.actor]
            if word in _PLURAL_PRONOUNS and (m.plural or m.kind in {"group", "country"}):
                return [m.actor]
        return []

    def _resolve_pair(self, token: Token) -> list[Actor]:
        """'the two leaders', 'both sides': the last two distinct actors of a compatible kind."""
        want_person = token.lemma_.lower() in {"leader", "president", "minister"}
        pair: list[Actor] = []
        for m in reversed(self._before(token)):
            if want_person and not m.is_person:
                continue
            if m.kind == "demonym" or any(a.code == m.actor.code for a in pair):
                continue
            pair.append(m.actor)
            if len(pair) == 2:
                return list(reversed(pair))
        return []

    def _resolve_definite(self, token: Token) -> list[Actor]:
        for m in reversed(self._before(token)):
            if m.kind == "group":
                return [m.actor]
        return []


def _is_definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in token.children)


def _is_pair_description(token: Token) -> bool:
    if token.lemma_.lower() not in _PAIR_NOUNS or token.tag_ not in {"NNS", "NNPS"}:
        return False
    return any(c.lower_ in {"two", "both"} for c in token.children)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple[str, str]] = set()
    out = []
    for a in actors:
        key = (a.code, a.name)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _is_locative(token: Token) -> bool:
    """A country or capital token used as a place ("in Ankara", "Syria's Idlib province")."""
    head = token
    while head.dep_ in {"compound", "flat", "appos"} and head.head is not head:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS:
        return True
    return head.dep_ in {"npadvmod"} or (head.dep_ == "compound" and head.head.ent_type_ == "GPE")


def _affiliation_follows(doc: Doc, end: int) -> bool:
    return (
        end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in _AFFILIATION_SUFFIXES
    )


class ActorResolver:
    """Finds actor mentions in a parsed article."""

    def __init__(self, dictionary: ActorDictionary | None = None):
        self.dictionary = dictionary or get_actor_dictionary()

    def __call__(self, doc: Doc, published: date | None) -> ActorIndex:
        mentions: list[ActorMention] = []
        outlet_tokens: set[int] = set()
        nationality: dict[int, str] = {}  # token index → ISO3 of a demonym / possessive country
        titles: list[tuple[Span, AliasMatch]] = []
        datelines = dateline_spans(doc.text)
        for match in self.dictionary.scan(doc.text):
            if any(start <= match.start < end for start, end in datelines):
                continue  # "DAMASCUS (AFP) —" says where the report was filed, not who acted
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None:
                continue
            kinds = {e.kind for e in match.entries}
            if "outlet" in kinds and not kinds & {"group", "igo", "leader"}:
                outlet_tokens.update(range(span.start, span.end))
                continue
            if kinds == {"title"}:
                titles.append((span, match))
                continue
            mention = self._entry_mention(doc, span, match, published, nationality)
            if mention is not None:
                mentions.append(mention)
        mentions.extend(self._title_mentions(doc, titles, published, nationality, mentions))
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions.extend(self._sector_mentions(doc, nationality, taken, mentions))
        return ActorIndex(doc, mentions, outlet_tokens, nationality)

    def _entry_mention(
        self,
        doc: Doc,
        span: Span,
        match: AliasMatch,
        published: date | None,
        nationality: dict[int, str],
    ) -> ActorMention | None:
        entry = _choose_entry(match.entries, published)
        if entry is None:
            return None
        root = span.root
        if entry.kind in {"demonym", "country", "capital"} and _affiliation_follows(doc, span.end):
            return None
        if entry.kind == "demonym":
            if (
                root.pos_ in {"NOUN", "PROPN"}
                and root.tag_ in {"NNS", "NNPS"}
                and root.dep_
                not in {
                    "compound",
                    "amod",
                }
            ):
                actor = Actor(
                    match.text, entry.name, entry.code, entry.country, None, rule=entry.rule
                )
                return ActorMention(span.start, span.end, actor, "demonym", plural=True)
            for i in range(span.start, span.end):
                nationality[i] = entry.country or ""
            return None
        if entry.kind == "metonym" and _is_locative(root):
            return None  # "talks at the Kremlin": the building, not the government
        if entry.kind in {"country", "capital"}:
            if root.dep_ == "poss" or (
                root.dep_ in {"compound", "amod"} and root.head.pos_ == "NOUN"
            ):
                for i in range(span.start, span.end):
                    nationality[i] = entry.country or ""
                return None
            if _is_locative(root):
                return None
        name = entry.name
        actor = Actor(
            match.text, name, entry.code, entry.country, entry.sector, entry.org, entry.rule
        )
        return ActorMention(span.start, span.end, actor, entry.kind)

    def _title_mentions(
        self,
        doc: Doc,
        titles: list[tuple[Span, AliasMatch]],
        published: date | None,
        nationality: dict[int, str],
        named: list[ActorMention],
    ) -> list[ActorMention]:
        out = []
        named_starts = {m.start for m in named if m.kind == "leader"}
        for span, match in titles:
            # "President Recep Tayyip Erdogan": the name that follows resolves it already.
            if any(s in named_starts for s in range(span.end, min(span.end + 4, len(doc)))):
                continue
            entry = match.entries[0]
            country = entry.country or _nationality_near(doc, span, nationality)
            if not country or not entry.role:
                continue
            holders = self.dictionary.leaders(country, entry.role, published)
            if holders:
                h = holders[0]
                actor = Actor(
                    span.text, h.name, h.code, country, h.sector, h.org, h.rule + "+title"
                )
            else:
                actor = Actor(
                    span.text,
                    span.text,
                    f"{country}{entry.sector or 'GOV'}",
                    country,
                    entry.sector or "GOV",
                    rule=entry.rule,
                )
            out.append(ActorMention(span.start, span.end, actor, "title"))
        return out

    def _sector_mentions(
        self,
        doc: Doc,
        nationality: dict[int, str],
        taken: set[int],
        named: list[ActorMention],
    ) -> list[ActorMention]:
        out = []
        sectors = self.dictionary.sectors
        for token in doc:
            if token.i in taken or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            lemma = token.lemma_.lower()
            term = None
            if token.i > 0 and f"{doc[token.i - 1].lemma_.lower()} {lemma}" in sectors:
                term = sectors[f"{doc[token.i - 1].lemma_.lower()} {lemma}"]
            elif lemma in sectors:
                term = sectors[lemma]
            if term is None or (token.dep_ == "compound" and _is_sector_word(token.head, sectors)):
                continue  # "government forces": the head noun carries the actor
            country = _nationality_of(token, nationality)
            if not country and token.dep_ == "compound":
                country = _nationality_of(token.head, nationality)  # "Syrian army positions"
            state_word = any(c.lower_ in _STATE_WORDS for c in token.children)
            if term.plural_only and not country and not state_word:
                continue  # "forces" alone is too vague; "government forces" is not
            sector = term.sector
            if sector == "GOV" and any(c.lower_ in {"forces", "troops"} for c in [token]):
                sector = "MIL"
            if any(c.lower_ in _STATE_WORDS for c in token.children) and lemma in {
                "force",
                "troop",
                "fighter",
            }:
                sector = "MIL"
            owner = _owning_group(token, named)
            if owner is not None:
                out.append(
                    ActorMention(
                        token.i, token.i + 1, replace(owner.actor, text=token.text), "group", True
                    )
                )
                continue
            code = f"{country}{sector}" if country else sector
            actor = Actor(
                token.text,
                _np_text(token),
                code,
                country or None,
                sector,
                rule=f"sectors.tsv:{lemma}",
            )
            out.append(
                ActorMention(token.i, token.i + 1, actor, "sector", token.tag_ in {"NNS", "NNPS"})
            )
        return out


def _is_sector_word(token: Token, sectors: Mapping[str, object]) -> bool:
    return token.lemma_.lower() in sectors


def _owning_group(token: Token, named: list[ActorMention]) -> ActorMention | None:
    """'HTS fighters', 'Hezbollah militants': the sector noun is the group itself."""
    for child in token.children:
        if child.dep_ in {"compound", "nmod", "amod", "poss"}:
            for m in named:
                if m.start <= child.i < m.end and m.kind in {"group", "igo"}:
                    return m
    return None


def _nationality_of(token: Token, nationality: dict[int, str]) -> str | None:
    for child in token.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            if child.i in nationality:
                return nationality[child.i]
            for grand in child.children:
                if grand.dep_ in {"compound", "amod", "poss"} and grand.i in nationality:
                    return nationality[grand.i]
    return None


def _nationality_near(doc: Doc, span: Span, nationality: dict[int, str]) -> str | None:
    """'Turkish President', "Syria's foreign minister", 'the Russian defence minister'."""
    for i in range(span.start - 1, max(span.start - 4, -1), -1):
        if i in nationality:
            return nationality[i]
        if doc[i].pos_ in {"VERB", "ADP"} or doc[i].text in {",", ";"}:
            break
    return _nationality_of(span.root, nationality)


def _np_text(token: Token) -> str:
    words = [t.text for t in token.subtree if t.dep_ in {"amod", "compound", "poss"} or t == token]
    return " ".join(words) if len(words) <= 5 else token.text


def _choose_entry(entries: tuple[ActorEntry, ...], published: date | None) -> ActorEntry | None:
    """Among the entries an alias maps to, the one in force on the publication date."""
    people = [e for e in entries if e.kind == "leader"]
    if people:
        active = [e for e in people if e.active_on(published)]
        if active:
            return min(active, key=lambda e: _role_rank(e.role))
        if len(entries) == len(people):
            latest = max(people, key=lambda e: e.end or date.max)
            code = f"{latest.country}ELI" if latest.country else "ELI"
            return replace(latest, code=code, sector="ELI", rule=latest.rule + "+not-in-office")
    dated = [e for e in entries if e.kind == "group" and e.active_on(published)]
    if dated:
        return dated[0]
    others = [e for e in entries if e.kind not in {"leader", "group", "outlet", "title"}]
    if others:
        return others[0]
    groups = [e for e in entries if e.kind == "group"]
    return groups[0] if groups else None


def _role_rank(role: str | None) -> int:
    return _ROLE_PRIORITY.index(role) if role in _ROLE_PRIORITY else len(_ROLE_PRIORITY)
