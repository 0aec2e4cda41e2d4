"""Working days in England and Wales: weekends and bank holidays are not working days.

Pure: dates in, dates out. Bank holidays come from the maintained `holidays` package
(England's list, which England and Wales share), never from a hand-typed list.
"""

from __future__ import annotations

import datetime
from collections.abc import Container, Iterable
from functools import lru_cache

import holidays

FACTUAL_ACCURACY_WORKING_DAYS = 10


@lru_cache(maxsize=32)
def bank_holidays(years: tuple[int, ...]) -> frozenset[datetime.date]:
    """England and Wales bank holidays in `years` (including substitute days)."""
    return frozenset(holidays.UK(subdiv="ENG", years=years).keys())


def is_working_day(day: datetime.date, holiday_dates: Container[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holiday_dates


def add_working_days(
    start: datetime.date, days: int, holiday_dates: Container[datetime.date] | None = None
) -> datetime.date:
    """The date `days` working days after `start` (the start day itself is not counted).

    With no `holiday_dates`, the England and Wales bank holidays of the years concerned are
    used. Raises ValueError for a negative number of days.
    """
    if days < 0:
        raise ValueError("The number of working days cannot be negative.")
    if holiday_dates is None:
        # A year plus a margin covers any realistic span of working days.
        span_years = days // 200 + 2
        holiday_dates = bank_holidays(tuple(range(start.year, start.year + span_years)))
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holiday_dates):
            counted += 1
    return day


def working_days_between(
    start: datetime.date, end: datetime.date, holiday_dates: Iterable[datetime.date] | None = None
) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    dates = (
        frozenset(holiday_dates)
        if holiday_dates is not None
        else bank_holidays(tuple(range(start.year, end.year + 1)))
    )
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, dates):
            count += 1
    return count


def factual_accuracy_due(sent_on: datetime.date) -> datetime.date:
    """The council's deadline: 10 working days after the draft is sent."""
    return add_working_days(sent_on, FACTUAL_ACCURACY_WORKING_DAYS)
