"""Actor resolution alone, on Docs parsed beforehand: milliseconds per 1,000 words.

Texts of about 1,000 words are built by joining consecutive generated reports, cleaned as the
pipeline cleans them and parsed with the pipeline's spaCy model once, outside the timing.  Then
only the actor-resolution stage (``ActorResolver.__call__``, the first stage of
``flashpoint.pipeline.ArticleExtractor``) is timed on every Doc; the best of ``repeats``
passes is kept (the stage is deterministic; the minimum is the least disturbed by other load).

    python bench/actors.py [N_TEXTS]    (standalone; prints the figure and the slowest Docs)
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace

from flashpoint.clean import clean_article
from flashpoint.extract.actors import ActorResolver
from flashpoint.model import Article
from flashpoint.nlp import get_nlp

TARGET_WORDS = 1000


def long_texts(articles: list[Article], n: int) -> list[Article]:
    """``n`` texts of at least TARGET_WORDS words, each made of consecutive reports."""
    out: list[Article] = []
    parts: list[str] = []
    first: Article | None = None
    for article in articles:
        cleaned = clean_article(article)
        first = first or cleaned
        parts.append(cleaned.text)
        if sum(len(p.split()) for p in parts) >= TARGET_WORDS:
            out.append(replace(first, text="\n\n".join(parts)))
            parts, first = [], None
            if len(out) == n:
                break
    return out


def measure(articles: list[Article], *, n: int = 30, repeats: int = 3) -> dict[str, float]:
    """Milliseconds of actor resolution per 1,000 words over ``n`` long texts."""
    texts = long_texts(articles, n)
    nlp = get_nlp()
    docs = list(nlp.pipe([a.text for a in texts]))
    resolver = ActorResolver()
    resolver(docs[0], texts[0].published)  # warm-up: dictionaries and lexicon loaded
    best = [float("inf")] * len(docs)
    for _ in range(repeats):
        for k, (article, doc) in enumerate(zip(texts, docs, strict=True)):
            started = time.perf_counter()
            resolver(doc, article.published)
            best[k] = min(best[k], time.perf_counter() - started)
    words = sum(len(a.text.split()) for a in texts)
    return {
        "texts": float(len(texts)),
        "words": float(words),
        "ms_per_1000_words": 1000 * sum(best) / words * 1000,
        "worst_ms": 1000 * max(best),
    }


if __name__ == "__main__":
    import tempfile
    from pathlib import Path

    from corpus import write_corpus

    from flashpoint.api import read_articles

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as tmp:
        shards = write_corpus(Path(tmp), count * 3)
        articles = list(read_articles(shards, on_error=lambda e: None))
    print(measure(articles, n=count))
