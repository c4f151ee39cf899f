"""Plain-text reports: an optional ``Key: value`` header block, a blank line, then the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from flashpoint.errors import EmptyInputError, IngestError, MalformedInputError
from flashpoint.ingest.dates import parse_date
from flashpoint.ingest.decode import decode_bytes, read_bytes
from flashpoint.model import Article
from flashpoint.settings import Settings

# Header key → Article field.  "Date" is accepted as a common spelling of "Published".
_HEADER_KEYS = {
    "title": "title",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "source": "source",
}
_HEADER_LINE = re.compile(r"[ \t]*([A-Za-z]{3,9})[ \t]*:[ \t]*(.*?)[ \t]*")
# A real header is short; anything longer is prose that happens to start with "Note:".
_MAX_HEADER_LINES = 12
_MAX_HEADER_LINE_CHARS = 2000


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split ``text`` into (header fields, body).  No header → ({}, text unchanged).

    The header is every line before the first blank line, and only counts when each of
    those lines is ``Key: value`` with a known key.  Expects ``\n`` line ends.
    """
    lines = text.split("\n", _MAX_HEADER_LINES + 1)
    fields: dict[str, str] = {}
    for index, line in enumerate(lines[: _MAX_HEADER_LINES + 1]):
        if not line.strip():
            if fields:
                return fields, "\n".join(lines[index + 1 :])
            break
        if len(line) > _MAX_HEADER_LINE_CHARS:
            break
        match = _HEADER_LINE.fullmatch(line)
        if match is None:
            break
        field = _HEADER_KEYS.get(match.group(1).lower())
        if field is None:
            break
        if match.group(2):
            fields[field] = match.group(2)
    return {}, text


def article_from_text(text: str, origin: str, default_published: date | None = None) -> Article:
    """Build an Article from plain text that may carry a header block."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fields, body = split_header(text)
    if not body.strip():
        raise EmptyInputError("the header is followed by no text", source=origin)
    published = default_published
    if "published" in fields:
        published = parse_date(fields["published"])
        if published is None:
            raise MalformedInputError(
                f"unreadable Published date {fields['published'][:40]!r}",
                source=origin,
                hint="Write the date as YYYY-MM-DD (or e.g. 'March 1, 2020').",
            )
    return Article(
        text=body.strip("\n"),
        url=fields.get("url"),
        title=fields.get("title"),
        published=published,
        source=fields.get("source"),
        origin=origin,
    )


def read_text_file(
    path: Path, settings: Settings, default_published: date | None
) -> Iterator[Article | IngestError]:
    """One article from a ``.txt`` file."""
    data = read_bytes(path, settings.max_input_bytes)
    yield article_from_text(decode_bytes(data, str(path)), str(path), default_published)
