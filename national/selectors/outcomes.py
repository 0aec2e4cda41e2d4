"""Outcomes per pound: the years with data, the indicators, and the ranking of councils.
A fixed number of queries whatever the number of councils; the arithmetic is in the pure
module `national.outcomes`."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from core import datacache
from councils.models import Council
from national import outcomes
from national.models import (
    CouncilSpend,
    IndicatorDefinition,
    IndicatorValue,
    financial_year_label,
)

SYNTHETIC_MARK = "synthetic demo data"


def financial_year_of(on: datetime.date) -> int:
    """The financial year (by its start) a date falls in: 31 March 2025 -> 2024."""
    return on.year if on.month >= 4 else on.year - 1


# ---- outcomes per pound -----------------------------------------------------------------


def outcome_years() -> list[int]:
    """Years that have both spend and a weighted indicator value, newest first. Cached until
    the national data changes."""
    return datacache.cached(
        "national:outcome-years", depends_on=(datacache.NATIONAL_DATA,), compute=_outcome_years
    )


def _outcome_years() -> list[int]:
    # order_by() drops the models' default ordering, which DISTINCT would otherwise include
    # (one row per value instead of one per year).
    indicator_years = set(
        IndicatorValue.objects.filter(indicator__outcome_weight__gt=0)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    spend_years = set(CouncilSpend.objects.order_by().values_list("year", flat=True).distinct())
    return sorted(indicator_years & spend_years, reverse=True)


def ranking_year(requested: int | None) -> int | None:
    """The year a ranking shows: the one asked for if it can be ranked, else the latest."""
    years = outcome_years()
    if requested in years:
        return requested
    return years[0] if years else None


def outcome_indicators() -> list[IndicatorDefinition]:
    """The indicators that count in outcomes per pound (weight above zero)."""
    return list(IndicatorDefinition.objects.filter(outcome_weight__gt=0))


def outcomes_for_years(
    years: list[int], *, indicators: list[IndicatorDefinition] | None = None
) -> dict[int, outcomes.OutcomesResult]:
    """The outcomes-per-pound result of each year, keyed by council id, in three queries.
    Cached until the national data changes (the weights are national data too)."""
    if indicators is None:
        indicators = outcome_indicators()
    if not years:
        return {}
    return datacache.cached(
        f"national:outcomes:{sorted(years)}:{[i.pk for i in indicators]}",
        depends_on=(datacache.NATIONAL_DATA,),
        compute=lambda: _outcomes_for_years(years, indicators),
    )


def _outcomes_for_years(
    years: list[int], indicators: list[IndicatorDefinition]
) -> dict[int, outcomes.OutcomesResult]:
    values: dict[int, dict[int, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    for indicator_id, council_id, year, value in IndicatorValue.objects.filter(
        year__in=years, indicator__in=[i.pk for i in indicators]
    ).values_list("indicator_id", "council_id", "year", "value"):
        values[year][indicator_id][council_id] = float(value)
    spend: dict[int, dict[int, float]] = defaultdict(dict)
    for council_id, year, gross, population in CouncilSpend.objects.filter(
        year__in=years
    ).values_list("council_id", "year", "gross_current_expenditure", "population_18_plus"):
        spend[year][council_id] = float(gross) / population
    council_ids = list(Council.objects.values_list("pk", flat=True))
    results = {}
    for year in years:
        inputs = [
            outcomes.IndicatorInput(
                key=indicator.pk,
                weight=float(indicator.outcome_weight),
                higher_is_better=indicator.higher_is_better,
                values=values[year].get(indicator.pk, {}),
            )
            for indicator in indicators
        ]
        results[year] = outcomes.outcomes_per_pound(inputs, spend[year], council_ids)
    return results


@dataclass(frozen=True)
class RankingRow:
    council: Council
    result: outcomes.CouncilResult
    previous_position: int | None
    movement: str
    missing_labels: list[str]


@dataclass
class Ranking:
    year: int | None
    years: list[int]
    rows: list[RankingRow] = field(default_factory=list)
    result: outcomes.OutcomesResult | None = None
    indicators: list[IndicatorDefinition] = field(default_factory=list)
    excluded_no_spend: list[Council] = field(default_factory=list)
    excluded_no_values: list[Council] = field(default_factory=list)
    dropped: list[tuple[IndicatorDefinition, str]] = field(default_factory=list)
    synthetic: bool = False

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year) if self.year else ""

    @property
    def previous_year_label(self) -> str:
        return financial_year_label(self.year - 1) if self.year else ""

    @property
    def top(self) -> list[RankingRow]:
        return self.rows[: outcomes.TOP]


def outcomes_ranking(
    *, year: int | None = None, region_code: str = "", council_type: str = ""
) -> Ranking:
    """The national outcomes-per-pound ranking of a year (default: the latest) with each
    council's movement since the year before. Region and type filter the rows shown; the
    positions stay national."""
    years = outcome_years()
    year = ranking_year(year)
    ranking = Ranking(year=year, years=years)
    if year is None:
        return ranking
    indicators = outcome_indicators()
    ranking.indicators = indicators
    results = outcomes_for_years([year, year - 1], indicators=indicators)
    current, previous = results[year], results[year - 1]
    ranking.result = current
    councils = Council.objects.in_bulk()
    by_id = {indicator.pk: indicator for indicator in indicators}
    before = {row.council: row.position for row in previous.ranking}
    for row in current.ranking:
        council = councils[row.council]
        if region_code and council.region_code != region_code:
            continue
        if council_type and council.council_type != council_type:
            continue
        earlier = before.get(row.council)
        ranking.rows.append(
            RankingRow(
                council=council,
                result=row,
                previous_position=earlier,
                movement=outcomes.movement(row.position, earlier),
                missing_labels=[by_id[key].code for key in row.missing_indicators],
            )
        )
    ranking.excluded_no_spend = [councils[pk] for pk in current.excluded_no_spend]
    ranking.excluded_no_values = [councils[pk] for pk in current.excluded_no_values]
    ranking.dropped = [(by_id[key], reason) for key, reason in current.dropped_indicators.items()]
    ranking.synthetic = IndicatorValue.objects.filter(
        year=year, source_file__icontains=SYNTHETIC_MARK
    ).exists()
    return ranking


# ---- pressure ---------------------------------------------------------------------------
