"""A benchmark corpus varied from the sample corpus (examples/corpus), written as JSONL shards.

Each generated report keeps the lead paragraph of a sample report and a random, ordered subset of
its sentences, borrows sentences from other reports, and then swaps place names and actor names
for others of the same country (from the synthetic world in ``flashpoint.serve``), varies the
casualty-style numbers and moves the publication date.  Every text is distinct (exact copies would
be dropped by deduplication); ``brief=True`` gives two- or three-sentence bulletins for the
memory runs.  Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path

from flashpoint.api import read_articles
from flashpoint.model import Article
from flashpoint.serve.synthetic import WORLD

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "corpus"
SHARD_SIZE = 500
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_COUNT = re.compile(r"\b(\d{1,3})(?= [a-z])")  # "33 soldiers", not years or "Feb. 27"


@dataclass(frozen=True)
class Sample:
    article: Article
    lead: str
    body: tuple[str, ...]


@cache
def samples() -> tuple[Sample, ...]:
    out = []
    for article in read_articles([SAMPLE], on_error=lambda _e: None):
        paragraphs = [p.strip() for p in article.text.split("\n") if p.strip()]
        sentences = [s for p in paragraphs[1:] for s in _SENTENCE_END.split(p) if len(s) > 30]
        if paragraphs and sentences:
            out.append(Sample(article, paragraphs[0], tuple(sentences)))
    return tuple(out)


@cache
def _swaps() -> tuple[dict[str, list[str]], re.Pattern[str]]:
    """Name → same-country alternatives (places with places, actors with same-sector actors)."""
    world = json.loads(WORLD.read_text(encoding="utf-8"))
    alternatives: dict[str, list[str]] = {}
    for data in world["countries"].values():
        places = [p[0] for p in data["places"]]
        for name in places:
            alternatives[name] = [p for p in places if p != name]
        for _code, name, sector in data["actors"]:
            same = [a[1] for a in data["actors"] if a[2] == sector and a[1] != name]
            if same and len(name) > 4:
                alternatives[name] = same
    names = sorted((n for n, alt in alternatives.items() if alt), key=len, reverse=True)
    return alternatives, re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")


def _vary(text: str, rng: random.Random) -> str:
    alternatives, pattern = _swaps()
    chosen: dict[str, str] = {}  # one replacement per name, so a report stays consistent

    def swap(match: re.Match[str]) -> str:
        name = match.group(1)
        return chosen.setdefault(name, rng.choice(alternatives[name]))

    def count(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return str(max(1, n + rng.randint(-(n // 2), n // 2 + 3)))

    return _COUNT.sub(count, pattern.sub(swap, text))


def _report(k: int, rng: random.Random, pool: tuple[Sample, ...], brief: bool) -> Article:
    base = rng.choice(pool)
    if brief:
        picked = list(rng.sample(base.body, min(len(base.body), 1)))
    else:
        keep = max(2, int(len(base.body) * rng.uniform(0.4, 0.8)))
        idx = sorted(rng.sample(range(len(base.body)), min(keep, len(base.body))))
        picked = [base.body[i] for i in idx]
    other = rng.choice(pool)
    picked += rng.sample(other.body, min(len(other.body), 1 if brief else rng.randint(1, 3)))
    text = _vary("\n\n".join([base.lead, " ".join(picked)]), rng)
    published = base.article.published
    if published:
        published += timedelta(days=rng.randint(-400, 400))
    return Article(
        text=text,
        title=_vary(base.article.title or text[:60], rng),
        url=f"https://bench.example.org/{k}",
        published=published,
        source=base.article.source,
    )


def generate(n: int, *, seed: int = 7, brief: bool = False) -> Iterator[Article]:
    """``n`` distinct reports (by normalised text)."""
    pool = samples()
    seen: set[str] = set()
    k = 0
    while len(seen) < n:
        article = _report(k, random.Random(seed * 1_000_003 + k), pool, brief)
        k += 1
        if article.article_id not in seen:
            seen.add(article.article_id)
            yield article


def write_corpus(out_dir: Path, n: int, *, seed: int = 7, brief: bool = False) -> list[Path]:
    """Write ``n`` reports as JSON Lines shards of ``SHARD_SIZE``; returns the shard paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shards: list[Path] = []
    handle = None
    for i, article in enumerate(generate(n, seed=seed, brief=brief)):
        if i % SHARD_SIZE == 0:
            if handle:
                handle.close()
            shards.append(out_dir / f"shard-{len(shards):03d}.jsonl")
            handle = shards[-1].open("w", encoding="utf-8")
        assert handle is not None
        handle.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    if handle:
        handle.close()
    return shards
