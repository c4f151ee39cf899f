"""A parsed doc is freed as soon as its article is coded.

A doc caught in a reference cycle lives until the garbage collector's next full collection,
and with it its tensors: over a long ingest that showed as memory growing with the corpus
(about 7 MB per 1,000 articles) although nothing was kept on purpose.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date

import pytest
from spacy.tokens import Doc

from flashpoint.model import Article
from flashpoint.pipeline import run

_TEXTS = [
    "Russian forces shelled Kharkiv on Monday, killing three civilians, the governor said. "
    "He said they also hit a school.",
    "Egypt and Qatar urged Israel and Hamas to accept the truce. Its terms were not released.",
    "Protesters clashed with police in Nairobi on Tuesday. They threw stones at officers, "
    "who fired tear gas at them.",
    "Turkey's foreign minister met his Russian counterpart in Ankara to discuss Syria.",
]


@pytest.fixture
def collector_paused() -> Iterator[None]:
    """The cyclic collector off for the test, so what only it would free stays visible."""
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()


@pytest.mark.usefixtures("collector_paused")
def test_coding_articles_leaves_no_parsed_doc_in_a_reference_cycle() -> None:
    articles = [Article(text=t, published=date(2024, 5, 10)) for t in _TEXTS * 3]
    coded = list(run(articles, batch_size=4))
    assert len(coded) == len(articles) and any(events for _a, events in coded)
    gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector finds unreachable lands in gc.garbage
    gc.collect()
    cycled = [o for o in gc.garbage if isinstance(o, Doc)]
    assert not cycled, f"{len(cycled)} docs were only freed by the cyclic collector"
