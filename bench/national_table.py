"""Benchmark: compute the national ratings table for 153 councils x 3 published assessments.

Prints the time to compute the table (the selector, and the whole page through the test
client) and the number of queries, at a third of the councils and at all 153, to show the
query count does not grow with the number of councils.

Run: .venv/bin/python bench/national_table.py  (a throwaway test database is created and
dropped; set DATABASE_URL to run it on PostgreSQL).
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from assessments import scoring  # noqa: E402
from assessments.models import (  # noqa: E402
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    Framework,
    QualityStatement,
    StatementScore,
)
from councils.models import Council  # noqa: E402
from national import selectors  # noqa: E402

DATES = [datetime.date(2023, 6, 1), datetime.date(2024, 6, 3), datetime.date(2025, 6, 2)]
REPEATS = 20


def seed(councils: list[Council]) -> None:
    """Three published assessments with nine scores each per council. Bulk inserts: this is
    benchmark data, not a domain change, so it skips the audited services on purpose."""
    rng = random.Random(153)
    framework = Framework.objects.get(code="cqc-la", is_current=True)
    statements = list(QualityStatement.objects.filter(framework=framework).order_by("number"))
    for council in councils:
        assessments, all_scores = [], []
        for published_on in DATES:
            scores = rng.choices([1, 2, 3, 4], weights=[1, 4, 8, 1], k=9)
            result = scoring.overall_result(dict(enumerate(scores, start=1)))
            assessments.append(
                Assessment(
                    council=council,
                    framework=framework,
                    kind=AssessmentKind.FORMAL,
                    status=AssessmentStatus.PUBLISHED,
                    published_on=published_on,
                    published_percentage=result.percentage,
                    published_rating=result.rating,
                    imported=True,
                )
            )
            all_scores.append(scores)
        created = Assessment.objects.bulk_create(assessments)
        StatementScore.objects.bulk_create(
            StatementScore(assessment=assessment, statement=statement, score=score)
            for assessment, scores in zip(created, all_scores, strict=True)
            for statement, score in zip(statements, scores, strict=True)
        )


class QueryCounter:
    """Counts every query run (Django resets its own query log at each request start)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure(label: str, func) -> tuple[float, int]:
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        func()
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    median_ms = statistics.median(timings) * 1000
    print(
        f"  {label:<34} median {median_ms:7.1f} ms  (min {min(timings) * 1000:6.1f})  "
        f"{counter.count} queries"
    )
    return median_ms, counter.count


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        councils = list(Council.objects.order_by("gss_code"))
        client = Client()
        url = reverse("national:ratings")
        csv_url = reverse("national:ratings_csv")
        print(f"database: {connection.vendor}; {REPEATS} runs each")
        counts = {}
        for size in (51, len(councils)):
            already = Assessment.objects.values("council").distinct().count()
            seed(councils[already:size])
            table = selectors.national_table(sort="percentage", descending=True)
            print(
                f"{size} councils x {len(DATES)} published assessments "
                f"({Assessment.objects.count()} assessments, "
                f"{StatementScore.objects.count()} scores); table rows: {len(table.rows)}"
            )
            _, selector_queries = measure(
                "selector national_table()",
                lambda: selectors.national_table(sort="percentage", descending=True),
            )
            _, page_queries = measure("page /national-ratings/ (rendered)", lambda: client.get(url))
            _, csv_queries = measure("CSV download", lambda: client.get(csv_url))
            counts[size] = (selector_queries, page_queries, csv_queries)
        grows = counts[51] != counts[len(councils)]
        print(
            "query count "
            + ("GROWS with councils: " if grows else "does not grow with councils: ")
            + f"51 councils {counts[51]}, {len(councils)} councils {counts[len(councils)]}"
            " (selector, page, CSV)"
        )
        if grows:
            sys.exit(1)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
