"""The REST API over a real SQLite store filled with synthetic events (FastAPI TestClient)."""

from __future__ import annotations

import dataclasses
import json
import sys
import types
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event as sa_event

from flashpoint.serve import create_app, listing
from flashpoint.serve.params import parse_filters
from flashpoint.serve.queries import all_periods, next_period, period_start
from flashpoint.serve.synthetic import synthetic_reports
from flashpoint.settings import Settings
from flashpoint.store import Store, open_store
from stores import filled_store

TOKEN = "test-token-1234"
STATIC = Path(__file__).parents[1] / "src" / "flashpoint" / "serve" / "static"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    opened = filled_store(tmp_path_factory.mktemp("api"), 80, seed=11)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(store=store, settings=Settings(api_token=None))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def everything(store: Store) -> list[dict[str, Any]]:
    """All stored events, read through the store itself: the reference the API must match."""
    return store.events()


def _ok(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert error["code"] == code
    assert error["message"] and error["hint"]
    return error


# --- GET /api/events --------------------------------------------------------------------------


def test_events_lists_every_stored_event_once_across_pages(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        page = _ok(client, "/api/events", limit=17, offset=offset)
        assert page["total"] == len(everything)
        seen.extend(item["event_id"] for item in page["items"])
        if len(page["items"]) < 17:
            break
        offset += 17
    assert seen == [e["event_id"] for e in everything]
    assert len(set(seen)) == len(seen)


def test_events_items_are_stored_events_with_sources(client: TestClient) -> None:
    item = _ok(client, "/api/events", limit=1)["items"][0]
    for key in ("event_id", "event_type", "cameo_code", "actor1", "location", "sentence", "span"):
        assert key in item
    assert item["source_count"] == len(item["sources"]) >= 1
    assert {"article_id", "url", "source", "published", "sentence"} <= set(item["sources"][0])


def _matches(event: dict[str, Any], name: str, value: str) -> bool:
    if name == "type":
        return bool(event["event_type"] == value)
    if name == "country":
        return bool(event["location"] and event["location"]["country"] == value)
    actors = [a for a in (event["actor1"], event["actor2"]) if a]
    return any(a["code"].startswith(value) for a in actors)


@pytest.mark.parametrize(
    ("name", "pick"),
    [
        ("type", lambda e: e["event_type"]),
        ("country", lambda e: e["location"]["country"]),
        ("actor", lambda e: e["actor1"]["code"]),
    ],
)
def test_each_filter_keeps_exactly_the_matching_events(
    client: TestClient, everything: list[dict[str, Any]], name: str, pick: Any
) -> None:
    value = Counter(pick(e) for e in everything).most_common(2)[-1][0]
    expected = [e["event_id"] for e in everything if _matches(e, name, value)]
    page = _ok(client, "/api/events", limit=1000, **{name: value})
    assert page["total"] == len(expected) > 0
    assert [e["event_id"] for e in page["items"]] == expected


def test_date_range_bbox_and_text_filters(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    days = sorted(e["date"] for e in everything)
    start, end = days[len(days) // 4], days[len(days) // 2]
    page = _ok(client, "/api/events", start=start, end=end, limit=1000)
    assert page["total"] == sum(start <= e["date"] <= end for e in everything) > 0
    assert all(start <= e["date"] <= end for e in page["items"])

    box = (30.0, 40.0, 40.0, 60.0)  # Ukraine and western Russia
    inside = [
        e
        for e in everything
        if box[0] <= e["location"]["lon"] <= box[2] and box[1] <= e["location"]["lat"] <= box[3]
    ]
    page = _ok(client, "/api/events", bbox=",".join(map(str, box)), limit=1000)
    assert page["total"] == len(inside) > 0

    word = everything[0]["sentence"].split()[2]
    page = _ok(client, "/api/events", q=word.upper(), limit=1000)
    assert page["total"] == sum(word.lower() in e["sentence"].lower() for e in everything) > 0


def test_filters_combine(client: TestClient, everything: list[dict[str, Any]]) -> None:
    first = everything[0]
    country, kind = first["location"]["country"], first["event_type"]
    page = _ok(client, "/api/events", country=country.lower(), type=kind.lower(), limit=1000)
    expected = [
        e for e in everything if e["location"]["country"] == country and e["event_type"] == kind
    ]
    assert page["total"] == len(expected) >= 1


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "abc"},
        {"limit": "100000"},
        {"offset": "-1"},
        {"offset": "1e3"},
        {"start": "2024-13-01"},
        {"end": "yesterday"},
        {"start": "2024-05-01", "end": "2024-04-01"},
        {"type": "BOMBING"},
        {"country": "SYRIA"},
        {"country": "S1R"},
        {"bbox": "1,2,3"},
        {"bbox": "a,b,c,d"},
        {"bbox": "10,10,5,20"},
        {"bbox": "0,0,200,10"},
        {"bbox": "nan,0,1,1"},
        {"q": "x" * 201},
        {"actor": "a\x00b"},
    ],
)
def test_bad_parameters_are_400_with_a_stable_code(
    client: TestClient, params: dict[str, str]
) -> None:
    _error(client.get("/api/events", params=params), 400, "FP-API-BAD-PARAM")


@pytest.mark.parametrize(
    "q", ["100%", "_", "\\", "' OR 1=1 --", '"; DROP TABLE events; --', "ṣūq", "<script>"]
)
def test_odd_text_is_searched_literally_never_a_server_error(client: TestClient, q: str) -> None:
    page = _ok(client, "/api/events", q=q, actor=q)
    assert page == {"total": 0, "items": []}


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Dated and undated events, to check the page order across both."""
    opened = open_store(f"sqlite:///{tmp_path_factory.mktemp('mixed') / 'm.sqlite'}")
    for number, (article, events) in enumerate(synthetic_reports(40, seed=5)):
        if number % 4 == 0:  # a quarter of the reports give no date at all
            article = dataclasses.replace(article, published=None)
            events = [dataclasses.replace(e, date=None, date_precision="year") for e in events]
        opened.add(article, events)
    yield opened
    opened.close()


@pytest.mark.parametrize("walk_from", [1, 10**9])  # walk the date index always / never
@pytest.mark.parametrize(
    "filters", [{}, {"type": "ASSAULT"}, {"country": "SYR"}, {"actor": "mil"}, {"q": "the"}]
)
def test_pages_match_the_store_on_both_query_paths(
    mixed_store: Store, monkeypatch: pytest.MonkeyPatch, walk_from: int, filters: dict[str, str]
) -> None:
    monkeypatch.setattr(listing, "WALK_MIN_MATCHES", walk_from)
    expected = [e["event_id"] for e in mixed_store.events(**filters)]
    assert any(e["date"] is None for e in mixed_store.events()) and expected
    catalog = listing.ActorCatalog()
    for offset in (0, 7, max(0, len(expected) - 5), len(expected) + 3):
        page = listing.list_events(
            mixed_store.engine, parse_filters(**filters), 10, offset, catalog
        )
        assert page["total"] == len(expected)
        assert [e["event_id"] for e in page["items"]] == expected[offset : offset + 10]


def test_big_result_pages_walk_the_date_index(
    mixed_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "WALK_MIN_MATCHES", 1)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    sa_event.listen(mixed_store.engine, "before_cursor_execute", record)
    try:
        listing.list_events(mixed_store.engine, parse_filters(type="ASSAULT"), 5, 0)
    finally:
        sa_event.remove(mixed_store.engine, "before_cursor_execute", record)
    assert any("INDEXED BY ix_events_date" in s for s in statements)


# --- GET /api/events/{id} ---------------------------------------------------------------------


def test_one_event_with_sources_and_titles(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    wanted = everything[5]
    event = _ok(client, f"/api/events/{wanted['event_id']}")
    assert {k: v for k, v in event.items() if k != "sources"} == {
        k: v for k, v in wanted.items() if k != "sources"
    }
    assert [s["article_id"] for s in event["sources"]] == [
        s["article_id"] for s in wanted["sources"]
    ]
    assert all(s["title"] and s["title"].startswith("Report ") for s in event["sources"])


@pytest.mark.parametrize("event_id", ["0000000000000000", "x" * 500, "..%2F..%2Fetc"])
def test_unknown_event_is_a_json_404(client: TestClient, event_id: str) -> None:
    _error(client.get(f"/api/events/{event_id}"), 404, "FP-API-NOT-FOUND")


def test_unknown_path_and_method_are_json_errors(client: TestClient) -> None:
    _error(client.get("/api/nothing-here"), 404, "FP-API-NOT-FOUND")
    _error(client.delete("/api/events"), 405, "FP-API-METHOD")


# --- GET /api/timeline ------------------------------------------------------------------------


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_timeline_counts_agree_with_the_event_list(
    client: TestClient, everything: list[dict[str, Any]], interval: str
) -> None:
    data = _ok(client, "/api/timeline", interval=interval)
    assert data["interval"] == interval
    per_type: Counter[str] = Counter()
    deaths: Counter[str] = Counter()
    for item in data["items"]:
        assert item["period"] in data["periods"]
        assert period_start(date.fromisoformat(item["period"]), interval) == date.fromisoformat(
            item["period"]
        )
        per_type[item["event_type"]] += item["events"]
        deaths[item["event_type"]] += item["fatalities"]
    assert per_type == Counter(e["event_type"] for e in everything)
    assert deaths["ASSAULT"] == sum(
        e["fatalities"] or 0 for e in everything if e["event_type"] == "ASSAULT"
    )
    assert data["periods"] == sorted(data["periods"])


def test_timeline_country_filter_and_bad_interval(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    country = everything[0]["location"]["country"]
    data = _ok(client, "/api/timeline", country=country, interval="month")
    total = sum(item["events"] for item in data["items"])
    assert total == sum(e["location"]["country"] == country for e in everything)
    _error(client.get("/api/timeline", params={"interval": "year"}), 400, "FP-API-BAD-PARAM")


def test_period_arithmetic() -> None:
    assert period_start(date(2024, 3, 14), "week") == date(2024, 3, 11)  # a Monday
    assert period_start(date(2024, 3, 14), "month") == date(2024, 3, 1)
    assert next_period(date(2024, 12, 1), "month") == date(2025, 1, 1)
    assert all_periods(date(2024, 1, 31), date(2024, 3, 1), "month") == [
        "2024-01-01",
        "2024-02-01",
        "2024-03-01",
    ]
    assert len(all_periods(date(2024, 1, 1), date(2024, 1, 14), "week")) == 2


# --- GET /api/actors/network -----------------------------------------------------------------


def test_network_edges_are_dyad_counts(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    data = _ok(client, "/api/actors/network", limit=1000)
    dyads = Counter(
        (e["actor1"]["code"], e["actor2"]["code"])
        for e in everything
        if e["actor1"] and e["actor2"] and e["actor1"]["code"] != e["actor2"]["code"]
    )
    assert {(e["source"], e["target"]): e["events"] for e in data["edges"]} == dict(dyads)
    node_ids = {n["id"] for n in data["nodes"]}
    assert node_ids == {code for pair in dyads for code in pair}
    assert all(n["name"] and n["events"] >= 1 for n in data["nodes"])


def test_network_date_window_and_edge_limit(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    start = end = everything[len(everything) // 2]["date"]
    data = _ok(client, "/api/actors/network", start=start, end=end)
    on_day = [e for e in everything if e["date"] == start]
    assert sum(edge["events"] for edge in data["edges"]) == len(on_day)
    top = _ok(client, "/api/actors/network", limit=3)
    assert len(top["edges"]) == 3
    weights = [e["events"] for e in top["edges"]]
    assert weights == sorted(weights, reverse=True)


# --- GET /api/map, /api/stats, /api/alerts ---------------------------------------------------


def test_map_points_are_the_located_matching_events(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    data = _ok(client, "/api/map", type="ASSAULT")
    assaults = {e["event_id"]: e for e in everything if e["event_type"] == "ASSAULT"}
    assert data["total"] == len(assaults) and not data["truncated"]
    for event_id, lat, lon, kind, deaths in data["items"]:
        event = assaults[event_id]
        assert kind == "ASSAULT" and deaths == (event["fatalities"] or 0)
        assert (lat, lon) == pytest.approx((event["location"]["lat"], event["location"]["lon"]))
    assert _ok(client, "/api/map", limit=5)["truncated"] is True


def test_stats_counts(client: TestClient, everything: list[dict[str, Any]]) -> None:
    stats = _ok(client, "/api/stats")
    assert stats["events"] == len(everything)
    assert stats["articles"] == 80


def test_alerts_are_empty_without_the_trends_module(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "flashpoint.trends", None)  # import now fails as if absent
    assert _ok(client, "/api/alerts") == {"items": []}


def test_alerts_come_from_trends_when_it_exists(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    received: list[object] = []

    def alerts(store: object) -> list[dict[str, Any]]:
        received.append(store)
        return [{"alert_id": "a1", "kind": "surge", "event_ids": ["e1"]}]

    fake = types.ModuleType("flashpoint.trends")
    fake.alerts = alerts  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "flashpoint.trends", fake)
    assert _ok(client, "/api/alerts") == {
        "items": [{"alert_id": "a1", "kind": "surge", "event_ids": ["e1"]}]
    }
    assert received == [client.app.state.store]  # type: ignore[attr-defined]


# --- POST /api/articles -----------------------------------------------------------------------

REPORT = {
    "text": "Syrian government shelling killed two Turkish soldiers in Idlib province on "
    "Thursday, the Turkish defence ministry said.",
    "title": "Turkish soldiers killed in Idlib",
    "published": "2020-02-28",
    "source": "Example Wire",
    "url": "https://example.org/idlib",
}


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(f"sqlite:///{tmp_path / 'w.sqlite'}", settings=Settings(api_token=TOKEN))
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def _post(client: TestClient, body: bytes | str, token: str | None = TOKEN, **headers: str) -> Any:
    if token is not None:
        headers["authorization"] = f"Bearer {token}"
    return client.post("/api/articles", content=body, headers=headers)


def test_post_is_disabled_without_a_configured_token(client: TestClient) -> None:
    _error(_post(client, json.dumps(REPORT)), 403, "FP-API-WRITE-DISABLED")


@pytest.mark.parametrize("token", [None, "", "wrong-token", TOKEN + "x"])
def test_post_refuses_a_missing_or_wrong_token(writable: TestClient, token: str | None) -> None:
    _error(_post(writable, json.dumps(REPORT), token=token), 401, "FP-API-UNAUTHORIZED")
    assert _ok(writable, "/api/events")["total"] == 0


def test_post_json_lines_extracts_and_stores(writable: TestClient) -> None:
    other = {**REPORT, "text": "Protesters marched in Kyiv on Monday against the government."}
    body = "\n".join(json.dumps(r) for r in (REPORT, other)) + "\n"
    response = _post(writable, body, **{"content-type": "application/x-ndjson"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["articles"] == 2
    assert [r["status"] for r in result["results"]] == ["new", "new"]
    stored = _ok(writable, "/api/events", limit=100)
    assert stored["total"] == result["events_new"] >= 1
    assert any("Turkish soldiers" in e["sentence"] for e in stored["items"])
    again = _post(writable, json.dumps([REPORT])).json()  # a JSON list; same article again
    assert [r["status"] for r in again["results"]] == ["duplicate"]


@pytest.mark.parametrize(
    "body",
    [
        "",
        "not json",
        '{"title": "no text"}',
        '[{"text": ""}]',
        '{"text": 5}',
        "[1, 2]",
        b"\xff\xfe",
    ],
)
def test_post_malformed_bodies_are_400(writable: TestClient, body: str | bytes) -> None:
    _error(_post(writable, body), 400, "FP-API-MALFORMED")


def test_post_size_limit_is_413(tmp_path: Path) -> None:
    app = create_app(
        f"sqlite:///{tmp_path / 's.sqlite'}",
        settings=Settings(api_token=TOKEN),
        max_body_bytes=200,
    )
    with TestClient(app) as small:
        big = json.dumps({**REPORT, "text": "word " * 100})
        _error(_post(small, big), 413, "FP-API-TOO-LARGE")

        def chunks() -> Iterator[bytes]:  # no Content-Length: the stream itself is counted
            yield big.encode()

        _error(_post(small, chunks()), 413, "FP-API-TOO-LARGE")  # type: ignore[arg-type]
        assert _ok(small, "/api/events")["total"] == 0
    app.state.store.close()


def test_default_post_limit_is_five_megabytes(writable: TestClient) -> None:
    headers = {"content-length": str(5 * 1024 * 1024 + 1), "authorization": f"Bearer {TOKEN}"}
    response = writable.post("/api/articles", content=b"{}", headers=headers)
    _error(response, 413, "FP-API-TOO-LARGE")  # the declared length is refused before reading


def test_a_broken_database_is_a_json_503(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'b.sqlite'}")
    with app.state.store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE event_sources")
    with TestClient(app) as broken:
        _error(broken.get("/api/events", params={"q": "x"}), 503, "FP-API-STORE")
        _error(broken.get("/api/timeline", params={"q": "x"}), 503, "FP-API-STORE")
    app.state.store.close()


# --- pages, headers, CORS ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/api/events", "/docs", "/static/js/main.js", "/nope"])
def test_security_headers_everywhere(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_cors_is_closed_by_default(client: TestClient) -> None:
    response = client.get("/api/events", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/events",
        headers={"origin": "https://evil.example", "access-control-request-method": "GET"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_can_be_opened_for_named_origins(store: Store) -> None:
    app = create_app(store=store, cors_origins=["https://ok.example"])
    with TestClient(app) as opened:
        good = opened.get("/api/stats", headers={"origin": "https://ok.example"})
        bad = opened.get("/api/stats", headers={"origin": "https://evil.example"})
    assert good.headers["access-control-allow-origin"] == "https://ok.example"
    assert "access-control-allow-origin" not in bad.headers


def test_dashboard_and_docs_load_only_local_files(client: TestClient) -> None:
    for path in ("/", "/docs"):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "http://" not in page.text and "https://" not in page.text
        assert "<script>" not in page.text  # no inline script: CSP forbids it
    schema = _ok(client, "/openapi.json")
    for path in ("/api/events", "/api/events/{event_id}", "/api/timeline", "/api/actors/network"):
        assert path in schema["paths"]
    assert "post" in schema["paths"]["/api/articles"]


def test_vendored_files_are_served_with_their_licences(client: TestClient) -> None:
    vendor = STATIC / "vendor"
    for package in ("leaflet", "world-atlas", "topojson-client", "swagger-ui"):
        assert (vendor / package / "LICENSE").is_file()
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    topology = _ok(client, "/static/vendor/world-atlas/countries-110m.json")
    assert topology["type"] == "Topology"
