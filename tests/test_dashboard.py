"""The dashboard in a real headless Chromium, on a real SQLite store of synthetic events.

Screenshots go to ``test-artifacts/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from browser import CHROMIUM_ARGS, chromium_path, live_server
from flashpoint.model import Actor, Article
from flashpoint.serve import create_app
from flashpoint.serve.synthetic import synthetic_reports
from flashpoint.settings import Settings
from stores import filled_store

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
SCRIPT = "<script>window.__xss = 'script'</script>"
IMG = "<img src=x onerror=\"window.__xss = 'img'\">"


def _xss_report() -> tuple[Article, list[Any]]:
    """A report whose every text field carries markup that would run if parsed as HTML."""
    article, events = next(iter(synthetic_reports(1, seed=99)))
    hostile = Article(
        text=article.text + " " + SCRIPT,
        url="javascript:window.__xss='link'",
        title=f"Breaking {SCRIPT} {IMG}",
        published=date(2023, 6, 2),  # outside the synthetic range: it cannot merge with those
        source=f"Outlet {IMG}",
    )
    event = events[0]
    actor = Actor(f"gunmen {IMG}", f"gunmen {IMG}", "XSSREB", event.location.country, "REB")  # type: ignore[union-attr]
    bad = dataclasses.replace(
        event,
        article_id=hostile.article_id,
        date=date(2023, 6, 1),
        sentence=f"Attack reported {SCRIPT} then {IMG} xsscheck.",
        actor1=actor,
        attribution=IMG,
    )
    return hostile, [bad]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = filled_store(tmp_path_factory.mktemp("dash"), 150, seed=3)
    store.add(*_xss_report())
    app = create_app(store=store, settings=Settings(api_token=None))
    with live_server(app) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    opened.problems = problems
    yield opened
    context.close()


def _api(base_url: str, path: str, **params: Any) -> Any:
    response = httpx.get(f"{base_url}{path}", params=params, timeout=10)
    response.raise_for_status()
    return response.json()


def _load(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)
    assert page.problems == []


def _ints(page: Any, selector: str, attribute: str) -> list[int]:
    values = page.eval_on_selector_all(
        selector, f"nodes => nodes.map(n => n.getAttribute('{attribute}'))"
    )
    return [int(v) for v in values]


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"), full_page=True)


def test_every_view_shows_what_the_api_holds(page: Any, base_url: str) -> None:
    _load(page, f"{base_url}/")
    located = _api(base_url, "/api/map")
    assert not located["truncated"]
    assert sum(_ints(page, ".fp-marker", "data-count")) == located["total"]
    assert page.locator(".fp-marker").count() < located["total"]  # clustered, not one each

    timeline = _api(base_url, "/api/timeline", interval="week")
    assert sum(_ints(page, "rect.fp-bar", "data-events")) == sum(
        i["events"] for i in timeline["items"]
    )

    network = _api(base_url, "/api/actors/network", limit=60)
    shown = page.eval_on_selector_all("circle.fp-node", "ns => ns.map(n => n.dataset.id)")
    assert sorted(shown) == sorted(n["id"] for n in network["nodes"]) and shown

    events = _api(base_url, "/api/events", limit=25)
    rows = page.eval_on_selector_all("tr.fp-row", "rs => rs.map(r => r.dataset.eventId)")
    assert rows == [e["event_id"] for e in events["items"]]
    assert str(events["total"]) in page.locator("#page").inner_text()
    _shot(page, "overview")


def test_a_filter_applies_to_all_views_and_lives_in_the_url(page: Any, base_url: str) -> None:
    _load(page, f"{base_url}/")
    country = _api(base_url, "/api/events", limit=1)["items"][0]["location"]["country"]
    page.select_option("select[name=type]", "ASSAULT")
    page.fill("input[name=country]", country.lower())
    page.click("#apply")
    page.wait_for_url("**type=ASSAULT**")
    page.wait_for_selector("body[data-ready=true]")
    assert f"country={country}" in page.url

    expected = _api(base_url, "/api/events", type="ASSAULT", country=country, limit=25)
    assert expected["total"] > 0
    rows = page.eval_on_selector_all("tr.fp-row", "rs => rs.map(r => r.dataset.eventId)")
    assert rows == [e["event_id"] for e in expected["items"]]
    bar_types = set(page.eval_on_selector_all("rect.fp-bar", "bs => bs.map(b => b.dataset.type)"))
    assert bar_types == {"ASSAULT"}
    assert sum(_ints(page, "rect.fp-bar", "data-events")) == expected["total"]
    marker_types = set(page.eval_on_selector_all(".fp-marker", "ms => ms.map(m => m.dataset.type)"))
    assert marker_types == {"ASSAULT"}
    assert sum(_ints(page, ".fp-marker", "data-count")) == expected["total"]
    _shot(page, "filtered")

    page.reload()  # the state survives a reload: it is in the query string
    page.wait_for_selector("body[data-ready=true]")
    assert page.input_value("select[name=type]") == "ASSAULT"
    assert page.input_value("input[name=country]") == country
    assert page.locator("tr.fp-row").count() == len(expected["items"])


def test_an_event_opens_with_its_provenance(page: Any, base_url: str) -> None:
    _load(page, f"{base_url}/")
    first = page.locator("tr.fp-row").first
    event_id = first.get_attribute("data-event-id")
    first.click()
    page.wait_for_selector("#detail:not([hidden])")
    event = _api(base_url, f"/api/events/{event_id}")
    detail = page.locator("#detail")
    assert detail.get_attribute("data-event-id") == event_id
    assert page.locator("#detail .event-sentence").inner_text() == event["sentence"]
    text = detail.inner_text()
    assert event["actor1"]["name"] in text and event["actor1"]["code"] in text
    assert event["location"]["name"] in text
    assert page.locator("#detail li.source").count() == event["source_count"]
    assert f"event={event_id}" in page.url
    _shot(page, "provenance")

    page.goto(page.url)  # a shared link opens the same event
    page.wait_for_selector("#detail:not([hidden])")
    assert page.locator("#detail").get_attribute("data-event-id") == event_id


def test_markup_in_reports_is_shown_as_text_and_never_runs(page: Any, base_url: str) -> None:
    _load(page, f"{base_url}/?q=xsscheck")
    row = page.locator("tr.fp-row")
    assert row.count() == 1
    assert SCRIPT in row.inner_text() and IMG in row.inner_text()
    row.click()
    page.wait_for_selector("#detail:not([hidden])")
    detail = page.locator("#detail").inner_text()
    assert SCRIPT in detail and IMG in detail  # sentence, title, outlet, actor, attribution
    assert page.locator("#detail a").count() == 0  # the javascript: URL is not a link
    page.wait_for_timeout(300)  # give an injected onerror handler the time it would need
    assert page.evaluate("window.__xss") is None
    assert page.locator("img[src=x], #detail script, #events script").count() == 0
    _shot(page, "xss")
    assert page.problems == []
