"""JSON Lines: one article object per line, streamed; a bad line is reported and skipped."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from flashpoint.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    IngestError,
    MalformedInputError,
    TooLargeError,
)
from flashpoint.ingest.dates import parse_date
from flashpoint.ingest.decode import looks_binary
from flashpoint.model import Article
from flashpoint.settings import Settings

_SNIFF_BYTES = 8192
_SKIP_CHUNK = 1 << 20
_OPTIONAL_STRINGS = ("url", "title", "source")


def _lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, raw line) pairs; ``None`` for a line longer than ``limit`` bytes.

    An over-long line is skipped in chunks, never held in memory whole.
    """
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (chunk := handle.readline(_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    raise ValueError(f"'{key}' must be a string or null, not {type(value).__name__}")


def _published(record: dict[str, Any], default: date | None) -> date | None:
    value = record.get("published")
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValueError(f"'published' must be a date string, not {type(value).__name__}")
    parsed = parse_date(value) if value.strip() else default
    if value.strip() and parsed is None:
        raise ValueError(f"'published' is not a date: {value[:40]!r}")
    return parsed


def article_from_record(record: Any, origin: str, default_published: date | None) -> Article:
    """Validate one decoded JSON value; raise ValueError with the reason when it is unusable."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        missing = "text" not in record or text is None
        raise ValueError("missing 'text'" if missing else "'text' must be a string")
    if not text.strip():
        raise ValueError("'text' is empty")
    return Article(
        text=text,
        url=_optional_string(record, "url"),
        title=_optional_string(record, "title"),
        published=_published(record, default_published),
        source=_optional_string(record, "source"),
        origin=origin,
    )


def _parse_line(raw: bytes, origin: str, default_published: date | None) -> Article | IngestError:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return EncodingError(f"invalid UTF-8 at byte {exc.start}", source=origin)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return MalformedInputError(f"invalid JSON: {exc.msg} (column {exc.colno})", source=origin)
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        return MalformedInputError(f"invalid JSON: {type(exc).__name__}", source=origin)
    try:
        return article_from_record(record, origin, default_published)
    except ValueError as exc:
        return MalformedInputError(str(exc), source=origin)


def read_jsonl_file(
    path: Path, settings: Settings, default_published: date | None
) -> Iterator[Article | IngestError]:
    """Articles from a ``.jsonl`` file, one per non-blank line.

    The size limit applies per line (one article), so large corpora stream through.
    """
    limit = settings.max_input_bytes
    with path.open("rb") as handle:
        if looks_binary(handle.read(_SNIFF_BYTES)):
            raise BinaryInputError("file holds binary data, not JSON Lines", source=str(path))
        handle.seek(0)
        seen_content = False
        for number, raw in _lines(handle, limit):
            origin = f"{path}:{number}"
            if raw is None:
                seen_content = True
                yield TooLargeError(f"line is over the limit of {limit:,} bytes", source=origin)
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            seen_content = True
            yield _parse_line(raw, origin, default_published)
    if not seen_content:
        raise EmptyInputError("file holds no JSON lines", source=str(path))
