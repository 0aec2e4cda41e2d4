"""The "yours / now" comparison shown when a save is refused as stale.

A form sent with an old version is not saved (`core.errors.StaleVersionError`); the page then
shows, field by field, what the user sent beside what is saved now, marking the differences,
so they can make their changes again on the saved version. Pages render the rows with
`templates/includes/conflict_table.html`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ConflictRow:
    label: str
    yours: str
    now: str

    @property
    def differs(self) -> bool:
        return self.yours != self.now


def display_value(value: Any) -> str:
    """A field value as the comparison shows it: dates in words, lists joined, yes/no."""
    if value is None or value == "":
        return "None"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return value.strftime("%-d %B %Y")
    if hasattr(value, "__iter__") and not isinstance(value, str | bytes):  # lists, querysets
        return "; ".join(str(item) for item in value) or "None"
    return str(value)


def conflict_rows(
    *,
    labels: Mapping[str, str],
    yours: Mapping[str, Any],
    now: Mapping[str, Any],
    show: Callable[[str, Any], str] | None = None,
) -> list[ConflictRow]:
    """One row per field in `yours` (in its order): the value sent beside the value saved now.

    `show(name, value)` turns a value into text (default: `display_value`), so a field with
    choices can show its label.
    """
    show = show or (lambda _name, value: display_value(value))
    return [
        ConflictRow(label=labels[name], yours=show(name, value), now=show(name, now.get(name)))
        for name, value in yours.items()
    ]
