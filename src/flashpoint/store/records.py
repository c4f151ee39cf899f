"""Conversions between model records, database rows and the contract's stored-event dicts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, cast

from flashpoint.errors import StoreError
from flashpoint.model import Actor, Event, Place

STORED_EXTRA_KEYS = ("sources", "source_count", "fatalities_reported", "merge_reasons")


def parse_date(value: object) -> date | None:
    """A ``date`` from a date, datetime or ISO string (``None`` stays ``None``)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def actor_from_dict(data: Mapping[str, Any] | None) -> Actor | None:
    if not data:
        return None
    return Actor(
        text=str(data.get("text") or data.get("name") or ""),
        name=str(data.get("name") or data.get("text") or ""),
        code=str(data.get("code") or ""),
        country=data.get("country"),
        sector=data.get("sector"),
        org=data.get("org"),
    )


def place_from_dict(data: Mapping[str, Any] | None) -> Place | None:
    if not data:
        return None
    geonameid = data.get("geonameid")
    return Place(
        text=str(data.get("text") or data.get("name") or ""),
        name=str(data.get("name") or data.get("text") or ""),
        country=str(data.get("country") or ""),
        admin1=data.get("admin1"),
        lat=float(data["lat"]),
        lon=float(data["lon"]),
        precision=data.get("precision") or "point",
        geonameid=int(geonameid) if geonameid is not None else None,
    )


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """Rebuild an :class:`Event` from its contract dict (extra keys are ignored)."""
    try:
        span = data.get("span") or (0, 0)
        return Event(
            event_id=str(data["event_id"]),
            article_id=str(data["article_id"]),
            date=parse_date(data.get("date")),
            date_precision=data.get("date_precision") or "day",
            event_type=data["event_type"],
            mode=data.get("mode"),
            cameo_code=str(data.get("cameo_code") or ""),
            acled_event_type=data.get("acled_event_type"),
            acled_sub_event_type=data.get("acled_sub_event_type"),
            modality=data.get("modality") or "asserted",
            actor1=actor_from_dict(data.get("actor1")),
            actor2=actor_from_dict(data.get("actor2")),
            location=place_from_dict(data.get("location")),
            fatalities=_opt_int(data.get("fatalities")),
            injuries=_opt_int(data.get("injuries")),
            attribution=data.get("attribution"),
            confidence=float(data.get("confidence") or 0.0),
            sentence=str(data.get("sentence") or ""),
            span=(int(span[0]), int(span[1])),
            fatalities_lower_bound=bool(data.get("fatalities_lower_bound", False)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"malformed event record: {exc}") from exc


def _opt_int(value: object) -> int | None:
    return None if value is None or value == "" else int(cast(Any, value))


def report_json(event: Event, published: date | None) -> dict[str, Any]:
    """The per-report record kept in ``event_sources`` (contract dict + merge inputs)."""
    data = event.to_dict()
    data["fatalities_lower_bound"] = event.fatalities_lower_bound
    data["published"] = published.isoformat() if published else None
    return data


def event_columns(event: Event) -> dict[str, Any]:
    """The flattened ``events`` columns of a (merged) event."""
    a1, a2, loc = event.actor1, event.actor2, event.location
    return {
        "event_id": event.event_id,
        "article_id": event.article_id,
        "date": event.date,
        "date_precision": event.date_precision,
        "event_type": event.event_type,
        "mode": event.mode,
        "cameo_code": event.cameo_code,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "modality": event.modality,
        "actor1_code": a1.code if a1 else None,
        "actor1_country": a1.country if a1 else None,
        "actor1_name": a1.name if a1 else None,
        "actor1_json": a1.to_dict() if a1 else None,
        "actor2_code": a2.code if a2 else None,
        "actor2_country": a2.country if a2 else None,
        "actor2_name": a2.name if a2 else None,
        "actor2_json": a2.to_dict() if a2 else None,
        "location_name": loc.name if loc else None,
        "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "location_precision": loc.precision if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "location_json": loc.to_dict() if loc else None,
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "attribution": event.attribution,
        "confidence": event.confidence,
        "sentence": event.sentence,
        "span_start": event.span[0],
        "span_end": event.span[1],
    }


def event_dict_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The contract Event record of a stored (merged) event row."""
    day = parse_date(row["date"])
    return {
        "event_id": row["event_id"],
        "article_id": row["article_id"],
        "date": day.isoformat() if day else None,
        "date_precision": row["date_precision"],
        "event_type": row["event_type"],
        "mode": row["mode"],
        "cameo_code": row["cameo_code"],
        "acled_event_type": row["acled_event_type"],
        "acled_sub_event_type": row["acled_sub_event_type"],
        "modality": row["modality"],
        "actor1": row["actor1_json"],
        "actor2": row["actor2_json"],
        "location": row["location_json"],
        "fatalities": row["fatalities"],
        "injuries": row["injuries"],
        "attribution": row["attribution"],
        "confidence": round(float(row["confidence"]), 3),
        "sentence": row["sentence"],
        "span": [row["span_start"], row["span_end"]],
    }


def source_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    published = parse_date(row["published"])
    return {
        "article_id": row["article_id"],
        "url": row["url"],
        "source": row["source"],
        "published": published.isoformat() if published else None,
        "sentence": row["sentence"],
    }


def stored_event(row: Mapping[str, Any], sources: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A stored event as the contract gives it: the Event record + sources + source_count.

    Two further keys document the merge: ``fatalities_reported`` (every figure, one per report)
    and ``merge_reasons`` (the evidence for each report that joined the event).
    """
    data = event_dict_from_row(row)
    data["sources"] = [source_dict(s) for s in sources]
    data["source_count"] = len(sources)
    data["fatalities_reported"] = list(row["fatalities_reported"] or [])
    data["merge_reasons"] = list(row["merge_reasons"] or [])
    return data


def source_columns(event_id: str, report: Event, published: date | None) -> dict[str, Any]:
    """The event_sources row that links one report's event to the stored event it joined."""
    return {
        "event_id": event_id,
        "article_id": report.article_id,
        "report_event_id": report.event_id,
        "sentence": report.sentence,
        "span_start": report.span[0],
        "span_end": report.span[1],
        "report_json": report_json(report, published),
    }
