"""Publication dates as written in headers, JSON and feeds → ``datetime.date``."""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

# Formats seen in "Published:" headers; tried after ISO and RFC 2822.
_WRITTEN_FORMATS = (
    "%B %d, %Y",  # March 1, 2020
    "%b %d, %Y",  # Mar 1, 2020
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",  # 1 March 2020
    "%d %b %Y",
    "%d %B, %Y",
    "%A, %B %d, %Y",  # Sunday, March 1, 2020
    "%A %d %B %Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
)
_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_ABBREVIATION_DOT = re.compile(r"(?<=[A-Za-z])\.(?=\s)")
_SPACES = re.compile(r"\s+")
# "Sept." is common in news copy but unknown to strptime.
_SEPT = re.compile(r"\bSept\b", re.IGNORECASE)
_MAX_DATE_CHARS = 64


def _iso(value: str) -> date | None:
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _rfc2822(value: str) -> date | None:
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _written(value: str) -> date | None:
    tidy = _SPACES.sub(" ", _ABBREVIATION_DOT.sub("", _ORDINAL_SUFFIX.sub("", value)))
    tidy = _SEPT.sub("Sep", tidy)
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(tidy, fmt).date()
        except ValueError:
            continue
    return None


def parse_date(value: str) -> date | None:
    """Parse an ISO date/datetime, an RFC 2822 date or a written date like "March 1, 2020".

    A datetime keeps the calendar day in its own time zone (the day the outlet printed).
    Returns None when the value is not a date.
    """
    value = value.strip()
    if not value or len(value) > _MAX_DATE_CHARS:
        return None
    return _iso(value) or _rfc2822(value) or _written(value)


def date_from_struct(value: time.struct_time | None) -> date | None:
    """feedparser's parsed dates (UTC ``struct_time``) → date."""
    if value is None:
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None
