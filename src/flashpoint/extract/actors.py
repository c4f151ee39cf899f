"""Actor resolution: who is named in an article, as CAMEO-style coded actors.

The stage finds every actor mention once per article (dictionary aliases, leaders by date, titles,
sector nouns with their nationality) and keeps them in an :class:`ActorIndex`, which the event
stage queries for the tokens that fill a role (subject, object, "by" agent...), including
pronouns and definite descriptions resolved to earlier mentions.
"""

from __future__ import annotations

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
from flashpoint.extract.actor_index import ActorIndex, ActorMention, nationality_of_token
from flashpoint.extract.actor_partitives import recode_partitives
from flashpoint.extract.actor_sectors import sector_mentions
from flashpoint.extract.actor_usage import (
    Words,
    affiliation_suffix,
    after_allegiance_prefix,
    after_share_of,
    inside_longer_name,
    is_locative,
    is_office,
    is_place_object,
    is_predicate,
    is_quoted_name,
    runs_into_other_name,
    title_owned,
)
from flashpoint.extract.lexicon import get_lexicon
from flashpoint.extract.triggers import match_trigger
from flashpoint.model import Actor
from flashpoint.nlp import doc_text

__all__ = ["ActorIndex", "ActorMention", "ActorResolver"]

_ROLE_PRIORITY = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "secretary_general",
)


def _not_an_actor(doc: Doc, span: Span, entry: ActorEntry, words: Words) -> bool:
    """Matches that name no actor where they stand."""
    suffix = affiliation_suffix(doc, span.end, words)
    # "Turkish-backed rebels", "Al-Qaeda-linked JNIM"; but "a Hamas-led raid" is Hamas's
    if suffix is not None and (entry.kind in {"demonym", "country", "capital"} or suffix != "led"):
        return True
    if entry.kind in {"country", "capital", "metonym"} and inside_longer_name(doc, span, words):
        return True  # "Mocimboa da Praia" is a Mozambican town, not Cape Verde's capital
    if entry.kind == "leader" and runs_into_other_name(doc, span):
        return True  # "Qassem Soleimani" is not Naim Qassem
    if after_allegiance_prefix(doc, span, words):
        return True  # "pro-Russian separatists", "pro-EU demonstrators", "anti-Putin protests"
    if entry.kind == "metonym" and is_office(span.root, words):
        return True  # "run for the White House"
    return entry.kind in {"country", "capital"} and is_quoted_name(span.root, words)


def _people_sector(token: Token, dictionary: ActorDictionary) -> str:
    """Civilians, unless a sector adjective says otherwise ("displaced Lebanese" are REF)."""
    for child in token.children:
        if child.dep_ != "amod":
            continue
        term = dictionary.sectors.get(child.lower_) or dictionary.sectors.get(child.lemma_.lower())
        if term is not None:
            return term.sector
    return "CVL"


def _names_people(token: Token, surface: str) -> bool:
    """A demonym used as a noun for the people themselves ("Afghans", "Turks", "the Sudanese")."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ in {"compound", "amod"}:
        return False
    # "the Sudanese" heading a phrase of its own is people, whatever its tag
    heads_phrase = token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}
    return token.tag_ in {"NNS", "NNPS"} or surface.endswith("s") or heads_phrase


def _act_sector(noun: Token) -> str | None:
    """MIL when the noun is a means or act of force ("strike", "drones", "invasion"), as the
    event stage reads a nationality on it; None for other acts ("a U.S. proposal")."""
    lexicon = get_lexicon()
    lemma = noun.lemma_.lower()
    cues = {cue.event_type for cue in lexicon.modes.get(lemma, [])}
    row = match_trigger(noun, lexicon)
    if row is not None:
        cues.add(row.event_type)
    forceful = {"ASSAULT", "MOBILIZE", "COERCE", "RETREAT"}
    if cues & forceful or lemma in lexicon.object_classes.get("weapon", frozenset()):
        return "MIL"
    if any(c.dep_ in {"amod", "compound"} and c.lower_ == "military" for c in noun.children):
        return "MIL"  # "Myanmar's military operation", "China's military build-up"
    return None  # "Azerbaijan's peace proposal" is the state's, not its army's


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
            entries = self.dictionary.disambiguate(match, named)
            if entries is not match.entries:  # most aliases have no rule: the match as it is
                match = replace(match, entries=entries)
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
            titled = _title_before(doc_text(doc), titles, match)
            mention = self._entry_mention(
                doc, span, match, published, nationality, territory, titled
            )
            if mention is not None:
                mentions.append(mention)
        mentions.extend(self._title_mentions(doc, titles, published, nationality, mentions))
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions.extend(sector_mentions(doc, self.dictionary, nationality, taken, mentions))
        mentions = recode_partitives(doc, sorted(mentions, key=lambda m: m.start))
        return ActorIndex(doc, mentions, outlet_tokens, nationality, territory)

    def _entry_mention(
        self,
        doc: Doc,
        span: Span,
        match: AliasMatch,
        published: date | None,
        nationality: dict[int, str],
        territory: dict[int, str],
        titled: str | None = None,
    ) -> ActorMention | None:
        entry = _choose_entry(match.entries, published, titled)
        if entry is None:
            return None
        root = span.root
        words = self.dictionary.context_words
        if _not_an_actor(doc, span, entry, words):
            return None
        if entry.kind == "demonym":
            if _names_people(root, match.text):  # "Afghans", "displaced Lebanese"
                sector = _people_sector(root, self.dictionary)
                code = f"{entry.country}{sector}"
                actor = Actor(match.text, entry.name, code, entry.country, sector, rule=entry.rule)
                return ActorMention(span.start, span.end, actor, "demonym", plural=True)
            for i in range(span.start, span.end):
                nationality[i] = entry.country or ""
            return self._modifier_mention(span, entry, match.text)
        if entry.kind == "metonym" and (
            is_locative(root, words) or is_place_object(root, words, capital=True)
        ):
            return None  # "talks at the Kremlin", "hit the Pentagon": the building
        if entry.kind in {"country", "capital"}:
            if root.dep_ == "poss" or (
                root.dep_ in {"compound", "amod", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"}
            ):
                for i in range(span.start, span.end):
                    nationality[i] = entry.country or ""
                return self._modifier_mention(span, entry, match.text)
            title = title_owned(root, self.dictionary.title_heads)
            if title is not None:  # "the president of the United States": his country
                nationality[title.i] = entry.country or ""
                return None
            place_object = is_place_object(root, words, capital=entry.kind == "capital")
            if is_locative(root, words) or place_object or after_share_of(doc, span.start, words):
                if entry.kind == "capital":  # "the defence ministry in Ankara" is Turkish
                    nationality[root.i] = entry.country or ""
                territory[root.i] = entry.country or ""
                return None
        name = entry.name
        actor = Actor(
            match.text, name, entry.code, entry.country, entry.sector, entry.org, entry.rule
        )
        holder = _leaving_holder(match.entries, published) if entry.kind == "leader" else None
        acting = None
        if holder is not None:  # "Sheikh Hasina resigned on Monday": she did it in office
            acting = Actor(
                match.text,
                holder.name,
                holder.code,
                holder.country,
                holder.sector,
                holder.org,
                holder.rule + "+last-day",
            )
        return ActorMention(span.start, span.end, actor, entry.kind, acting=acting)

    def _modifier_mention(self, span: Span, entry: ActorEntry, text: str) -> ActorMention | None:
        """A country that owns or performs what its noun names is an actor of its own:
        "Russia's invasion", "Finland's bid", "an Israeli strike", "a U.S. proposal".  Not
        before a place ("Syria's Idlib province"), a person or title ("Turkey's President"),
        a sector noun ("Syrian soldiers") or an attacked facility ("Iran's nuclear sites"),
        where the noun itself carries the actor or the country is only a location."""
        root, head = span.root, span.root.head
        if not entry.country or head.pos_ != "NOUN" or head.ent_type_:
            return None
        if entry.kind == "capital" and root.dep_ != "poss":
            return None  # "the Paris attacks", "a Vilnius summit": the city is where
        if not self._acting_noun(head):
            return None
        # a state's act of force is its army's; any other act ("South Korea's offer",
        # "Finland's bid") is its government's
        sector = "GOV" if entry.kind == "capital" else (_act_sector(head) or "GOV")
        code = f"{entry.country}{sector or ''}"
        actor = Actor(text, entry.name, code, entry.country, sector, rule=entry.rule + "+modifier")
        return ActorMention(span.start, span.end, actor, "demonym")

    def _acting_noun(self, head: Token) -> bool:
        d = self.dictionary
        lemma = head.lemma_.lower()
        prev = head.doc[head.i - 1].lemma_.lower() if head.i > 0 else ""
        if (
            lemma in d.sectors
            or f"{prev} {lemma}" in d.sectors
            or lemma in d.facilities
            or f"{prev} {lemma}" in d.facilities
            or lemma in d.title_heads
            or lemma in d.context_words["place_noun"]
        ):
            return False
        return lemma in d.context_words["act_noun"] or _act_sector(head) is not None

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
            # "President Recep Tayyip Erdogan": the name that follows resolves it already (but
            # "the pope met Zelensky" names another person after the verb)
            if any(
                s in named_starts and all(t.pos_ == "PROPN" for t in doc[span.end : s])
                for s in range(span.end, min(span.end + 4, len(doc)))
            ):
                continue
            if is_predicate(span.root):
                continue  # "sworn in as Congo's president": what he became, not a second actor
            near = _nationality_near(doc, span, nationality)
            # "the Iranian president": a country's own reading of a title beats the generic one
            entry = next((e for e in match.entries if e.country and e.country == near), None)
            entry = entry or match.entries[0]
            country = entry.country or near
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


def _nationality_near(doc: Doc, span: Span, nationality: dict[int, str]) -> str | None:
    """'Turkish President', "Syria's foreign minister", 'the Russian defence minister'."""
    for i in range(span.start - 1, max(span.start - 4, -1), -1):
        if i in nationality:
            return nationality[i]
        if doc[i].pos_ in {"VERB", "ADP"} or doc[i].text in {",", ";"}:
            break
    return nationality_of_token(span.root, nationality)


_PAST_OFFICE = frozenset({"former", "ex-", "ex", "deposed", "ousted", "toppled", "late", "then"})


def _title_before(text: str, titles: list[tuple[Span, AliasMatch]], name: AliasMatch) -> str | None:
    """The office of a title written right before a name ('Foreign Minister Abbas Araqchi'),
    unless it is a former one."""
    if not titles or name.start < titles[-1][1].end:
        return None
    title = titles[-1][1]
    between = text[title.end : name.start].split()  # a first name our alias leaves out
    if len(between) > 2 or not all(w[:1].isupper() for w in between):
        return None
    # "former U.S. Secretary of State Hillary Clinton": past the country, a past office
    words = text[max(0, title.start - 40) : title.start].split()
    while words and words[-1][:1].isupper() and words[-1].lower() not in _PAST_OFFICE:
        words.pop()
    if words and words[-1].lower() in _PAST_OFFICE:
        return None
    return next((e.role for e in title.entries if e.role), None)


def _countries_named(matches: list[AliasMatch]) -> set[str]:
    """Countries the article names unambiguously (by name, demonym, capital or leader)."""
    named: set[str] = set()
    for m in matches:
        countries = {e.country for e in m.entries if e.kind != "outlet"}
        if len(countries) == 1 and None not in countries:
            named.update(c for c in countries if c)
    return named


def _choose_entry(
    entries: tuple[ActorEntry, ...], published: date | None, titled: str | None = None
) -> ActorEntry | None:
    """Among the entries an alias maps to, the one in force on the publication date, or the
    office the text gives the person when our list has it start only later ("Prime Minister
    Keir Starmer" in a report dated before his holding begins: the report knows better)."""
    people = [e for e in entries if e.kind == "leader"]
    if people:
        active = [e for e in people if e.active_on(published)]
        if active:
            return min(active, key=lambda e: _role_rank(e.role))
        # only an office our list starts later: an ousted "President Bazoum" stays out of it
        later = [e for e in people if published and e.start and e.start > published]
        held = [e for e in later if titled and e.role == titled]
        if held:
            return max(held, key=lambda e: e.start or date.min)
        if len(entries) == len(people):
            latest = max(people, key=lambda e: e.end or date.max)
            if latest.org and latest.sector not in {"GOV", "IGO"}:
                return latest  # a dead or jailed rebel leader still stands for his group
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


def _leaving_holder(entries: tuple[ActorEntry, ...], published: date | None) -> ActorEntry | None:
    """A holding that ended on the report's day or the day before: the person is former now,
    but the acts the report tells of (resigning, being detained in the coup) were the
    office holder's."""
    people = [e for e in entries if e.kind == "leader"]
    if any(e.active_on(published) for e in people):
        return None
    leaving = [e for e in people if e.active_on(published, last_day=True)]
    return min(leaving, key=lambda e: _role_rank(e.role)) if leaving else None


def _role_rank(role: str | None) -> int:
    return _ROLE_PRIORITY.index(role) if role in _ROLE_PRIORITY else len(_ROLE_PRIORITY)
