"""The pure scoring module: invariants (hypothesis), band edges and DESIGN.md's examples."""

import datetime
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments import scoring
from assessments.scoring import (
    CATEGORY_SCORES,
    GOOD,
    INADEQUATE,
    OUTSTANDING,
    REQUIRES_IMPROVEMENT,
    STATEMENT_SCORES,
    ScoringError,
    overall_result,
)

RATING_ORDER = [INADEQUATE, REQUIRES_IMPROVEMENT, GOOD, OUTSTANDING]
score_values = st.integers(min_value=1, max_value=4)
maybe_scores = st.one_of(st.none(), score_values)
# A full assessment: every statement 1-9, each scored 1-4 or not yet scored.
assessments_scores = st.fixed_dictionaries(dict.fromkeys(range(1, 10), maybe_scores))
full_scores = st.fixed_dictionaries(dict.fromkeys(range(1, 10), score_values))
categories = ["peoples_experience", "staff_and_leaders", "partners", "processes"]
category_maps = st.fixed_dictionaries(dict.fromkeys(categories, maybe_scores))


def as_scores(values):
    return dict(enumerate(values, start=1))


def rank(rating):
    return RATING_ORDER.index(rating)


# ---- invariants -------------------------------------------------------------------------


@given(scores=assessments_scores, number=st.integers(min_value=1, max_value=9))
def test_raising_any_scored_statement_raises_the_percentage(scores, number):
    current = scores[number]
    if current is None:
        return
    before = overall_result(scores)
    for higher in range(current + 1, 5):
        after = overall_result({**scores, number: higher})
        assert after.percentage > before.percentage
        assert rank(after.rating) >= rank(before.rating)
        assert after.display_percentage >= before.display_percentage


@given(scores=full_scores, number=st.integers(min_value=1, max_value=9), delta=st.integers(1, 3))
def test_monotonic_in_every_score(scores, number, delta):
    lower = overall_result(scores)
    raised = {**scores, number: min(4, scores[number] + delta)}
    higher = overall_result(raised)
    assert higher.percentage >= lower.percentage
    assert rank(higher.rating) >= rank(lower.rating)


@given(values=st.lists(maybe_scores, min_size=9, max_size=9), data=st.data())
def test_permutation_invariant(values, data):
    shuffled = data.draw(st.permutations(values))
    assert overall_result(as_scores(values)) == overall_result(as_scores(shuffled))


@given(scores=assessments_scores)
def test_unscored_statements_are_as_if_absent(scores):
    present = {n: s for n, s in scores.items() if s is not None}
    with_gaps = overall_result(scores)
    without = overall_result(present)
    assert with_gaps.percentage == without.percentage
    assert with_gaps.display_percentage == without.display_percentage
    assert with_gaps.rating == without.rating
    assert with_gaps.scored == without.scored == len(present)


@given(scores=assessments_scores)
def test_percentage_is_share_of_maximum_and_rating_follows_bands(scores):
    result = overall_result(scores)
    given_scores = [s for s in scores.values() if s is not None]
    if not given_scores:
        assert (result.percentage, result.rating, result.scored) == (None, None, 0)
        return
    exact = Fraction(100 * sum(given_scores), 4 * len(given_scores))
    assert result.percentage == float(exact)
    assert 25 <= result.percentage <= 100
    assert abs(result.display_percentage - result.percentage) <= 0.5
    expected = (
        OUTSTANDING
        if exact >= Fraction(175, 2)
        else GOOD
        if exact >= Fraction(125, 2)
        else REQUIRES_IMPROVEMENT
        if exact >= Fraction(77, 2)
        else INADEQUATE
    )
    assert result.rating == expected


def test_nine_ones_are_inadequate_at_25_percent():
    result = overall_result(as_scores([1] * 9))
    assert (result.percentage, result.display_percentage, result.rating) == (25.0, 25, INADEQUATE)
    assert result.scored == 9 and result.is_complete


def test_nine_fours_are_outstanding_at_100_percent():
    result = overall_result(as_scores([4] * 9))
    assert (result.percentage, result.display_percentage, result.rating) == (
        100.0,
        100,
        OUTSTANDING,
    )


def test_nothing_scored_has_no_rating():
    result = overall_result(dict.fromkeys(range(1, 10)))
    assert result.rating is None and result.percentage is None and result.scored == 0
    assert result.rating_label == "Not yet rated" and not result.is_complete


# ---- band edges: sums out of 36 -----------------------------------------------------------


def scores_summing_to(total: int) -> dict[int, int]:
    """Nine scores 1-4 with the given sum (9..36)."""
    values = [1] * 9
    remaining = total - 9
    for i in range(9):
        step = min(3, remaining)
        values[i] += step
        remaining -= step
    assert sum(values) == total
    return as_scores(values)


@pytest.mark.parametrize(
    ("total", "percentage", "display", "rating"),
    [
        (13, 36.111, 36, INADEQUATE),
        (14, 38.889, 39, REQUIRES_IMPROVEMENT),  # 38.9 >= 38.5: the lowest RI
        (22, 61.111, 61, REQUIRES_IMPROVEMENT),  # the highest RI
        (23, 63.889, 64, GOOD),  # the lowest good
        (31, 86.111, 86, GOOD),  # the highest good
        (32, 88.889, 89, OUTSTANDING),  # the lowest outstanding
    ],
)
def test_band_edges_out_of_36(total, percentage, display, rating):
    result = overall_result(scores_summing_to(total))
    assert result.percentage == pytest.approx(percentage, abs=0.001)
    assert result.display_percentage == display
    assert result.rating == rating


@pytest.mark.parametrize(
    ("percentage", "rating"),
    [
        (Fraction(77, 2) - Fraction(1, 10**9), INADEQUATE),
        (Fraction(77, 2), REQUIRES_IMPROVEMENT),
        (Fraction(125, 2) - Fraction(1, 10**9), REQUIRES_IMPROVEMENT),
        (Fraction(125, 2), GOOD),
        (Fraction(175, 2) - Fraction(1, 10**9), GOOD),
        (Fraction(175, 2), OUTSTANDING),
    ],
)
def test_bands_compare_the_unrounded_percentage(percentage, rating):
    assert scoring.band_for(percentage)[0] == rating


def test_display_rounds_half_up():
    assert scoring.round_half_up(Fraction(125, 2)) == 63
    assert scoring.round_half_up(Fraction(77, 2)) == 39
    assert scoring.round_half_up(Fraction(6249, 100)) == 62
    assert scoring.round_half_up_float(62.5) == 63
    assert scoring.round_half_up_float(63.888888888888886) == 64


# ---- every published example in DESIGN.md -----------------------------------------------

DESIGN_EXAMPLES = [
    # 2023 pilots (indicative)
    ("pilot: nine 3s", [3] * 9, 75, GOOD),
    ("pilot: eight 3s and one 2", [3] * 8 + [2], 72, GOOD),
    ("pilot: three 3s and six 2s", [3] * 3 + [2] * 6, 58, REQUIRES_IMPROVEMENT),
    # published 2025 results
    ("2025: 3,3,4,3,4,4,3,4,4", [3, 3, 4, 3, 4, 4, 3, 4, 4], 89, OUTSTANDING),
    ("2025: 1,1,1,2,2,2,1,1,1", [1, 1, 1, 2, 2, 2, 1, 1, 1], 33, INADEQUATE),
    ("2025: 2,2,2,2,2,3,3,3,3", [2, 2, 2, 2, 2, 3, 3, 3, 3], 61, REQUIRES_IMPROVEMENT),
    ("2025: 2,2,2,3,3,2,3,3,3", [2, 2, 2, 3, 3, 2, 3, 3, 3], 64, GOOD),
]


@pytest.mark.parametrize(
    ("values", "display", "rating"),
    [example[1:] for example in DESIGN_EXAMPLES],
    ids=[example[0] for example in DESIGN_EXAMPLES],
)
def test_design_md_examples(values, display, rating):
    result = overall_result(as_scores(values))
    assert (result.display_percentage, result.rating, result.scored) == (display, rating, 9)


# ---- rejection of bad input ---------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, 5, -1, 3.0, "3", True, 2.5])
def test_scores_outside_1_to_4_are_rejected(bad):
    with pytest.raises(ScoringError, match="statement 4"):
        overall_result({1: 3, 4: bad})


@given(bad=st.integers().filter(lambda n: not 1 <= n <= 4))
def test_any_integer_outside_1_to_4_is_rejected(bad):
    with pytest.raises(ScoringError):
        overall_result({1: bad})


@pytest.mark.parametrize("number", [0, 10, "1", None])
def test_unknown_statement_numbers_are_rejected(number):
    with pytest.raises(ScoringError, match="statement"):
        overall_result({number: 3})


def test_unknown_rule_version_is_rejected():
    with pytest.raises(ScoringError, match="Unknown scoring rule"):
        overall_result({1: 3}, rule_version="made-up")


def test_category_scores_are_refused_under_the_current_rule():
    with pytest.raises(ScoringError):
        overall_result({1: {"partners": 3}}, rule_version=STATEMENT_SCORES.code)


# ---- the earlier rule (evidence category scores) ------------------------------------------


def test_rule_versions_have_names_and_effective_dates():
    assert STATEMENT_SCORES.effective_from == datetime.date(2024, 12, 1)
    assert CATEGORY_SCORES.effective_from < STATEMENT_SCORES.effective_from
    assert all(rule.name and rule.code for rule in scoring.RULE_VERSIONS.values())
    assert scoring.rule_for_date(datetime.date(2024, 11, 30)) == CATEGORY_SCORES
    assert scoring.rule_for_date(datetime.date(2024, 12, 1)) == STATEMENT_SCORES
    assert scoring.rule_for_date(datetime.date(2020, 1, 1)) == CATEGORY_SCORES


@pytest.mark.parametrize(
    ("category_scores", "statement_score"),
    [
        ({"a": 3, "b": 3, "c": 3, "d": 3}, 3),  # 75% -> good -> 3
        ({"a": 4, "b": 4, "c": 3, "d": 3}, 4),  # 14/16 = 87.5%, on the outstanding edge
        ({"a": 2, "b": 2, "c": 3, "d": 3}, 3),  # 62.5% is good
        ({"a": 2, "b": 2, "c": 2, "d": 3}, 2),  # 56.25% requires improvement
        ({"a": 1, "b": 2, "c": 1, "d": 2}, 1),  # 37.5% inadequate
        ({"a": 1, "b": None, "c": None, "d": None}, 1),
        ({"a": None, "b": None}, None),
    ],
)
def test_statement_score_from_categories(category_scores, statement_score):
    assert scoring.statement_score_from_categories(category_scores) == statement_score


def test_earlier_rule_combines_derived_statement_scores():
    good_everywhere = {"peoples_experience": 3, "staff_and_leaders": 3, "partners": 3}
    scores = dict.fromkeys(range(1, 10), good_everywhere)
    scores[9] = {"peoples_experience": 2, "staff_and_leaders": 2, "partners": 2}
    result = overall_result(scores, rule_version=CATEGORY_SCORES.code)
    # eight statements at 3 and one at 2, as in the pilot example: 72% good
    assert (result.display_percentage, result.rating) == (72, GOOD)


@given(scores=st.fixed_dictionaries(dict.fromkeys(range(1, 10), category_maps)))
def test_earlier_rule_equals_current_rule_on_derived_statement_scores(scores):
    derived = {n: scoring.statement_score_from_categories(c) for n, c in scores.items()}
    assert overall_result(scores, rule_version=CATEGORY_SCORES.code) == overall_result(derived)


@given(
    scores=st.fixed_dictionaries(dict.fromkeys(range(1, 10), category_maps)),
    number=st.integers(1, 9),
    category=st.sampled_from(categories),
)
def test_earlier_rule_is_monotonic_in_every_category_score(scores, number, category):
    before = overall_result(scores, rule_version=CATEGORY_SCORES.code)
    current = scores[number][category]
    if current is None or current == 4:
        return
    raised = {**scores, number: {**scores[number], category: current + 1}}
    after = overall_result(raised, rule_version=CATEGORY_SCORES.code)
    assert after.percentage >= before.percentage
    assert rank(after.rating) >= rank(before.rating)


def test_earlier_rule_rejects_category_scores_outside_1_to_4():
    with pytest.raises(ScoringError, match="category partners"):
        overall_result({1: {"partners": 5}}, rule_version=CATEGORY_SCORES.code)


# ---- helpers used by the pages ------------------------------------------------------------


def test_descriptor_and_theme_rollup():
    assert scoring.descriptor(3) == "3 - Evidence shows a good standard"
    assert scoring.descriptor(None) == ""
    assert scoring.theme_rollup([3, 2, None]) == 2.5
    assert scoring.theme_rollup([None]) is None
    with pytest.raises(ScoringError):
        scoring.descriptor(7)
