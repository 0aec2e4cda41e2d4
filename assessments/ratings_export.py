"""The national ratings table as rows for CSV and XLSX: one layout for both exports.

Every council is a row. Publication is written as CQC gives it (`2025-06` where only the
month is known). Pilots have no per-statement scores (CQC published only how many statements
had each score): their score columns are empty and `score_counts` gives the counts. The last
rows say where the figures come from.
"""

from __future__ import annotations

from collections.abc import Iterator

from assessments import scoring, selectors

HEADER = [
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


def _counts_text(assessment) -> str:
    return "; ".join(f"{n} scored {score}" for score, n in assessment.score_count_rows if n)


def national_rows(table: selectors.NationalTable, *, note: bool = True) -> Iterator[list]:
    """The header, one row per council, then (if `note`) a blank row and the source note."""
    yield HEADER
    for row in table.rows:
        assessment = row.assessment
        yield [
            row.council.name,
            row.council.gss_code,
            row.council.region_name,
            row.council.get_council_type_display(),
            selectors.RESULT_STATUS_LABELS[row.result_status],
            scoring.RATING_LABELS.get(row.rating, row.rating),
            row.display_percentage,
            *["" if score is None else score for score in row.scores],
            _counts_text(assessment) if assessment else "",
            assessment.published_iso if assessment else "",
            ("yes" if assessment.is_pilot else "no") if assessment else "",
            # Demo work in progress that a demo user published: still not CQC's result.
            ("yes" if assessment.is_demo else "no") if assessment else "",
        ]
    if note:
        yield []
        yield [SOURCE_NOTE]
