"""Dates of stored facts as days: threats and events carry ISO dates that may be partial
("2023-10", "2022") or missing, in which case the document's publication date stands in."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_day(value: str | None) -> date | None:
    """The day of a full ISO date (a datetime's date part too); None for partial or bad ones."""
    if not value:
        return None
    m = _ISO.match(value.strip())
    if not m or m.group(3) is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def period(value: str | None) -> tuple[date, date] | None:
    """First and last day an ISO date (full or partial) may stand for."""
    if not value:
        return None
    m = _ISO.match(value.strip())
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(2) is None:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(m.group(2))
        if m.group(3) is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        day = date(year, month, int(m.group(3)))
    except ValueError:
        return None
    return day, day


def effective_day(value: str | None, published: str | None) -> date | None:
    """When a fact happened, as one day.

    A full date is taken as it is. A partial one ("2023-10") is the publication day when that
    falls inside the period (a report of this month's threat), else the middle of the period,
    never later than the publication day. No date at all: the publication day.
    """
    pub = parse_day(published)
    span = period(value)
    if span is None:
        return pub
    first, last = span
    if first == last:
        return first
    if pub is not None and first <= pub <= last:
        return pub
    middle = first + timedelta(days=(last - first).days // 2)
    return min(middle, pub) if pub is not None else middle


def days_between(a: date | None, b: date | None) -> int | None:
    if a is None or b is None:
        return None
    return abs((a - b).days)
