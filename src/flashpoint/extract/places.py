"""Place mentions in an article, and where each event happened.

``find_places`` resolves every place name of an article against the offline gazetteer, using
the article as context (actors' countries, dateline, other places, stated parents).
``event_location`` picks, for one event trigger, the place its sentence attaches to it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from flashpoint.gazetteer import Candidate, Gazetteer, get_gazetteer, name_key
from flashpoint.gazetteer.resolve import Mention, resolve
from flashpoint.gazetteer.spans import (
    Dateline,
    NameSpan,
    admin_words,
    find_dateline,
    find_name_spans,
    not_place_keys,
    overlap_test,
    reads_as_place,
)
from flashpoint.model import Place
from flashpoint.nlp import TokenTable, doc_text, parse, token_table

# Verbs whose subject is a government, not a location ("Ankara said", "Moscow denied").
_STATEMENT_VERBS: frozenset[str] = frozenset(
    {"say", "announce", "accuse", "deny", "warn", "condemn", "urge", "demand", "call", "reject",
     "insist", "state", "claim", "threaten", "respond", "vow", "summon", "criticize", "criticise",
     "welcome", "agree", "sign", "refuse", "recall", "expel", "sanction", "decide", "approve",
     "tell", "propose", "offer", "ask", "blame", "confirm", "dismiss", "pledge"}
)  # fmt: skip
# Prepositions that place an event somewhere, and those that give an origin.
_AT_PREPS: frozenset[str] = frozenset(
    {"in", "at", "near", "on", "into", "outside", "inside", "around", "across", "over", "within",
     "throughout", "along", "of", "off", "onto", "upon"}
)  # fmt: skip
_NO_DATELINE = Dateline(0, 0, (0, 0), None)
_PLACE_SLOTS: frozenset[str] = frozenset({"dobj", "pobj", "nsubjpass", "conj", "appos"})
_ORIGIN_PREPS: frozenset[str] = frozenset({"from", "out"})
_DIRECT_DEPS: frozenset[str] = frozenset({"dobj", "nsubjpass", "nsubj", "attr", "npadvmod"})
# Nouns after a possessive name that make it an actor ("Moscow's decision"), and nouns that
# keep it a place ("Syria's north", "U.S. border town").
_AGENT_NOUNS: frozenset[str] = frozenset(
    {"decision", "position", "policy", "offer", "demand", "support", "army", "force", "troop",
     "government", "military", "ministry", "official", "leader", "envoy", "ambassador", "response",
     "plan", "proposal", "stance", "role", "claim", "accusation", "refusal", "approval", "move",
     "threat", "warning", "call", "request", "president", "minister", "leadership", "ally",
     "backing", "intervention", "involvement", "campaign", "war", "delegation", "regime",
     "administration", "navy", "diplomat", "spokesman", "spokeswoman", "parliament", "cabinet",
     "integrity", "sovereignty", "independence", "security", "interest", "membership", "bid"}
)  # fmt: skip
_AREA_NOUNS: frozenset[str] = frozenset(
    {"border", "city", "town", "village", "province", "region", "territory", "soil", "side",
     "coast", "capital", "north", "south", "east", "west", "countryside", "frontier", "area"}
)  # fmt: skip
_RUN_GLUE = frozenset({"-", "'", "’"})
_SPECIFICITY = {"point": 0.6, "admin2": 0.4, "admin1": 0.2, "country": 0.0}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One resolved place mention; offsets are character offsets in ``doc_text(doc)``."""

    text: str
    start: int
    end: int
    place: Place
    score: float  # resolution confidence 0..1


def _root(doc: Doc, start: int, end: int) -> Token | None:
    """The root token of the characters ``start:end``."""
    index = _root_index(doc, start, end)
    return doc[index] if index >= 0 else None


def _root_index(doc: Doc, start: int, end: int) -> int:
    """``_root`` by token index (-1 for none); each name is asked about again for every event
    of its article, so the answers are kept with the doc."""
    roots = doc.user_data.get("flashpoint_place_roots")
    if not isinstance(roots, dict):
        roots = doc.user_data["flashpoint_place_roots"] = {}
    index = roots.get((start, end))
    if index is None:
        span = doc.char_span(start, end, alignment_mode="expand")
        index = roots[(start, end)] = span.root.i if span is not None and len(span) else -1
    return int(index)


def _is_metonym(doc: Doc, name: NameSpan) -> bool:
    """'Ankara said', "Moscow's decision": the name stands for a government."""
    if name.admin_hint or name.in_dateline:
        return False
    root = _root(doc, name.start, name.end)
    if root is None:
        return False
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in _STATEMENT_VERBS:
        return True
    return root.dep_ == "poss" and root.head.lemma_.lower() in _AGENT_NOUNS


def _is_actor_use(doc: Doc, mention: PlaceMention) -> bool:
    """A country named as a doer or a modifier: 'Russia launched', 'U.S. strikes'."""
    if mention.place.precision != "country":
        return False
    root = _root(doc, mention.start, mention.end)
    if root is None or (find_dateline(doc_text(doc)) or _NO_DATELINE).end > mention.start:
        return False
    if root.dep_ in {"nsubj", "agent"}:
        return True
    return root.dep_ in {"compound", "amod", "nmod"} and root.head.lemma_.lower() not in _AREA_NOUNS


def _unmatched_runs(tokens: TokenTable, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of proper-noun tokens ("Bir al-Abed", "Ras al-Ain") no exact name covered, as token
    ranges."""
    texts, pos = tokens.text, tokens.pos
    size = len(texts)
    runs: list[tuple[int, int]] = []
    overlapping = overlap_test(taken)
    after = 0  # tokens before this belong to a run already read
    # A run starts on a capitalised proper noun and goes on over proper nouns and glue marks.
    for start in [i for i, tag in enumerate(pos) if tag == "PROPN" and texts[i][:1].isupper()]:
        if start < after:
            continue
        end = start + 1
        while end < size and (pos[end] == "PROPN" or texts[end] in _RUN_GLUE):
            end += 1
        after = end
        while end > start and not texts[end - 1][:1].isalpha():
            end -= 1
        if not overlapping(tokens.start[start], tokens.end_char(end - 1)):
            runs.append((start, end))
    return runs


def _fuzzy_spans(
    doc: Doc, found: Sequence[NameSpan], excluded: Sequence[tuple[int, int]]
) -> list[NameSpan]:
    """Names the exact index missed (odd transliterations): multi-word proper-noun runs, single
    words NER tags as places, and any run followed by 'province', 'governorate' ..."""
    text, tokens = doc_text(doc), token_table(doc)
    dateline = find_dateline(text)
    taken = [(s.start, s.end) for s in found] + list(excluded)
    taken += [(dateline.start, dateline.end)] if dateline else []
    spans = []
    for start, end in _unmatched_runs(tokens, taken):
        hint = end < len(tokens.lower) and tokens.lower[end] in admin_words()
        label = tokens.ent_type[start]
        if label in {"DATE", "TIME", "NORP", "ORG"} and not hint:
            continue
        if end - start < 2 and label not in {"GPE", "LOC"} and not hint:
            continue
        name = tokens.span_text(text, start, end)
        key = name_key(name)
        if key in not_place_keys() or not reads_as_place(doc, start, end, key, False, label):
            continue  # "Africa" is no town, though an old name of one is "Africa"
        start_char = tokens.start[start]
        end_char = tokens.end_char(end if hint else end - 1)
        spans.append(NameSpan(start_char, end_char, name, hint, False, False, label))
    return spans


def _demonyms(doc: Doc, gazetteer: Gazetteer) -> list[str]:
    """Countries named by demonyms in the text ("Syrian", "Azerbaijani"), first seen first."""
    found: list[str] = []
    tokens = token_table(doc)
    for text, entity, pos in zip(tokens.text, tokens.ent_type, tokens.pos, strict=True):
        if (entity == "NORP" or pos == "ADJ") and text[:1].isupper():
            country = gazetteer.demonym_country(text)
            if country and country not in found:
                found.append(country)
    return found


def _dateline_country(doc: Doc, gazetteer: Gazetteer) -> str | None:
    dateline = find_dateline(doc_text(doc))
    if dateline is None or dateline.region is None:
        return None
    candidates = gazetteer.lookup(doc_text(doc)[dateline.region[0] : dateline.region[1]])
    return candidates[0].country if candidates else None


# "Operation Spring Shield", "Operation Olive Branch": names of military operations are not
# places, however many towns share their words.
_OPERATION_NAME = re.compile(r"\bOperation\s+(?:[\"“']?[A-Z][\w'-]*[\"”']?\s?){1,4}")


def named_operation_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _OPERATION_NAME.finditer(text)]


def find_places(
    doc: Doc,
    *,
    excluded: Sequence[tuple[int, int]] = (),
    context_countries: Sequence[str] = (),
    gazetteer: Gazetteer | None = None,
) -> list[PlaceMention]:
    """Every place mention of the article ``doc``, resolved with the article as context.

    ``excluded``: character spans that are actors (metonyms); ``context_countries``: ISO3 codes
    of the article's actors, most relevant first.
    """
    gaz = gazetteer or get_gazetteer()
    excluded = [*excluded, *named_operation_spans(doc_text(doc))]
    exact = find_name_spans(doc, gaz, excluded)
    names = sorted(exact + _fuzzy_spans(doc, exact, excluded), key=lambda s: s.start)
    # "Malian soldiers": a demonym is never the place, even when a village shares the word
    names = [n for n in names if not _is_metonym(doc, n) and not gaz.demonym_country(n.text)]
    mentions = [_mention(doc, gaz, name, fuzzy=name not in exact) for name in names]
    mentions = [m for m in mentions if m.candidates]
    resolved = resolve(
        doc_text(doc), mentions, context_countries, _dateline_country(doc, gaz), _demonyms(doc, gaz)
    )
    results = []
    for mention, resolution in zip(mentions, resolved, strict=True):
        if resolution is None:
            continue
        c = resolution.candidate
        surface = doc_text(doc)[mention.start : mention.end]
        place = Place(surface, c.name, c.country, c.admin1, c.lat, c.lon, c.precision, c.geonameid)
        found = PlaceMention(surface, mention.start, mention.end, place, resolution.confidence)
        if not _is_actor_use(doc, found):
            results.append(found)
    return results


def _mention(doc: Doc, gaz: Gazetteer, name: NameSpan, *, fuzzy: bool) -> Mention:
    if fuzzy:
        found = gaz.fuzzy(name.text)
        if name.admin_hint:
            found = [c for c in found if c.precision in {"admin1", "admin2"}]
        primary: frozenset[Candidate] = frozenset()
    else:
        marked = gaz.lookup_marked(name.text)
        found = [c for c, _ in marked]
        primary = frozenset(c for c, is_primary in marked if is_primary)
    approximate: frozenset[Candidate] = frozenset()
    if not fuzzy and len(name.text.split()) > 1:
        # "Ras al-Ain" is exactly the name of towns in Morocco and Algeria, and nearly that of
        # the Syrian one: near spellings join the pool at a discount.
        extra = [c for c in gaz.fuzzy(name.text) if c not in found]
        approximate = frozenset(extra)
        found += extra
    root = _root(doc, name.start, name.end)
    needs_context = fuzzy or (name.entity in {"PERSON", "ORG"} and not name.place_preposition)
    return Mention(
        start=name.start,
        end=name.end,
        key=name_key(name.text),
        candidates=tuple(found),
        admin_hint=name.admin_hint,
        needs_context=needs_context,
        fuzzy=fuzzy,
        primary=primary,
        approximate=approximate,
        place_slot=root is not None and root.dep_ in _PLACE_SLOTS,
        after_preposition=name.place_preposition,
    )


# Trigger-to-place paths are walked for every trigger and place of a sentence: by token index
# in the table, with no ``Token`` built per step.


def _attachment(table: TokenTable, trigger: int, token: int) -> tuple[str | None, int]:
    """The preposition linking ``token`` to the trigger's clause, and the tree distance."""
    path = [token, *table.ancestors(token)]
    prep = next((table.lower[n] for n in path if table.dep[n] in {"prep", "agent"}), None)
    if trigger in path:
        return prep, path.index(trigger)
    trigger_path = [trigger, *table.ancestors(trigger)]
    common = next((n for n in path if n in trigger_path), None)
    if common is None:
        return prep, 20
    return prep, path.index(common) + trigger_path.index(common)


def _location_score(trigger: Token, mention: PlaceMention) -> float:
    root = _root_index(trigger.doc, mention.start, mention.end)
    if root < 0:
        return -10.0
    table = token_table(trigger.doc)
    prep, distance = _attachment(table, trigger.i, root)
    score = _SPECIFICITY[mention.place.precision] - 0.25 * distance
    if prep in _AT_PREPS or (table.head[root] == trigger.i and table.dep[root] in _DIRECT_DEPS):
        score += 3.0  # "in Saraqeb", or "shelled Saraqeb", "Saraqeb was captured"
    elif prep in _ORIGIN_PREPS:
        score -= 1.0  # "reinforcements from Hama": an origin, used only when nothing else fits
    elif prep in {"to", "toward", "towards"}:
        score += 1.0
    if _in_another_clause(table, root, trigger.i):
        score -= 4.0  # "..., while Kyiv said its forces struck a depot in Belgorod"
    if trigger.i in table.ancestors(root):
        score += 1.0
        if _in_sequenced_clause(table, root, trigger.i):
            score -= 5.0  # "killing 45, hours after Hamas fired rockets at Tel Aviv"
    return score + mention.score


def _in_another_clause(table: TokenTable, token: int, trigger: int) -> bool:
    """Is ``token`` inside a clause with a subject of its own that does not hold the trigger?"""
    trigger_path = {trigger, *table.ancestors(trigger)}
    current = token
    while current not in trigger_path and table.head[current] != current:
        if table.pos[current] in {"VERB", "AUX"} and any(
            table.dep[c] in {"nsubj", "nsubjpass"} for c in table.children[current]
        ):
            return True
        current = table.head[current]
    return False


_SEQUENCE_MARKS = frozenset({"after", "before", "since", "until", "while"})


def _in_sequenced_clause(table: TokenTable, token: int, trigger: int) -> bool:
    """Is ``token`` inside a clause placed before or after the trigger's event?"""
    dep, lower, head = table.dep, table.lower, table.head
    current = token
    while current != trigger and head[current] != current:
        if dep[current] == "advcl" and any(
            dep[c] in {"mark", "prep"} and lower[c] in _SEQUENCE_MARKS
            for c in table.children[current]
        ):
            return True
        current = head[current]
    return False


_BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})


def _border_partner(doc: Doc, mention: PlaceMention) -> bool:
    """Is the place named as the other side of a border ("the border with Bangladesh")?"""
    root = _root_index(doc, mention.start, mention.end)
    if root < 0:
        return False
    table = token_table(doc)
    prep = table.head[root]
    return (
        table.lower[prep] == "with"
        and table.dep[root] == "pobj"
        and table.lemma[table.head[prep]] in _BORDER_NOUNS
    )


def _contains_other(mention: PlaceMention, others: Sequence[PlaceMention]) -> float:
    """A penalty for a region or country when the sentence also names a place inside it."""
    place = mention.place
    for other in others:
        inner = other.place
        if other is mention or _SPECIFICITY[inner.precision] <= _SPECIFICITY[place.precision]:
            continue
        if inner.country == place.country and (
            place.precision == "country" or (inner.admin1 and inner.admin1 == place.admin1)
        ):
            return 3.5
    return 0.0


def event_location(
    sent: Span, trigger: Token, mentions: Sequence[PlaceMention], fallback: Place | None = None
) -> Place | None:
    """Where the event of ``trigger`` happened, among the place mentions inside ``sent``.

    Places tied to the trigger by "in/at/near/into/outside..." win over origins ("from Hama");
    the dateline city counts only when the sentence names nothing else.  With no place in the
    sentence the ``fallback`` (the article's place) is returned; a fallback *point* is widened to
    precision "admin2" (coordinates kept), meaning "in the vicinity of", as ACLED does.
    """
    dateline = find_dateline(doc_text(sent.doc))
    inside = [m for m in mentions if sent.start_char <= m.start and m.end <= sent.end_char]
    in_body = [m for m in inside if dateline is None or m.start >= dateline.end]
    # "on the border with Bangladesh", "its border with Belarus": the neighbour is not where
    candidates = [m for m in in_body or inside if not _border_partner(sent.doc, m)]
    if candidates:
        best = max(
            candidates,
            key=lambda m: _location_score(trigger, m) - _contains_other(m, candidates),
        )
        return best.place
    if fallback is None:
        return None
    return _vicinity(fallback) if fallback.precision == "point" else fallback


@lru_cache(maxsize=256)  # one article place for all its events
def _vicinity(point: Place) -> Place:
    """A point place widened to precision "admin2", its coordinates kept."""
    return replace(point, precision="admin2")


def article_place(doc: Doc, mentions: Sequence[PlaceMention]) -> Place | None:
    """The article's place: its dateline place, else the most mentioned specific place."""
    dateline = find_dateline(doc_text(doc))
    if dateline is not None:
        for mention in mentions:
            if mention.start < dateline.end and mention.place.precision != "country":
                return mention.place
    mentions = [m for m in mentions if not _border_partner(doc, m)]
    if not mentions:
        return None
    counts = Counter((m.place.name, m.place.country) for m in mentions)
    order = {"point": 0, "admin2": 1, "admin1": 2, "country": 3}
    best = min(
        mentions,
        key=lambda m: (order[m.place.precision] > 2, -counts[(m.place.name, m.place.country)],
                       order[m.place.precision], m.start),
    )  # fmt: skip
    return best.place


def geoparse(text: str) -> list[Place]:
    """Parse ``text`` and return its resolved place mentions (no actor context)."""
    return [mention.place for mention in find_places(parse(text))]
