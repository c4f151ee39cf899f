"""The Python API the CLI and the server are thin shells over."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from flashpoint.errors import FlashpointError
from flashpoint.ingest import read_inputs
from flashpoint.model import Article, Event, Place
from flashpoint.pipeline import extract, extract_many, run

__all__ = ["extract", "extract_many", "extract_paths", "geoparse", "read_articles"]


def read_articles(
    paths: Iterable[str | Path],
    *,
    default_published: date | None = None,
    on_error: Callable[[FlashpointError], None],
) -> Iterator[Article]:
    """Articles from files and directories; unreadable inputs go to ``on_error``, never raise."""
    for item in read_inputs(paths, default_published=default_published):
        if isinstance(item, FlashpointError):
            on_error(item)
        else:
            yield item


def extract_paths(
    paths: Iterable[str | Path],
    *,
    default_published: date | None = None,
    on_error: Callable[[FlashpointError], None],
) -> Iterator[tuple[Article, list[Event]]]:
    articles = read_articles(paths, default_published=default_published, on_error=on_error)
    yield from run(articles, on_error=on_error)


def geoparse(text: str) -> list[Place]:
    """Every resolved place mention in a text (the public ``flashpoint.geoparse``)."""
    from flashpoint.extract.places import geoparse as _geoparse

    return _geoparse(text)
