"""RSS and Atom feeds: one article per item, parsed offline from the file's bytes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import feedparser

from flashpoint.errors import BinaryInputError, EmptyInputError, IngestError, MalformedInputError
from flashpoint.ingest.dates import date_from_struct, parse_date
from flashpoint.ingest.decode import looks_binary, read_bytes
from flashpoint.ingest.html import html_to_text
from flashpoint.model import Article
from flashpoint.settings import Settings

_FEED_HINT = "Pass an RSS 2.0/1.0 or Atom feed; other XML documents are not news reports."


def parse_feed(data: bytes) -> Any:
    """feedparser on in-memory bytes (a stream, so it never treats the input as a URL)."""
    try:
        return feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser is lenient; a crash still means unusable input
        raise MalformedInputError(f"cannot parse feed: {type(exc).__name__}") from exc


def _entry_text(entry: Any) -> str:
    """The fullest body the item offers: content, else summary/description, else the title."""
    bodies = [part.get("value", "") for part in entry.get("content", []) or []]
    bodies.append(entry.get("summary", "") or "")
    texts = [html_to_text(body) for body in bodies if body and body.strip()]
    best = max(texts, key=len, default="")
    return best or html_to_text(entry.get("title", "") or "")


def _entry_date(entry: Any, default_published: date | None) -> date | None:
    # The printed string keeps the outlet's calendar day; *_parsed values are shifted to UTC.
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        parsed = parse_date(raw) if isinstance(raw, str) else None
        if parsed is None:
            parsed = date_from_struct(entry.get(f"{key}_parsed"))
        if parsed is not None:
            return parsed
    return default_published


def _clean_str(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def article_from_entry(
    entry: Any, feed_title: str | None, origin: str, default_published: date | None
) -> Article:
    text = _entry_text(entry)
    if not text:
        raise EmptyInputError("feed item has neither content nor title", source=origin)
    title = _clean_str(entry.get("title"))
    return Article(
        text=text,
        url=_clean_str(entry.get("link")),
        title=html_to_text(title) if title else None,
        published=_entry_date(entry, default_published),
        source=feed_title,
        origin=origin,
    )


def articles_from_feed(
    data: bytes, origin: str, default_published: date | None = None
) -> Iterator[Article | IngestError]:
    """Articles from feed bytes; raise MalformedInputError when the XML is not a feed."""
    try:
        parsed = parse_feed(data)
    except MalformedInputError as error:
        error.source = origin
        raise
    entries = parsed.get("entries", [])
    if not parsed.get("version") and not entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise MalformedInputError(
            f"not an RSS or Atom feed{detail}", source=origin, hint=_FEED_HINT
        )
    if not entries:
        raise EmptyInputError("the feed has no items", source=origin)
    feed_title = _clean_str(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        try:
            yield article_from_entry(entry, feed_title, origin, default_published)
        except IngestError as error:
            error.source = f"{origin} item {number}"
            yield error


def read_feed_file(
    path: Path, settings: Settings, default_published: date | None
) -> Iterator[Article | IngestError]:
    """Articles from an ``.xml``/``.rss``/``.atom`` file."""
    data = read_bytes(path, settings.max_input_bytes)
    if not data.strip():
        raise EmptyInputError("file is empty or holds only white space", source=str(path))
    if looks_binary(data):
        raise BinaryInputError("file holds binary data, not a feed", source=str(path))
    yield from articles_from_feed(data, str(path), default_published)
