"""Outcomes per pound (national.outcomes): the method on small data computed by hand."""

import math

import pytest

from national.outcomes import (
    IndicatorInput,
    OutcomesError,
    movement,
    outcomes_per_pound,
)


def _by_council(result):
    return {row.council: row for row in result.ranking}


def test_four_councils_two_weighted_indicators_hand_computed():
    """Hand computation.

    Indicator 1, higher is better, weight 2: A=3, B=3, C=1, D=1.
      mean 2; deviations +1, +1, -1, -1; population sd = sqrt(4/4) = 1.
      z: A=+1, B=+1, C=-1, D=-1.
    Indicator 2, LOWER is better, weight 1: A=10, B=30, C=10, D=30.
      mean 20; sd = sqrt((100+100+100+100)/4) = 10; raw z -1, +1, -1, +1; signed (x -1):
      z: A=+1, B=-1, C=+1, D=-1.
    Outcome score Z = (2*z1 + 1*z2) / 3:
      A = (2+1)/3 = 1;  B = (2-1)/3 = 1/3;  C = (-2+1)/3 = -1/3;  D = (-2-1)/3 = -1.
    Outcome index O = 100 + 10 Z: A=110, B=103.33.., C=96.66.., D=90.
    Spend per adult: A=500, B=400, C=600, D=400; median of 400,400,500,600 = 450.
    Relative spend R: A=10/9, B=8/9, C=4/3, D=8/9.
    Outcomes per pound O/R:
      A = 110 * 9/10 = 99;  B = (310/3) * 9/8 = 116.25;
      C = (290/3) * 3/4 = 72.5;  D = 90 * 9/8 = 101.25.
    Ranking: B 1st, D 2nd, A 3rd, C 4th.
    """
    result = outcomes_per_pound(
        [
            IndicatorInput("i1", 2, True, {"A": 3, "B": 3, "C": 1, "D": 1}),
            IndicatorInput("i2", 1, False, {"A": 10, "B": 30, "C": 10, "D": 30}),
        ],
        {"A": 500, "B": 400, "C": 600, "D": 400},
    )
    rows = _by_council(result)
    assert [row.council for row in result.ranking] == ["B", "D", "A", "C"]
    assert [row.position for row in result.ranking] == [1, 2, 3, 4]
    assert result.median_spend_per_adult == 450
    expected = {
        "A": (1, 110, 10 / 9, 99),
        "B": (1 / 3, 310 / 3, 8 / 9, 116.25),
        "C": (-1 / 3, 290 / 3, 4 / 3, 72.5),
        "D": (-1, 90, 8 / 9, 101.25),
    }
    for council, (score, index, relative, opp) in expected.items():
        row = rows[council]
        assert row.outcome_score == pytest.approx(score)
        assert row.outcome_index == pytest.approx(index)
        assert row.relative_spend == pytest.approx(relative)
        assert row.outcomes_per_pound == pytest.approx(opp)
        assert row.missing_indicators == ()
    assert rows["A"].z_scores == pytest.approx({"i1": 1, "i2": 1})
    assert rows["B"].z_scores == pytest.approx({"i1": 1, "i2": -1})
    assert {s.key: (s.mean, s.sd) for s in result.indicators} == {
        "i1": (2, 1),
        "i2": (20, 10),
    }


def test_missing_values_and_missing_spend_are_handled_and_reported():
    """Hand computation.

    E has no spend: left out (and its extreme 100 does not move anyone's z-score).
    D has spend but no indicator value: left out.
    Ranked: A, B, C.
    Indicator 1, higher better, weight 1: A=0, B=2 (C missing): mean 1, sd 1 -> A=-1, B=+1.
    Indicator 2, higher better, weight 3: A=0, C=2 (B missing): mean 1, sd 1 -> A=-1, C=+1.
    Indicator 3, weight 1: A=B=C=5: no spread, so it is dropped and reported.
    Z: A = (1*-1 + 3*-1)/4 = -1;  B = +1 (indicator 1 only);  C = +1 (indicator 2 only).
    Index: A=90, B=110, C=110.
    Spend: A=100, B=100, C=200 -> median over the ranked councils = 100; R = 1, 1, 2.
    Outcomes per pound: A=90, B=110, C=55 -> B 1st, A 2nd, C 3rd.
    """
    result = outcomes_per_pound(
        [
            IndicatorInput("i1", 1, True, {"A": 0, "B": 2, "E": 100}),
            IndicatorInput("i2", 3, True, {"A": 0, "C": 2}),
            IndicatorInput("i3", 1, True, {"A": 5, "B": 5, "C": 5}),
        ],
        {"A": 100, "B": 100, "C": 200, "D": 300},
        councils=["A", "B", "C", "D", "E"],
    )
    rows = _by_council(result)
    assert [(row.council, row.position) for row in result.ranking] == [
        ("B", 1),
        ("A", 2),
        ("C", 3),
    ]
    assert rows["A"].outcomes_per_pound == pytest.approx(90)
    assert rows["B"].outcomes_per_pound == pytest.approx(110)
    assert rows["C"].outcomes_per_pound == pytest.approx(55)
    assert rows["A"].outcome_score == pytest.approx(-1)
    assert result.median_spend_per_adult == 100
    assert result.excluded_no_spend == ["E"]
    assert result.excluded_no_values == ["D"]
    assert result.dropped_indicators == {"i3": "every council has the same value"}
    assert rows["B"].missing_indicators == ("i2",)
    assert rows["C"].missing_indicators == ("i1",)
    assert [row.council for row in result.partial] == ["B", "C"]


def test_weights_change_the_order_and_zero_weight_leaves_an_indicator_out():
    """Two councils, opposite on two indicators (z = +1/-1 each), equal spend.

    Weights 3:1 favour indicator 1 -> X (good on 1) first with Z = (3-1)/4 = 0.5, index 105.
    Weights 1:3 -> Y first. Weight 0 on indicator 2 -> only indicator 1 counts: X 110, Y 90.
    """
    values_1 = {"X": 2, "Y": 0}
    values_2 = {"X": 0, "Y": 2}
    spend = {"X": 300, "Y": 300}
    heavy_1 = outcomes_per_pound(
        [IndicatorInput(1, 3, True, values_1), IndicatorInput(2, 1, True, values_2)], spend
    )
    assert heavy_1.ranking[0].council == "X"
    assert heavy_1.ranking[0].outcomes_per_pound == pytest.approx(105)
    heavy_2 = outcomes_per_pound(
        [IndicatorInput(1, 1, True, values_1), IndicatorInput(2, 3, True, values_2)], spend
    )
    assert heavy_2.ranking[0].council == "Y"
    only_1 = outcomes_per_pound(
        [IndicatorInput(1, 1, True, values_1), IndicatorInput(2, 0, True, values_2)], spend
    )
    assert [(r.council, r.outcomes_per_pound) for r in only_1.ranking] == [("X", 110), ("Y", 90)]
    assert [s.key for s in only_1.indicators] == [1]


def test_equal_values_share_a_position():
    """P and Q identical (z = +1, same spend) share 1st; R is 3rd (competition ranking)."""
    result = outcomes_per_pound(
        [IndicatorInput("i", 1, True, {"P": 2, "Q": 2, "R": 0, "S": 0})],
        {"P": 100, "Q": 100, "R": 100},
    )
    assert [(row.council, row.position) for row in result.ranking] == [
        ("P", 1),
        ("Q", 1),
        ("R", 3),
    ]
    assert result.excluded_no_spend == ["S"]


def test_spending_more_never_helps_a_council_with_below_average_outcomes():
    """The index keeps the numerator positive: doubling spend halves outcomes per pound."""
    base = [IndicatorInput("i", 1, True, {"A": 0, "B": 2, "C": 1})]
    low = outcomes_per_pound(base, {"A": 100, "B": 100, "C": 100})
    high = outcomes_per_pound(base, {"A": 200, "B": 100, "C": 100})
    a_low = _by_council(low)["A"].outcomes_per_pound
    a_high = _by_council(high)["A"].outcomes_per_pound
    assert a_low > 0 and a_high < a_low


def test_nothing_to_rank_gives_an_empty_result():
    result = outcomes_per_pound([IndicatorInput("i", 1, True, {"A": 1})], {})
    assert result.ranking == [] and result.excluded_no_spend == ["A"]
    one = outcomes_per_pound([IndicatorInput("i", 1, True, {"A": 1})], {"A": 10})
    assert one.ranking == []
    assert one.dropped_indicators == {"i": "fewer than two councils have a value"}
    assert one.excluded_no_values == ["A"]


@pytest.mark.parametrize(
    ("indicators", "spend"),
    [
        ([IndicatorInput("i", -1, True, {"A": 1, "B": 2})], {"A": 1, "B": 1}),
        ([IndicatorInput("i", 1, True, {"A": 1, "B": 2})], {"A": 0, "B": 1}),
        ([IndicatorInput("i", 1, True, {"A": 1, "B": 2})], {"A": math.nan, "B": 1}),
    ],
)
def test_bad_input_is_refused(indicators, spend):
    with pytest.raises(OutcomesError):
        outcomes_per_pound(indicators, spend)


@pytest.mark.parametrize(
    ("position", "previous", "expected"),
    [
        (3, 3, "kept its place in the top 10"),
        (2, 5, "up 3 places, still in the top 10"),
        (9, 8, "down 1 place, still in the top 10"),
        (4, 14, "new in the top 10 (up 10 places)"),
        (12, 7, "left the top 10 (down 5 places)"),
        (40, 43, "up 3 places"),
        (40, 39, "down 1 place"),
        (40, 40, "no change"),
        (5, None, "new in the top 10"),
        (50, None, "not ranked last year"),
        (None, 4, "not ranked this year"),
    ],
)
def test_movement_in_words(position, previous, expected):
    assert movement(position, previous) == expected
