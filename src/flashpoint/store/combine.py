"""The merged record of one event, computed from all of its reports.

``combine`` depends only on the *set* of reports, never on their order: the representative
report is the maximum of a total order (most precise place, most precise date, most actors,
highest confidence, event id).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from flashpoint.model import Actor, Event
from flashpoint.store.merge import Report

_PLACE_RANK = {"point": 3, "admin2": 2, "admin1": 1, "country": 0}
_DATE_RANK = {"day": 3, "week": 2, "month": 1, "year": 0}


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
