"""Deciding whether two reports describe the same real-world event, and merging them.

``compare`` weighs evidence (type, date, actors, place, casualty figures, wording) and returns a
score with plain-language reasons, or a *blocker*: one piece of evidence that rules a merge out
(a different town, a different target, 2 vs 33 dead, a week apart).  A report joins the stored
event with the best score at or above ``min_score``; ties go to the smaller event id, so the
result is deterministic for a given input order.

Place evidence is in ``merge_places``; ``combine`` (in ``flashpoint.store.combine``) computes
the merged record from all reports of an event, independent of their order.  Cluster membership
is decided greedily in input order, so a chain A~B, B~C with A≁C can group differently when the
order changes; that is rare and documented rather than hidden.

The thresholds and weights live in ``resources/store/merge_rules.toml``.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from flashpoint.model import Actor, Event, Place
from flashpoint.resources import read_text, read_tsv
from flashpoint.store.merge_places import place_verdict, same_site

_WORD = re.compile(r"[a-z0-9]+")
_MODALITY_GROUP = {"asserted": "asserted", "negated": "negated", "uncertain": "open"}


@dataclass(frozen=True)
class Rules:
    limits: dict[str, Any]
    weights: dict[str, float]

    def limit(self, name: str) -> Any:
        return self.limits[name]


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    data = tomllib.loads(read_text("store/merge_rules.toml"))
    return Rules(limits=dict(data["limits"]), weights=dict(data["weights"]))


@dataclass(frozen=True)
class Report:
    """One report of an event: the extracted record plus its article's publication date."""

    event: Event
    published: date | None = None

    @property
    def match_date(self) -> date | None:
        return self.event.date or self.published


@dataclass(frozen=True)
class Decision:
    score: float
    reasons: tuple[str, ...]
    blocker: str | None
    min_score: float

    @property
    def matches(self) -> bool:
        return self.blocker is None and self.score >= self.min_score


@dataclass
class _Tally:
    rules: Rules
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    blocker: str | None = None
    anchored: bool = False  # a place, a full dyad or an identical figure ties the two together

    def add(self, weight_name: str, reason: str, scale: float = 1.0) -> None:
        self.score += self.rules.weights[weight_name] * scale
        self.reasons.append(reason)

    def block(self, reason: str) -> None:
        if self.blocker is None:
            self.blocker = reason


def compare(a: Report, b: Report, rules: Rules | None = None) -> Decision:
    """The evidence that ``a`` and ``b`` report the same event."""
    rules = rules or load_rules()
    tally = _Tally(rules)
    _modality_evidence(tally, a.event, b.event)
    gap = _date_evidence(tally, a, b)
    disputed_blame = gap == 0 and _blame_can_be_disputed(a.event, b.event, rules)
    dyad_same = _actor_evidence(tally, a.event, b.event, disputed_blame=disputed_blame)
    _type_evidence(tally, a.event, b.event, same_day=gap == 0, dyad_same=dyad_same)
    _place_evidence(tally, a.event.location, b.event.location)
    figures_agree = _casualty_evidence(tally, a.event, b.event, rising=_toll_update(a, b))
    if a.event.mode and a.event.mode == b.event.mode:
        tally.add("same_mode", f"same mode {a.event.mode}")
    similarity = text_similarity(a.event.sentence, b.event.sentence)
    if similarity > 0:
        tally.add("text_similarity", f"sentence similarity {similarity:.2f}", scale=similarity)
    if gap == 1 and not _next_day_vouched(a.event, figures_agree, similarity, dyad_same, rules):
        tally.block("a day apart with neither matching figures nor similar wording")
    if not tally.anchored:
        tally.block("nothing ties them together (no shared place, dyad or figure)")
    return Decision(
        round(tally.score, 3), tuple(tally.reasons), tally.blocker, rules.limit("min_score")
    )


def _next_day_vouched(
    event: Event, figures_agree: bool, similarity: float, dyad_same: bool, rules: Rules
) -> bool:
    """Is there enough beyond the date to tie two reports a day apart together?  Matching
    figures or wording; for deals, talks and sanctions (reported without figures, and rarely
    repeated by the same pair the next day) the same two actors."""
    if figures_agree or similarity >= rules.limit("next_day_min_text_similarity"):
        return True
    return dyad_same and event.event_type in rules.limit("next_day_dyad_types")


@dataclass(frozen=True)
class Candidate:
    """A stored event a report may join: its merged record, and the place of every report
    already in it (each named point must be compatible, so that "Brussels" cannot chain the
    airport to the metro station)."""

    event_id: str
    record: Report
    member_places: tuple[Place, ...] = ()


def best_match(
    report: Report, candidates: Iterable[Candidate], rules: Rules | None = None
) -> tuple[str, Decision] | None:
    """The candidate (id, decision) that ``report`` should join, or ``None``."""
    rules = rules or load_rules()
    best: tuple[str, Decision] | None = None
    span = date_interval(report, rules)
    for candidate in sorted(candidates, key=lambda c: c.event_id):
        if _ruled_out(report, span, candidate.record, rules):
            continue  # compare() would block it: skipping changes nothing but the time
        decision = compare(report, candidate.record, rules)
        if decision.matches:
            conflict = _member_place_conflict(report.event.location, candidate.member_places, rules)
            decision = replace(decision, blocker=conflict) if conflict else decision
        if decision.matches and (best is None or decision.score > best[1].score):
            best = (candidate.event_id, decision)
    return best


def _ruled_out(a: Report, span_a: tuple[date, date] | None, b: Report, rules: Rules) -> bool:
    """The cheap blockers of ``compare`` (modality, no date, dates too far apart), checked
    first: most stored events of a type near a report's date fail on the date alone."""
    if _MODALITY_GROUP.get(a.event.modality, "open") != _MODALITY_GROUP.get(
        b.event.modality, "open"
    ):
        return True
    span_b = date_interval(b, rules)
    if span_a is None or span_b is None:
        return True
    gap = max(0, (max(span_a[0], span_b[0]) - min(span_a[1], span_b[1])).days)
    return bool(gap > rules.limit("day_tolerance"))


def _member_place_conflict(
    place: Place | None, member_places: Iterable[Place], rules: Rules
) -> str | None:
    # Only named points can chain two scenes; coarse places (regions, countries) are compared
    # through the merged record, where their differing names ("Kyiv" vs "Kyiv Oblast") are
    # weighed against everything else.
    if place is None or place.precision != "point":
        return None
    for other in member_places:
        if other.precision != "point":
            continue
        verdict = place_verdict(place, other, rules)
        if verdict.blocks:
            return f"{verdict.reason} (from a report already in the event)"
    return None


# --- evidence ------------------------------------------------------------------------------


def _modality_evidence(tally: _Tally, a: Event, b: Event) -> None:
    group_a = _MODALITY_GROUP.get(a.modality, "open")
    group_b = _MODALITY_GROUP.get(b.modality, "open")
    if group_a != group_b:
        tally.block(f"modality {a.modality} vs {b.modality}")


def date_interval(report: Report, rules: Rules | None = None) -> tuple[date, date] | None:
    """The days the event may have happened on, from its date and precision."""
    rules = rules or load_rules()
    day, precision = report.event.date, report.event.date_precision
    if day is None:
        if report.published is None:
            return None
        window = timedelta(days=rules.limit("undated_window_days"))
        return report.published - window, report.published
    if precision == "day":
        return day, day
    if precision == "week":
        return day - timedelta(days=6), day + timedelta(days=6)
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _date_evidence(tally: _Tally, a: Report, b: Report) -> int | None:
    """Adds date evidence; returns the gap in days when both are exact days."""
    span_a, span_b = date_interval(a, tally.rules), date_interval(b, tally.rules)
    if span_a is None or span_b is None:
        tally.block("no date to compare")
        return None
    gap = max(0, (max(span_a[0], span_b[0]) - min(span_a[1], span_b[1])).days)
    if gap > tally.rules.limit("day_tolerance"):
        tally.block(f"{gap} days apart")
        return None
    exact = span_a[0] == span_a[1] and span_b[0] == span_b[1] and a.event.date and b.event.date
    if not exact:
        tally.add("coarse_date", "date ranges overlap")
        return None
    if gap == 0:
        tally.add("same_day", f"same day {a.event.date}")
    else:
        tally.add("next_day", f"dates {gap} day apart (time-zone tolerance)")
    return gap


def _type_evidence(tally: _Tally, a: Event, b: Event, *, same_day: bool, dyad_same: bool) -> None:
    if a.event_type == b.event_type:
        tally.add("same_type", f"same type {a.event_type}")
        return
    pair = {a.event_type, b.event_type}
    related = any(pair == set(p) for p in tally.rules.limit("compatible_types"))
    if related and same_day and dyad_same:
        tally.add("related_type", f"{a.event_type}~{b.event_type} same day, same dyad")
    else:
        tally.block(f"type {a.event_type} vs {b.event_type}")


def actor_relation(x: Actor | None, y: Actor | None, rules: Rules | None = None) -> str:
    """``unknown`` (one side missing), ``same``, ``related`` or ``different``."""
    rules = rules or load_rules()
    if x is None or y is None or not x.code or not y.code:
        return "unknown"
    unidentified = set(rules.limit("unidentified_sectors"))
    if x.sector in unidentified or y.sector in unidentified:
        return "unknown"  # "gunmen", "an attacker": anyone, including a group named elsewhere
    if x.org and y.org and x.org.casefold() != y.org.casefold():
        return "different"
    if x.code == y.code:
        return "same"
    code_x, code_y = _effective_code(x), _effective_code(y)
    if code_x.startswith(code_y) or code_y.startswith(code_x):
        return "related"
    state = set(rules.limit("state_sectors"))
    if x.country and x.country == y.country and x.sector in state and y.sector in state:
        return "related"
    return "different"


def _effective_code(actor: Actor) -> str:
    """The actor's code; just its country's when it is named as the country ("Lebanon" coded
    LBNGOV can stand for Hezbollah's side as well as the cabinet's)."""
    code = actor.code or ""
    if actor.country and actor.name.casefold() == _country_names().get(actor.country, ""):
        return actor.country
    return code


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {row["iso3"]: row["name"].casefold() for row in read_tsv("store/countries.tsv")}


def _blame_can_be_disputed(a: Event, b: Event, rules: Rules) -> bool:
    """Sides blame each other for a strike on one named site (a hospital, a dam, a prison):
    on the same day, the same site outside any listed city is one event whoever is named."""
    if a.event_type != b.event_type or a.event_type not in rules.limit("disputed_blame_types"):
        return False
    if a.location is None or b.location is None:
        return False
    return same_site(a.location, b.location, rules)


def _actor_evidence(tally: _Tally, a: Event, b: Event, *, disputed_blame: bool = False) -> bool:
    """Adds actor evidence; True when both actors are known and the same on both sides.
    ``disputed_blame``: different attackers are competing claims, not a blocker."""
    straight = (actor_relation(a.actor1, b.actor1), actor_relation(a.actor2, b.actor2))
    relations = straight
    if a.event_type in tally.rules.limit("symmetric_types"):
        swapped = (actor_relation(a.actor1, b.actor2), actor_relation(a.actor2, b.actor1))
        if _relation_rank(swapped) > _relation_rank(straight):
            relations = swapped
    for role, relation in zip(("actor1", "actor2"), relations, strict=True):
        if relation == "different" and role == "actor1" and disputed_blame:
            tally.reasons.append("attacker disputed at the same site")
        elif relation == "different":
            tally.block(f"different {role}")
        elif relation == "same":
            tally.add("same_actor", f"same {role}")
        elif relation == "related":
            tally.add("related_actor", f"related {role}")
    dyad_same = all(r in ("same", "related") for r in relations)
    if dyad_same:
        tally.anchored = True
    return dyad_same


def _relation_rank(relations: tuple[str, str]) -> tuple[int, int]:
    points = {"different": -10, "unknown": 0, "related": 1, "same": 2}
    return (min(points[r] for r in relations), sum(points[r] for r in relations))


def _place_evidence(tally: _Tally, a: Place | None, b: Place | None) -> None:
    if a is None or b is None:
        return
    verdict = place_verdict(a, b, tally.rules)
    if verdict.blocks:
        tally.block(verdict.reason)
    elif verdict.weight is not None:
        tally.add(verdict.weight, verdict.reason)
    tally.anchored = tally.anchored or verdict.anchored


def _toll_update(a: Report, b: Report) -> bool:
    """Is the report with the higher death toll published later?  Tolls rise for days after a
    bombing (20, then 230, then 358 in Mogadishu); they rarely fall."""
    if a.event.fatalities is None or b.event.fatalities is None:
        return False
    if a.published is None or b.published is None or a.published == b.published:
        return False
    later, earlier = (a, b) if a.published > b.published else (b, a)
    return (later.event.fatalities or 0) > (earlier.event.fatalities or 0)


def fatalities_consistent(
    a: Event, b: Event, rules: Rules | None = None, *, rising: bool = False
) -> bool:
    """Whether two death tolls can describe one event (updates and rounding, not 2 vs 33).
    ``rising``: the higher figure was published later, so a larger gap is a toll update."""
    rules = rules or load_rules()
    if a.fatalities is None or b.fatalities is None:
        return True
    low, high = sorted((a, b), key=lambda e: e.fatalities or 0)
    lo, hi = low.fatalities or 0, high.fatalities or 0
    if hi - lo <= rules.limit("fatality_abs_tolerance"):
        return True
    if rising:
        return lo > 0 and hi / lo <= rules.limit("fatality_ratio_rising")
    ratio_limit = rules.limit(
        "fatality_ratio_lower_bound" if low.fatalities_lower_bound else "fatality_ratio"
    )
    return lo > 0 and hi / lo <= ratio_limit


def _casualty_evidence(tally: _Tally, a: Event, b: Event, *, rising: bool = False) -> bool:
    """Adds casualty evidence; True when both give a positive, consistent death toll."""
    if a.injuries and a.injuries == b.injuries:
        tally.add("same_injuries", f"same injured count {a.injuries}")
    if a.fatalities is None or b.fatalities is None:
        return False
    if not fatalities_consistent(a, b, tally.rules, rising=rising):
        tally.block(f"fatalities {a.fatalities} vs {b.fatalities}")
        return False
    if a.fatalities == b.fatalities:
        tally.add("same_fatalities", f"same death toll {a.fatalities}")
        tally.anchored = True
    else:
        tally.add("consistent_fatalities", f"death tolls {a.fatalities} and {b.fatalities}")
    return a.fatalities > 0 and b.fatalities > 0


def text_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the content words (4+ letters) of two sentences."""
    words_a, words_b = _content_words(a), _content_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


@lru_cache(maxsize=2048)  # a stored event's sentence is compared with every new neighbour;
# bounded low enough to be full early in an ingest (memory flat from then on)
def _content_words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(sentence.lower()) if len(w) >= 4)
