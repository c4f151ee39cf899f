"""The stored events one article's reports may join, held in memory while that article is added.

``Store.add`` used to run a candidate query for every event of an article, read back every
report of every candidate and re-combine them, and write two or three rows per event.  Now:

* each stored event keeps its merge record (``events.merge_record``: the merged record as later
  reports are compared with it, and the place of each of its reports), written with the event;
* one query per span of dates lists, for the whole article, the stored events any of its
  reports could be compared with (type and date window: the condition the per-event query
  had), and the article's own new and merged events are tracked here as they are decided, so
  each report's candidates are exactly the rows that query would have returned at that point;
* the writes go out once, at the end of the article, in the order they were decided (so
  ``event_sources`` ids are the same as with one statement per report).

A pool lives for one article: nothing here grows with the corpus.  Decoded merge records of
committed rows are kept in the store's bounded ``MergedRecords`` cache.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from flashpoint.store import writes
from flashpoint.store.combine import combine
from flashpoint.store.merge import Candidate, Report, load_rules
from flashpoint.store.records import event_columns, place_from_dict, report_json, source_columns
from flashpoint.store.schema import events

_NEAR = sa.select(
    events.c.event_id, events.c.event_type, events.c.match_date, events.c.source_count
).where(
    events.c.event_type.in_(sa.bindparam("types", expanding=True)),
    events.c.match_date.between(sa.bindparam("start"), sa.bindparam("end")),
)
_INSERT_EVENTS = events.insert()  # built once: see writes.UPDATE_EVENT
_RECORDS = sa.select(events.c.event_id, events.c.merge_record).where(
    events.c.event_id.in_(sa.bindparam("ids", expanding=True))
)


def merge_record(members: Sequence[Report], event_id: str) -> tuple[str, Candidate]:
    """An event's merge record from its reports as stored (JSON text, and decoded)."""
    places = tuple(m.event.location for m in members if m.event.location is not None)
    record = Candidate(event_id, combine(members, event_id).as_report, places)
    data = {
        "record": report_json(record.record.event, record.record.published),
        "places": [p.to_dict() for p in places],
    }
    return json.dumps(data, separators=(",", ":")), record


def record_from_json(event_id: str, text: str) -> Candidate:
    data = json.loads(text)
    places = tuple(p for p in map(place_from_dict, data["places"]) if p is not None)
    return Candidate(event_id, writes.report_from_json(data["record"]), places)


def stored(report: Report) -> Report:
    """A report as it reads back from ``event_sources.report_json`` (confidence rounded, the
    trigger dropped): what later reports are compared with."""
    return writes.report_from_json(report_json(report.event, report.published))


@dataclass
class _Entry:
    """One stored (or just created) event: what the candidate condition and a merge need."""

    event_type: str
    match_date: date | None
    source_count: int
    record: Candidate | None = None  # set once changed by this article
    members: list[Report] | None = None  # as stored; None: not read yet
    reasons: list[Any] | None = None  # merge_reasons; None: not read yet
    row: dict[str, Any] | None = field(default=None, repr=False)  # the events row to write
    new: bool = False  # created by this article (no row in the database yet)


def _types(report: Report) -> set[str]:
    types: set[str] = {report.event.event_type}
    for pair in load_rules().limit("compatible_types"):
        if report.event.event_type in pair:
            types.update(pair)
    return types


def _window(day: date) -> tuple[date, date]:
    span = timedelta(days=writes.CANDIDATE_WINDOW_DAYS)
    return day - span, day + span


class EventPool:
    """Stored events near the reports of one article, and the writes their merging makes."""

    def __init__(self, conn: Connection, reports: list[Report], cache: writes.MergedRecords):
        self._conn = conn
        self._cache = cache
        self._entries: dict[str, _Entry] = {}
        self._sources: list[dict[str, Any]] = []
        for start, end, types in _spans(reports):
            params = {"types": sorted(types), "start": start, "end": end}
            for row in conn.execute(_NEAR, params):
                self._entries[row.event_id] = _Entry(
                    row.event_type, row.match_date, row.source_count
                )

    def candidates(self, report: Report) -> list[Candidate]:
        """The events of the report's type (or a compatible one) dated near it, each as its
        merge record, as they stand after the article's earlier reports."""
        day = report.match_date
        if day is None:
            return []
        types = _types(report)
        start, end = _window(day)
        found: dict[str, Candidate] = {}
        unread: list[str] = []
        for event_id, entry in self._entries.items():
            if entry.event_type not in types or entry.match_date is None:
                continue
            if not start <= entry.match_date <= end:
                continue
            hit = entry.record or self._cache.get((event_id, entry.source_count))
            if hit is not None:
                found[event_id] = hit
            else:
                unread.append(event_id)
        if unread:
            for row in self._conn.execute(_RECORDS, {"ids": unread}):
                found[row.event_id] = self._decoded(row.event_id, row.merge_record)
        return list(found.values())

    def _decoded(self, event_id: str, text: str | None) -> Candidate:
        if text is None:  # not written by this version: rebuilt from the event's reports
            members = writes.members(self._conn, [event_id]).get(event_id, [])
            record = merge_record(members, event_id)[1]
        else:
            record = record_from_json(event_id, text)
        self._cache.put((event_id, self._entries[event_id].source_count), record)
        return record

    def add_new(self, report: Report) -> None:
        """The report becomes a stored event of its own."""
        event_id = report.event.event_id
        combined = combine([report], event_id)
        values = event_columns(combined.event)
        values.update(
            match_date=combined.event.date or report.published,
            fatalities_reported=combined.fatalities_reported,
            merge_reasons=[],
            source_count=1,
            updated_at=datetime.now(UTC),
        )
        entry = _Entry(report.event.event_type, values["match_date"], 0, new=True)
        entry.members, entry.reasons = [], []
        self._entries[event_id] = entry
        self._add_source(event_id, entry, report, values)

    def merge(self, event_id: str, report: Report, reason: dict[str, Any]) -> None:
        """The report joins stored event ``event_id`` (a candidate returned above)."""
        entry = self._entries[event_id]
        if entry.members is None:
            entry.members = writes.members(self._conn, [event_id]).get(event_id, [])
        if entry.reasons is None:
            entry.reasons = writes.merge_reasons(self._conn, event_id)
        members = [*entry.members, report]
        combined = combine(members, event_id)
        entry.reasons = [*entry.reasons, reason]
        values = event_columns(combined.event)
        values.update(
            match_date=combined.event.date or combined.published,
            fatalities_reported=combined.fatalities_reported,
            merge_reasons=entry.reasons,
            source_count=len(members),
            updated_at=datetime.now(UTC),
        )
        self._add_source(event_id, entry, report, values)

    def _add_source(
        self, event_id: str, entry: _Entry, report: Report, values: dict[str, Any]
    ) -> None:
        assert entry.members is not None
        source = source_columns(event_id, report.event, report.published)
        entry.members.append(writes.report_from_json(source["report_json"]))
        values["merge_record"], entry.record = merge_record(entry.members, event_id)
        # The merged record may take another report's date or (a compatible) type.
        entry.row, entry.match_date = values, values["match_date"]
        entry.event_type, entry.source_count = values["event_type"], values["source_count"]
        self._sources.append(source)

    def flush(self) -> None:
        """Write the new events, the merged ones and every source row (in decision order)."""
        inserts = [e.row for e in self._entries.values() if e.new and e.row is not None]
        updates = [
            {**e.row, "target_event_id": event_id}
            for event_id, e in self._entries.items()
            if not e.new and e.row is not None
        ]
        if inserts:
            self._conn.execute(_INSERT_EVENTS, inserts)
        if updates:
            self._conn.execute(writes.UPDATE_EVENT, updates)
        if self._sources:
            writes.insert_sources(self._conn, self._sources)

    def committed(self) -> None:
        """The article is committed: its new and merged events' records may be cached."""
        for event_id, entry in self._entries.items():
            if entry.record is not None:
                self._cache.put((event_id, entry.source_count), entry.record)


def _spans(reports: list[Report]) -> list[tuple[date, date, set[str]]]:
    """The candidate windows of the reports, overlapping ones joined, with the types each
    needs: one query per span of dates instead of one per report."""
    windows = sorted(
        ((*_window(r.match_date), _types(r)) for r in reports if r.match_date is not None),
        key=lambda w: (w[0], w[1]),
    )
    spans: list[tuple[date, date, set[str]]] = []
    for start, end, types in windows:
        if spans and start <= spans[-1][1]:
            last = spans[-1]
            spans[-1] = (last[0], max(last[1], end), last[2] | types)
        else:
            spans.append((start, end, set(types)))
    return spans
