"""The factual accuracy deadline: 10 working days, skipping weekends and bank holidays."""

import datetime

import pytest

from assessments.working_days import (
    add_working_days,
    bank_holidays,
    factual_accuracy_due,
    is_working_day,
    working_days_between,
)

D = datetime.date


def test_bank_holidays_come_from_the_maintained_list_for_england_and_wales():
    days = bank_holidays((2024, 2025))
    assert D(2024, 12, 25) in days and D(2024, 12, 26) in days
    assert D(2025, 4, 18) in days  # Good Friday
    assert D(2025, 4, 21) in days  # Easter Monday
    assert D(2025, 8, 25) in days  # Summer bank holiday (England, not Scotland's August date)
    assert D(2025, 1, 2) not in days  # Scotland only
    assert D(2025, 3, 17) not in days  # St Patrick's Day: Northern Ireland only


def test_a_plain_fortnight_is_two_calendar_weeks():
    # Monday 3 March 2025 -> Monday 17 March 2025: no holidays in between.
    assert factual_accuracy_due(D(2025, 3, 3)) == D(2025, 3, 17)


def test_sent_on_a_friday():
    assert factual_accuracy_due(D(2025, 3, 7)) == D(2025, 3, 21)


def test_sent_at_a_weekend_counts_from_the_next_monday():
    assert factual_accuracy_due(D(2025, 3, 8)) == D(2025, 3, 21)
    assert factual_accuracy_due(D(2025, 3, 9)) == D(2025, 3, 21)


def test_christmas_2024_skips_christmas_boxing_day_and_new_year():
    # Fri 20 Dec 2024: working days 23, 24, 27, 30, 31 Dec, 2, 3, 6, 7, 8 Jan.
    assert factual_accuracy_due(D(2024, 12, 20)) == D(2025, 1, 8)


def test_christmas_2026_uses_the_substitute_boxing_day():
    # 26 December 2026 is a Saturday: the bank holiday moves to Monday 28 December.
    assert D(2026, 12, 28) in bank_holidays((2026,))
    # Mon 21 Dec 2026: 22, 23, 24, 29, 30, 31 Dec, 4, 5, 6, 7 Jan (1 Jan 2027 is a holiday).
    assert factual_accuracy_due(D(2026, 12, 21)) == D(2027, 1, 7)


def test_easter_2025_skips_good_friday_and_easter_monday():
    # Mon 14 Apr 2025: 15, 16, 17, 22, 23, 24, 25, 28, 29, 30 Apr.
    assert factual_accuracy_due(D(2025, 4, 14)) == D(2025, 4, 30)


def test_easter_2024_and_the_may_bank_holidays():
    # Thu 28 Mar 2024 (before Good Friday 29 Mar and Easter Monday 1 Apr).
    assert factual_accuracy_due(D(2024, 3, 28)) == D(2024, 4, 15)
    # Wed 1 May 2024, early May bank holiday Mon 6 May.
    assert factual_accuracy_due(D(2024, 5, 1)) == D(2024, 5, 16)


def test_explicit_holiday_list_is_used_when_given():
    assert add_working_days(D(2025, 3, 3), 1, holiday_dates={D(2025, 3, 4)}) == D(2025, 3, 5)
    assert add_working_days(D(2025, 3, 3), 0) == D(2025, 3, 3)


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2025, 3, 3), -1)


@pytest.mark.parametrize(
    "start",
    [D(2024, 12, 20) + datetime.timedelta(days=n) for n in range(0, 400, 3)],
)
def test_due_date_is_a_working_day_exactly_ten_working_days_later(start):
    due = factual_accuracy_due(start)
    holidays_ = bank_holidays((start.year, start.year + 1))
    assert is_working_day(due, holidays_)
    assert working_days_between(start, due) == 10
