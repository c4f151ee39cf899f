"""End-to-end ingest (read → extract → merge → store) into a database, and extraction alone,
timed."""

from __future__ import annotations

import time
from pathlib import Path

from flashpoint.api import extract_paths
from flashpoint.ingest_run import IngestResult, store_results
from flashpoint.store import open_store


def extract_only(paths: list[Path]) -> float:
    """Wall seconds to read and extract ``paths`` (the ingest without the store)."""
    errors: list[object] = []
    started = time.perf_counter()
    for _article, _events in extract_paths(paths, on_error=errors.append):
        pass
    return time.perf_counter() - started


def ingest(paths: list[Path], url: str) -> tuple[IngestResult, float]:
    """Ingest ``paths`` into ``url``; returns the outcome and wall seconds (store opening
    included, spaCy already loaded by the caller)."""
    errors: list[object] = []
    started = time.perf_counter()
    with open_store(url) as store:
        outcome = store_results(store, extract_paths(paths, on_error=errors.append))
    seconds = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{len(errors)} inputs rejected, first: {errors[0]}")
    return outcome, seconds
