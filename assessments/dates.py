"""Publication dates known to the day or only to the month (CQC's report addresses give the
month of publication, not the day): one way to show and write them everywhere."""

from __future__ import annotations

import datetime

from django.utils.dateformat import format as date_format

DAY = "day"
MONTH = "month"


def published_label(on: datetime.date | None, precision: str) -> str:
    """ "June 2025" for a month, "5 June 2025" for a day; "" when there is no date."""
    if on is None:
        return ""
    return date_format(on, "F Y" if precision == MONTH else "j F Y")


def published_iso(on: datetime.date | None, precision: str) -> str:
    """ "2025-06" for a month, "2025-06-05" for a day; "" when there is no date."""
    if on is None:
        return ""
    return on.strftime("%Y-%m") if precision == MONTH else on.isoformat()


def parse_published(raw: str) -> tuple[datetime.date, str]:
    """Read `YYYY-MM` (month known: stored as its first day) or `YYYY-MM-DD`.

    Raises ValueError for anything else, including impossible dates.
    """
    raw = raw.strip()
    if len(raw) == 7 and raw[4] == "-":
        year, month = raw.split("-")
        if not (year.isdigit() and month.isdigit()):
            raise ValueError(raw)
        return datetime.date(int(year), int(month), 1), MONTH
    if len(raw) == 10:
        return datetime.date.fromisoformat(raw), DAY
    raise ValueError(raw)
