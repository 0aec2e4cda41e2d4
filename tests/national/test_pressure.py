"""Pressure levels (national.pressure): thresholds per 100,000 adults and the rule shown."""

import pytest

from national.pressure import (
    PressureError,
    Thresholds,
    format_rate,
    pressure_level,
    rate_per_100k,
)

THRESHOLDS = {
    "awaiting_assessment": Thresholds(350, 550, 800),
    "waiting_over_six_months": Thresholds(20, 40, 80),
    "awaiting_service_start": Thresholds(40, 80, 140),
    "overdue_reviews": Thresholds(300, 500, 800),
}
LABELS = {
    "awaiting_assessment": "awaiting assessment",
    "waiting_over_six_months": "waiting over six months",
    "awaiting_service_start": "awaiting a service to start",
    "overdue_reviews": "overdue reviews",
}


def counts(a=0, six=0, service=0, reviews=0):
    return {
        "awaiting_assessment": a,
        "waiting_over_six_months": six,
        "awaiting_service_start": service,
        "overdue_reviews": reviews,
    }


def test_level_3_names_the_measure_and_threshold_that_fired():
    """Population 250,000: 130 over six months -> 130 * 100,000 / 250,000 = 52 per 100,000,
    which is at or above 40 (level 3) and below 80 (level 4). Awaiting assessment 500 -> 200
    per 100,000, below 350 (level 1); the rest are zero. So level 3, set by six months."""
    result = pressure_level(counts(a=500, six=130), 250_000, THRESHOLDS, LABELS)
    assert result.level == 3
    assert result.name == "Severe pressure"
    assert result.fired.measure == "waiting_over_six_months"
    assert result.fired.rate == pytest.approx(52)
    assert result.reason == (
        "Level 3 because waiting over six months is 52 per 100,000 adults (threshold 40)"
    )
    by_measure = {m.measure: m for m in result.measures}
    assert by_measure["awaiting_assessment"].level == 1
    assert by_measure["awaiting_assessment"].rate == pytest.approx(200)
    assert by_measure["waiting_over_six_months"].next_threshold == 80


def test_level_1_when_every_measure_is_below_its_level_2_threshold():
    result = pressure_level(counts(a=10, six=1, service=1, reviews=10), 100_000, THRESHOLDS)
    assert result.level == 1 and result.fired is None
    assert result.reason == "Level 1 because every measure is below its level 2 threshold"


@pytest.mark.parametrize(
    ("reviews", "level"),
    [(299, 1), (300, 2), (499, 2), (500, 3), (799, 3), (800, 4), (5000, 4)],
)
def test_threshold_edges_count_as_reached(reviews, level):
    """Population 100,000 makes the count equal to the rate; a threshold reached is met."""
    assert pressure_level(counts(reviews=reviews), 100_000, THRESHOLDS).level == level


def test_the_highest_level_wins_and_ties_go_to_the_measure_furthest_over():
    """Population 100,000. Awaiting assessment 600 (level 3, 600/550 = 1.09 of threshold);
    service start 90 (level 3, 90/80 = 1.125); reviews 350 (level 2). Level 3, service start."""
    result = pressure_level(counts(a=600, service=90, reviews=350), 100_000, THRESHOLDS, LABELS)
    assert result.level == 3
    assert result.fired.measure == "awaiting_service_start"
    assert result.reason.endswith(
        "awaiting a service to start is 90 per 100,000 adults (threshold 80)"
    )


def test_a_measure_without_thresholds_cannot_raise_the_level():
    result = pressure_level({"other": 10_000}, 1_000, {})
    assert result.level == 1
    assert result.measures[0].rate == pytest.approx(1_000_000)


def test_rates_and_formatting():
    assert rate_per_100k(45, 90_000) == pytest.approx(50)
    assert format_rate(52.0) == "52"
    assert format_rate(52.46) == "52.5"
    assert format_rate(1234.0) == "1,234"
    with pytest.raises(PressureError):
        rate_per_100k(1, 0)


@pytest.mark.parametrize("levels", [(0, 1, 2), (10, 10, 20), (10, 30, 20)])
def test_thresholds_must_rise(levels):
    with pytest.raises(PressureError):
        Thresholds(*levels)
