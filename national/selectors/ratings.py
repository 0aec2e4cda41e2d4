"""The national ratings table: every council's latest published rating with its nine
statement scores. One selector feeds the page, its CSV and XLSX downloads and the API."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from assessments import scoring
from assessments.models import Assessment, StatementScore
from assessments.selectors import latest_published_assessments

RATING_ORDER = [
    scoring.OUTSTANDING,
    scoring.GOOD,
    scoring.REQUIRES_IMPROVEMENT,
    scoring.INADEQUATE,
]


@dataclass(frozen=True)
class NationalRow:
    assessment: Assessment
    scores: list[int | None]  # statements 1-9 in order

    @property
    def council(self):
        return self.assessment.council

    @property
    def rating(self) -> str:
        return self.assessment.published_rating

    @property
    def percentage(self) -> float | None:
        return self.assessment.published_percentage

    @property
    def display_percentage(self) -> int | None:
        if self.percentage is None:
            return None
        return scoring.round_half_up_float(self.percentage)


def _rating_rank(rating: str) -> int:
    # Best first when ascending: outstanding, good, requires improvement, inadequate.
    return RATING_ORDER.index(rating) if rating in RATING_ORDER else len(RATING_ORDER)


# Sort keys of the table's columns; ties keep council name order in either direction.
NATIONAL_SORT_KEYS = {
    "council": lambda row: row.council.name,
    "region": lambda row: row.council.region_name,
    "type": lambda row: row.council.get_council_type_display(),
    # Ascending is best first; within a rating, the higher percentage first.
    "rating": lambda row: (_rating_rank(row.rating), -(row.percentage or 0)),
    "percentage": lambda row: row.percentage or 0,
    "published": lambda row: row.assessment.published_on,
    **{
        f"score_{number}": (lambda row, i=number - 1: row.scores[i] or 0)
        for number in scoring.STATEMENT_NUMBERS
    },
}


@dataclass(frozen=True)
class NationalTable:
    rows: list[NationalRow]
    counts: dict[str, int]  # rating -> councils, best rating first

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def national_table(
    *,
    region_code: str = "",
    council_type: str = "",
    rating: str = "",
    sort: str = "council",
    descending: bool = False,
) -> NationalTable:
    """Every council's latest published rating with its nine scores, filtered and sorted.

    Two queries whatever the number of councils: the latest assessments (with councils)
    and their scores. Unknown sort keys fall back to the council name.
    """
    latest = latest_published_assessments()
    if region_code:
        latest = latest.filter(council__region_code=region_code)
    if council_type:
        latest = latest.filter(council__council_type=council_type)
    if rating:
        latest = latest.filter(published_rating=rating)
    assessments = list(latest)
    scores: dict[int, list[int | None]] = {a.pk: [None] * 9 for a in assessments}
    for assessment_id, number, value in StatementScore.objects.filter(
        assessment_id__in=scores
    ).values_list("assessment_id", "statement__number", "score"):
        if number in scoring.STATEMENT_NUMBERS:
            scores[assessment_id][number - 1] = value
    rows = [NationalRow(a, scores[a.pk]) for a in assessments]
    rows.sort(key=lambda row: row.council.name)
    # Python's sort is stable (also with reverse=True), so ties stay in name order.
    rows.sort(key=NATIONAL_SORT_KEYS.get(sort, NATIONAL_SORT_KEYS["council"]), reverse=descending)
    counts = dict.fromkeys(RATING_ORDER, 0)
    for row in rows:
        if row.rating in counts:
            counts[row.rating] += 1
    return NationalTable(rows=rows, counts=counts)


Cell = str | int | datetime.date | None

# The downloads' columns: machine-friendly names, the same for the CSV and the spreadsheet.
EXPORT_HEADER = [
    "council",
    "gss_code",
    "region",
    "council_type",
    "rating",
    "percentage",
    *[f"score_{n}" for n in scoring.STATEMENT_NUMBERS],
    "published_on",
    "indicative",
]


def national_table_export_rows(
    table: NationalTable,
) -> list[list[str | int | datetime.date | None]]:
    """The table's rows as the downloads' cells (EXPORT_HEADER order), in the table's order:
    rating labels, the percentage as displayed, empty cells for unscored statements."""
    return [
        [
            row.council.name,
            row.council.gss_code,
            row.council.region_name,
            row.council.get_council_type_display(),
            scoring.RATING_LABELS.get(row.rating, row.rating),
            row.display_percentage,
            *["" if score is None else score for score in row.scores],
            row.assessment.published_on,
            "yes" if row.assessment.is_pilot else "no",
        ]
        for row in table.rows
    ]
