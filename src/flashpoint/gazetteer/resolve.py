"""Choose, for each place name in an article, the gazetteer entry the writer meant.

Each candidate gets a prior (kind of entry, population, capital or regional seat) plus context
bonuses: the countries of the article's actors, the dateline, the countries of the article's
other places, and a parent stated in the text ("Ariha, in Idlib province", "Sarmin, Idlib").
Two passes: the second sees the countries the first pass settled on.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from flashpoint.gazetteer.index import Candidate
from flashpoint.gazetteer.normalise import name_key

_PARENT_GAP = re.compile(
    r"^\s*(?:,\s*(?:in|inside)?\s*|\s+in\s+)(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)(?:ern)?\s+)?(?:(?:province|region|state)\s+of\s+)?$"
)
# "Iraq's Kurdistan region", "Russia's Kursk region": the possessor is the parent.
_POSSESSIVE_GAP = re.compile(r"^['’]s\s+(?:(?:the|northern|southern|eastern|western)\s+)?$")
_CONTEXT_WEIGHTS = (2.5, 2.0, 1.5)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name span with its gazetteer candidates, as the resolver sees it."""

    start: int
    end: int
    key: str
    candidates: tuple[Candidate, ...]
    admin_hint: bool = False
    needs_context: bool = False  # tagged PERSON/ORG by NER: keep only if context supports it
    fuzzy: bool = False
    primary: frozenset[Candidate] = frozenset()  # candidates whose main name this is
    approximate: frozenset[Candidate] = frozenset()  # near spellings, not exact matches
    place_slot: bool = False  # object of a verb or preposition, where places usually stand
    after_preposition: bool = False  # "in X", "near the town of X"


@dataclass(frozen=True, slots=True)
class Resolution:
    candidate: Candidate
    confidence: float


def filter_by_kind(
    candidates: Sequence[Candidate], admin_hint: bool, is_parent: bool = False
) -> list[Candidate]:
    """'Idlib province' keeps regions; bare 'Idlib' drops a region whose seat shares its name;
    a stated parent ('Sarmin, Idlib') drops the seat and keeps the region."""
    if admin_hint:
        regions = [c for c in candidates if c.precision in {"admin1", "admin2"}]
        return regions or list(candidates)
    if is_parent:
        wider = {(c.country, name_key(c.name)) for c in candidates if c.precision != "point"}
        return [
            c
            for c in candidates
            if not (c.precision == "point" and (c.country, name_key(c.name)) in wider)
        ]
    seats = {(c.country, name_key(c.name)) for c in candidates if c.precision == "point"}
    return [
        c
        for c in candidates
        if not (c.precision == "admin1" and (c.country, name_key(c.name)) in seats)
    ]


# RGN: regions news copy names that GeoNames lacks (extra_places.tsv), listed because the
# news means them ("Gaza" is the Strip far more often than Mozambique's province).
_FEATURE_PRIOR = {"PPLC": 1.0, "PPLA": 0.5, "RGN": 0.5}
_PRECISION_PRIOR = {"country": 3.0, "admin1": 0.4}


def prior(candidate: Candidate, mention: Mention | None = None) -> float:
    score = 0.5 * math.log10(candidate.population + 1)
    if mention is not None:
        # (an empty set is not hashed against: a candidate's hash is computed field by field)
        score += 0.6 if mention.primary and candidate in mention.primary else 0.0
        score -= 1.0 if mention.approximate and candidate in mention.approximate else 0.0
    score += _FEATURE_PRIOR.get(candidate.feature, 0.0)
    score += _PRECISION_PRIOR.get(candidate.precision, 0.0)
    return score


def _country_bonus(
    candidate: Candidate, actors: Sequence[str], dateline: str | None, article: Counter[str]
) -> float:
    bonus = 0.0
    if candidate.country in actors:
        rank = list(actors).index(candidate.country)
        bonus += _CONTEXT_WEIGHTS[min(rank, len(_CONTEXT_WEIGHTS) - 1)]
    if dateline is not None and candidate.country == dateline:
        bonus += 2.0
    others = article.get(candidate.country, 0)
    if others:
        bonus += min(1.5 + 0.3 * (others - 1), 2.5)
    return bonus


def _parent_bonus(candidate: Candidate, parent: Candidate | None) -> float:
    if parent is None or candidate.precision == "country":
        return 0.0
    if parent.country != candidate.country:
        return -1.0
    if parent.precision == "country":
        return 2.0
    if parent.admin1 and candidate.admin1 and name_key(parent.admin1) == name_key(candidate.admin1):
        return 4.0
    return 1.0


def _child_bonus(candidate: Candidate, child_pool: Sequence[Candidate]) -> float:
    """A parent reading that contains one of its child's readings ('Atlanta, Georgia')."""
    if candidate.precision in {"country", "point"}:
        return 2.0 if any(c.country == candidate.country for c in child_pool) else 0.0
    region = name_key(candidate.name)
    inside = any(
        c.country == candidate.country and c.admin1 is not None and name_key(c.admin1) == region
        for c in child_pool
    )
    return 4.0 if inside else 0.0


def _parents(text: str, mentions: Sequence[Mention]) -> list[int | None]:
    """Index of the mention that states each mention's parent region, if any."""
    parents: list[int | None] = [None] * len(mentions)
    for i in range(len(mentions) - 1):
        gap = text[mentions[i].end : mentions[i + 1].start]
        if _PARENT_GAP.match(gap):
            parents[i] = i + 1
        elif _POSSESSIVE_GAP.match(gap):
            parents[i + 1] = i
    return parents


def _confidence(scores: list[float], fuzzy: bool) -> float:
    ordered = sorted(scores, reverse=True)
    margin = ordered[0] - ordered[1] if len(ordered) > 1 else 4.0
    value = 0.5 + 0.5 * (1 - math.exp(-margin))
    return round(value * (0.85 if fuzzy else 1.0), 3)


def resolve(
    text: str,
    mentions: Sequence[Mention],
    actor_countries: Sequence[str] = (),
    dateline_country: str | None = None,
    hinted_countries: Sequence[str] = (),
) -> list[Resolution | None]:
    """The chosen candidate for each mention (None when context does not support it).

    ``hinted_countries`` are weaker clues than actors: demonyms in the text ("Syrian troops").
    """
    parents = _parents(text, mentions)
    children = {p: i for i, p in enumerate(parents) if p is not None and p > i}
    pools = [
        filter_by_kind(m.candidates, m.admin_hint, i in children) for i, m in enumerate(mentions)
    ]
    chosen: list[Candidate | None] = [pool[0] if pool else None for pool in pools]
    ranked: list[list[tuple[float, Candidate]]] = [[] for _ in mentions]
    for _ in range(2):
        # Names NER took for persons or organisations give no context until they are confirmed.
        settled = Counter(
            c.country for c, m in zip(chosen, mentions, strict=True) if c and not m.needs_context
        )
        for i, (mention, pool) in enumerate(zip(mentions, pools, strict=True)):
            if not pool:
                continue
            own = chosen[i]
            article = settled.copy()
            if own is not None and not mention.needs_context:
                article[own.country] -= 1
            parent_index = parents[i]
            parent = chosen[parent_index] if parent_index is not None else None
            scored = [
                (
                    prior(c, mention)
                    + _country_bonus(c, actor_countries, dateline_country, article)
                    + (1.0 if c.country in hinted_countries else 0.0)
                    + _parent_bonus(c, parent)
                    + (_child_bonus(c, pools[children[i]]) if i in children else 0.0),
                    c,
                )
                for c in pool
            ]
            ranked[i] = sorted(scored, key=lambda item: -item[0])
            chosen[i] = ranked[i][0][1]
    clues = _Clues(tuple(actor_countries), dateline_country, frozenset(hinted_countries))
    return _believable(mentions, parents, ranked, clues)


def _believable(
    mentions: Sequence[Mention],
    parents: Sequence[int | None],
    ranked: Sequence[Sequence[tuple[float, Candidate]]],
    clues: _Clues,
) -> list[Resolution | None]:
    """For each mention the best-scoring reading that is believable in this article.

    Confirmed places feed the context of the others, so this runs until nothing changes.
    """
    kept: list[Candidate | None] = [None] * len(mentions)
    for _ in range(3):
        context = _Context(clues, mentions, kept)
        previous = list(kept)
        for i, mention in enumerate(mentions):
            parent_index = parents[i]
            parent = kept[parent_index] if parent_index is not None else None
            placed = context.places_countries(i)  # the same for every reading of mention i
            kept[i] = next(
                (c for _, c in ranked[i] if context.keeps(c, mention, parent, placed)), None
            )
        if kept == previous:
            break
    results: list[Resolution | None] = []
    for i, candidate in enumerate(kept):
        if candidate is None:
            results.append(None)
            continue
        own = next(score for score, c in ranked[i] if c == candidate)
        rest = [score for score, c in ranked[i] if c != candidate]
        results.append(Resolution(candidate, _confidence([own, *rest], mentions[i].fuzzy)))
    return results


@dataclass(frozen=True, slots=True)
class _Clues:
    actors: tuple[str, ...]
    dateline: str | None
    # Demonyms support a reading but never count against one: "Russian forces struck Kupiansk".
    hinted: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Context:
    clues: _Clues
    mentions: Sequence[Mention]
    chosen: Sequence[Candidate | None]  # the readings kept so far

    def places_countries(self, skip: int) -> set[str]:
        """Countries of the dateline and of the other places kept so far."""
        dateline = self.clues.dateline
        countries = {dateline} if dateline else set()
        for i, candidate in enumerate(self.chosen):
            if candidate is not None and i != skip:
                countries.add(candidate.country)
        return countries

    def keeps(
        self, candidate: Candidate, mention: Mention, parent: Candidate | None, placed: set[str]
    ) -> bool:
        """Whether a reading is believable as a place in this article, ``placed`` being
        ``places_countries`` of the mention."""
        if candidate.precision == "country":
            return True  # country names are seldom anything else; metonyms are filtered earlier
        if parent is not None and _parent_bonus(candidate, parent) >= 2.0:
            return True  # "Jermuk, inside Armenia"
        # Only places count against a reading: actors and demonyms name attackers from abroad
        # as often as locals ("Russian jets pounded Maaret al-Noman").
        in_context = candidate.country in placed or candidate.country in self.clues.hinted
        in_context = in_context or candidate.country in self.clues.actors
        weak = candidate.population < 50_000 and candidate not in mention.primary
        if weak and placed and not in_context:
            return False  # an alternate name of a small place far from the story ("Cite")
        if placed and not in_context and candidate.population < 10_000:
            return mention.after_preposition  # "the Westgate mall" in a Kenya story
        if not (mention.needs_context or candidate in mention.approximate):
            return True
        # A lone word tagged PERSON ("Erdogan") is a surname far more often than a village.
        several_words = len(mention.key.split()) > 1
        notable = several_words or candidate.population >= 10_000
        if in_context and (several_words or candidate.population >= 1000):
            return True
        if candidate in mention.approximate:
            return False  # a near spelling of a name that exactly names somewhere else
        # NER often tags big cities PERSON ("striking Homs"); those are rarely surnames in news.
        if candidate.population >= 100_000 and not mention.fuzzy:
            return True
        if mention.fuzzy and not in_context and (placed or self.clues.hinted or self.clues.actors):
            return False  # "Bunagana" is not "Perbaungan" in Sumatra in a Congo story

        # "captured Saraqeb": a name in a place slot with one clearly dominant reading.
        others = [c.population for c in mention.candidates if c.country != candidate.country]
        dominant = all(10 * p <= candidate.population for p in others)
        return mention.place_slot and dominant and notable
