"""The synthetic demo data set: every council, reproducible, labelled, fast to load."""

import time

import pytest

from demo.seed.national import FRAMEWORK_VERSION, INDICATORS, SOURCE, quarter_ends, seed_national
from national import selectors
from national.models import CouncilSpend, IndicatorDefinition, IndicatorValue, WaitingListSnapshot

pytestmark = pytest.mark.django_db


def test_seed_covers_all_153_councils_and_is_labelled_synthetic():
    started = time.perf_counter()
    counts = seed_national()
    elapsed = time.perf_counter() - started
    assert counts["definitions"] == len(INDICATORS) == 8
    assert counts["indicators"] == IndicatorValue.objects.count()
    assert IndicatorDefinition.objects.filter(outcome_weight__gt=0).count() == 8
    # 153 x 8 x 5, less suppressed small-council values and about 1% not returned.
    assert 5900 < IndicatorValue.objects.count() < 6120
    assert CouncilSpend.objects.count() == 153 * 5 - 1  # Isles of Scilly lacks 2020-21
    assert WaitingListSnapshot.objects.count() == 153 * 8
    assert set(IndicatorValue.objects.values_list("year", flat=True)) == set(range(2020, 2025))
    assert "synthetic demo data" in SOURCE
    for model in (IndicatorValue, CouncilSpend, WaitingListSnapshot):
        assert not model.objects.exclude(source_file=SOURCE).exists()
    assert elapsed < 20


def test_indicators_carry_ascof_2023_24_codes_names_and_version():
    seed_national()
    definitions = {d.code: d for d in IndicatorDefinition.objects.filter(framework="ASCOF")}
    assert set(definitions) == {"1A", "1B", "2A", "2B", "2C", "2D", "2E", "3D"}
    assert {d.framework_version for d in definitions.values()} == {FRAMEWORK_VERSION} == {"2023-24"}
    assert definitions["2A"].name.startswith(
        "The proportion of people who received short-term services during the year"
    )
    assert "per 100,000 population" in definitions["2B"].name
    assert "91 days" in definitions["2D"].name
    assert definitions["2E"].name == (
        "The proportion of people who receive long-term support who live in their home or "
        "with family"
    )
    assert "direct payments" in definitions["3D"].name and "1C" in definitions["3D"].name
    assert all("values are made up" in d.source for d in definitions.values())


def test_demo_share_waiting_over_six_months_follows_adass():
    """ADASS: 73,792 of 294,449 awaiting assessment had waited over six months (25.1%)."""
    seed_national()
    totals = WaitingListSnapshot.objects.values_list(
        "awaiting_assessment", "waiting_over_six_months"
    )
    awaiting = sum(a for a, _ in totals)
    over_six = sum(s for _, s in totals)
    assert 0.2 < over_six / awaiting < 0.3


def test_seed_is_reproducible_and_every_page_has_content():
    seed_national(seed=7)
    first = list(IndicatorValue.objects.order_by("pk").values_list("value", flat=True)[:50])
    ranking = selectors.outcomes_ranking()
    assert len(ranking.rows) >= 150
    assert any(row.movement.startswith("new in the top 10") for row in ranking.rows) or any(
        row.movement.startswith("kept its place") for row in ranking.rows
    )
    levels = selectors.latest_pressure().counts
    assert all(levels[level] > 0 for level in (1, 2, 3, 4)), levels
    for model in (IndicatorValue, CouncilSpend, WaitingListSnapshot, IndicatorDefinition):
        model.objects.all().delete()
    seed_national(seed=7)
    again = list(IndicatorValue.objects.order_by("pk").values_list("value", flat=True)[:50])
    assert first == again


def test_quarter_ends():
    import datetime

    assert quarter_ends(3, datetime.date(2025, 3, 31)) == [
        datetime.date(2024, 9, 30),
        datetime.date(2024, 12, 31),
        datetime.date(2025, 3, 31),
    ]
