"""Benchmark: outcomes per pound for 153 councils x 10 indicators x 5 years, and the query
count of the council profile page as years and indicators grow (it must stay constant).

Run:  .venv/bin/python bench/outcomes_per_pound.py   (SQLite test database; set DATABASE_URL
for PostgreSQL). It builds a throwaway test database, loads the synthetic demo data set
(demo/seed/national.py) and prints the figures.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REPEATS = 20


def wipe() -> None:
    from national.models import (
        CouncilSpend,
        DataImport,
        IndicatorDefinition,
        IndicatorValue,
        WaitingListSnapshot,
    )

    for model in (IndicatorValue, CouncilSpend, WaitingListSnapshot, DataImport):
        model.objects.all().delete()
    IndicatorDefinition.objects.all().delete()


def publish_suffolk() -> None:
    """A published assessment with nine scores, so the profile shows a rating."""
    import datetime

    from assessments.models import Assessment, QualityStatement, StatementScore
    from assessments.selectors import current_framework
    from councils.models import Council

    framework = current_framework()
    assessment = Assessment.objects.create(
        council=Council.objects.get(gss_code="E10000029"),
        framework=framework,
        kind="formal",
        status="published",
        published_on=datetime.date(2025, 6, 2),
        published_percentage=75.0,
        published_rating="good",
    )
    StatementScore.objects.bulk_create(
        StatementScore(assessment=assessment, statement=statement, score=3)
        for statement in QualityStatement.objects.filter(framework=framework)
    )


def timed(function, repeats: int = REPEATS) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    runner = DiscoverRunner(verbosity=0)
    old_config = runner.setup_databases()
    try:
        from demo.seed.national import seed_national
        from national import outcomes, selectors
        from national.models import CouncilSpend, IndicatorValue

        print(f"database: {connection.vendor}")
        started = time.perf_counter()
        seed_national(years=5, indicators=10)
        print(
            f"seeded synthetic data: {IndicatorValue.objects.count()} indicator values "
            f"in {time.perf_counter() - started:.2f} s"
        )
        years = selectors.outcome_years()
        indicators = selectors.outcome_indicators()
        with CaptureQueriesContext(connection) as queries:
            results = selectors.outcomes_for_years(years, indicators=indicators)
        ranked = [len(results[y].ranking) for y in years]
        print(
            f"outcomes per pound: {len(years)} years x {len(indicators)} indicators, "
            f"councils ranked per year {ranked}, {len(queries)} queries"
        )
        full = timed(lambda: selectors.outcomes_for_years(years, indicators=indicators))
        print(
            f"  load + compute, 5 years: median {statistics.median(full):.1f} ms, "
            f"min {min(full):.1f} ms over {REPEATS} runs"
        )
        # The pure maths alone, on inputs already in memory.
        inputs = []
        for year in years:
            values: dict = {}
            for ind_id, council_id, value in IndicatorValue.objects.filter(year=year).values_list(
                "indicator_id", "council_id", "value"
            ):
                values.setdefault(ind_id, {})[council_id] = float(value)
            spend = {
                row.council_id: float(row.spend_per_adult)
                for row in CouncilSpend.objects.filter(year=year)
            }
            inputs.append(
                (
                    [
                        outcomes.IndicatorInput(
                            i.pk, float(i.outcome_weight), i.higher_is_better, values.get(i.pk, {})
                        )
                        for i in indicators
                    ],
                    spend,
                )
            )
        pure = timed(lambda: [outcomes.outcomes_per_pound(i, s) for i, s in inputs])
        print(
            f"  pure computation only, 5 years: median {statistics.median(pure):.2f} ms, "
            f"min {min(pure):.2f} ms"
        )
        client = Client()
        with CaptureQueriesContext(connection) as queries:
            client.get("/national/")
        print(f"ranking page /national/: {len(queries)} queries")  # read before other requests

        publish_suffolk()
        print("council profile page /national/councils/E10000029/ (Suffolk, rated, 9 scores):")
        counts = []
        for n_years, n_indicators in ((1, 1), (2, 3), (5, 10)):
            wipe()
            seed_national(years=n_years, indicators=n_indicators, snapshots=2 * n_years)
            client.get("/national/councils/E10000029/")  # warm caches (content types)
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/national/councils/E10000029/")
            query_count = len(queries)  # read now: later requests reset the query log
            page_ms = statistics.median(
                timed(lambda: client.get("/national/councils/E10000029/"), 5)
            )
            counts.append(query_count)
            print(
                f"  {n_years} year(s) x {n_indicators:>2} indicator(s), "
                f"{2 * n_years} snapshots: {query_count} queries, status "
                f"{response.status_code}, {page_ms:.0f} ms"
            )
        verdict = "constant" if len(set(counts)) == 1 else "GROWS"
        print(f"  query count {verdict} across years and indicators")
        if verdict != "constant":
            sys.exit(1)
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    main()
