"""Reading news reports from files: plain text, HTML, JSON Lines and RSS/Atom feeds.

``read_inputs`` is the entry point; it yields articles and, for inputs that cannot be read,
``IngestError`` instances (never raising), so one bad file does not stop a batch.
"""

from __future__ import annotations

from flashpoint.ingest.dates import parse_date
from flashpoint.ingest.files import READERS, read_file, read_inputs

SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(sorted(READERS))

__all__ = ["SUPPORTED_EXTENSIONS", "parse_date", "read_file", "read_inputs"]
