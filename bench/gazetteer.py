"""Gazetteer build time and size, and geocoding throughput (place mentions per second)."""

from __future__ import annotations

import time
from pathlib import Path

from flashpoint.extract.places import find_places
from flashpoint.gazetteer import Gazetteer
from flashpoint.gazetteer.build import ensure_index
from flashpoint.model import Article
from flashpoint.nlp import get_nlp


def measure(tmp: Path, articles: list[Article]) -> dict[str, float]:
    path = tmp / "gazetteer-bench.sqlite"
    started = time.perf_counter()
    ensure_index(path)
    build_s = time.perf_counter() - started
    gazetteer = Gazetteer.open(path)
    docs = list(get_nlp().pipe(a.text for a in articles))
    find_places(docs[0], gazetteer=gazetteer)  # warm the look-up caches once
    started = time.perf_counter()
    mentions = sum(len(find_places(doc, gazetteer=gazetteer)) for doc in docs)
    geocode_s = time.perf_counter() - started
    return {
        "build_s": build_s,
        "size_mb": path.stat().st_size / 1e6,
        "mentions": float(mentions),
        "mentions_per_s": mentions / geocode_s if geocode_s else 0.0,
    }
