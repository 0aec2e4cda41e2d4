"""Outcomes per pound: our own method. Pure: plain values in and out, no Django.

For one financial year:

1. Councils without a spend figure (gross current expenditure and population 18+) are left
   out and listed; so are councils with a spend figure but no value for any chosen indicator.
   The rest are "the councils ranked".
2. Each chosen indicator i (weight w_i > 0) is standardised across the councils ranked that
   have a value for it:  z_ic = s_i * (x_ic - mean_i) / sd_i, where sd_i is the population
   standard deviation and s_i is +1 when a higher value is better, -1 when lower is better, so
   a positive z is always better than average. An indicator with fewer than two values or no
   spread (sd_i = 0) cannot be standardised: it is left out and listed.
3. Outcome score Z_c = sum_i(w_i * z_ic) / sum_i(w_i), over the indicators council c has. A
   council missing some indicators gets the weighted mean of those it has, and is listed so.
4. Outcome index O_c = 100 + 10 * Z_c (100 is the average outcome; 10 points is one standard
   deviation). The index keeps the score positive, so dividing by spend never rewards a
   council with worse-than-average outcomes for spending more.
5. Relative spend R_c = (spend per adult of c) / (median spend per adult of the councils
   ranked), where spend per adult = gross current expenditure / population 18+.
6. Outcomes per pound P_c = O_c / R_c. A council with average outcomes at median spend scores
   100; the same outcomes at 10% more spend per adult score 100 / 1.1 = 90.9.
7. Councils are ranked by P_c, highest first; equal values share a position (1, 2, 2, 4).

Such statistics describe; they do not on their own judge a council's effectiveness.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

INDEX_BASE = 100.0
INDEX_SCALE = 10.0
TOP = 10

CouncilKey = Hashable
IndicatorKey = Hashable


class OutcomesError(ValueError):
    """Input the method cannot use (a negative weight, a spend per adult that is not positive)."""


@dataclass(frozen=True)
class IndicatorInput:
    """One chosen indicator: its weight, direction and each council's value (missing = absent)."""

    key: IndicatorKey
    weight: float
    higher_is_better: bool
    values: Mapping[CouncilKey, float]


@dataclass(frozen=True)
class CouncilResult:
    council: CouncilKey
    position: int
    outcomes_per_pound: float
    outcome_score: float  # Z_c, the weighted mean z-score
    outcome_index: float  # O_c = 100 + 10 Z_c
    relative_spend: float  # R_c
    spend_per_adult: float
    z_scores: Mapping[IndicatorKey, float]
    missing_indicators: tuple[IndicatorKey, ...]


@dataclass(frozen=True)
class IndicatorStats:
    key: IndicatorKey
    weight: float
    mean: float
    sd: float
    count: int


@dataclass
class OutcomesResult:
    ranking: list[CouncilResult] = field(default_factory=list)
    median_spend_per_adult: float | None = None
    indicators: list[IndicatorStats] = field(default_factory=list)
    # What was left out, and why, for the page to show.
    excluded_no_spend: list[CouncilKey] = field(default_factory=list)
    excluded_no_values: list[CouncilKey] = field(default_factory=list)
    dropped_indicators: dict[IndicatorKey, str] = field(default_factory=dict)

    @property
    def partial(self) -> list[CouncilResult]:
        """Councils scored on only some of the indicators."""
        return [row for row in self.ranking if row.missing_indicators]

    def by_council(self) -> dict[CouncilKey, CouncilResult]:
        return {row.council: row for row in self.ranking}


def _competition_positions(values: list[float]) -> list[int]:
    """1-based positions of values already sorted high to low; ties share (1, 2, 2, 4)."""
    positions: list[int] = []
    for index, value in enumerate(values):
        if index and math.isclose(value, values[index - 1], rel_tol=1e-12, abs_tol=1e-12):
            positions.append(positions[-1])
        else:
            positions.append(index + 1)
    return positions


def outcomes_per_pound(
    indicators: list[IndicatorInput],
    spend_per_adult: Mapping[CouncilKey, float],
    councils: list[CouncilKey] | None = None,
) -> OutcomesResult:
    """Rank councils by outcomes per pound for one year (method in the module docstring).

    `councils` is every council that should appear (default: every council named in the
    inputs); those lacking spend or any indicator value are listed as excluded, not ranked.
    Raises OutcomesError for a negative weight or a spend per adult that is not positive.
    """
    chosen = [ind for ind in indicators if ind.weight != 0]
    for ind in chosen:
        if ind.weight < 0 or not math.isfinite(ind.weight):
            raise OutcomesError(f"The weight of indicator {ind.key} must not be negative.")
    for council, spend in spend_per_adult.items():
        if not (spend > 0 and math.isfinite(spend)):
            raise OutcomesError(f"Spend per adult of {council} must be above zero, not {spend}.")
    if councils is None:
        named: dict[CouncilKey, None] = dict.fromkeys(spend_per_adult)
        for ind in chosen:
            named.update(dict.fromkeys(ind.values))
        councils = list(named)

    result = OutcomesResult()
    with_spend = []
    for council in councils:
        if council in spend_per_adult:
            with_spend.append(council)
        else:
            result.excluded_no_spend.append(council)
    ranked = [c for c in with_spend if any(c in ind.values for ind in chosen)]
    result.excluded_no_values = [c for c in with_spend if c not in set(ranked)]
    if not ranked:
        return result

    ranked_set = set(ranked)
    z_scores: dict[CouncilKey, dict[IndicatorKey, float]] = {c: {} for c in ranked}
    usable: list[IndicatorInput] = []
    for ind in chosen:
        values = {c: float(v) for c, v in ind.values.items() if c in ranked_set}
        if len(values) < 2:
            result.dropped_indicators[ind.key] = "fewer than two councils have a value"
            continue
        mean = statistics.fmean(values.values())
        sd = statistics.pstdev(values.values(), mu=mean)
        if sd == 0:
            result.dropped_indicators[ind.key] = "every council has the same value"
            continue
        sign = 1.0 if ind.higher_is_better else -1.0
        for council, value in values.items():
            z_scores[council][ind.key] = sign * (value - mean) / sd
        usable.append(ind)
        result.indicators.append(IndicatorStats(ind.key, ind.weight, mean, sd, len(values)))

    # A council whose only indicators were dropped has nothing left to score.
    scored = [c for c in ranked if z_scores[c]]
    result.excluded_no_values.extend(c for c in ranked if not z_scores[c])
    if not scored:
        return result
    median = statistics.median(spend_per_adult[c] for c in scored)
    result.median_spend_per_adult = median

    rows = []
    for council in scored:
        zs = z_scores[council]
        total_weight = sum(ind.weight for ind in usable if ind.key in zs)
        score = sum(ind.weight * zs[ind.key] for ind in usable if ind.key in zs) / total_weight
        index = INDEX_BASE + INDEX_SCALE * score
        relative = spend_per_adult[council] / median
        rows.append(
            (
                index / relative,
                council,
                score,
                index,
                relative,
                zs,
                tuple(ind.key for ind in usable if ind.key not in zs),
            )
        )
    rows.sort(key=lambda row: -row[0])
    positions = _competition_positions([row[0] for row in rows])
    result.ranking = [
        CouncilResult(
            council=council,
            position=position,
            outcomes_per_pound=opp,
            outcome_score=score,
            outcome_index=index,
            relative_spend=relative,
            spend_per_adult=spend_per_adult[council],
            z_scores=zs,
            missing_indicators=missing,
        )
        for position, (opp, council, score, index, relative, zs, missing) in zip(
            positions, rows, strict=True
        )
    ]
    return result


def movement(position: int | None, previous: int | None, *, top: int = TOP) -> str:
    """How a council's position changed since the previous year, in words.

    "kept its place in the top 10", "new in the top 10 (up 4 places)", "up 3 places",
    "down 1 place", "left the top 10 (down 2 places)", "no change", "not ranked last year".
    """
    if position is None:
        return "not ranked this year"
    if previous is None:
        return "new in the top 10" if position <= top else "not ranked last year"
    change = previous - position
    places = f"{abs(change)} place{'s' if abs(change) != 1 else ''}"
    shift = f"up {places}" if change > 0 else f"down {places}"
    now_top, was_top = position <= top, previous <= top
    if now_top and was_top:
        return (
            f"kept its place in the top {top}"
            if change == 0
            else f"{shift}, still in the top {top}"
        )
    if now_top:
        return f"new in the top {top} ({shift})"
    if was_top:
        return f"left the top {top} ({shift})"
    return "no change" if change == 0 else shift


def median(values: list[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None
