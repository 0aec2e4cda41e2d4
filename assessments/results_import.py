"""Reading a CSV of published results (the format is documented in RESULTS_CSV_FORMAT).

Every row is checked before anything is loaded; the loading itself is the service
`assessments.services.published_results_import`. Two shapes are accepted: formal results with
the nine statement scores, and pilot results (indicative) known only by how many statements
had each score, as CQC published them in 2023.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from assessments import scoring
from assessments.dates import parse_published
from assessments.models import Assessment, AssessmentStatus
from councils.models import Council

SCORE_COLUMNS = [f"score_{number}" for number in scoring.STATEMENT_NUMBERS]
COUNT_COLUMNS = [f"count_{score}" for score in (4, 3, 2, 1)]
# The formal shape, in the order the reference file uses (`council` is optional).
COLUMNS = ["gss_code", "council", "published", "rating", *SCORE_COLUMNS]
PILOT_COLUMNS = ["gss_code", "council", "published", "rating", "indicative", *COUNT_COLUMNS]
OPTIONAL_COLUMNS = {"council"}
# `published_on` is the earlier name of `published`; files using it still load.
DATE_COLUMNS = ("published", "published_on")

RESULTS_CSV_FORMAT = """\
A CSV file in UTF-8 with a header row naming these columns (in any order; others are refused):
  gss_code      the council's GSS code, e.g. E10000029 (joined on code, never on name)
  council       optional: the council's name; a name that is not the code's council is an
                error on that line
  published     the publication month as YYYY-MM (shown as "June 2025"), or the date as
                YYYY-MM-DD where the day is known (the column may also be called published_on)
  rating        outstanding, good, requires_improvement or inadequate (the labels
                "Requires improvement" etc. are accepted too)
  score_1 ... score_9  the published score of each quality statement, 1 to 4
The rating must be the one the nine scores give under the scoring rules. Any bad row stops
the whole file: nothing is loaded and every bad row is reported with its line number.
Pilot results (indicative) use, instead of the nine scores, the columns indicative (yes) and
count_4, count_3, count_2, count_1: how many statements had each score (nine in all).
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
    scores: dict[int, int]  # statement -> score; empty for a pilot
    precision: str = "day"
    score_counts: dict[int, int] | None = None  # pilots only: score -> statements

    @property
    def is_pilot(self) -> bool:
        return self.score_counts is not None

    def all_scores(self) -> list[int]:
        """Every statement's score; for a pilot, the counts expanded (placement unknown)."""
        if self.score_counts is None:
            return [self.scores[n] for n in sorted(self.scores)]
        return [score for score, n in sorted(self.score_counts.items()) for _ in range(n)]


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


def _check_header(header: list[str]) -> tuple[str | None, bool, str | None]:
    """(the date column, whether the file is of pilots, an error for line 1 or None)."""
    date_columns = [name for name in DATE_COLUMNS if name in header]
    pilot = "indicative" in header or any(name in header for name in COUNT_COLUMNS)
    expected = [
        name
        for name in (PILOT_COLUMNS if pilot else COLUMNS)
        if name not in OPTIONAL_COLUMNS and name != "published"
    ]
    missing = [name for name in expected if name not in header]
    if not date_columns:
        missing.append("published")
    allowed = set(PILOT_COLUMNS if pilot else COLUMNS) | set(DATE_COLUMNS)
    unknown = [name for name in header if name not in allowed]
    problems = []
    if missing:
        problems.append(f"missing columns {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown columns {', '.join(unknown)}")
    if len(date_columns) > 1:
        problems.append("both published and published_on: give one")
    error = f"Line 1: {'; '.join(problems)}." if problems else None
    return (date_columns[0] if date_columns else None), pilot, error


def _row_scores(raw: dict, pilot: bool, problems: list[str]):
    """The row's statement scores (formal) or score counts (pilot), with problems noted."""
    if not pilot:
        scores: dict[int, int] = {}
        for number, column in zip(scoring.STATEMENT_NUMBERS, SCORE_COLUMNS, strict=True):
            value = _parse_score(raw.get(column) or "")
            if value is None:
                problems.append(f"{column} {(raw.get(column) or '').strip()!r} is not 1 to 4")
            else:
                scores[number] = value
        return scores, None, len(scores) == len(SCORE_COLUMNS)
    counts: dict[int, int] = {}
    for score, column in zip((4, 3, 2, 1), COUNT_COLUMNS, strict=True):
        raw_count = (raw.get(column) or "").strip()
        if not raw_count.isdigit():
            problems.append(f"{column} {raw_count!r} is not a whole number")
        else:
            counts[score] = int(raw_count)
    if (raw.get("indicative") or "").strip().lower() != "yes":
        problems.append("indicative must be yes: pilot ratings are indicative")
    complete = len(counts) == len(COUNT_COLUMNS)
    if complete and sum(counts.values()) != len(SCORE_COLUMNS):
        problems.append(f"the counts add up to {sum(counts.values())}, not 9 statements")
        complete = False
    return {}, counts, complete


def parse_results_csv(text: str) -> ParsedResults:
    """Check every row of a results CSV; the errors name the line of each bad row.

    A row is bad when its GSS code is unknown, its `council` name is not that code's council,
    its date is not YYYY-MM or a real YYYY-MM-DD date, a score is not 1-4 (or a pilot's counts
    are not nine in all), its rating is unknown or disagrees with its scores, or the council
    already has a published assessment on that date (in the file or already loaded).
    """
    parsed = ParsedResults()
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    date_column, pilot, header_error = _check_header(header)
    if header_error:
        parsed.errors.append(header_error)
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
        name = (raw.get("council") or "").strip()
        if council is not None and name and name.casefold() != council.name.casefold():
            problems.append(f"council {name!r} is not {gss_code}, which is {council.name}")
        published_on, precision = None, "day"
        raw_date = (raw.get(date_column) or "").strip()
        try:
            published_on, precision = parse_published(raw_date)
        except ValueError:
            problems.append(f"publication date {raw_date!r} is not YYYY-MM or YYYY-MM-DD")
        scores, counts, complete = _row_scores(raw, pilot, problems)
        raw_rating = (raw.get("rating") or "").strip()
        rating = _RATING_INPUTS.get(raw_rating.lower())
        if rating is None:
            problems.append(f"unknown rating {raw_rating!r}")
        elif complete:
            expanded = [s for s, k in sorted(counts.items()) for _ in range(k)] if counts else []
            values = scores or dict(enumerate(expanded, start=1))
            result = scoring.overall_result(values)
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
                    f"{council.name} already has a published assessment dated {raw_date}"
                )
            elif key in seen:
                problems.append(f"repeats line {seen[key]}")
            else:
                seen[key] = line
        if problems:
            parsed.errors.append(f"Line {line}: {'; '.join(problems)}.")
        else:
            parsed.rows.append(
                ResultRow(line, council, published_on, rating, scores, precision, counts)
            )
    if not parsed.rows and not parsed.errors:
        parsed.errors.append("The file has no rows of results.")
    return parsed
