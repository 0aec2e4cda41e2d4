"""Reads of the national picture: rankings over years, thresholds in force, populations."""

import datetime
from decimal import Decimal

import pytest

from national import selectors
from national.models import PressureThresholds
from tests.factories import council
from tests.national.conftest import add_snapshot, add_spend

pytestmark = pytest.mark.django_db


def test_ranking_by_year_with_movement(four_councils):
    """2023 (see four_councils): Suffolk 1, Nottingham 2, Kent 3, Leeds 4.
    2024: Nottingham 1, Kent 2, Suffolk 3, Leeds 4."""
    ranking = selectors.outcomes_ranking()
    assert ranking.year == 2024 and ranking.years == [2024, 2023]
    assert [
        (r.council.name, r.result.position, r.previous_position, r.movement) for r in ranking.rows
    ] == [
        ("Nottingham", 1, 2, "up 1 place, still in the top 10"),
        ("Kent", 2, 3, "up 1 place, still in the top 10"),
        ("Suffolk", 3, 1, "down 2 places, still in the top 10"),
        ("Leeds", 4, 4, "kept its place in the top 10"),
    ]
    assert ranking.rows[0].result.outcomes_per_pound == pytest.approx(116.25)
    earlier = selectors.outcomes_ranking(year=2023)
    assert earlier.rows[0].council.name == "Suffolk"
    assert earlier.rows[0].movement == "new in the top 10"  # no 2022 ranking
    # 149 councils have neither spend nor values: listed, not ranked.
    assert len(ranking.excluded_no_spend) == 149


def test_filters_keep_national_positions(four_councils):
    ranking = selectors.outcomes_ranking(region_code="E12000004")  # East Midlands
    assert [(r.council.name, r.result.position) for r in ranking.rows] == [("Nottingham", 1)]
    ranking = selectors.outcomes_ranking(council_type="county council")
    assert [(r.council.name, r.result.position) for r in ranking.rows] == [
        ("Kent", 2),
        ("Suffolk", 3),
    ]


def test_thresholds_in_force_are_chosen_by_the_snapshot_date(admin_user):
    """The data migration's thresholds apply from April 2023; a new version of the six-month
    thresholds from 1 January 2025 applies only to later snapshots."""
    PressureThresholds.objects.create(
        measure="waiting_over_six_months",
        effective_from=datetime.date(2025, 1, 1),
        level_2_from=Decimal(60),
        level_3_from=Decimal(100),
        level_4_from=Decimal(200),
    )
    suffolk = council("Suffolk")
    add_spend(2024, {"Suffolk": (1, 100_000)})
    add_snapshot(suffolk, datetime.date(2024, 12, 31), 100, 52, 0, 0)
    add_snapshot(suffolk, datetime.date(2025, 3, 31), 100, 52, 0, 0)
    before, after = selectors.council_pressure_history(council=suffolk)
    assert before.result.level == 3
    assert before.result.reason == (
        "Level 3 because waiting over six months is 52 per 100,000 adults (threshold 40)"
    )
    assert after.result.level == 1
    assert before.population_year == after.population_year == 2024


def test_population_comes_from_the_financial_year_or_the_closest_loaded():
    suffolk = council("Suffolk")
    add_spend(2022, {"Suffolk": (1, 200_000)})
    add_spend(2024, {"Suffolk": (1, 100_000)})
    add_snapshot(suffolk, datetime.date(2023, 3, 31), 10, 0, 0, 0)  # FY 2022
    add_snapshot(suffolk, datetime.date(2023, 6, 30), 10, 0, 0, 0)  # FY 2023: none; tie -> 2022
    add_snapshot(suffolk, datetime.date(2026, 6, 30), 10, 0, 0, 0)  # FY 2026: closest 2024
    rows = selectors.council_pressure_history(council=suffolk)
    assert [(r.population, r.population_year) for r in rows] == [
        (200_000, 2022),
        (200_000, 2022),
        (100_000, 2024),
    ]
    nottingham = council("Nottingham")
    add_snapshot(nottingham, datetime.date(2024, 6, 30), 10, 0, 0, 0)
    (row,) = selectors.council_pressure_history(council=nottingham)
    assert row.result is None and row.problem == "No population figure has been loaded."


def test_latest_pressure_takes_each_councils_newest_snapshot():
    suffolk, leeds = council("Suffolk"), council("Leeds")
    add_spend(2024, {"Suffolk": (1, 100_000), "Leeds": (1, 100_000)})
    add_snapshot(suffolk, datetime.date(2024, 6, 30), 900, 0, 0, 0)  # level 4, superseded
    add_snapshot(suffolk, datetime.date(2024, 9, 30), 400, 0, 0, 0)  # level 2
    add_snapshot(leeds, datetime.date(2024, 9, 30), 600, 0, 0, 0)  # level 3
    national = selectors.latest_pressure()
    assert [(r.snapshot.council.name, r.result.level) for r in national.rows] == [
        ("Leeds", 3),
        ("Suffolk", 2),
    ]
    assert national.counts == {1: 0, 2: 1, 3: 1, 4: 0}
    assert len(national.no_figures) == 151
    assert [
        r.snapshot.council.name for r in selectors.latest_pressure(region_code="E12000006").rows
    ] == ["Suffolk"]
