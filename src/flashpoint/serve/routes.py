"""The REST endpoints.  Handlers only parse, call one helper, and shape the answer."""

from __future__ import annotations

import importlib
from dataclasses import asdict, is_dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request
from starlette.concurrency import run_in_threadpool

from flashpoint.serve import ingest, listing, queries
from flashpoint.serve.errors import NotFoundError
from flashpoint.serve.params import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_OFFSET,
    parse_filters,
    parse_int,
    parse_interval,
)
from flashpoint.serve.params import Filters as ParsedFilters
from flashpoint.store import Store

router = APIRouter(prefix="/api")

Text = Annotated[str | None, Query()]
Start = Annotated[str | None, Query(description="first day, YYYY-MM-DD")]
End = Annotated[str | None, Query(description="last day, YYYY-MM-DD")]
Country = Annotated[str | None, Query(description="ISO 3166-1 alpha-3 of the location")]
Type = Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")]
ActorQ = Annotated[str | None, Query(description="actor code (prefix), country or name part")]
Bbox = Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")]
Q = Annotated[str | None, Query(description="text in any source sentence")]

MAX_EDGES = 1000
MAX_POINTS = 50_000


def event_filters(
    start: Start = None,
    end: End = None,
    country: Country = None,
    type: Type = None,
    actor: ActorQ = None,
    bbox: Bbox = None,
    q: Q = None,
) -> ParsedFilters:
    """The filters every view shares (one filter drives the map, timeline, network and table)."""
    return parse_filters(
        start=start, end=end, country=country, type=type, actor=actor, bbox=bbox, q=q
    )


SharedFilters = Annotated[ParsedFilters, Depends(event_filters)]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


@router.get("/events", summary="Stored events matching the filters, paged")
def list_events(
    request: Request,
    filters: SharedFilters,
    limit: Text = None,
    offset: Text = None,
) -> dict[str, Any]:
    size = parse_int("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT)
    skip = parse_int("offset", offset, 0, 0, MAX_OFFSET)
    catalog: listing.ActorCatalog = request.app.state.actor_catalog
    return listing.list_events(_store(request).engine, filters, size, skip, catalog)


@router.get("/map", summary="Compact located events for the map: [id, lat, lon, type, deaths]")
def map_points(
    request: Request,
    filters: SharedFilters,
    limit: Text = None,
) -> dict[str, Any]:
    size = parse_int("limit", limit, 5000, 1, MAX_POINTS)
    return queries.map_points(_store(request).engine, filters, size)


@router.get("/events/{event_id}", summary="One stored event with its sources")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    store = _store(request)
    found = store.event(event_id) if len(event_id) <= 64 else None
    if found is None:
        raise NotFoundError(f"no event with id {event_id[:64]!r}")
    titles = queries.article_titles(store.engine, [s["article_id"] for s in found["sources"]])
    for source in found["sources"]:
        source["title"] = titles.get(source["article_id"])
    return found


@router.get("/timeline", summary="Events and fatalities per period and event type")
def get_timeline(
    request: Request,
    filters: SharedFilters,
    interval: Annotated[str | None, Query(description="day, week (default) or month")] = None,
) -> dict[str, Any]:
    return queries.timeline(_store(request).engine, filters, parse_interval(interval))


@router.get("/actors/network", summary="Actor dyads weighted by event counts")
def get_network(
    request: Request,
    filters: SharedFilters,
    limit: Annotated[str | None, Query(description="most edges returned (default 150)")] = None,
) -> dict[str, Any]:
    max_edges = parse_int("limit", limit, 150, 1, MAX_EDGES)
    return queries.actor_network(_store(request).engine, filters, max_edges)


def _alert_dict(alert: Any) -> Any:
    if hasattr(alert, "to_dict"):
        return alert.to_dict()
    if is_dataclass(alert) and not isinstance(alert, type):
        return asdict(alert)
    return alert


@router.get("/alerts", summary="Current escalation alerts")
def get_alerts(request: Request) -> dict[str, Any]:
    # Alerts come from flashpoint.trends, which may not exist yet: look for it only when asked.
    try:
        trends = importlib.import_module("flashpoint.trends")
    except ModuleNotFoundError as exc:
        if exc.name not in ("flashpoint.trends", "flashpoint"):
            raise
        return {"items": []}
    finder = getattr(trends, "alerts", None)
    if finder is None:
        return {"items": []}
    return {"items": [_alert_dict(a) for a in finder(_store(request))]}


@router.get("/stats", summary="Counts of articles and events, per type and country")
def get_stats(request: Request) -> dict[str, Any]:
    return _store(request).stats()


@router.post(
    "/articles",
    summary="Extract and store articles (JSON Lines or a JSON list); bearer token required",
)
async def post_articles(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    content_length: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    ingest.check_token(request.app.state.api_token, authorization)
    limit: int = request.app.state.max_body_bytes
    ingest.check_declared_length(content_length, limit)
    body = await ingest.read_limited(request.stream(), limit)
    parsed = ingest.parse_articles(body)
    # spaCy is CPU-bound and synchronous: keep it off the event loop.
    return await run_in_threadpool(ingest.ingest_articles, _store(request), parsed)
