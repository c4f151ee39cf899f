"""Cutting inputs into partitions that Dask workers read themselves.

A partition is a short list of pieces: whole files (small files are grouped until the partition
reaches its byte budget) or a byte range of a large JSON Lines file.  Partitions are numbered in
the order ``flashpoint.ingest.read_inputs`` would read the same paths, so reading them one after
the other yields the articles in exactly the single-process order.  Only paths and offsets
travel to the workers, so inputs must be visible at the same path on every worker.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flashpoint.errors import IngestError, NotFoundError, TooLargeError
from flashpoint.ingest.decode import looks_binary
from flashpoint.ingest.files import read_file, reader_for, walk_directory
from flashpoint.ingest.jsonl import _parse_line
from flashpoint.model import Article
from flashpoint.settings import Settings, get_settings

DEFAULT_PARTITION_BYTES = 32 * 1024  # about a dozen wire reports: small enough to balance 2 cores
_GLOB_CHARS = frozenset("*?[")
_SNIFF_BYTES = 8192
_SKIP_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Piece:
    """A whole file (``end is None``) or the JSON lines that *start* in ``[start, end)``."""

    path: str
    start: int = 0
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    pieces: tuple[Piece, ...]
    size: int  # bytes, for logging and balancing


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | IngestError]:
    """Files in ``read_inputs`` order: directories walked, globs expanded (sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from walk_directory(path)
        elif path.exists():
            yield path
        elif _GLOB_CHARS & set(str(raw)):
            matches = sorted(glob.glob(str(raw), recursive=True))
            if not matches:
                yield NotFoundError("glob matches nothing", source=str(raw))
            yield from expand_paths(matches)
        else:
            yield NotFoundError("no such file or directory", source=str(path))


def _splittable(path: Path, size: int, budget: int) -> bool:
    if path.suffix.lower() != ".jsonl" or size <= budget:
        return False
    with path.open("rb") as handle:
        return not looks_binary(handle.read(_SNIFF_BYTES))


def _ranges(path: Path, size: int, budget: int) -> Iterator[Piece]:
    for start in range(0, size, budget):
        yield Piece(str(path), start, min(start + budget, size))


def plan_partitions(
    paths: Iterable[str | Path], *, partition_bytes: int = DEFAULT_PARTITION_BYTES
) -> Iterator[Partition | IngestError]:
    """Partitions of at most about ``partition_bytes``, numbered from 0, in reading order.

    Lazy: directories are walked as partitions are consumed, so planning a huge tree costs no
    memory.  Missing paths come out as ``IngestError`` in their place.
    """
    group: list[Piece] = []
    group_bytes = 0
    index = 0

    def flush() -> Partition:
        nonlocal group, group_bytes, index
        partition = Partition(index, tuple(group), group_bytes)
        index += 1
        group, group_bytes = [], 0
        return partition

    for item in expand_paths(paths):
        if isinstance(item, IngestError):
            yield item
            continue
        size = _size(item)
        if _splittable(item, size, partition_bytes):
            if group:
                yield flush()
            for piece in _ranges(item, size, partition_bytes):
                group, group_bytes = [piece], (piece.end or size) - piece.start
                yield flush()
            continue
        group.append(Piece(str(item)))
        group_bytes += size
        if group_bytes >= partition_bytes:
            yield flush()
    if group:
        yield flush()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the reader reports the error in its place


def read_partition(
    partition: Partition,
    *,
    default_published: date | None = None,
    settings: Settings | None = None,
) -> Iterator[Article | IngestError]:
    """The articles (and unreadable inputs) of one partition, in order.  Never raises."""
    settings = settings or get_settings()
    for piece in partition.pieces:
        path = Path(piece.path)
        if piece.end is None or reader_for(path) is None:
            yield from read_file(path, settings, default_published)
        else:
            try:
                yield from read_jsonl_range(
                    path, piece.start, piece.end, settings, default_published
                )
            except OSError as exc:
                yield IngestError(f"cannot read file: {exc.strerror or exc}", source=str(path))


def read_jsonl_range(
    path: Path, start: int, end: int, settings: Settings, default_published: date | None
) -> Iterator[Article | IngestError]:
    """The JSON lines whose first byte lies in ``[start, end)``.

    A line straddling ``end`` belongs to this range; the next range skips it, so consecutive
    ranges read every line exactly once.  Origins name the byte offset, not the line number,
    because counting lines would mean reading the whole prefix.
    """
    limit = settings.max_input_bytes
    with path.open("rb") as handle:
        if start > 0:
            handle.seek(start - 1)
            handle.readline()  # the rest of a line that began in the previous range
        position = handle.tell()
        while position < end:
            raw = handle.readline(limit + 1)
            if not raw:
                break
            origin = f"{path}@{position}"
            if len(raw) > limit and not raw.endswith(b"\n"):
                while (chunk := handle.readline(_SKIP_CHUNK)) and not chunk.endswith(b"\n"):
                    pass
                yield TooLargeError(f"line is over the limit of {limit:,} bytes", source=origin)
            else:
                if position == 0 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if raw.strip():
                    yield _parse_line(raw, origin, default_published)
            position = handle.tell()
