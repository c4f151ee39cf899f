"""Date expressions in news text, resolved against the publication date (the choice of an
event's date among them is ``flashpoint.extract.dates``).

Rules (product spec): a bare weekday ("on Friday") is the most recent such day on or before the
publication date (a Friday story's "Friday" is that day); "last Friday" is strictly before (7 days
back on a Friday); "next Friday", "this Friday" and weekdays in future-tense clauses look
forward.  "overnight"
and "last night" are dated by the evening the night began (publication day - 1).  Week precision
dates are the Monday of the week, month precision the 1st, year precision January 1st.
A four-digit year counts only after a preposition ("in 2019", "since 2011"), so counts such as
"2000 fighters" or "Resolution 2254" are never dates.  "since <date>" marks history: see
``is_history_marker``.  Word lists live in ``resources/dates/``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from text_to_num import text2num

from flashpoint.extract.date_calendar import (
    add_months,
    nearest_year,
    recent_month,
    safe_date,
    shift,
    weekday_on_or_after,
    weekday_on_or_before,
)
from flashpoint.model import DatePrecision
from flashpoint.resources import read_tsv


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int  # char offsets in the text given to find_dates, plus its offset
    end: int
    value: date
    precision: DatePrecision
    relative: bool  # needed the publication date to resolve


# ---------------------------------------------------------------- word lists


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int, str]]  # phrase -> (unit, amount, anchor)
    offsets: dict[str, tuple[int, str]]  # "ago" -> (-1, "pub")
    weekday_modifiers: tuple[str, ...]
    day_parts: tuple[str, ...]
    prepositions: tuple[str, ...]
    future_markers: frozenset[str]
    speech_verbs: frozenset[str]


@lru_cache(maxsize=1)
def date_words() -> _Lexicon:
    def rows(name: str) -> tuple[dict[str, str], ...]:
        return read_tsv(f"dates/{name}.tsv")

    def words(name: str) -> tuple[str, ...]:
        return tuple(next(iter(row.values())) for row in rows(name))

    return _Lexicon(
        months={r["name"]: int(r["month"]) for r in rows("months")},
        weekdays={r["name"]: int(r["weekday"]) for r in rows("weekdays")},
        relative={
            r["phrase"]: (r["unit"], int(r["amount"]), r["anchor"])
            for r in rows("relative_phrases")
        },
        offsets={r["word"]: (int(r["sign"]), r["anchor"]) for r in rows("offset_words")},
        weekday_modifiers=words("weekday_modifiers"),
        day_parts=words("day_parts"),
        prepositions=words("period_prepositions"),
        future_markers=frozenset(words("future_markers")),
        speech_verbs=frozenset(words("speech_verbs")),
    )


_UNITS = ("hour", "day", "week", "month", "year")


def _alternation(items: Sequence[str]) -> str:
    """Regex alternation, longest first so "the day before yesterday" beats "the day before"."""
    escaped = [re.escape(i).replace(r"\ ", r"\s+") for i in sorted(items, key=len, reverse=True)]
    return "(?:" + "|".join(escaped) + ")"


def _starts(*phrase_lists: Sequence[str]) -> str:
    """A lookahead for the first characters of the phrases an alternation tries.  It changes no
    match (every branch starts with one of them), but the scan then passes a word boundary after
    one test instead of trying every branch there: several times faster on news text."""
    firsts = sorted({phrase[0] for phrases in phrase_lists for phrase in phrases})
    return "(?=[" + "".join(map(re.escape, firsts)) + "])"


def date_pattern(kind: str) -> re.Pattern[str]:
    return dict(_patterns())[kind]


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    lex = date_words()
    mon = _alternation(list(lex.months))
    wd = _alternation(list(lex.weekdays))
    prep = (
        "(?:"
        + "|".join(
            re.escape(p).replace(r"\ ", r"\s+") + ("" if p.endswith("-") else r"\s+")
            for p in sorted(lex.prepositions, key=len, reverse=True)
        )
        + ")"
    )
    # A year directly followed by a plural noun ("by 2000 fighters") is a count, not a year.
    not_count = r"(?![-,.]?\d)(?!\s+(?:people|[a-z]{2,}[a-rt-z]s)\b)"
    at_mon, at_prep = _starts(list(lex.months)), _starts(lex.prepositions)
    at_weekday = _starts(lex.weekday_modifiers, list(lex.weekdays))
    at_rel, at_phrase = _starts(["last", "next", "this"]), _starts(list(lex.relative))
    table = {
        "iso": r"(?<![\d-])(?P<core>(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2}))(?!\d)",
        "mdy": rf"\b{at_mon}(?P<core>(?P<mon>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?)(?![\d:])",
        "dmy": rf"\b(?P<core>(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon})\b\.?"
        rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?)",
        "my": rf"\b{at_mon}(?P<core>(?P<mon>{mon})\.?,?\s+(?:of\s+)?(?P<y>\d{{4}}))(?!\d)",
        "month": rf"\b{at_prep}{prep}(?P<core>(?P<mon>{mon}))\b(?!\.?\s*\d)",
        "month_rel": rf"\b{at_rel}(?P<core>(?P<rel>last|next|this)\s+(?P<mon>{mon}))\b(?!\.?\s*\d)",
        "year": rf"\b{at_prep}{prep}(?P<core>(?P<y>(?:19|20)\d\d))\b{not_count}",
        "weekday": rf"\b{at_weekday}(?P<core>(?:(?P<rel>{_alternation(lex.weekday_modifiers)})\s+)?"
        rf"(?P<wd>{wd})(?:['’]s)?(?:\s+{_alternation(lex.day_parts)})?)\b",
        "nth": r"\bon\s+the\s+(?P<core>(?P<d>\d{1,2})(?:st|nd|rd|th))\b",
        "phrase": rf"\b{at_phrase}(?P<core>{_alternation(list(lex.relative))})\b",
        "ago": rf"\b(?P<core>(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s+(?P<unit>{'|'.join(_UNITS)})s?"
        rf"\s+(?P<dir>{_alternation(list(lex.offsets))}))\b",
        "numeric": r"\b(?P<core>(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}))\b",
    }
    return tuple((k, re.compile(v, re.IGNORECASE)) for k, v in table.items())


# Most sentences hold no date: each pattern is tried only on texts containing a digit and one of
# the words it cannot match without, checked on the lower-cased text, which is far cheaper than
# scanning with a case-insensitive alternation.  With IGNORECASE, Python also matches these
# non-ASCII letters to ASCII ones (see the ``re`` docs): texts holding one try every pattern.
_FOLDING_EXTRAS = frozenset("\u0130\u0131\u017f\u212a")
_DIGIT = re.compile(r"\d")


def _key_words(phrases: Sequence[str]) -> tuple[str, ...]:
    """Words one of which any text matching one of ``phrases`` contains: the last word of each
    phrase ("week" of "last week"), less those that contain another such word."""
    words = {p.lower().split()[-1] for p in phrases}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


# Whether a pattern needs a digit, and searches for word lists of each of which it needs one.
_Needs = tuple[bool, tuple[re.Pattern[str], ...]]


@lru_cache(maxsize=16)
def _one_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """Finds any of ``words`` in a text (one scan, not one ``in`` test per word); the same list
    gives the same pattern, so a text is searched once per list."""
    return re.compile("|".join(map(re.escape, words)))


@lru_cache(maxsize=1)
def _requirements() -> dict[str, _Needs]:
    """Per pattern kind: whether it needs a digit, and word lists of each of which it needs one
    (or the mark it cannot match without: "2024-03-01", "3/1/2024", "on the 3rd")."""
    lex = date_words()
    months, weekdays = (
        _one_of(_key_words(list(lex.months))),
        _one_of(_key_words(list(lex.weekdays))),
    )
    return {
        "iso": (True, (_one_of(("-",)),)),
        "mdy": (True, (months,)),
        "dmy": (True, (months,)),
        "my": (True, (months,)),
        "month": (False, (months,)),
        "month_rel": (False, (months,)),
        "year": (True, ()),
        "weekday": (False, (weekdays,)),
        "nth": (True, (_one_of(("on",)),)),
        "phrase": (False, (_one_of(_key_words(list(lex.relative))),)),
        "ago": (False, (_one_of(_UNITS), _one_of(_key_words(list(lex.offsets))))),
        "numeric": (True, (_one_of(("/",)),)),
    }


def _patterns_for(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns that can match somewhere in ``text``."""
    if not _FOLDING_EXTRAS.isdisjoint(text):
        return _patterns()
    folded = text.lower()
    digit = _DIGIT.search(text) is not None
    present: dict[re.Pattern[str], bool] = {}  # several patterns need the same words
    needs = _requirements()
    possible = []
    for kind, pattern in _patterns():
        wants_digit, word_lists = needs[kind]
        if wants_digit and not digit:
            continue
        for words in word_lists:
            found = present.get(words)
            if found is None:
                found = present[words] = words.search(folded) is not None
            if not found:
                break
        else:
            possible.append((kind, pattern))
    return tuple(possible)


# ---------------------------------------------------------------- resolution of one match

_Resolved = tuple[date, DatePrecision, bool]


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word.lower() in {"a", "an"}:
        return 1
    try:
        return int(text2num(word.lower(), "en"))
    except ValueError:
        return None


def resolve_weekday(rel: str, weekday: int, published: date, future: bool) -> date:
    if rel == "last":
        return weekday_on_or_before(published - timedelta(days=1), weekday)
    if rel == "next":
        return weekday_on_or_after(published + timedelta(days=1), weekday)
    if future or rel in {"this", "this coming"}:  # "this Friday" is the coming one
        return weekday_on_or_after(published, weekday)
    return weekday_on_or_before(published, weekday)


def _word(text: str) -> str:
    """A month or weekday name as the tables key it; the odd letters IGNORECASE folds ("ſ" long
    s, the Kelvin sign) are mapped to plain ones by NFKC."""
    return unicodedata.normalize("NFKC", text).lower()


def _resolve(
    kind: str, m: re.Match[str], published: date | None, prior: date | None
) -> _Resolved | None:
    lex = date_words()
    g = m.groupdict()
    if g.get("mon") and not g["mon"][0].isupper():
        return None  # "may", "march" as ordinary words
    if g.get("wd") and not g["wd"][0].isupper():
        return None
    if g.get("mon") and _word(g["mon"]) not in lex.months:
        return None  # IGNORECASE matched an odd letter ("Auguſt"): not a month we know
    if g.get("wd") and _word(g["wd"]) not in lex.weekdays:
        return None
    month = lex.months[_word(g["mon"])] if g.get("mon") else 0
    if kind == "iso":
        found = safe_date(int(g["y"]), int(g["mo"]), int(g["d"]))
        return (found, "day", False) if found else None
    if kind in {"mdy", "dmy"}:
        if g["y"]:
            found = safe_date(int(g["y"]), month, int(g["d"]))
            return (found, "day", False) if found else None
        found = nearest_year(published, month, int(g["d"])) if published else None
        return (found, "day", True) if found else None
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        if (a > 12) == (b > 12):
            return None  # 03/05/2020 could be either order: do not guess
        day, mon = (a, b) if a > 12 else (b, a)
        found = safe_date(int(g["y"]), mon, day)
        return (found, "day", False) if found else None
    if kind == "my":
        return date(int(g["y"]), month, 1), "month", False
    if kind == "year":
        return date(int(g["y"]), 1, 1), "year", False
    if published is None:
        return None  # everything below is relative to the publication date
    if kind in {"month", "month_rel"}:
        return recent_month(published, month, (g.get("rel") or "").lower()), "month", True
    if kind == "weekday":
        rel = " ".join((g["rel"] or "").lower().split())
        return resolve_weekday(rel, lex.weekdays[_word(g["wd"])], published, False), "day", True
    if kind == "nth":
        day = int(g["d"])
        month_start = published.replace(day=1)
        if day > published.day:
            month_start = add_months(month_start, -1)
        found = safe_date(month_start.year, month_start.month, day)
        return (found, "day", True) if found else None
    if kind == "phrase":
        unit, amount, anchor = lex.relative[" ".join(g["core"].lower().split())]
    else:  # "ago"
        count = _number(g["n"])
        if count is None:
            return None
        sign, anchor = lex.offsets[" ".join(g["dir"].lower().split())]
        unit, amount = g["unit"].lower(), sign * count
    base = prior if anchor == "prior" and prior else published
    return (*shift(base, unit, amount), True)


# ---------------------------------------------------------------- public API


def find_dates(
    text: str, published: date | None, *, offset: int = 0, anchor: date | None = None
) -> list[DateMention]:
    """All date expressions in ``text``, resolved against ``published`` (past reading).
    ``anchor``: the last date the article mentioned before this text, which "the next day"
    or "the day before" count from when the sentence itself names none."""
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _patterns_for(text):
        for m in pattern.finditer(text):
            start, end = m.span("core")
            if text[start:end].lower().endswith(("'s", "’s")):
                end -= 2
            if _resolve(kind, m, published, None) is not None:
                candidates.append((start, end, kind, m))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):  # longest first
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    mentions: list[DateMention] = []
    prior: date | None = anchor
    for start, end, kind, m in sorted(chosen, key=lambda c: c[0]):
        resolved = _resolve(kind, m, published, prior)
        if resolved is None:
            continue
        value, precision, relative = resolved
        since = re.search(r"\bsince\s+$", text[max(0, start - 12) : start], re.IGNORECASE)
        if since:
            start -= len(since.group(0))
        mentions.append(
            DateMention(text[start:end], start + offset, end + offset, value, precision, relative)
        )
        prior = value
    return mentions


def is_history_marker(mention: DateMention) -> bool:
    """ "since 2011": the sentence talks about a period, not about one new event."""
    return mention.text.lower().startswith("since")


_DATELINE_END = re.compile(r"\s+-{1,2}\s+|\s*[—–]\s*|\)\s*[-:]")
# An upper-case place name before a comma or the agency, or an agency in parentheses.
_DATELINE_START = re.compile(r"^[A-Z][A-Z'.\- ]*[A-Z.](?=,|\s*\()|\([A-Z][\w .]{1,30}\)")


def dateline_date(text: str, published: date | None) -> date | None:
    """The date in a wire dateline ("ANKARA, March 1 (Reuters) -"), if the text opens with one."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:3]
    for line in lines:
        end = _DATELINE_END.search(line[:120])
        if end is None:
            continue
        head = line[: end.start() + (1 if end.group(0).startswith(")") else 0)]
        if len(head) > 90 or not _DATELINE_START.search(head):
            continue
        for mention in find_dates(head, published):
            if mention.precision == "day" and not is_history_marker(mention):
                return mention.value
    return None
