"""End-to-end ingest (read → extract → merge → store) into a database, and extraction alone,
timed."""

from __future__ import annotations

import io
import time
from pathlib import Path

from rich.console import Console

from flashpoint.api import extract_paths
from flashpoint.ingest_run import IngestResult, ingest_paths


def extract_only(paths: list[Path]) -> float:
    """Wall seconds to read and extract ``paths`` (the ingest without the store)."""
    errors: list[object] = []
    started = time.perf_counter()
    for _article, _events in extract_paths(paths, on_error=errors.append):
        pass
    return time.perf_counter() - started


def ingest(paths: list[Path], url: str) -> tuple[IngestResult, float]:
    """Ingest ``paths`` into ``url`` as ``flashpoint ingest`` does (writer process, progress
    bar); returns the outcome and wall seconds (store opening included, spaCy already loaded
    by the caller)."""
    errors: list[object] = []
    started = time.perf_counter()
    outcome = ingest_paths(
        paths,
        db_url=url,
        default_published=None,
        on_error=errors.append,
        console=Console(file=io.StringIO()),  # the progress bar runs, drawn nowhere
    )
    seconds = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{len(errors)} inputs rejected, first: {errors[0]}")
    return outcome, seconds
