"""The "yours / now" rows shown after a stale save (core.conflicts)."""

import datetime

from core.conflicts import conflict_rows, display_value


def test_values_are_shown_in_words_and_differences_marked():
    rows = conflict_rows(
        labels={"on": "Site visit date", "team": "Assessors", "private": "Personal data"},
        yours={"on": datetime.date(2025, 5, 2), "team": ["A", "B"], "private": True},
        now={"on": datetime.date(2025, 4, 1), "team": ["A", "B"], "private": None},
    )
    assert [(r.label, r.yours, r.now, r.differs) for r in rows] == [
        ("Site visit date", "2 May 2025", "1 April 2025", True),
        ("Assessors", "A; B", "A; B", False),
        ("Personal data", "Yes", "None", True),
    ]


def test_a_field_may_show_its_own_labels():
    rows = conflict_rows(
        labels={"direction": "Direction"},
        yours={"direction": "positive"},
        now={"direction": "negative"},
        show=lambda name, value: value.title(),
    )
    assert (rows[0].yours, rows[0].now) == ("Positive", "Negative")


def test_empty_values_read_none():
    assert display_value("") == display_value(None) == display_value([]) == "None"
