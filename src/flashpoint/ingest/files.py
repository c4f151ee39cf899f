"""Paths → readers: directory walking, format dispatch and error capture."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from flashpoint.errors import IngestError, NotFoundError, UnsupportedFormatError
from flashpoint.ingest.feeds import read_feed_file
from flashpoint.ingest.html import read_html_file
from flashpoint.ingest.jsonl import read_jsonl_file
from flashpoint.ingest.text import read_text_file
from flashpoint.model import Article
from flashpoint.settings import Settings, get_settings

Reader = Callable[[Path, Settings, date | None], Iterator[Article | IngestError]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".jsonl": read_jsonl_file,
    ".xml": read_feed_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
}


def reader_for(path: Path) -> Reader | None:
    """The reader for a file's extension (case-insensitive), or None when unsupported."""
    return READERS.get(path.suffix.lower())


def _is_hidden(path: Path) -> bool:
    return path.name.startswith(".")


def walk_directory(directory: Path) -> Iterator[Path]:
    """Supported files under ``directory``, recursively, in sorted order; hidden entries skipped.

    Symbolic links to directories are not followed, so a link loop cannot recurse forever.
    """
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if _is_hidden(entry):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from walk_directory(entry)
        elif entry.is_file() and reader_for(entry) is not None:
            yield entry


def read_file(
    path: Path, settings: Settings, default_published: date | None = None
) -> Iterator[Article | IngestError]:
    """Articles (or errors) from one file; never raises for bad input."""
    reader = reader_for(path)
    if reader is None:
        supported = ", ".join(sorted(READERS))
        yield UnsupportedFormatError(
            f"unsupported extension {path.suffix or '(none)'!r}; expected one of {supported}",
            source=str(path),
        )
        return
    try:
        yield from reader(path, settings, default_published)
    except IngestError as error:
        yield error
    except OSError as exc:
        yield IngestError(f"cannot read file: {exc.strerror or exc}", source=str(path))


def read_inputs(
    paths: Iterable[str | Path],
    *,
    default_published: date | None = None,
    settings: Settings | None = None,
) -> Iterator[Article | IngestError]:
    """Yield one Article per report, or an IngestError per input that cannot be read.

    Directories are walked recursively (sorted, hidden entries skipped, unsupported files
    ignored); a file named explicitly with an unsupported extension is an error.  Lazy:
    files are opened one at a time and JSON Lines are streamed.
    """
    settings = settings or get_settings()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in walk_directory(path):
                yield from read_file(file, settings, default_published)
        elif path.exists():
            yield from read_file(path, settings, default_published)
        else:
            yield NotFoundError("no such file or directory", source=str(path))
