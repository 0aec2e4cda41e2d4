"""The synthetic demo data set: every council, reproducible, labelled, fast to load."""

import time

import pytest

from demo.seed.national import SOURCE, quarter_ends, seed_national
from national import selectors
from national.models import CouncilSpend, IndicatorDefinition, IndicatorValue, WaitingListSnapshot

pytestmark = pytest.mark.django_db


def test_seed_covers_all_153_councils_and_is_labelled_synthetic():
    started = time.perf_counter()
    counts = seed_national()
    elapsed = time.perf_counter() - started
    assert counts["definitions"] == 10
    assert counts["indicators"] == IndicatorValue.objects.count()
    assert IndicatorDefinition.objects.filter(outcome_weight__gt=0).count() == 10
    # 153 x 10 x 5, less suppressed small-council values and about 1% not returned.
    assert 7400 < IndicatorValue.objects.count() < 7650
    assert CouncilSpend.objects.count() == 153 * 5 - 1  # Isles of Scilly lacks 2020-21
    assert WaitingListSnapshot.objects.count() == 153 * 8
    assert set(IndicatorValue.objects.values_list("year", flat=True)) == set(range(2020, 2025))
    assert "synthetic demo data" in SOURCE
    for model in (IndicatorValue, CouncilSpend, WaitingListSnapshot):
        assert not model.objects.exclude(source_file=SOURCE).exists()
    assert elapsed < 20


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
