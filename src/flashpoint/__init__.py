"""flashpoint: open, offline conflict-event extraction from news reports.

Public API (see shared/CONTRACT.md)::

    import flashpoint
    events = flashpoint.extract(text, published=date(2020, 2, 28))
    places = flashpoint.geoparse(text)
    with flashpoint.open_store() as store:
        store.ingest(articles)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

# The stage package `flashpoint.extract` is loaded first so that the function below, not the
# package, is what `flashpoint.extract` names (a submodule import binds only on first load).
import flashpoint.extract as _stages  # noqa: F401
from flashpoint.model import Actor, Article, Event, Place

__version__ = "0.1.0"
__all__ = [
    "Actor",
    "Article",
    "Event",
    "Place",
    "extract",
    "extract_many",
    "geoparse",
    "open_store",
]

if TYPE_CHECKING:
    from flashpoint.store import open_store


# Imports inside the functions keep `import flashpoint` light: spaCy loads on first use.
def extract(
    text: str, *, published: date | None = None, url: str | None = None, source: str | None = None
) -> list[Event]:
    """Events of one news report."""
    from flashpoint.pipeline import extract as _extract

    return _extract(text, published=published, url=url, source=source)


def extract_many(articles: Iterable[Article], *, batch_size: int = 32) -> Iterator[Event]:
    """Events of many reports, streamed; spaCy runs in batches."""
    from flashpoint.pipeline import extract_many as _extract_many

    return _extract_many(articles, batch_size=batch_size)


def geoparse(text: str) -> list[Place]:
    """Every resolved place mention in a text."""
    from flashpoint.api import geoparse as _geoparse

    return _geoparse(text)


def __getattr__(name: str) -> Any:
    if name == "open_store":
        from flashpoint.store import open_store

        return open_store
    raise AttributeError(name)
