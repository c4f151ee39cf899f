"""``POST /api/articles``: token check, bounded body, article parsing, extraction and storage."""

from __future__ import annotations

import hmac
import json
from collections.abc import AsyncIterator
from typing import Any

from flashpoint.ingest.jsonl import article_from_record
from flashpoint.model import Article
from flashpoint.serve.errors import (
    MalformedBodyError,
    PayloadTooLargeError,
    UnauthorizedError,
    WriteDisabledError,
)
from flashpoint.store import Store

MAX_BODY_BYTES = 5 * 1024 * 1024
MAX_ARTICLES = 1000


def check_token(configured: str | None, authorization: str | None) -> None:
    """403 when writing is not enabled at all, 401 when the bearer token is missing or wrong."""
    if not configured:
        raise WriteDisabledError("POST is disabled: the server has no API token configured")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise UnauthorizedError("a bearer token is required")
    # compare_digest: the time taken must not reveal how much of the token was right
    if not hmac.compare_digest(given.strip().encode(), configured.encode()):
        raise UnauthorizedError("the bearer token is not valid")


def check_declared_length(content_length: str | None, limit: int) -> None:
    if content_length is None:
        return
    try:
        declared = int(content_length)
    except ValueError:
        raise MalformedBodyError("Content-Length is not a number") from None
    if declared > limit:
        raise PayloadTooLargeError(f"the body is larger than {limit} bytes")


async def read_limited(chunks: AsyncIterator[bytes], limit: int) -> bytes:
    """The whole body, refusing it as soon as it passes ``limit`` (the header may lie)."""
    body = bytearray()
    async for chunk in chunks:
        body.extend(chunk)
        if len(body) > limit:
            raise PayloadTooLargeError(f"the body is larger than {limit} bytes")
    return bytes(body)


def _records(text: str) -> list[tuple[str, Any]]:
    """(where, decoded value) pairs from a JSON list, a single object, or JSON Lines."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            values = json.loads(stripped)
        except (ValueError, RecursionError) as exc:
            raise MalformedBodyError(f"invalid JSON list: {exc}") from None
        return [(f"item {i}", value) for i, value in enumerate(values)]
    records: list[tuple[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((f"line {number}", json.loads(line)))
        except (ValueError, RecursionError) as exc:
            raise MalformedBodyError(f"line {number}: invalid JSON: {exc}") from None
    return records


def parse_articles(body: bytes) -> list[Article]:
    """Every article of the body; one bad record refuses the whole request (nothing stored)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedBodyError(f"the body is not UTF-8 (byte {exc.start})") from None
    records = _records(text)
    if not records:
        raise MalformedBodyError("the body holds no article")
    if len(records) > MAX_ARTICLES:
        raise PayloadTooLargeError(f"at most {MAX_ARTICLES} articles per request")
    parsed: list[Article] = []
    for where, record in records:
        try:
            parsed.append(article_from_record(record, f"request {where}", None))
        except ValueError as exc:
            raise MalformedBodyError(f"{where}: {exc}") from None
    return parsed


def ingest_articles(store: Store, parsed: list[Article]) -> dict[str, Any]:
    """Extract and store; the pipeline is imported here so that reading never loads spaCy."""
    from flashpoint.pipeline import run

    results: list[dict[str, Any]] = []
    for article, found in run(parsed):
        added = store.add(article, found)
        results.append(
            {
                "article_id": added.article_id,
                "status": added.status,
                "events_new": added.events_new,
                "events_merged": added.events_merged,
            }
        )
    return {
        "articles": len(results),
        "events_new": sum(r["events_new"] for r in results),
        "events_merged": sum(r["events_merged"] for r in results),
        "results": results,
    }
