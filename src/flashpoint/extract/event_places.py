"""Where each event happened, and the article's own place.

``event_location`` picks, for one event trigger, the place its sentence attaches to it: places
tied to the trigger by a preposition of location win over origins, a place inside another
clause with a subject of its own belongs to that clause's event, the country across a border
is not where.  ``article_place`` is the fallback for sentences that name no place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from flashpoint.extract.parse_paths import crosses_clause
from flashpoint.extract.places import PlaceMention, root_index
from flashpoint.gazetteer.spans import find_dateline
from flashpoint.model import Place
from flashpoint.nlp import TokenTable, doc_text, token_table

# Prepositions that place an event somewhere, and those that give an origin.
_AT_PREPS: frozenset[str] = frozenset(
    {"in", "at", "near", "on", "into", "outside", "inside", "around", "across", "over", "within",
     "throughout", "along", "of", "off", "onto", "upon"}
)  # fmt: skip
_ORIGIN_PREPS: frozenset[str] = frozenset({"from", "out"})
_DIRECT_DEPS: frozenset[str] = frozenset({"dobj", "nsubjpass", "nsubj", "attr", "npadvmod"})
_SPECIFICITY = {"point": 0.6, "admin2": 0.4, "admin1": 0.2, "country": 0.0}


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
    root = root_index(trigger.doc, mention.start, mention.end)
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
    return crosses_clause(table, token, {trigger, *table.ancestors(trigger)})


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
    root = root_index(doc, mention.start, mention.end)
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
