"""The national ratings table: every council, with its latest published result (a formal
rating, an indicative rating from a 2023 pilot, or "not yet published") and its nine
statement scores. One selector feeds the page, its CSV and XLSX downloads and the API, and
one row layout (`national_rows`) both downloads. Demo assessments never appear here, even
published: see `assessments.selectors.latest_published_assessments` for why."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from assessments import scoring
from assessments.models import Assessment, StatementScore
from assessments.selectors import latest_published_assessments
from councils.models import Council

RATING_ORDER = [
    scoring.OUTSTANDING,
    scoring.GOOD,
    scoring.REQUIRES_IMPROVEMENT,
    scoring.INADEQUATE,
]

# What the table shows for a council: a formal published rating, an indicative pilot rating,
# or nothing published yet (every council is listed).
PUBLISHED = "published"
INDICATIVE = "indicative"
NOT_YET_PUBLISHED = "not_published"
RESULT_STATUS_LABELS = {
    PUBLISHED: "Published",
    INDICATIVE: "Indicative (pilot)",
    NOT_YET_PUBLISHED: "Not yet published",
}


@dataclass(frozen=True)
class NationalRow:
    council: Council
    assessment: Assessment | None  # the latest published one; None when nothing is published
    scores: list[int | None]  # statements 1-9 in order (none for pilots: not published)

    @property
    def result_status(self) -> str:
        if self.assessment is None:
            return NOT_YET_PUBLISHED
        return INDICATIVE if self.assessment.is_pilot else PUBLISHED

    @property
    def rating(self) -> str:
        return self.assessment.published_rating if self.assessment else ""

    @property
    def percentage(self) -> float | None:
        return self.assessment.published_percentage if self.assessment else None

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
    # Ascending is best first; within a rating, the higher percentage first; unrated last.
    "rating": lambda row: (_rating_rank(row.rating), -(row.percentage or 0)),
    "percentage": lambda row: row.percentage or 0,
    "published": lambda row: row.assessment.published_on if row.assessment else datetime.date.min,
    **{
        f"score_{number}": (lambda row, i=number - 1: row.scores[i] or 0)
        for number in scoring.STATEMENT_NUMBERS
    },
}


@dataclass(frozen=True)
class NationalTable:
    rows: list[NationalRow]
    counts: dict[str, int]  # formal published ratings -> councils, best rating first
    indicative_counts: dict[str, int] = field(default_factory=dict)  # pilots, by rating
    not_published: int = 0

    @property
    def total(self) -> int:
        """Councils with a formal published rating (pilots are indicative: counted apart)."""
        return sum(self.counts.values())

    @property
    def indicative(self) -> int:
        return sum(self.indicative_counts.values())

    @property
    def listed(self) -> int:
        return len(self.rows)


def national_table(
    *,
    region_code: str = "",
    council_type: str = "",
    rating: str = "",
    result_status: str = "",
    sort: str = "council",
    descending: bool = False,
) -> NationalTable:
    """Every council with its latest published rating (formal, or indicative for a 2023
    pilot) and nine scores, or "not yet published": filtered and sorted.

    `rating` filters on a rating ("not_published" keeps the councils with none);
    `result_status` on published / indicative / not_published. Counts are worked out on the
    rows shown: formal ratings, pilots (indicative) and not yet published apart. Three
    queries whatever the number of councils. Unknown sort keys fall back to the council name.
    """
    councils = Council.objects.all()
    if region_code:
        councils = councils.filter(region_code=region_code)
    if council_type:
        councils = councils.filter(council_type=council_type)
    councils = list(councils)
    latest = {
        a.council_id: a
        for a in latest_published_assessments().filter(council__in=[c.pk for c in councils])
    }
    scores: dict[int, list[int | None]] = {a.pk: [None] * 9 for a in latest.values()}
    for assessment_id, number, value in StatementScore.objects.filter(
        assessment_id__in=scores
    ).values_list("assessment_id", "statement__number", "score"):
        if number in scoring.STATEMENT_NUMBERS:
            scores[assessment_id][number - 1] = value
    rows = [
        NationalRow(
            council,
            latest.get(council.pk),
            scores.get(getattr(latest.get(council.pk), "pk", 0)) or [None] * 9,
        )
        for council in councils
    ]
    if rating == NOT_YET_PUBLISHED:
        rows = [row for row in rows if row.assessment is None]
    elif rating:
        rows = [row for row in rows if row.rating == rating]
    if result_status:
        rows = [row for row in rows if row.result_status == result_status]
    rows.sort(key=lambda row: row.council.name)
    # Python's sort is stable (also with reverse=True), so ties stay in name order.
    rows.sort(key=NATIONAL_SORT_KEYS.get(sort, NATIONAL_SORT_KEYS["council"]), reverse=descending)
    counts = dict.fromkeys(RATING_ORDER, 0)
    indicative_counts = dict.fromkeys(RATING_ORDER, 0)
    not_published = 0
    for row in rows:
        if row.assessment is None:
            not_published += 1
        elif row.rating in counts:
            (indicative_counts if row.assessment.is_pilot else counts)[row.rating] += 1
    return NationalTable(
        rows=rows,
        counts=counts,
        indicative_counts=indicative_counts,
        not_published=not_published,
    )


# ---- the downloads: one row layout for the CSV and the spreadsheet --------------------------
# Every council is a row. Publication is written as CQC gives it (`2025-06` where only the
# month is known). Pilots have no per-statement scores (CQC published only how many statements
# had each score): their score columns are empty and `score_counts` gives the counts.

EXPORT_HEADER = [
    "council",
    "gss_code",
    "region",
    "council_type",
    "result",
    "rating",
    "percentage",
    *[f"score_{n}" for n in scoring.STATEMENT_NUMBERS],
    "score_counts",
    "published",
    "indicative",
    "demo_data",
]

SOURCE_NOTE = (
    "Source: CQC's published local authority assessment reports (cqc.org.uk); ratings of the "
    "2023 pilots are indicative and CQC published only how many of their statements had each "
    "score, not which. Councils marked not yet published have no published CQC result here."
)


def _counts_text(assessment: Assessment) -> str:
    return "; ".join(f"{n} scored {score}" for score, n in assessment.score_count_rows if n)


def national_rows(table: NationalTable, *, note: bool = True) -> Iterator[list]:
    """The header (EXPORT_HEADER), one row per council in the table's order, then (if `note`)
    a blank row and the source note: rating labels, the percentage as displayed, empty cells
    for unscored statements, publication as YYYY-MM where only the month is known."""
    yield EXPORT_HEADER
    for row in table.rows:
        assessment = row.assessment
        yield [
            row.council.name,
            row.council.gss_code,
            row.council.region_name,
            row.council.get_council_type_display(),
            RESULT_STATUS_LABELS[row.result_status],
            scoring.RATING_LABELS.get(row.rating, row.rating),
            row.display_percentage,
            *["" if score is None else score for score in row.scores],
            _counts_text(assessment) if assessment else "",
            assessment.published_iso if assessment else "",
            ("yes" if assessment.is_pilot else "no") if assessment else "",
            # Always "no" or empty: demo assessments are left out of the national picture
            # (latest_published_assessments). The column stays so the layout does not change
            # and a reader of the file can see it holds no demo data.
            ("yes" if assessment.is_demo else "no") if assessment else "",
        ]
    if note:
        yield []
        yield [SOURCE_NOTE]
