"""Confidence that an extracted record is a real, specific event coded correctly.

A small additive score over evidence the other stages already computed.  The weights live in
``resources/scoring/confidence.tsv`` so that calibration (issue: precision at 0.5 ≥ 0.85) is a
data change, not a code change.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from flashpoint.extract.casualty_amounts import casualty_words
from flashpoint.extract.parse_paths import to_infinitive
from flashpoint.model import Event, ResolvedDate
from flashpoint.nlp import doc_text, token_table
from flashpoint.resources import read_tsv

# Background that is older than this is history, not news ("the war, which began in 2011").
_HISTORY_DAYS = 45
_BACKGROUND_TOLL = 1000
_FORCEFUL_TYPES = frozenset({"ASSAULT", "MOBILIZE", "COERCE"})
_UNARMED_SECTORS = frozenset({"CVL", "REF", "JRN", "MED"})
_ARMED_SECTORS = frozenset({"MIL", "REB", "UAF"})
_REFUSING_TYPES = frozenset({"REJECT"})


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    return {row["feature"]: float(row["weight"]) for row in read_tsv("scoring/confidence.tsv")}


@dataclass(frozen=True, slots=True)
class Evidence:
    has_actor1: bool
    has_actor2: bool
    verbal: bool
    has_place: bool
    has_toll: bool
    history: bool
    generic: bool
    question: bool
    implausible: bool = False
    target_not_needed: bool = False


def latest_day(when: ResolvedDate) -> date:
    """The last day a date of this precision can mean: "last month" may be its final week."""
    value = when.value
    if when.precision == "year":
        return date(value.year, 12, 31)
    if when.precision == "month":
        return date(value.year, value.month, monthrange(value.year, value.month)[1])
    if when.precision == "week":
        return value + timedelta(days=6)
    return value


def is_history(
    event_date: date | None,
    published: date | None,
    sent: Span,
    years: Sequence[date] = (),
    trigger: Token | None = None,
) -> bool:
    """Background: dated long before publication, introduced by "since", or set in a stated year
    long past ("the 1994 genocide", "last fought a war in 2006") with no recent date beside it."""
    if event_date and published and (published - event_date).days > _HISTORY_DAYS:
        return True
    own = _own_year(trigger) if trigger is not None and _has_year(sent) else None
    if own is not None and published is not None and published.year - own >= 2:
        return True  # "The 1994 genocide killed ...", "the 2016 peace accord"
    text = doc_text(sent.doc)[sent.start_char : sent.end_char].lower()  # sent.text rebuilds it
    if "since " in text and _FIRST_SINCE.search(text):  # (most sentences hold no "since")
        return False  # the year is what the new event is measured against
    if " since 19" in text or " since 20" in text:
        return True
    if published and years and (event_date is None or event_date == published):
        return all((published - y).days > 365 for y in years)
    return False


# "the first truce since 2016", "the deadliest attack since 2014": a new event measured
# against the past, not background running since then
_FIRST_SINCE = re.compile(
    r"\b(?:first|largest|biggest|deadliest|worst|heaviest|bloodiest)\b"
    r"[^.;]{0,40}\bsince (?:19|20)\d\d"
)


def _year_tokens(doc: Doc) -> tuple[int, ...]:
    """Indices of the doc's tokens that ``_own_year`` could read as a year, ascending."""
    cached = doc.user_data.get("flashpoint_year_tokens")
    if not isinstance(cached, tuple):
        cached = tuple(i for i, text in enumerate(token_table(doc).text) if _year_like(text))
        doc.user_data["flashpoint_year_tokens"] = cached
    return cached


def _has_year(sent: Span) -> bool:
    """Whether the sentence holds a year-like token: the trigger's children and its subjects'
    are in its sentence (spaCy's arcs never leave one), and most sentences hold no year."""
    years = _year_tokens(sent.doc)
    return bisect_left(years, sent.start) != bisect_left(years, sent.end)


def _year_like(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in {"19", "20"}


def _own_year(trigger: Token) -> int | None:
    """A bare year naming the event itself or its subject ('the 2003 invasion')."""
    nouns = [trigger, *(c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass"})]
    for noun in nouns:
        for child in noun.children:
            text = child.text
            if _year_like(text) and child.dep_ in {"nummod", "compound", "amod", "nmod"}:
                return int(text)
    return None


def is_implausible(event_type: str, source_sector: str | None) -> bool:
    """Civilians, refugees, journalists and medics do not attack, deploy or arrest, and armies
    and armed groups do not demonstrate ('Prigozhin agreed to call off the march'): such a
    reading is almost always a parse error ("50,000 people crossed into Armenia")."""
    if event_type == "PROTEST":  # (nor do the police they face: "arrested 2,000 in protests")
        return source_sector in _ARMED_SECTORS or source_sector == "COP"
    return event_type in _FORCEFUL_TYPES and source_sector in _UNARMED_SECTORS


def needs_no_target(event_type: str, trigger: Token) -> bool:
    """'refused to extend the grain deal', 'declined to sign it': what is rejected is an act of
    the rejecting side's own; 'urged their citizens to leave': a request to one's own people.
    Either way a missing target is no sign of a missed role."""
    if event_type in _REFUSING_TYPES:
        return any(c.dep_ == "xcomp" and to_infinitive(c) for c in trigger.children)
    if event_type == "THREATEN":  # "warned Russia would use all means to defend its territory"
        return any(
            c.dep_ in {"ccomp", "xcomp"} and c.lemma_.lower() in _FORCE_PLEDGES
            for c in trigger.children
        )
    if event_type == "REQUEST":  # ("called for a ceasefire": a public appeal, to all sides)
        return any(
            (c.dep_ == "dobj" and c.lemma_.lower() in _OWN_PEOPLE and _owned_by_pronoun(c))
            or (c.dep_ == "prep" and c.lower_ == "for" and trigger.lemma_.lower() in _APPEALS)
            for c in trigger.children
        )
    return False


# A threat to use force, to respond or to retaliate is aimed at whoever crosses the line,
# often unnamed.
_FORCE_PLEDGES = frozenset({"use", "respond", "retaliate", "strike", "hit"})
_APPEALS = frozenset({"call", "appeal", "plead"})
_OWN_PEOPLE = frozenset({"citizen", "national", "people", "resident", "population", "civilian"})


def _owned_by_pronoun(noun: Token) -> bool:
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in noun.children)


def is_generic(trigger: Token, toll: int | None) -> bool:
    """Habitual or cumulative statements: 'wars kill civilians', 'has killed 380,000 people'."""
    perfect = any(c.lower_ in {"has", "have", "had"} and c.dep_ == "aux" for c in trigger.children)
    summary = trigger.dep_ == "relcl"  # "five decades of war that killed over 220,000 people"
    if (perfect or summary) and toll is not None and toll >= _BACKGROUND_TOLL:
        return True
    # "hundreds have been killed in fighting since April": a running total; "soldiers who had
    # been detained since July": a state of things that describes them
    toll_word = trigger.lemma_.lower() in casualty_words().entries  # killed, died, wounded
    if perfect and (toll_word or summary) and _since(trigger):
        return True
    if trigger.tag_ in {"VBP", "VBZ"} and not _told_in_past(trigger):
        subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
        if (
            subjects
            and subjects[0].tag_ == "NNS"
            and not any(
                c.dep_ in {"det", "poss", "nummod", "amod", "compound"}
                for c in subjects[0].children
            )
        ):
            return True
    return False


def _since(verb: Token) -> bool:
    return any(t.lower_ == "since" and t.dep_ in {"prep", "mark"} for t in verb.subtree)


def _told_in_past(verb: Token) -> bool:
    """'were wounded when shells hit a market': a present-looking form ('hit', 'cut') in a
    clause that hangs on a past-tense verb is itself past, not habitual."""
    return verb.dep_ in {"advcl", "conj", "ccomp"} and verb.head.tag_ in {"VBD", "VBN"}


def score(ev: Evidence) -> float:
    w = weights()
    total = w["base"]
    total += w["actor1"] if ev.has_actor1 else 0.0
    total += w["actor2"] if ev.has_actor2 else 0.0
    total += w["verbal"] if ev.verbal else 0.0
    total += w["place"] if ev.has_place else 0.0
    total += w["toll"] if ev.has_toll else 0.0
    total += w["history"] if ev.history else 0.0
    total += w["generic"] if ev.generic else 0.0
    total += w["question"] if ev.question else 0.0
    total += w["implausible"] if ev.implausible else 0.0
    total += w["target_not_needed"] if ev.target_not_needed else 0.0
    if not ev.has_actor1 and not ev.has_actor2 and not ev.has_toll:
        total += w["no_participants"]
    return max(0.01, min(0.99, total))


# PLOVER types whose one side is often all there is: troops mobilise or withdraw, protesters march,
# a government concedes or imposes a curfew.  Every other type has a target.
_ONE_SIDED_TYPES = frozenset({"MOBILIZE", "RETREAT", "PROTEST", "CONCEDE", "COERCE"})


def completeness(event: Event) -> float:
    """The score change for what the finished reading of the story still lacks (applied after
    story-level inference has filled what it can): a dyadic event without a target, an act
    without a source or toll."""
    w = weights()
    change = 0.0
    if event.actor2 is None and event.event_type not in _ONE_SIDED_TYPES:
        change += w["missing_target"]
    tolled = event.fatalities is not None or event.injuries is not None
    vague_toll = event.event_type == "ASSAULT" and event.fatalities_lower_bound  # "dozens"
    if event.actor1 is None and not (tolled or vague_toll):
        change += w["missing_source"]
    return change


def with_completeness(event: Event) -> Event:
    confidence = max(0.01, min(0.99, event.confidence + completeness(event)))
    if confidence == event.confidence:
        return event  # nothing lacking: no copy of the whole record
    return replace(event, confidence=confidence)
