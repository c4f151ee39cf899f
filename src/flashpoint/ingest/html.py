"""HTML pages: main text and metadata with trafilatura; a tag stripper when it finds nothing."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import trafilatura

from flashpoint.errors import EmptyInputError, IngestError
from flashpoint.ingest.dates import parse_date
from flashpoint.ingest.decode import decode_bytes, read_bytes
from flashpoint.model import Article
from flashpoint.settings import Settings

# Elements whose content is never article text, and elements that end a paragraph.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
_BLOCKS = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "section", "article", "header", "footer", "blockquote", "pre", "hr", "figure", "dd", "dt",
    }
)  # fmt: skip
_BLANK_RUNS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_SPACE_RUNS = re.compile(r"[ \t\r\f\v]+")
_TITLE_TAG = re.compile(r"<title\b[^<>]{0,200}>([^<]{1,400})</title\s*>", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
_MAX_SITE_NAME_WORDS = 5
# trafilatura and its helpers log at WARNING for ordinary bad markup; that is our error to report.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


class _TextCollector(HTMLParser):
    """Collect visible text, one paragraph per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment or page (tags dropped, entities decoded)."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (line.strip() for line in _SPACE_RUNS.sub(" ", "".join(collector.parts)).split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def _extract(markup: str) -> Any:
    """trafilatura's main-text extraction (no comments, tables, images or links).

    Returns None when it finds no article or fails on the markup: the caller falls back.
    """
    with warnings.catch_warnings():
        # Its lxml calls warn about future behaviour; nothing the user can act on.
        warnings.simplefilter("ignore")
        try:
            return _bare_extraction(markup)
        except Exception:  # a parser bug on hostile markup must not stop the whole run
            return None


def _bare_extraction(markup: str) -> Any:
    return trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _paragraphs(text: str) -> str:
    """trafilatura separates paragraphs by one newline; the cleaner expects blank lines."""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _drop_leading_title(text: str, title: str | None) -> str:
    """The headline is kept in ``title``; repeated as the first line it would be read twice."""
    if not title:
        return text
    first, _, rest = text.partition("\n\n")
    return rest if first.strip().casefold() == title.strip().casefold() and rest else text


def _optional_str(document: Any, name: str) -> str | None:
    value = getattr(document, name, None)
    return (value.strip() or None) if isinstance(value, str) else None


def _title_suffix(markup: str) -> str | None:
    """ "Headline | The Daily Example" → "The Daily Example" (the usual place of the site name)."""
    match = _TITLE_TAG.search(markup)
    if match is None:
        return None
    parts = _TITLE_SEPARATOR.split(html_to_text(match.group(1)))
    last = parts[-1].strip() if len(parts) > 1 else ""
    return last if 0 < len(last.split()) <= _MAX_SITE_NAME_WORDS else None


def _site_name(document: Any, markup: str, title: str | None) -> str | None:
    """trafilatura's site name, unless it is only the headline or the host name again."""
    name = _optional_str(document, "sitename")
    hostname = _optional_str(document, "hostname")
    repeats_title = bool(name and title and name.casefold() == title.casefold())
    if name is None or repeats_title or "." in name or name == hostname:
        return _title_suffix(markup) or (None if repeats_title else name)
    return name


def article_from_html(markup: str, origin: str, default_published: date | None = None) -> Article:
    """Build an Article from an HTML page; raise EmptyInputError when it holds no text."""
    document = _extract(markup)
    text = _paragraphs(getattr(document, "text", None) or "") if document is not None else ""
    if not text:
        text = html_to_text(markup)  # trafilatura found no article; take whatever text exists
    title = _optional_str(document, "title")
    text = _drop_leading_title(text, title)
    if not text.strip():
        raise EmptyInputError("the HTML page holds no readable text", source=origin)
    raw_date = _optional_str(document, "date")
    published = (parse_date(raw_date) if raw_date else None) or default_published
    return Article(
        text=text,
        url=_optional_str(document, "url"),
        title=title,
        published=published,
        source=_site_name(document, markup, title),
        origin=origin,
    )


def read_html_file(
    path: Path, settings: Settings, default_published: date | None
) -> Iterator[Article | IngestError]:
    """One article from an ``.html``/``.htm`` file."""
    data = read_bytes(path, settings.max_input_bytes)
    yield article_from_html(decode_bytes(data, str(path)), str(path), default_published)
