"""Calendar arithmetic for resolving date expressions (see ``date_expressions``)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from flashpoint.model import DatePrecision


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(value.day, calendar.monthrange(year, month + 1)[1]))


def shift(anchor: date, unit: str, amount: int) -> tuple[date, DatePrecision]:
    """``amount`` units from ``anchor``, truncated to the start of the unit."""
    if unit in {"day", "hour"}:  # "48 hours ago": whole days only, "3 hours ago" is today
        return anchor + timedelta(days=amount if unit == "day" else int(amount / 24)), "day"
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        return monday + timedelta(weeks=amount), "week"
    if unit == "month":
        return add_months(anchor.replace(day=1), amount), "month"
    return date(anchor.year + amount, 1, 1), "year"


def weekday_on_or_before(published: date, weekday: int) -> date:
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def weekday_on_or_after(published: date, weekday: int) -> date:
    return published + timedelta(days=(weekday - published.weekday()) % 7)


def nearest_year(published: date, month: int, day: int) -> date | None:
    """The month/day (no year given) in the year that puts it nearest the publication date."""
    options = [d for y in (-1, 0, 1) if (d := safe_date(published.year + y, month, day))]
    return min(options, key=lambda d: (abs((d - published).days), d > published), default=None)


def recent_month(published: date, month: int, rel: str) -> date:
    """ "in March": the most recent March not after publication; last/next March move a year."""
    this_year = date(published.year, month, 1)
    if rel == "next":
        return this_year if month > published.month else date(published.year + 1, month, 1)
    if rel == "this":
        return this_year
    latest_allowed = published.month - (1 if rel == "last" else 0)
    return this_year if month <= latest_allowed else date(published.year - 1, month, 1)
