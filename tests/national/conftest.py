"""Data builders for the national picture tests."""

import datetime
from decimal import Decimal

import pytest

from assessments.models import AssessmentStatus, QualityStatement, StatementScore
from councils.models import Council
from national.models import CouncilSpend, IndicatorValue, WaitingListSnapshot
from tests.factories import AssessmentFactory, IndicatorDefinitionFactory


def add_values(indicator, year, values: dict[str, float]):
    """values: council name -> value."""
    councils = Council.objects.in_bulk(list(values), field_name="name")
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, council=councils[name], year=year, value=Decimal(v))
        for name, v in values.items()
    )


def add_spend(year, spend: dict[str, tuple[int, int]]):
    """spend: council name -> (gross current expenditure, population 18+)."""
    councils = Council.objects.in_bulk(list(spend), field_name="name")
    CouncilSpend.objects.bulk_create(
        CouncilSpend(
            council=councils[name],
            year=year,
            gross_current_expenditure=Decimal(gross),
            population_18_plus=population,
        )
        for name, (gross, population) in spend.items()
    )


@pytest.fixture
def four_councils(db):
    """The hand-computed example of test_outcomes with real councils, in 2024 and 2023.

    2024: Suffolk=A, Nottingham=B, Leeds=C, Kent=D -> ranking B, D, A, C (116.25, 101.25, 99,
    72.5). 2023: the same values but Suffolk and Leeds swap spend, so Suffolk was 1st.
    """
    i1 = IndicatorDefinitionFactory(code="1X", name="Quality of life", outcome_weight=2)
    i2 = IndicatorDefinitionFactory(code="2X", name="Admissions", higher_is_better=False)
    for year in (2023, 2024):
        add_values(i1, year, {"Suffolk": 3, "Nottingham": 3, "Leeds": 1, "Kent": 1})
        add_values(i2, year, {"Suffolk": 10, "Nottingham": 30, "Leeds": 10, "Kent": 30})
    add_spend(
        2024,
        {
            "Suffolk": (500_000, 1000),
            "Nottingham": (400_000, 1000),
            "Leeds": (600_000, 1000),
            "Kent": (400_000, 1000),
        },
    )
    add_spend(
        2023,
        {
            "Suffolk": (300_000, 1000),
            "Nottingham": (400_000, 1000),
            "Leeds": (500_000, 1000),
            "Kent": (400_000, 1000),
        },
    )
    return i1, i2


def publish_assessment(council, scores=(3, 3, 4, 3, 4, 4, 3, 4, 4), on=datetime.date(2025, 6, 2)):
    """A published assessment with nine statement scores (default: 89% outstanding)."""
    assessment = AssessmentFactory(
        council=council,
        status=AssessmentStatus.PUBLISHED,
        published_on=on,
        published_percentage=100 * sum(scores) / 36,
        published_rating="outstanding" if sum(scores) / 36 >= 0.875 else "good",
    )
    statements = QualityStatement.objects.filter(framework=assessment.framework).order_by("number")
    StatementScore.objects.bulk_create(
        StatementScore(assessment=assessment, statement=s, score=score)
        for s, score in zip(statements, scores, strict=True)
    )
    return assessment


def add_snapshot(council, on, a, six, service, reviews, source=""):
    return WaitingListSnapshot.objects.create(
        council=council,
        snapshot_date=on,
        awaiting_assessment=a,
        waiting_over_six_months=six,
        awaiting_service_start=service,
        overdue_reviews=reviews,
        source_file=source,
    )
