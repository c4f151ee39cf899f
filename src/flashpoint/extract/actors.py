"""Actor resolution: who is named in an article, as CAMEO-style coded actors.

The stage finds every actor mention once per article (dictionary aliases, leaders by date, titles,
sector nouns with their nationality) and keeps them in an :class:`ActorIndex`, which the event
stage queries for the tokens that fill a role (subject, object, "by" agent...), including
pronouns and definite descriptions resolved to earlier mentions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from flashpoint.clean import dateline_spans
from flashpoint.extract.actor_dictionary import (
    ActorDictionary,
    ActorEntry,
    AliasMatch,
    get_actor_dictionary,
)
from flashpoint.extract.actor_index import (
    ActorIndex,
    ActorMention,
    nationality_of_token,
    noun_phrase_text,
)
from flashpoint.model import Actor
from flashpoint.nlp import doc_text

__all__ = ["ActorIndex", "ActorMention", "ActorResolver"]

# Heads that make a sector noun before them a mere modifier ("a government reshuffle").
_NOT_ACTOR_HEADS = frozenset(
    [
        "reshuffle",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "source",
        "statement",
        "decision",
        "policy",
        "plan",
        "budget",
        "bill",
        "order",
        "decree",
        "report",
        "figure",
        "data",
        "estimate",
        "minister",
        "ministry",
    ]
)
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
_STATE_WORDS = frozenset({"government", "regime", "state", "pro-government", "loyalist"})
_ROLE_PRIORITY = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "secretary_general",
)


def _is_locative(token: Token) -> bool:
    """A country or capital token used as a place ("in Ankara", "Syria's Idlib province")."""
    head = token
    while head.dep_ in {"compound", "flat", "appos"} and head.head is not head:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE_PREPS:
        # "a warning from Pyongyang", "a call from Washington": the source of a statement
        return not (head.head.lower_ == "from" and head.head.head.pos_ == "NOUN")
    return head.dep_ in {"npadvmod"} or (head.dep_ == "compound" and head.head.ent_type_ == "GPE")


_NAME_PARTICLES = frozenset(
    {
        "da",
        "de",
        "do",
        "dos",
        "das",
        "al",
        "el",
        "la",
        "le",
        "du",
        "di",
        "del",
        "van",
        "von",
        "bin",
        "ibn",
        "abu",
    }
)


# Verbs whose object is a place when it is a city: "Russian missiles struck Kyiv".
_PLACE_VERBS = frozenset(
    [
        "attack",
        "shell",
        "strike",
        "hit",
        "bomb",
        "pound",
        "target",
        "capture",
        "seize",
        "take",
        "recapture",
        "retake",
        "liberate",
        "overrun",
        "storm",
        "besiege",
        "encircle",
        "surround",
        "enter",
        "reach",
        "visit",
        "leave",
        "flee",
        "evacuate",
        "bombard",
        "raid",
        "shoot",
    ]
)


def _is_place_object(token: Token) -> bool:
    return token.dep_ == "dobj" and token.head.lemma_.lower() in _PLACE_VERBS


def _inside_longer_name(doc: Doc, span: Span) -> bool:
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    if before.lower_ in _NAME_PARTICLES and span.start >= 2 and doc[span.start - 2].is_title:
        return True
    return (
        before.pos_ == "PROPN"
        and before.is_title
        and before.dep_ in {"compound", "flat"}
        and (before.head.i in range(span.start, span.end))
        and before.ent_type_ not in {"NORP"}
        and not before.is_sent_start
    )


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
        territory: dict[int, str] = {}  # token index → ISO3 of a country named as a place
        titles: list[tuple[Span, AliasMatch]] = []
        datelines = dateline_spans(doc_text(doc))
        matches = self.dictionary.scan(doc_text(doc))
        named = _countries_named(matches)
        for match in matches:
            match = replace(match, entries=self.dictionary.disambiguate(match, named))
            if not match.entries:
                continue
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
            mention = self._entry_mention(doc, span, match, published, nationality, territory)
            if mention is not None:
                mentions.append(mention)
        mentions.extend(self._title_mentions(doc, titles, published, nationality, mentions))
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions.extend(self._sector_mentions(doc, nationality, taken, mentions))
        return ActorIndex(doc, mentions, outlet_tokens, nationality, territory)

    def _entry_mention(
        self,
        doc: Doc,
        span: Span,
        match: AliasMatch,
        published: date | None,
        nationality: dict[int, str],
        territory: dict[int, str],
    ) -> ActorMention | None:
        entry = _choose_entry(match.entries, published)
        if entry is None:
            return None
        root = span.root
        if entry.kind in {"demonym", "country", "capital"} and _affiliation_follows(doc, span.end):
            return None
        if entry.kind in {"country", "capital", "metonym"} and _inside_longer_name(doc, span):
            return None  # "Mocimboa da Praia" is a Mozambican town, not Cape Verde's capital
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
            if _is_locative(root) or (entry.kind == "capital" and _is_place_object(root)):
                if entry.kind == "capital":  # "the defence ministry in Ankara" is Turkish
                    nationality[root.i] = entry.country or ""
                territory[root.i] = entry.country or ""
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
            if token.dep_ in {"compound", "appos", "amod"} and token.head.i in taken:
                continue  # "President" in "President Joe Biden" is part of the named actor
            lemma = token.lemma_.lower()
            term = None
            if token.i > 0 and f"{doc[token.i - 1].lemma_.lower()} {lemma}" in sectors:
                term = sectors[f"{doc[token.i - 1].lemma_.lower()} {lemma}"]
            elif lemma in sectors:
                term = sectors[lemma]
            if term is None or (token.dep_ == "compound" and _is_sector_word(token.head, sectors)):
                continue  # "government forces": the head noun carries the actor
            if token.dep_ == "compound" and token.head.lemma_.lower() in _NOT_ACTOR_HEADS:
                continue  # "a government reshuffle", "army chief": not an actor of its own
            if token.dep_ == "pobj" and token.head.lower_ == "as":
                continue  # "sworn in as president": a role, not a participant
            country = nationality_of_token(token, nationality)
            if not country and token.dep_ == "compound":
                country = nationality_of_token(token.head, nationality)  # "Syrian army positions"
            state_word = any(c.lower_ in _STATE_WORDS for c in token.children)
            if term.plural_only and token.tag_ not in {"NNS", "NNPS"}:
                continue
            if term.needs_owner and not country and not state_word:
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
                noun_phrase_text(token),
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


def _nationality_near(doc: Doc, span: Span, nationality: dict[int, str]) -> str | None:
    """'Turkish President', "Syria's foreign minister", 'the Russian defence minister'."""
    for i in range(span.start - 1, max(span.start - 4, -1), -1):
        if i in nationality:
            return nationality[i]
        if doc[i].pos_ in {"VERB", "ADP"} or doc[i].text in {",", ";"}:
            break
    return nationality_of_token(span.root, nationality)


def _countries_named(matches: list[AliasMatch]) -> set[str]:
    """Countries the article names unambiguously (by name, demonym, capital or leader)."""
    named: set[str] = set()
    for m in matches:
        countries = {e.country for e in m.entries if e.kind != "outlet"}
        if len(countries) == 1 and None not in countries:
            named.update(c for c in countries if c)
    return named


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
