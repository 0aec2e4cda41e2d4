"""The council profile: its latest rating and history, its indicators against the national
and regional medians, its rank in outcomes per pound over the years, its pressure levels."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from assessments import scoring
from assessments import selectors as assessment_selectors
from assessments.models import Assessment, StatementScore
from core import datacache
from councils.models import Council
from national import outcomes
from national.models import (
    IndicatorDefinition,
    IndicatorValue,
    financial_year_label,
)
from national.selectors.outcomes import (
    SYNTHETIC_MARK,
    outcome_years,
    outcomes_for_years,
)
from national.selectors.pressure import PressureRow, council_pressure_history


@dataclass(frozen=True)
class IndicatorComparison:
    indicator: IndicatorDefinition
    year: int
    value: float | None
    national_median: float | None
    regional_median: float | None
    z_score: float | None  # signed so higher is better; None when not in outcomes per pound
    trend: list[tuple[int, float | None]]  # the council's value in each year
    # The count the value is a share of, where known: small denominators swing from year to
    # year, so the page shows it beside the value.
    denominator: int | None = None

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    @property
    def compared(self) -> str:
        """'better than' / 'worse than' / 'the same as' the national median, by direction."""
        if self.value is None or self.national_median is None:
            return ""
        if self.value == self.national_median:
            return "the same as"
        higher = self.value > self.national_median
        return "better than" if higher == self.indicator.higher_is_better else "worse than"


@dataclass(frozen=True)
class RankHistoryRow:
    year: int
    position: int | None
    of: int
    outcomes_per_pound: float | None
    spend_per_adult: float | None
    movement: str

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)


@dataclass
class CouncilProfile:
    council: Council
    latest: Assessment | None
    latest_result: scoring.OverallResult | None
    latest_scores: list[StatementScore]
    history: list
    indicators: list[IndicatorComparison]
    indicator_years: list[int]
    rank_history: list[RankHistoryRow]
    pressure_rows: list[PressureRow]
    synthetic: bool

    @property
    def current_rank(self) -> RankHistoryRow | None:
        return self.rank_history[0] if self.rank_history else None

    @property
    def latest_pressure(self) -> PressureRow | None:
        return self.pressure_rows[-1] if self.pressure_rows else None


def indicator_medians() -> dict[tuple[int, int], tuple[float | None, dict[str, float | None]]]:
    """The national median and the median of each region, per (indicator id, year). Cached
    until the national data changes: every council profile compares against them."""
    return datacache.cached(
        "national:indicator-medians",
        depends_on=(datacache.NATIONAL_DATA,),
        compute=_indicator_medians,
    )


def _indicator_medians() -> dict[tuple[int, int], tuple[float | None, dict[str, float | None]]]:
    values: dict[tuple[int, int], list[tuple[str, float]]] = defaultdict(list)
    for indicator_id, year, value, region in (
        IndicatorValue.objects.order_by()
        .values_list("indicator_id", "year", "value", "council__region_code")
        .iterator(chunk_size=5000)
    ):
        values[(indicator_id, year)].append((region, float(value)))
    medians = {}
    for key, pairs in values.items():
        by_region: dict[str, list[float]] = defaultdict(list)
        for region, value in pairs:
            by_region[region].append(value)
        medians[key] = (
            outcomes.median([value for _, value in pairs]),
            {region: outcomes.median(values) for region, values in by_region.items()},
        )
    return medians


def _latest_assessment(council: Council) -> tuple[Assessment | None, list[StatementScore]]:
    latest = (
        assessment_selectors.latest_published_assessments()
        .filter(council=council)
        .prefetch_related("scores__statement")
        .first()
    )
    if latest is None:
        return None, []
    scores = sorted(latest.scores.all(), key=lambda s: s.statement.number)
    return latest, scores


def council_profile(*, council: Council, user) -> CouncilProfile:
    """Everything the council profile page shows, in a fixed number of queries.

    What every visitor sees alike (the published rating, indicators, outcomes per pound,
    pressure) is derived from the published results and the national data only, so it is
    cached until either changes (core.datacache); the assessment history lists what `user`
    may see, so it is read for each request."""
    public = datacache.cached(
        f"national:council-profile:{council.pk}",
        depends_on=(datacache.PUBLISHED_RESULTS, datacache.NATIONAL_DATA),
        compute=lambda: _public_profile(council),
    )
    return replace(
        public,
        council=council,
        history=assessment_selectors.council_assessment_history(council=council, user=user),
    )


def _public_profile(council: Council) -> CouncilProfile:
    """The council profile without the user's history (empty here)."""
    latest, scores = _latest_assessment(council)

    definitions = list(IndicatorDefinition.objects.all())
    own = list(
        IndicatorValue.objects.filter(council=council).values_list(
            "indicator_id", "year", "value", "source_file", "denominator"
        )
    )
    years = sorted({row[1] for row in own})
    synthetic = any(SYNTHETIC_MARK in (row[3] or "").lower() for row in own)
    latest_year_of = {}
    own_values: dict[int, dict[int, float]] = defaultdict(dict)
    denominators: dict[tuple[int, int], int] = {}
    for indicator_id, year, value, _, denominator in own:
        own_values[indicator_id][year] = float(value)
        if denominator is not None:
            denominators[(indicator_id, year)] = int(denominator)
        latest_year_of[indicator_id] = max(year, latest_year_of.get(indicator_id, year))
    medians = indicator_medians()

    outcome_years_list = outcome_years()
    weighted = [d for d in definitions if d.outcome_weight > 0]
    results = outcomes_for_years(outcome_years_list, indicators=weighted)
    current_outcomes = results.get(outcome_years_list[0]) if outcome_years_list else None
    current_z = {}
    if current_outcomes:
        mine = current_outcomes.by_council().get(council.pk)
        current_z = dict(mine.z_scores) if mine else {}
    comparisons = []
    for definition in definitions:
        if definition.pk not in latest_year_of:
            continue
        year = latest_year_of[definition.pk]
        national_median, regional_medians = medians.get((definition.pk, year), (None, {}))
        z = None
        if current_outcomes and outcome_years_list[0] == year:
            z = current_z.get(definition.pk)
        comparisons.append(
            IndicatorComparison(
                indicator=definition,
                year=year,
                value=own_values[definition.pk].get(year),
                national_median=national_median,
                regional_median=regional_medians.get(council.region_code),
                z_score=z,
                trend=[(y, own_values[definition.pk].get(y)) for y in years],
                denominator=denominators.get((definition.pk, year)),
            )
        )

    rank_history = []
    for year in outcome_years_list:
        result = results[year]
        mine = result.by_council().get(council.pk)
        before = results.get(year - 1)
        earlier = before.by_council().get(council.pk) if before else None
        rank_history.append(
            RankHistoryRow(
                year=year,
                position=mine.position if mine else None,
                of=len(result.ranking),
                outcomes_per_pound=mine.outcomes_per_pound if mine else None,
                spend_per_adult=mine.spend_per_adult if mine else None,
                movement=outcomes.movement(
                    mine.position if mine else None, earlier.position if earlier else None
                )
                if before is not None
                else "",
            )
        )
    return CouncilProfile(
        council=council,
        latest=latest,
        latest_result=assessment_selectors.assessment_result(assessment=latest) if latest else None,
        latest_scores=scores,
        history=[],
        indicators=comparisons,
        indicator_years=years,
        rank_history=rank_history,
        pressure_rows=council_pressure_history(council=council),
        synthetic=synthetic,
    )
