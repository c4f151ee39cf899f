"""Place mentions in an article.

``find_places`` resolves every place name of an article against the offline gazetteer, using
the article as context (actors' countries, dateline, other places, stated parents).
Where each event happened is read in ``event_places``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

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
_NO_DATELINE = Dateline(0, 0, (0, 0), None)
_PLACE_SLOTS: frozenset[str] = frozenset({"dobj", "pobj", "nsubjpass", "conj", "appos"})
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
    index = root_index(doc, start, end)
    return doc[index] if index >= 0 else None


def root_index(doc: Doc, start: int, end: int) -> int:
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
        if not _is_actor_use(doc, found) and not _is_person_held(doc, found):
            results.append(found)
    return results


# Verbs whose object is always a person: "arrested Castillo" names no town El Castillo.
_PERSON_VERBS = frozenset(
    {"arrest", "detain", "kidnap", "abduct", "jail", "imprison", "sentence", "execute", "hang",
     "pardon", "extradite", "interrogate", "indict", "convict", "assassinate", "behead"}
)  # fmt: skip


def _is_person_held(doc: Doc, mention: PlaceMention) -> bool:
    root = _root(doc, mention.start, mention.end)
    if root is None or root.dep_ not in {"dobj", "nsubjpass"}:
        return False
    return root.head.lemma_.lower() in _PERSON_VERBS


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


def geoparse(text: str) -> list[Place]:
    """Parse ``text`` and return its resolved place mentions (no actor context)."""
    return [mention.place for mention in find_places(parse(text))]
