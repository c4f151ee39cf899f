"""Loader for the versioned knowledge files shipped in this folder.

Every file is UTF-8 TSV: a header row, ``#`` comment lines, ``|`` between several values in a cell.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from flashpoint.errors import ResourceError

_ROOT = "flashpoint.resources"


def read_text(relpath: str) -> str:
    """The text of a resource file, e.g. ``read_text("actors/countries.tsv")``."""
    try:
        return resources.files(_ROOT).joinpath(relpath).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise ResourceError(f"missing resource file {relpath}") from exc


@lru_cache(maxsize=64)
def read_tsv(relpath: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV resource as dicts keyed by the header (comment lines skipped)."""
    lines = [ln for ln in read_text(relpath).splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for row in reader:
        rows.append({k.strip(): (v or "").strip() for k, v in row.items() if k is not None})
    return tuple(rows)


def split_cell(cell: str | None) -> list[str]:
    """The ``|``-separated values of a cell, blanks dropped."""
    if not cell:
        return []
    return [part.strip() for part in cell.split("|") if part.strip()]
