"""Bare spaCy ``nlp.pipe`` against flashpoint's extraction, on the same texts, side by side.

Both run in this process after a warm-up.  The articles are taken one batch at a time, bare
then ours on the same batch, so a burst of load on a shared machine lands on both sides alike;
each batch keeps its best time of each side over the repeats, and the totals are the sums.
"""

from __future__ import annotations

import time

import spacy
from spacy.language import Language

from flashpoint.model import Article
from flashpoint.nlp import get_nlp
from flashpoint.pipeline import run
from flashpoint.settings import get_settings


def bare_pipeline(warm: list[Article]) -> Language:
    """The stock spaCy pipeline of our model, none of our components, warmed up on ``warm``."""
    bare = spacy.load(get_settings().spacy_model)
    list(bare.pipe(a.text for a in warm))
    return bare


def bare_seconds(bare: Language, articles: list[Article]) -> float:
    """Wall seconds for bare ``nlp.pipe`` over the texts, in our batch size."""
    size = get_settings().batch_size
    started = time.perf_counter()
    list(bare.pipe([a.text for a in articles], batch_size=size))
    return time.perf_counter() - started


def measure(articles: list[Article], *, repeats: int = 2) -> dict[str, float]:
    """Seconds for bare spaCy and for flashpoint over ``articles``, with words per second."""
    size = get_settings().batch_size
    warm = articles[:8]
    bare = bare_pipeline(warm)
    get_nlp()
    list(run(warm))
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    bare_best = [float("inf")] * len(batches)
    ours_best = [float("inf")] * len(batches)
    for _ in range(repeats):
        for k, batch in enumerate(batches):
            bare_best[k] = min(bare_best[k], bare_seconds(bare, batch))
            started = time.perf_counter()
            list(run(batch, batch_size=size))
            ours_best[k] = min(ours_best[k], time.perf_counter() - started)
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
