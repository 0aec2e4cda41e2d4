"""Pressure levels (waiting lists per population against the thresholds in force): a
council's history and the latest national picture. The levels come from the pure module
`national.pressure`."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, QuerySet

from councils.models import Council
from national import pressure
from national.models import (
    CouncilSpend,
    PressureMeasure,
    PressureThresholds,
    WaitingListSnapshot,
    financial_year_label,
)
from national.selectors.outcomes import SYNTHETIC_MARK, financial_year_of

MEASURE_LABELS = dict(PressureMeasure.choices)


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


def all_pressure_histories() -> dict[int, list[PressureRow]]:
    """Every council's snapshots with their pressure levels, oldest first, keyed by council
    id (3 queries whatever the number of councils and dates; the public risk rating reads
    it)."""
    snapshots = list(
        WaitingListSnapshot.objects.select_related("council").order_by(
            "council_id", "snapshot_date"
        )
    )
    histories: dict[int, list[PressureRow]] = defaultdict(list)
    for row in _pressure_rows(snapshots, _populations(), _thresholds_by_measure()):
        histories[row.snapshot.council_id].append(row)
    return histories


# ---- council profile --------------------------------------------------------------------


def pressure_thresholds_list() -> QuerySet[PressureThresholds]:
    """Every version of the pressure thresholds, by measure, newest first."""
    return PressureThresholds.objects.order_by("measure", "-effective_from")
