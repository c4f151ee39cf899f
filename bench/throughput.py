"""Bare spaCy ``nlp.pipe`` against flashpoint's extraction, on the same texts, side by side.

Both run in this process after a warm-up; the runs alternate (bare, ours, bare, ours ...) and
the best time of each is kept, so a burst of load on a shared machine hurts neither side alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import spacy

from flashpoint.model import Article
from flashpoint.nlp import get_nlp
from flashpoint.pipeline import run
from flashpoint.settings import get_settings


def _best(fn: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def measure(articles: list[Article], *, repeats: int = 2) -> dict[str, float]:
    """Seconds for bare spaCy and for flashpoint over ``articles``, with words per second."""
    settings = get_settings()
    bare = spacy.load(settings.spacy_model)  # the stock pipeline, none of our components
    texts = [a.text for a in articles]
    warm = articles[:8]
    list(bare.pipe(a.text for a in warm))
    get_nlp()
    list(run(warm))

    def bare_pass() -> None:
        for _ in bare.pipe(texts, batch_size=settings.batch_size):
            pass

    def our_pass() -> None:
        for _ in run(articles):
            pass

    bare_s = our_s = float("inf")
    for _ in range(repeats):  # alternate, so both see the same machine
        bare_s = min(bare_s, _best(bare_pass, 1))
        our_s = min(our_s, _best(our_pass, 1))
    words = sum(len(t.split()) for t in texts)
    return {
        "bare_s": bare_s,
        "ours_s": our_s,
        "words": float(words),
        "bare_words_per_s": words / bare_s,
        "ours_words_per_s": words / our_s,
        "ours_articles_per_s": len(articles) / our_s,
    }
