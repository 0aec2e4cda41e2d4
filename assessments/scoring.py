"""Scoring and rating rules for local authority assessments. Pure: plain values in and out.

Rules (DESIGN.md, "Scoring and rating"):
- each quality statement is scored 1-4 by professional judgement;
- overall percentage = 100 x sum(scores) / (4 x statements scored); unscored statements are
  left out, never counted as zero;
- bands on the unrounded percentage: < 38.5 inadequate, < 62.5 requires improvement,
  < 87.5 good, otherwise outstanding; shown rounded half up to a whole number.

Two rule versions exist. The earlier one (before December 2024) scored each evidence
category 1-4 and turned those into a statement score through the same bands.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

MIN_SCORE = 1
MAX_SCORE = 4
# Quality statement numbers of the framework (DESIGN.md: 4 themes, 9 quality statements).
STATEMENT_NUMBERS = range(1, 10)

OUTSTANDING = "outstanding"
GOOD = "good"
REQUIRES_IMPROVEMENT = "requires_improvement"
INADEQUATE = "inadequate"

RATING_LABELS = {
    OUTSTANDING: "Outstanding",
    GOOD: "Good",
    REQUIRES_IMPROVEMENT: "Requires improvement",
    INADEQUATE: "Inadequate",
}

SCORE_DESCRIPTORS = {
    1: "Evidence shows significant shortfalls",
    2: "Evidence shows some shortfalls",
    3: "Evidence shows a good standard",
    4: "Evidence shows an exceptional standard",
}

# Lower edges of each band, compared against the unrounded percentage.
_BANDS: tuple[tuple[Fraction, str, int], ...] = (
    (Fraction(875, 10), OUTSTANDING, 4),
    (Fraction(625, 10), GOOD, 3),
    (Fraction(385, 10), REQUIRES_IMPROVEMENT, 2),
    (Fraction(0), INADEQUATE, 1),
)


class ScoringError(ValueError):
    """A score outside 1-4, an unknown rule version or input of the wrong shape."""


@dataclass(frozen=True)
class RuleVersion:
    code: str
    name: str
    effective_from: datetime.date
    description: str


STATEMENT_SCORES = RuleVersion(
    code="statement-scores-2024-12",
    name="Statement scores (from December 2024)",
    effective_from=datetime.date(2024, 12, 1),
    description=(
        "Each quality statement is scored 1 to 4 by professional judgement. The overall "
        "percentage is the sum of the statement scores as a share of the maximum possible."
    ),
)
CATEGORY_SCORES = RuleVersion(
    code="category-scores-2023",
    name="Evidence category scores (pilot and 2024 assessments)",
    effective_from=datetime.date(2023, 4, 1),
    description=(
        "Each evidence category of a quality statement is scored 1 to 4. The category scores "
        "become a statement percentage and, through the same bands as the overall rating, a "
        "statement score of 1 to 4; statement scores then combine as in the later rule."
    ),
)
RULE_VERSIONS: dict[str, RuleVersion] = {
    rule.code: rule for rule in (STATEMENT_SCORES, CATEGORY_SCORES)
}
CURRENT_RULE = STATEMENT_SCORES


def rule_for_date(on: datetime.date) -> RuleVersion:
    """The rule version in force on a date (the latest whose effective date has passed)."""
    in_force = [rule for rule in RULE_VERSIONS.values() if rule.effective_from <= on]
    if not in_force:
        return CATEGORY_SCORES
    return max(in_force, key=lambda rule: rule.effective_from)


@dataclass(frozen=True)
class OverallResult:
    percentage: float | None
    display_percentage: int | None
    rating: str | None
    scored: int
    total: int

    @property
    def rating_label(self) -> str:
        return RATING_LABELS[self.rating] if self.rating else "Not yet rated"

    @property
    def is_complete(self) -> bool:
        return self.scored == self.total and self.total > 0


def validate_score(score: object, *, what: str = "score") -> int:
    """Return the score if it is a whole number from 1 to 4, else raise ScoringError."""
    if isinstance(score, bool) or not isinstance(score, int):
        raise ScoringError(f"The {what} must be a whole number from 1 to 4, not {score!r}.")
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise ScoringError(f"The {what} must be from 1 to 4, not {score}.")
    return score


def validate_statement_number(number: object) -> int:
    """Return the quality statement number if it is one of 1-9, else raise ScoringError."""
    if isinstance(number, bool) or not isinstance(number, int) or number not in STATEMENT_NUMBERS:
        raise ScoringError(f"There is no quality statement {number!r}; statements are 1 to 9.")
    return number


def band_for(percentage: Fraction) -> tuple[str, int]:
    """The (rating, score) band for an unrounded percentage."""
    for lower_edge, rating, score in _BANDS:
        if percentage >= lower_edge:
            return rating, score
    raise ScoringError(f"Percentage {percentage} is below zero.")


def round_half_up(value: Fraction) -> int:
    """Round to a whole number, halves going up (62.5 -> 63), with exact arithmetic."""
    return math.floor(value + Fraction(1, 2))


def _percentage(scores: list[int]) -> Fraction:
    return Fraction(100 * sum(scores), MAX_SCORE * len(scores))


def overall_result(
    scores: Mapping[int, int | None],
    rule_version: str = STATEMENT_SCORES.code,
) -> OverallResult:
    """Combine statement scores (statement number -> 1-4 or None) into the overall result.

    Under the earlier rule, each value may instead be a mapping of evidence category -> 1-4
    (or None), which is first turned into a statement score by `statement_score_from_categories`.
    Raises ScoringError for a score outside 1-4 or an unknown rule version.
    """
    if rule_version not in RULE_VERSIONS:
        raise ScoringError(f"Unknown scoring rule version {rule_version!r}.")
    statement_scores: list[int] = []
    for number, value in scores.items():
        validate_statement_number(number)
        if rule_version == CATEGORY_SCORES.code and isinstance(value, Mapping):
            value = statement_score_from_categories(value)
        if value is None:
            continue
        statement_scores.append(validate_score(value, what=f"score for statement {number}"))
    if not statement_scores:
        return OverallResult(None, None, None, scored=0, total=len(scores))
    percentage = _percentage(statement_scores)
    rating, _ = band_for(percentage)
    return OverallResult(
        percentage=float(percentage),
        display_percentage=round_half_up(percentage),
        rating=rating,
        scored=len(statement_scores),
        total=len(scores),
    )


def statement_score_from_categories(category_scores: Mapping[str, int | None]) -> int | None:
    """Earlier rule: a statement's evidence-category scores (1-4 each) -> statement score 1-4.

    Unscored categories are left out; with none scored the statement is unscored (None).
    """
    given = [
        validate_score(score, what=f"score for category {category}")
        for category, score in category_scores.items()
        if score is not None
    ]
    if not given:
        return None
    _, score = band_for(_percentage(given))
    return score


def theme_rollup(statement_scores: list[int | None]) -> float | None:
    """Our own metric (CQC publishes none): the mean of a theme's scored statements."""
    given = [validate_score(score) for score in statement_scores if score is not None]
    if not given:
        return None
    return sum(given) / len(given)


def descriptor(score: int | None) -> str:
    """'3 - Evidence shows a good standard'; empty when unscored."""
    if score is None:
        return ""
    return f"{score} - {SCORE_DESCRIPTORS[validate_score(score)]}"


def round_half_up_float(percentage: float) -> int:
    """Round a stored (float) percentage half up, as `round_half_up` does for exact values."""
    return round_half_up(Fraction(percentage).limit_denominator(10_000))
