"""Bare spaCy ``nlp.pipe`` against flashpoint's extraction, on the same texts, side by side.

Both run in this process after a warm-up.  The articles are taken one batch at a time, bare
then ours on the same batch, so a burst of load on a shared machine lands on both sides alike;
each batch keeps its best time of each side over the repeats, and the totals are the sums.
"""

from __future__ import annotations

import time

import spacy

from flashpoint.model import Article
from flashpoint.nlp import get_nlp
from flashpoint.pipeline import run
from flashpoint.settings import get_settings


def measure(articles: list[Article], *, repeats: int = 2) -> dict[str, float]:
    """Seconds for bare spaCy and for flashpoint over ``articles``, with words per second."""
    settings = get_settings()
    size = settings.batch_size
    bare = spacy.load(settings.spacy_model)  # the stock pipeline, none of our components
    warm = articles[:8]
    list(bare.pipe(a.text for a in warm))
    get_nlp()
    list(run(warm))
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    bare_best = [float("inf")] * len(batches)
    ours_best = [float("inf")] * len(batches)
    for _ in range(repeats):
        for k, batch in enumerate(batches):
            started = time.perf_counter()
            list(bare.pipe([a.text for a in batch], batch_size=size))
            middle = time.perf_counter()
            list(run(batch, batch_size=size))
            ended = time.perf_counter()
            bare_best[k] = min(bare_best[k], middle - started)
            ours_best[k] = min(ours_best[k], ended - middle)
    bare_s, our_s = sum(bare_best), sum(ours_best)
    words = sum(len(a.text.split()) for a in articles)
    return {
        "bare_s": bare_s,
        "ours_s": our_s,
        "words": float(words),
        "bare_words_per_s": words / bare_s,
        "ours_words_per_s": words / our_s,
        "ours_articles_per_s": len(articles) / our_s,
    }
