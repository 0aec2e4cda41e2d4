"""Reading a CSV of published results (the format is documented in RESULTS_CSV_FORMAT).

Every row is checked before anything is loaded; the loading itself is the service
`assessments.services.published_results_import`.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from assessments import scoring
from assessments.models import Assessment, AssessmentStatus
from councils.models import Council

SCORE_COLUMNS = [f"score_{number}" for number in scoring.STATEMENT_NUMBERS]
COLUMNS = ["gss_code", "published_on", "rating", *SCORE_COLUMNS]

RESULTS_CSV_FORMAT = """\
A CSV file in UTF-8 with a header row naming these columns (in any order; others are refused):
  gss_code      the council's GSS code, e.g. E10000029 (joined on code, never on name)
  published_on  the publication date as YYYY-MM-DD
  rating        outstanding, good, requires_improvement or inadequate (the labels
                "Requires improvement" etc. are accepted too)
  score_1 ... score_9  the published score of each quality statement, 1 to 4
The rating must be the one the nine scores give under the scoring rules. Any bad row stops
the whole file: nothing is loaded and every bad row is reported with its line number.
"""

_RATING_INPUTS = {
    **{code: code for code in scoring.RATING_LABELS},
    **{label.lower(): code for code, label in scoring.RATING_LABELS.items()},
}


@dataclass(frozen=True)
class ResultRow:
    line: int
    council: Council
    published_on: datetime.date
    rating: str
    scores: dict[int, int]


@dataclass
class ParsedResults:
    rows: list[ResultRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _parse_score(raw: str) -> int | None:
    raw = raw.strip()
    if not raw.isdigit():
        return None
    value = int(raw)
    return value if scoring.MIN_SCORE <= value <= scoring.MAX_SCORE else None


def parse_results_csv(text: str) -> ParsedResults:
    """Check every row of a results CSV; the errors name the line of each bad row.

    A row is bad when its GSS code is unknown, its date is not a real YYYY-MM-DD date, a
    score is not 1-4, its rating is unknown or disagrees with its scores, or the council
    already has a published assessment on that date (in the file or already loaded).
    """
    parsed = ParsedResults()
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in COLUMNS if name not in header]
    unknown = [name for name in header if name not in COLUMNS]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(f"missing columns {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown columns {', '.join(unknown)}")
        parsed.errors.append(f"Line 1: {'; '.join(problems)}.")
        return parsed
    reader.fieldnames = header
    # The physical line each row ends on (the header is line 1), for the error messages.
    raw_rows = [(reader.line_num, row) for row in reader]
    councils = Council.objects.in_bulk(
        {(row.get("gss_code") or "").strip().upper() for _, row in raw_rows}, field_name="gss_code"
    )
    already = set(
        Assessment.objects.filter(
            status=AssessmentStatus.PUBLISHED, council__in=councils.values()
        ).values_list("council__gss_code", "published_on")
    )
    seen: dict[tuple[str, datetime.date], int] = {}
    for line, raw in raw_rows:
        if not any((value or "").strip() for value in raw.values() if isinstance(value, str)):
            continue  # a blank line
        problems: list[str] = []
        if None in raw:
            problems.append("more values than columns")
        gss_code = (raw.get("gss_code") or "").strip().upper()
        council = councils.get(gss_code)
        if council is None:
            problems.append(f"unknown GSS code {gss_code!r}" if gss_code else "no GSS code")
        published_on = None
        raw_date = (raw.get("published_on") or "").strip()
        try:
            published_on = datetime.date.fromisoformat(raw_date)
            if len(raw_date) != 10:
                raise ValueError(raw_date)
        except ValueError:
            published_on = None
            problems.append(f"publication date {raw_date!r} is not a date as YYYY-MM-DD")
        scores: dict[int, int] = {}
        for number, column in zip(scoring.STATEMENT_NUMBERS, SCORE_COLUMNS, strict=True):
            value = _parse_score(raw.get(column) or "")
            if value is None:
                problems.append(f"{column} {(raw.get(column) or '').strip()!r} is not 1 to 4")
            else:
                scores[number] = value
        raw_rating = (raw.get("rating") or "").strip()
        rating = _RATING_INPUTS.get(raw_rating.lower())
        if rating is None:
            problems.append(f"unknown rating {raw_rating!r}")
        elif len(scores) == len(SCORE_COLUMNS):
            result = scoring.overall_result(scores)
            if result.rating != rating:
                problems.append(
                    f"rating {scoring.RATING_LABELS[rating]!r} disagrees with the scores, "
                    f"which give {result.display_percentage}% "
                    f"{scoring.RATING_LABELS[result.rating]!r}"
                )
        if council is not None and published_on is not None:
            key = (council.gss_code, published_on)
            if key in already:
                problems.append(
                    f"{council.name} already has a published assessment dated {published_on}"
                )
            elif key in seen:
                problems.append(f"repeats line {seen[key]}")
            else:
                seen[key] = line
        if problems:
            parsed.errors.append(f"Line {line}: {'; '.join(problems)}.")
        else:
            parsed.rows.append(ResultRow(line, council, published_on, rating, scores))
    if not parsed.rows and not parsed.errors:
        parsed.errors.append("The file has no rows of results.")
    return parsed
