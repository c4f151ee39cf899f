"""``make bench``: every benchmark, side by side in one run, on one generated corpus.

Prints ``bench: <name> <value> <unit>`` lines and writes the same figures to
bench-results.json (replaced at the start of each run).  Sizes come from the environment:

    FLASHPOINT_BENCH_CORPUS     articles generated (default 2000; at least 2000 is the spec)
    FLASHPOINT_BENCH_ARTICLES   articles used for the throughput and ingest runs (200)
    FLASHPOINT_BENCH_DASK       articles for the Dask 1-vs-2-worker runs (400: with fewer, the
                                fixed cost of starting and draining a run hides the scaling)
    FLASHPOINT_BENCH_REPEATS    alternating repeats of the bare-spaCy, extraction and ingest
                                comparisons (2)
    FLASHPOINT_BENCH_ACTOR_TEXTS  ~1,000-word texts for the actor-resolution timing (30)
    FLASHPOINT_BENCH_MEMORY     corpus sizes for the peak-memory runs (1000,10000)
    FLASHPOINT_BENCH_API_EVENTS stored events for bench/serve_bench.py (100000; 0 skips it)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import CORES, RESULTS, ROOT, Figures, env_int, note
from corpus import write_corpus

from flashpoint.api import read_articles
from flashpoint.model import Article


def _subset(shards: list[Path], n: int, out: Path) -> tuple[Path, list[Article]]:
    """The first ``n`` generated articles, as one JSONL file and as records."""
    lines: list[str] = []
    for shard in shards:
        with shard.open(encoding="utf-8") as handle:
            lines.extend(line for _, line in zip(range(n - len(lines)), handle, strict=False))
    out.write_text("".join(lines), encoding="utf-8")
    return out, list(read_articles([out], on_error=lambda e: print(e.render())))


def bench_throughput(figures: Figures, articles: list[Article], repeats: int) -> None:
    from throughput import measure

    m = measure(articles, repeats=repeats)
    note(
        f"throughput: {len(articles)} articles, {int(m['words'])} words, one process, "
        f"{CORES} cores, bare and ours alternating batch by batch, best of {repeats} per batch"
    )
    figures.add("bare_spacy_words_per_s", round(m["bare_words_per_s"]), "words/s")
    figures.add("extract_words_per_s", round(m["ours_words_per_s"]), "words/s")
    figures.add("extract_articles_per_s", round(m["ours_articles_per_s"], 2), "articles/s")
    figures.add("overhead_vs_bare_spacy", round(m["ours_s"] / m["bare_s"], 2), "ratio")


def bench_ingest(
    figures: Figures, subset: Path, articles: list[Article], tmp: Path, repeats: int
) -> None:
    from ingest import extract_only, ingest
    from pg_server import postgres_url
    from throughput import bare_pipeline, bare_seconds

    # Bare spaCy, extraction alone and the whole ingest (extraction + merge + store, as
    # `flashpoint ingest` runs it) on the same articles, alternating, best of ``repeats`` each:
    # ingest over extraction is what the store adds, ingest over bare spaCy what we add in all.
    bare = bare_pipeline(articles[:8])
    bare_s = extract_s = ingest_s = float("inf")
    for k in range(repeats):
        bare_s = min(bare_s, bare_seconds(bare, articles))
        extract_s = min(extract_s, extract_only([subset]))
        outcome, seconds = ingest([subset], f"sqlite:///{tmp / f'ingest-{k}.sqlite'}")
        ingest_s = min(ingest_s, seconds)
    note(
        f"ingest: {len(articles)} articles ({outcome.articles_new} new, "
        f"{outcome.articles_near_duplicate} near-duplicate), {outcome.events_new} events stored, "
        f"{outcome.events_merged} merged; bare spaCy, extraction alone and ingest into a fresh "
        f"SQLite file alternating, best of {repeats}, {CORES} cores"
    )
    figures.add("ingest_sqlite_articles_per_s", round(outcome.articles / ingest_s, 2), "articles/s")
    figures.add("store_overhead_vs_extract", round(ingest_s / extract_s, 3), "ratio")
    figures.add("ingest_overhead_vs_bare_spacy", round(ingest_s / bare_s, 3), "ratio")
    with postgres_url() as url:
        if url is None:
            note("ingest into PostgreSQL skipped: apt-get install -y postgresql")
            return
        outcome, seconds = ingest([subset], url)
        figures.add(
            "ingest_postgres_articles_per_s", round(outcome.articles / seconds, 2), "articles/s"
        )


def bench_actors(figures: Figures, shards: list[Path]) -> None:
    from actors import measure

    texts = env_int("FLASHPOINT_BENCH_ACTOR_TEXTS", 30)
    articles = list(read_articles(shards[:1], on_error=lambda e: print(e.render())))
    m = measure(articles, n=texts)
    note(
        f"actors: {int(m['texts'])} texts of ~1,000 words ({int(m['words'])} words), parsed "
        f"beforehand; only ActorResolver timed, best of 3, one process, {CORES} cores"
    )
    figures.add("actor_resolution_ms_per_1000_words", round(m["ms_per_1000_words"], 2), "ms")


def bench_dask(figures: Figures, subset: Path, n: int) -> None:
    size = max(4096, subset.stat().st_size // (8 * 2))  # about 8 partitions per worker
    script = Path(__file__).with_name("dask_speedup.py")
    out = subprocess.run(
        [sys.executable, str(script), str(subset), str(size)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    timing = json.loads(out.strip().splitlines()[-1])
    one, two, repeats = timing["one"], timing["two"], timing["repeats"]
    note(
        f"dask: {n} articles, LocalCluster of 1 then 2 single-threaded worker processes, "
        f"{CORES} cores, {size // 1024} KiB partitions, best of {repeats} passes on each warm "
        "cluster, client in a fresh process"
    )
    figures.add("dask_1_worker_articles_per_s", round(n / one, 2), "articles/s")
    figures.add("dask_2_workers_articles_per_s", round(n / two, 2), "articles/s")
    figures.add("dask_speedup_2_vs_1", round(one / two, 2), "ratio")


def bench_memory(figures: Figures, sizes: list[int], tmp: Path) -> None:
    from memory import peak_rss_mb

    peaks: dict[int, float] = {}
    for size in sizes:
        corpus = tmp / f"memory-{size}"
        write_corpus(corpus, size, seed=size, brief=True)
        peak, stored, seconds = peak_rss_mb(corpus)
        note(
            f"memory: {stored} bulletins (2-3 sentences each) ingested into SQLite in "
            f"{seconds:.0f} s, one process"
        )
        peaks[size] = peak
        figures.add(f"peak_rss_{size}_articles_mb", round(peak, 1), "MB")
    if len(peaks) >= 2:
        low, high = min(peaks), max(peaks)
        figures.add(f"peak_rss_growth_{high}_vs_{low}", round(peaks[high] / peaks[low], 3), "ratio")


def bench_gazetteer(figures: Figures, articles: list[Article], tmp: Path) -> None:
    from gazetteer import measure

    m = measure(tmp, articles)
    note(f"gazetteer: fresh build; {int(m['mentions'])} place mentions in {len(articles)} articles")
    figures.add("gazetteer_build_s", round(m["build_s"], 1), "s")
    figures.add("gazetteer_size_mb", round(m["size_mb"], 1), "MB")
    figures.add("geocode_mentions_per_s", round(m["mentions_per_s"], 1), "mentions/s")


def bench_serve(events: int) -> None:
    script = ROOT / "bench" / "serve_bench.py"
    if not script.exists() or events <= 0:
        note("REST API benchmark skipped")
        return
    subprocess.run([sys.executable, str(script), "--events", str(events)], check=True)


def main() -> None:
    started = time.perf_counter()
    RESULTS.unlink(missing_ok=True)
    figures = Figures()
    corpus_size = max(env_int("FLASHPOINT_BENCH_CORPUS", 2000), 1)
    n = min(env_int("FLASHPOINT_BENCH_ARTICLES", 200), corpus_size)
    memory_sizes = [
        int(s)
        for s in os.environ.get("FLASHPOINT_BENCH_MEMORY", "1000,10000").split(",")
        if s.strip()
    ]
    print(
        f"flashpoint bench: {CORES} cores, corpus of {corpus_size} generated articles", flush=True
    )
    with tempfile.TemporaryDirectory(prefix="flashpoint-bench-") as raw:
        tmp = Path(raw)
        shards = write_corpus(tmp / "corpus", corpus_size)
        subset, articles = _subset(shards, n, tmp / "subset.jsonl")
        figures.add("corpus_articles", float(corpus_size), "articles")
        figures.add("cores", float(CORES), "cores")
        bench_throughput(figures, articles, env_int("FLASHPOINT_BENCH_REPEATS", 2))
        bench_gazetteer(figures, articles, tmp)
        bench_ingest(figures, subset, articles, tmp, env_int("FLASHPOINT_BENCH_REPEATS", 2))
        bench_actors(figures, shards)
        dask_n = min(env_int("FLASHPOINT_BENCH_DASK", 400), corpus_size)
        dask_subset, _ = _subset(shards, dask_n, tmp / "dask.jsonl")
        bench_dask(figures, dask_subset, dask_n)
        bench_memory(figures, memory_sizes, tmp)
    bench_serve(env_int("FLASHPOINT_BENCH_API_EVENTS", 100_000))
    note(f"total {time.perf_counter() - started:.0f} s; figures in {RESULTS.name}")
    json.loads(RESULTS.read_text())  # fail loudly if the file was left broken


if __name__ == "__main__":
    main()
