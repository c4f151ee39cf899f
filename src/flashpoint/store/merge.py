"""Deciding whether two reports describe the same real-world event, and merging them.

``compare`` weighs evidence (type, date, actors, place, casualty figures, wording) and returns a
score with plain-language reasons, or a *blocker*: one piece of evidence that rules a merge out
(a different town, a different target, 2 vs 33 dead, a week apart).  A report joins the stored
event with the best score at or above ``min_score``; ties go to the smaller event id, so the
result is deterministic for a given input order.

``combine`` computes the merged record from all reports of an event.  It depends only on the
*set* of reports, never on their order: the representative report is the maximum of a total
order (most precise place, most precise date, most actors, highest confidence, event id).
Cluster membership itself is decided greedily in input order, so a chain A~B, B~C with A≁C can
group differently when the order changes; that is rare and documented rather than hidden.

The thresholds and weights live in ``resources/store/merge_rules.toml``.
"""

from __future__ import annotations

import calendar
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from flashpoint.model import Actor, Event, Place
from flashpoint.resources import read_text

_WORD = re.compile(r"[a-z0-9]+")
_PLACE_RANK = {"point": 3, "admin2": 2, "admin1": 1, "country": 0}
_DATE_RANK = {"day": 3, "week": 2, "month": 1, "year": 0}
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
    dyad_same = _actor_evidence(tally, a.event, b.event)
    _type_evidence(tally, a.event, b.event, same_day=gap == 0, dyad_same=dyad_same)
    _place_evidence(tally, a.event.location, b.event.location)
    figures_agree = _casualty_evidence(tally, a.event, b.event, rising=_toll_update(a, b))
    if a.event.mode and a.event.mode == b.event.mode:
        tally.add("same_mode", f"same mode {a.event.mode}")
    similarity = text_similarity(a.event.sentence, b.event.sentence)
    if similarity > 0:
        tally.add("text_similarity", f"sentence similarity {similarity:.2f}", scale=similarity)
    next_day_min = rules.limit("next_day_min_text_similarity")
    if gap == 1 and not figures_agree and similarity < next_day_min:
        tally.block("a day apart with neither matching figures nor similar wording")
    if not tally.anchored:
        tally.block("nothing ties them together (no shared place, dyad or figure)")
    return Decision(
        round(tally.score, 3), tuple(tally.reasons), tally.blocker, rules.limit("min_score")
    )


def best_match(
    report: Report, candidates: Iterable[tuple[str, Report]], rules: Rules | None = None
) -> tuple[str, Decision] | None:
    """The candidate (id, decision) that ``report`` should join, or ``None``."""
    best: tuple[str, Decision] | None = None
    for key, candidate in sorted(candidates, key=lambda item: item[0]):
        decision = compare(report, candidate, rules)
        if decision.matches and (best is None or decision.score > best[1].score):
            best = (key, decision)
    return best


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
    if x.org and y.org and x.org.casefold() != y.org.casefold():
        return "different"
    if x.code == y.code:
        return "same"
    if x.code.startswith(y.code) or y.code.startswith(x.code):
        return "related"
    state = set(rules.limit("state_sectors"))
    if x.country and x.country == y.country and x.sector in state and y.sector in state:
        return "related"
    return "different"


def _actor_evidence(tally: _Tally, a: Event, b: Event) -> bool:
    """Adds actor evidence; True when both actors are known and the same on both sides."""
    straight = (actor_relation(a.actor1, b.actor1), actor_relation(a.actor2, b.actor2))
    relations = straight
    if a.event_type in tally.rules.limit("symmetric_types"):
        swapped = (actor_relation(a.actor1, b.actor2), actor_relation(a.actor2, b.actor1))
        if _relation_rank(swapped) > _relation_rank(straight):
            relations = swapped
    for role, relation in zip(("actor1", "actor2"), relations, strict=True):
        if relation == "different":
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


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _place_evidence(tally: _Tally, a: Place | None, b: Place | None) -> None:
    if a is None or b is None:
        return
    if a.country and b.country and a.country != b.country:
        tally.block(f"different countries {a.country} vs {b.country}")
        return
    km = distance_km(a, b)
    fine = _PLACE_RANK[a.precision] >= 2 and _PLACE_RANK[b.precision] >= 2
    if fine:
        if km <= 5:
            tally.add("same_place_5km", f"same place ({km:.0f} km)")
        elif km <= tally.rules.limit("max_distance_km"):
            tally.add("near_place", f"places {km:.0f} km apart")
        else:
            tally.block(f"places {km:.0f} km apart")
            return
        tally.anchored = True
        return
    if "country" in (a.precision, b.precision):
        tally.add("same_country", f"same country {a.country}")
        return
    if a.admin1 and b.admin1:
        if a.admin1.casefold() != b.admin1.casefold():
            tally.block(f"different regions {a.admin1} vs {b.admin1}")
            return
    elif km > tally.rules.limit("coarse_max_distance_km"):
        tally.block(f"places {km:.0f} km apart")
        return
    tally.add("same_admin1", f"same region {a.admin1 or b.admin1 or a.name}")
    tally.anchored = True


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
    words_a = {w for w in _WORD.findall(a.lower()) if len(w) >= 4}
    words_b = {w for w in _WORD.findall(b.lower()) if len(w) >= 4}
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)


# --- combining -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Combined:
    event: Event
    fatalities_reported: list[int]
    published: date | None  # the latest publication date among the reports

    @property
    def as_report(self) -> Report:
        """The merged event seen as one report, to compare new reports against."""
        return Report(self.event, self.published)


def _representative_key(report: Report) -> tuple[int, int, int, float, str]:
    e = report.event
    place_rank = _PLACE_RANK[e.location.precision] if e.location else -1
    date_rank = _DATE_RANK.get(e.date_precision, 0) if e.date else -1
    actors = sum(1 for a in (e.actor1, e.actor2) if a is not None)
    return (place_rank, date_rank, actors, e.confidence, e.event_id)


def _report_order(report: Report) -> tuple[date, str]:
    return (report.published or report.event.date or date.min, report.event.event_id)


def _most_common_actor(actors: Iterable[Actor | None]) -> Actor | None:
    known = [a for a in actors if a is not None]
    if not known:
        return None
    counts = Counter(a.code for a in known)
    code = min(counts, key=lambda c: (-counts[c], c))
    return min((a for a in known if a.code == code), key=lambda a: (a.name, a.text))


def _merged_date(members: Sequence[Report], rep: Event) -> tuple[date | None, str]:
    days = Counter(
        r.event.date for r in members if r.event.date and r.event.date_precision == "day"
    )
    if not days:
        return rep.date, rep.date_precision
    best = min(days, key=lambda d: (-days[d], d))
    return best, "day"


def combine(members: Sequence[Report], event_id: str) -> Combined:
    """The merged record of the reports of one event (independent of their order).

    Fatalities of a merged event are the *maximum* figure any report gives: tolls are revised
    upwards as bodies are found, and later reports are more complete.  Every report's figure is
    kept in ``fatalities_reported`` (in publication order).  Injuries follow the same rule.
    The date is the day most reports agree on (earliest on a tie); place, actors, types and
    sentence come from the representative report, unknown actors filled in from the others.
    """
    if not members:
        raise ValueError("combine needs at least one report")
    rep = max(members, key=_representative_key).event
    ordered = sorted(members, key=_report_order)
    figures = [r.event.fatalities for r in ordered if r.event.fatalities is not None]
    injuries = [r.event.injuries for r in members if r.event.injuries is not None]
    day, precision = _merged_date(members, rep)
    acled = (
        rep
        if rep.acled_event_type
        else next((r.event for r in ordered if r.event.acled_event_type), rep)
    )
    merged = replace(
        rep,
        event_id=event_id,
        date=day,
        date_precision=precision,  # type: ignore[arg-type]
        mode=rep.mode or next((r.event.mode for r in ordered if r.event.mode), None),
        acled_event_type=acled.acled_event_type,
        acled_sub_event_type=acled.acled_sub_event_type,
        actor1=rep.actor1 or _most_common_actor(r.event.actor1 for r in members),
        actor2=rep.actor2 or _most_common_actor(r.event.actor2 for r in members),
        fatalities=max(figures) if figures else None,
        injuries=max(injuries) if injuries else None,
        attribution=rep.attribution
        or next((r.event.attribution for r in ordered if r.event.attribution), None),
        confidence=max(r.event.confidence for r in members),
        # "at least N" stays a lower bound only if every report of the top figure says so.
        fatalities_lower_bound=bool(figures)
        and all(
            r.event.fatalities_lower_bound for r in members if r.event.fatalities == max(figures)
        ),
    )
    published = [r.published for r in members if r.published]
    return Combined(merged, figures, max(published) if published else None)
