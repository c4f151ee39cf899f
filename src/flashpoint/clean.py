"""Text cleaning: remove what must never become an actor or an event, keep every sentence.

Bylines, photo captions and credits, sharing/newsletter prompts, copyright and correction
notes and agency sign-offs go; datelines ("IDLIB, Syria (AP) —") stay at the start of the
first sentence because the geocoder and the date resolver read them.  The patterns live in
``resources/clean/*.txt``.  Every regular expression here and there is bounded or possessive,
and per-line patterns only run on short lines, so hostile input cannot make cleaning hang.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from functools import cache, lru_cache

from flashpoint.errors import ResourceError
from flashpoint.model import Article, normalise_text
from flashpoint.resources import read_text

# Boilerplate lines are short; longer lines are prose and only get inline removals.
MAX_BOILERPLATE_CHARS = 600
# Trailing sign-offs are looked for in this many final characters.
_TAIL_CHARS = 200
# A block whose longest line is in this range was probably wrapped at a fixed width.
_WRAP_WIDTHS = range(40, 151)
_WRAP_FILL = 0.6
_MAX_CAPTION_BLOCK_LINES = 3
_MAX_CAPTION_CHARS = 200

# Zero-width characters, bidirectional controls, soft hyphen: invisible, but they split
# words for the tokenizer (and RTL overrides can disguise text).
_INVISIBLE = (
    dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u180e"), None)
    | dict.fromkeys(range(0x202A, 0x202F), None)
    | dict.fromkeys(range(0x2066, 0x206A), None)
)
_SPACE_LIKE = dict.fromkeys(map(ord, "\t\u00a0\u2007\u202f\u3000\u1680"), " ") | dict.fromkeys(
    range(0x2000, 0x200B), " "
)
# Any character one of the two tables above maps: most texts hold none, and ``str.translate``
# looks every character up in the table even then.
_TRANSLATED = re.compile("[" + re.escape("".join(map(chr, _INVISIBLE | _SPACE_LIKE))) + "]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\u0085\v\f]")
_LINE_BREAK_START = re.compile(r"[\r\u2028\u2029\u0085\v\f]")  # one scan, not one per branch
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r" {2,}+")
_RAW_BLOCK = re.compile(r"<(/?)(script|style)\b[^<>]{0,1000}+>", re.IGNORECASE)
_COMMENT_OPEN = re.compile(r"<!--")
_COMMENT_CLOSE = re.compile(r"-->")
_TAG = re.compile(r"</?[A-Za-z][\w:-]{0,30}+(?:\s[^<>]{0,1000}+)?/?>")
_TERMINAL = frozenset('.!?…"”’)»]')
_LIST_ITEM = re.compile(r"[-*•–—]\s|\d{1,3}[.)]\s")
_CONTINUATION_START = re.compile(r"[a-z0-9(\"“‘'(,;]")


@cache
def load_patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """Compile the patterns in ``resources/clean/<name>.txt`` (one per line, ``#`` comments)."""
    lines = read_text(f"clean/{name}.txt").splitlines()
    patterns = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            patterns.append(re.compile(line.strip()))
        except re.error as exc:
            raise ResourceError(f"bad pattern in {name}.txt line {number}: {exc}") from exc
    return tuple(patterns)


_LEADING_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


@cache
def _any_of(name: str) -> re.Pattern[str]:
    """The patterns of ``resources/clean/<name>.txt`` as one alternation, each keeping its own
    inline flags: it matches (or matches whole) exactly where one of them does, in one scan
    instead of one per pattern."""
    branches = []
    for pattern in load_patterns(name):
        source = pattern.pattern
        flags = _LEADING_FLAGS.match(source)
        if flags:
            source = f"(?{flags.group(1)}:{source[flags.end() :]})"
        branches.append(f"(?:{source})")
    return re.compile("|".join(branches))


def normalise_characters(text: str) -> str:
    """NFC; one kind of line break; no invisible, control or exotic space characters."""
    text = unicodedata.normalize("NFC", text)
    if _LINE_BREAK_START.search(text):
        text = _LINE_BREAKS.sub("\n", text)
    if _TRANSLATED.search(text):
        text = text.translate(_INVISIBLE).translate(_SPACE_LIKE)
    return _CONTROL.sub("", text)


def _collapse_spaces(text: str) -> str:
    # ``in`` finds a double space far faster than the regex scans for one
    return _SPACES.sub(" ", text) if "  " in text else text


def _cut_spans(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return " ".join(pieces) if spans else text


def _raw_block_spans(text: str) -> list[tuple[int, int]]:
    """<script>/<style> elements, contents included; an unclosed one runs to the end."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _RAW_BLOCK.finditer(text):
        closing = bool(match.group(1))
        if open_at is None and not closing:
            open_at = match.start()
        elif open_at is not None and closing:
            spans.append((open_at, match.end()))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(text)))
    return spans


def _comment_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    while (opening := _COMMENT_OPEN.search(text, position)) is not None:
        closing = _COMMENT_CLOSE.search(text, opening.end())
        end = closing.end() if closing else len(text)
        spans.append((opening.start(), end))
        position = end
    return spans


def strip_markup(text: str) -> str:
    """Drop HTML comments, script/style elements and tags that ended up in plain text."""
    if "<" not in text:
        return text
    text = _cut_spans(text, _comment_spans(text))
    text = _cut_spans(text, _raw_block_spans(text))
    return _TAG.sub(" ", text)


def is_credit(line: str) -> bool:
    """ "Photo: AP/Sputnik", "Image caption ...": a line that credits or captions a picture."""
    return len(line) <= MAX_BOILERPLATE_CHARS and _any_of("credits").fullmatch(line) is not None


def is_caption_block(lines: list[str]) -> bool:
    """A credit line with a line or two of caption text beside it, set off by blank lines."""
    if len(lines) > _MAX_CAPTION_BLOCK_LINES or not any(is_credit(line) for line in lines):
        return False
    # A story's opening paragraph set right under its byline and above a photo credit is no
    # caption: captions are short and never open with a dateline.
    text_lines = [line for line in lines if not is_boilerplate(line)]
    return all(
        len(line) <= _MAX_CAPTION_CHARS and not starts_with_dateline(line) for line in text_lines
    )


def is_boilerplate(line: str) -> bool:
    """A short line that is a byline, caption, credit, share prompt, copyright note..."""
    if len(line) > MAX_BOILERPLATE_CHARS:
        return False
    if is_credit(line) or _any_of("drop_lines").fullmatch(line):
        return True
    return _any_of("captions").search(line) is not None


def starts_with_dateline(line: str) -> bool:
    return leading_dateline(line) is not None


def leading_dateline(text: str) -> str | None:
    """The dateline opening ``text`` ("IDLIB, Syria (AP) —"), if there is one."""
    for pattern in load_patterns("datelines"):
        match = pattern.match(text)
        if match is not None:
            return match.group(0)
    return None


def dateline_spans(text: str, *, lines: int = 4) -> list[tuple[int, int]]:
    """Character spans of datelines opening one of the first paragraphs (after a headline)."""
    return list(_dateline_spans(text, lines))


@lru_cache(maxsize=64)  # parser, actor stage and pipeline each ask; a parse batch is 32
def _dateline_spans(text: str, lines: int) -> tuple[tuple[int, int], ...]:
    spans = []
    start = 0
    for _ in range(lines):
        dateline = leading_dateline(text[start:])
        if dateline:
            spans.append((start, start + len(dateline)))
        nxt = text.find("\n", start)
        if nxt == -1:
            break
        start = nxt + 1
        while start < len(text) and text[start] in "\n \t":
            start += 1
    return tuple(spans)


def is_dateline_only(line: str) -> bool:
    return any(pattern.fullmatch(line) for pattern in load_patterns("datelines"))


def _ends_sentence(line: str) -> bool:
    return bool(line) and line[-1] in _TERMINAL


def _continues(previous: str, line: str, wrapped_width: int | None) -> bool:
    """Is ``line`` the rest of ``previous`` (a hard-wrapped paragraph) or a new paragraph?"""
    if _LIST_ITEM.match(line) or starts_with_dateline(line):
        return False
    if wrapped_width is not None and len(previous) >= _WRAP_FILL * wrapped_width:
        return True
    return not _ends_sentence(previous) and bool(_CONTINUATION_START.match(line))


def _block_paragraphs(lines: list[str]) -> list[str]:
    """Join the lines of one block (no blank lines inside) into paragraphs.

    A boilerplate line is dropped unless it is visibly the rest of the previous line
    ("... he told" / "Reuters.").
    """
    width = max(len(line) for line in lines)
    wrapped_width = width if width in _WRAP_WIDTHS else None
    paragraphs: list[list[str]] = []
    previous = ""
    for line in lines:
        joins = bool(previous) and _continues(previous, line, wrapped_width)
        if is_boilerplate(line) and not (joins and not _ends_sentence(previous)):
            previous = ""
            continue
        if joins and paragraphs:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        previous = line
    return [" ".join(paragraph) for paragraph in paragraphs]


def _blocks(text: str) -> list[list[str]]:
    """Non-empty lines grouped by blank lines, each stripped and with spaces collapsed."""
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = _collapse_spaces(raw).strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _remove_inline(paragraph: str) -> str:
    for pattern in load_patterns("inline"):
        paragraph = pattern.sub(" ", paragraph)
    if len(paragraph) > MAX_BOILERPLATE_CHARS:
        for pattern in load_patterns("captions"):
            paragraph = pattern.sub(" ", paragraph)
    return _collapse_spaces(paragraph).strip()


def _attach_datelines(paragraphs: list[str]) -> list[str]:
    """A dateline on its own ("IDLIB, Syria (AP) —") belongs to the sentence after it."""
    result: list[str] = []
    pending = ""
    for paragraph in paragraphs:
        if is_dateline_only(paragraph):
            pending = f"{pending} {paragraph}".strip()
            continue
        result.append(f"{pending} {paragraph}" if pending else paragraph)
        pending = ""
    if pending:
        result.append(pending)
    return result


def _trailing_tag(tail: str) -> re.Match[str] | None:
    for pattern in load_patterns("trailing"):
        last = None
        for last in pattern.finditer(tail):  # noqa: B007 - only the last match can end the text
            pass
        if last is not None and last.end() == len(tail):
            return last
    return None


def strip_trailing_tags(text: str) -> str:
    """Remove agency sign-offs ("— AFP", "(Reuters)") that end the text."""
    head, tail = text[:-_TAIL_CHARS], text[-_TAIL_CHARS:]
    for _ in range(3):  # "... — AFP (Reuters)": a few stacked tags at most
        match = _trailing_tag(tail)
        if match is None:
            break
        tail = tail[: match.start()].rstrip()
    return head + tail


def clean_text(text: str) -> str:
    """Cleaned report text: paragraphs separated by one blank line, boilerplate removed."""
    text = strip_markup(normalise_characters(text))
    paragraphs: list[str] = []
    for block in _blocks(text):
        if is_caption_block(block):
            continue
        for paragraph in _block_paragraphs(block):
            if not is_boilerplate(paragraph):
                paragraph = _remove_inline(paragraph)
                if paragraph:
                    paragraphs.append(paragraph)
    cleaned = "\n\n".join(_attach_datelines(paragraphs))
    return strip_trailing_tags(cleaned).strip()


def _same_words(first: str, second: str) -> bool:
    return normalise_text(first).casefold() == normalise_text(second).casefold()


def drop_repeated_title(text: str, title: str | None) -> str:
    """Drop a first paragraph that repeats the headline: it is kept in ``title`` already,
    and in front of the dateline it would hide the dateline from the stages that read it."""
    first, separator, rest = text.partition("\n\n")
    if title and separator and _same_words(first, clean_text(title)):
        return rest
    return text


def clean_article(article: Article) -> Article:
    """The same article with its text cleaned (metadata untouched)."""
    return dataclasses.replace(
        article, text=drop_repeated_title(clean_text(article.text), article.title)
    )
