"""Reads of the national picture: outcomes-per-pound rankings, pressure levels, council profiles.

Every function here runs a fixed number of queries, whatever the number of councils, years or
indicators; the arithmetic is done by the pure modules national.outcomes and national.pressure.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, QuerySet

from assessments import scoring
from assessments import selectors as assessment_selectors
from assessments.models import Assessment, StatementScore
from core import datacache
from councils.models import Council
from national import outcomes, pressure
from national.models import (
    CouncilSpend,
    IndicatorDefinition,
    IndicatorValue,
    PressureMeasure,
    PressureThresholds,
    WaitingListSnapshot,
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


MEASURE_LABELS = dict(PressureMeasure.choices)


def pressure_thresholds_list() -> QuerySet[PressureThresholds]:
    """Every version of the pressure thresholds, by measure, newest first."""
    return PressureThresholds.objects.order_by("measure", "-effective_from")


def _thresholds_by_measure() -> dict[str, list[PressureThresholds]]:
    """Every version of the thresholds, newest first per measure (one query)."""
    by_measure: dict[str, list[PressureThresholds]] = defaultdict(list)
    for row in PressureThresholds.objects.order_by("measure", "-effective_from"):
        by_measure[row.measure].append(row)
    return by_measure


def thresholds_on(
    by_measure: dict[str, list[PressureThresholds]], on: datetime.date
) -> dict[str, pressure.Thresholds]:
    """The thresholds in force on a date: per measure, the latest version effective by then."""
    chosen = {}
    for measure, versions in by_measure.items():
        for version in versions:
            if version.effective_from <= on:
                chosen[measure] = pressure.Thresholds(
                    float(version.level_2_from),
                    float(version.level_3_from),
                    float(version.level_4_from),
                )
                break
    return chosen


def _population_for(
    populations: dict[int, int], on: datetime.date
) -> tuple[int | None, int | None]:
    """(population 18+, its year): the snapshot's financial year, else the closest one loaded
    (earlier years preferred on a tie)."""
    if not populations:
        return None, None
    wanted = financial_year_of(on)
    year = min(populations, key=lambda y: (abs(y - wanted), y > wanted))
    return populations[year], year


@dataclass(frozen=True)
class PressureRow:
    snapshot: WaitingListSnapshot
    population: int | None
    population_year: int | None
    result: pressure.PressureResult | None
    problem: str = ""

    @property
    def population_year_label(self) -> str:
        return financial_year_label(self.population_year) if self.population_year else ""


def _pressure_rows(
    snapshots: list[WaitingListSnapshot],
    populations: dict[int, dict[int, int]],
    by_measure: dict[str, list[PressureThresholds]],
) -> list[PressureRow]:
    rows = []
    for snap in snapshots:
        population, year = _population_for(populations.get(snap.council_id, {}), snap.snapshot_date)
        if population is None:
            rows.append(
                PressureRow(snap, None, None, None, "No population figure has been loaded.")
            )
            continue
        limits = thresholds_on(by_measure, snap.snapshot_date)
        if not limits:
            rows.append(
                PressureRow(snap, population, year, None, "No thresholds were in force then.")
            )
            continue
        counts = {measure: getattr(snap, measure) for measure in PressureMeasure.values}
        result = pressure.pressure_level(counts, population, limits, MEASURE_LABELS)
        rows.append(PressureRow(snap, population, year, result))
    return rows


def _populations(council_ids: list[int] | None = None) -> dict[int, dict[int, int]]:
    spend = CouncilSpend.objects.all()
    if council_ids is not None:
        spend = spend.filter(council_id__in=council_ids)
    populations: dict[int, dict[int, int]] = defaultdict(dict)
    for council_id, year, population in spend.values_list(
        "council_id", "year", "population_18_plus"
    ):
        populations[council_id][year] = population
    return populations


def council_pressure_history(*, council: Council) -> list[PressureRow]:
    """Every waiting-list snapshot of a council, oldest first, with its pressure level."""
    snapshots = list(WaitingListSnapshot.objects.filter(council=council).order_by("snapshot_date"))
    return _pressure_rows(snapshots, _populations([council.pk]), _thresholds_by_measure())


@dataclass
class NationalPressure:
    rows: list[PressureRow]
    counts: dict[int, int]
    no_figures: list[Council]

    @property
    def synthetic(self) -> bool:
        return any(SYNTHETIC_MARK in row.snapshot.source_file.lower() for row in self.rows)


def latest_pressure(*, region_code: str = "", council_type: str = "") -> NationalPressure:
    """Each council's latest snapshot and pressure level, highest pressure first."""
    latest_dates = dict(
        WaitingListSnapshot.objects.values("council_id")
        .annotate(latest=Max("snapshot_date"))
        .values_list("council_id", "latest")
    )
    councils = Council.objects.all()
    if region_code:
        councils = councils.filter(region_code=region_code)
    if council_type:
        councils = councils.filter(council_type=council_type)
    councils = list(councils)
    snapshots = [
        snap
        for snap in WaitingListSnapshot.objects.filter(
            council__in=councils, snapshot_date__in=set(latest_dates.values())
        ).select_related("council")
        if latest_dates.get(snap.council_id) == snap.snapshot_date
    ]
    rows = _pressure_rows(snapshots, _populations(), _thresholds_by_measure())
    rows.sort(
        key=lambda r: (
            -(r.result.level if r.result else 0),
            -(r.result.fired.rate / r.result.fired.threshold if r.result and r.result.fired else 0),
            r.snapshot.council.name,
        )
    )
    counts = dict.fromkeys(pressure.LEVEL_NAMES, 0)
    for row in rows:
        if row.result:
            counts[row.result.level] += 1
    with_figures = {row.snapshot.council_id for row in rows}
    return NationalPressure(rows, counts, [c for c in councils if c.pk not in with_figures])


# ---- council profile --------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorComparison:
    indicator: IndicatorDefinition
    year: int
    value: float | None
    national_median: float | None
    regional_median: float | None
    z_score: float | None  # signed so higher is better; None when not in outcomes per pound
    trend: list[tuple[int, float | None]]  # the council's value in each year

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
    """Everything the council profile page shows, in a fixed number of queries."""
    latest, scores = _latest_assessment(council)
    history = assessment_selectors.council_assessment_history(council=council, user=user)

    definitions = list(IndicatorDefinition.objects.all())
    own = list(
        IndicatorValue.objects.filter(council=council).values_list(
            "indicator_id", "year", "value", "source_file"
        )
    )
    years = sorted({year for _, year, _, _ in own})
    synthetic = any(SYNTHETIC_MARK in (source or "").lower() for *_, source in own)
    latest_year_of = {}
    own_values: dict[int, dict[int, float]] = defaultdict(dict)
    for indicator_id, year, value, _ in own:
        own_values[indicator_id][year] = float(value)
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
        history=history,
        indicators=comparisons,
        indicator_years=years,
        rank_history=rank_history,
        pressure_rows=council_pressure_history(council=council),
        synthetic=synthetic,
    )
