"""Synthetic demo data for the national picture: a seeded, reproducible generator.

For all 153 councils: eight outcome indicators (ASCOF 2023-24 codes and names) over five
financial years, spend and population 18+ for each year, and quarterly waiting-list snapshots
for two years. Every row's source_file says "synthetic demo data" and the pages show a
warning: none of these figures is an official statistic about any council.

Realism, roughly: each council has a persistent underlying performance that drifts from year
to year (so positions move), values are spread like the published measures, spend per adult
is higher in London and lower in counties, a few small councils have suppressed values, and
one council lacks a spend figure in the earliest year (so the pages show how gaps are handled).
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from audit.actions import AuditAction
from audit.services import audit_record
from councils.models import Council, CouncilType
from national.models import (
    CouncilSpend,
    DataImport,
    ImportKind,
    IndicatorDefinition,
    IndicatorUnit,
    IndicatorValue,
    WaitingListSnapshot,
)

SOURCE = "synthetic demo data (seeded generator national/demo.py)"
DEFAULT_SEED = 20260401
LAST_YEAR = 2024  # 2024-25
FRAMEWORK = "ASCOF"
FRAMEWORK_VERSION = "2023-24"


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    name: str
    unit: str
    higher_is_better: bool
    mean: float
    sd: float
    low: float
    high: float
    weight: str
    description: str


# Codes and names as ASCOF 2023-24 publishes them (the codes changed from April 2023: e.g.
# direct payments moved from 1C to 3D). Sources: DHSC, "The adult social care outcomes
# framework 2023 to 2024: handbook of definitions"; NHS England, "SALT data sources for ASCOF
# 2023-24" (2C, 3D) and "Reproducing ASCOF metrics from client level data" (2A, 2B/2C, 2E).
# The VALUES are synthetic; only the codes and names are real.
INDICATORS = [
    DemoIndicator(
        "1A",
        "Social care-related quality of life score",
        IndicatorUnit.SCORE,
        True,
        19.0,
        0.55,
        15.0,
        22.0,
        "1",
        "Average quality of life reported by people who use services (out of 24).",
    ),
    DemoIndicator(
        "1B",
        "The proportion of people who use services who have control over their daily life",
        IndicatorUnit.PERCENT,
        True,
        77.0,
        3.5,
        60.0,
        92.0,
        "1",
        "Percentage of people who use services who say they have as much control "
        "over their daily life as they want, or adequate control.",
    ),
    DemoIndicator(
        "2A",
        "The proportion of people who received short-term services during the year (who "
        "previously were not receiving services) where no further request was made for "
        "ongoing support",
        IndicatorUnit.PERCENT,
        True,
        78.0,
        8.5,
        40.0,
        98.0,
        "1",
        "Percentage of people who received short-term support to maximise independence "
        "where no further request was made for ongoing support.",
    ),
    DemoIndicator(
        "2B",
        "The number of adults aged 18 to 64 whose long-term support needs are met by "
        "admission to residential and nursing care homes, per 100,000 population",
        IndicatorUnit.PER_100K,
        False,
        14.0,
        4.5,
        2.0,
        40.0,
        "1",
        "Permanent admissions of adults aged 18-64 to residential and nursing care "
        "homes, per 100,000 population.",
    ),
    DemoIndicator(
        "2C",
        "The number of adults aged 65 and over whose long-term support needs are met by "
        "admission to residential and nursing care homes, per 100,000 population",
        IndicatorUnit.PER_100K,
        False,
        560.0,
        130.0,
        200.0,
        1100.0,
        "1",
        "Permanent admissions of adults aged 65 and over to residential and nursing "
        "care homes, per 100,000 population.",
    ),
    DemoIndicator(
        "2D",
        "The proportion of older people (aged 65 and over) who were still at home 91 days "
        "after discharge from hospital into reablement/rehabilitation services",
        IndicatorUnit.PERCENT,
        True,
        82.0,
        5.5,
        55.0,
        98.0,
        "1",
        "Percentage of people aged 65 and over still at home 91 days after "
        "discharge from hospital into reablement or rehabilitation.",
    ),
    DemoIndicator(
        "2E",
        "The proportion of people who receive long-term support who live in their home or "
        "with family",
        IndicatorUnit.PERCENT,
        True,
        80.0,
        7.5,
        50.0,
        97.0,
        "0.5",
        "Percentage of people receiving long-term support who live in their own home or "
        "with their family.",
    ),
    DemoIndicator(
        "3D",
        "Proportion of people using social care who receive self-directed support, and "
        "those receiving direct payments (formerly 1C)",
        IndicatorUnit.PERCENT,
        True,
        26.0,
        6.5,
        8.0,
        55.0,
        "0.5",
        "Percentage of people in receipt of long-term community support who receive it "
        "as a direct payment.",
    ),
]

# Adults (18+) and spend per adult by type of council: (population mean, spend per adult).
TYPE_PROFILE = {
    CouncilType.COUNTY: (560_000, 430.0),
    CouncilType.UNITARY: (190_000, 455.0),
    CouncilType.METROPOLITAN: (260_000, 470.0),
    CouncilType.LONDON: (220_000, 520.0),
}
SPECIAL_POPULATION = {"City of London": 8_200, "Isles of Scilly": 1_850}
# Small numbers are suppressed in published tables for the smallest councils.
SUPPRESSED = {"City of London": {"2B", "2C", "2E"}, "Isles of Scilly": {"2B", "2E"}}
NO_SPEND_FIRST_YEAR = "Isles of Scilly"
SPEND_GROWTH = 0.055  # a year, roughly the recent growth in gross current expenditure

# Waiting lists per 100,000 adults: (typical rate, spread as a log standard deviation).
WAITING_RATES = {
    "awaiting_assessment": (380.0, 0.35),
    "awaiting_service_start": (45.0, 0.45),
    "overdue_reviews": (330.0, 0.35),
}
# Share of those awaiting assessment who have waited over six months: ADASS counted 73,792 of
# 294,449 (25.1%, about a quarter) on 30 April 2022; councils spread around it. The typical
# council's share is set a little lower because councils under more pressure have both longer
# lists and larger shares, which lifts the national share to about a quarter.
SIX_MONTH_SHARE = (0.21, 0.3)


def quarter_ends(count: int, last: datetime.date) -> list[datetime.date]:
    """The last `count` quarter-end dates up to and including `last` (a quarter end)."""
    dates = []
    year, month = last.year, last.month
    for _ in range(count):
        next_month_first = datetime.date(year + (month == 12), month % 12 + 1, 1)
        dates.append(next_month_first - datetime.timedelta(days=1))
        month -= 3
        if month <= 0:
            month += 12
            year -= 1
    return sorted(dates)


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def seed_national(
    *,
    actor=None,
    seed: int = DEFAULT_SEED,
    years: int = 5,
    indicators: int = len(INDICATORS),
    snapshots: int = 8,
    last_year: int = LAST_YEAR,
) -> dict[str, int]:
    """Create the synthetic indicators, values, spend and waiting lists; return row counts.

    Deterministic for a given seed. Expects no national data yet (run on a fresh database).
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not security
    councils = list(Council.objects.order_by("gss_code"))
    first_year = last_year - years + 1
    year_list = list(range(first_year, last_year + 1))

    definitions = IndicatorDefinition.objects.bulk_create(
        [
            IndicatorDefinition(
                framework=FRAMEWORK,
                framework_version=FRAMEWORK_VERSION,
                code=spec.code,
                name=spec.name,
                unit=spec.unit,
                higher_is_better=spec.higher_is_better,
                description=spec.description,
                source=(
                    "Synthetic demo data: the code and name are ASCOF 2023-24's (DHSC "
                    "handbook of definitions; NHS England), the values are made up."
                ),
                outcome_weight=Decimal(spec.weight),
            )
            for spec in INDICATORS[:indicators]
        ]
    )
    specs = dict(zip([d.code for d in definitions], INDICATORS, strict=False))

    # Underlying performance: persistent, drifting from year to year.
    quality = {c.pk: rng.gauss(0, 1) for c in councils}
    values: list[IndicatorValue] = []
    spend_rows: list[CouncilSpend] = []
    populations: dict[int, dict[int, int]] = {}
    base_population = {}
    base_spend = {}
    for council in councils:
        mean_population, spend_per_adult = TYPE_PROFILE[council.council_type]
        base_population[council.pk] = SPECIAL_POPULATION.get(
            council.name, int(mean_population * math.exp(rng.gauss(0, 0.35)))
        )
        # Better performers spend a little more on average, but only a little.
        if council.name in SPECIAL_POPULATION:
            spend_per_adult *= 1.6  # the smallest councils cannot spread fixed costs
        base_spend[council.pk] = spend_per_adult * math.exp(
            rng.gauss(0, 0.12) + 0.03 * quality[council.pk]
        )
    for offset, year in enumerate(year_list):
        for council in councils:
            quality[council.pk] = 0.85 * quality[council.pk] + 0.53 * rng.gauss(0, 1)
            q = quality[council.pk]
            for definition in definitions:
                spec = specs[definition.code]
                if definition.code in SUPPRESSED.get(council.name, ()) or rng.random() < 0.01:
                    continue  # suppressed or not returned
                direction = 1 if spec.higher_is_better else -1
                drift = 0.04 * offset * spec.sd * direction  # slow national improvement
                raw = spec.mean + drift + spec.sd * (0.65 * direction * q + 0.75 * rng.gauss(0, 1))
                value = _clip(raw, spec.low, spec.high)
                denominator = None
                numerator = None
                if spec.unit == IndicatorUnit.PERCENT:
                    denominator = Decimal(max(20, int(base_population[council.pk] / 400)))
                    numerator = (denominator * Decimal(str(round(value, 1))) / 100).quantize(
                        Decimal("1")
                    )
                values.append(
                    IndicatorValue(
                        indicator=definition,
                        council=council,
                        year=year,
                        value=Decimal(str(round(value, 1))),
                        numerator=numerator,
                        denominator=denominator,
                        source_file=SOURCE,
                    )
                )
            population = int(base_population[council.pk] * (1 + 0.006 * offset))
            populations.setdefault(council.pk, {})[year] = population
            if council.name == NO_SPEND_FIRST_YEAR and offset == 0:
                continue
            per_adult = base_spend[council.pk] * (1 + SPEND_GROWTH) ** offset
            per_adult *= math.exp(rng.gauss(0, 0.03))
            spend_rows.append(
                CouncilSpend(
                    council=council,
                    year=year,
                    gross_current_expenditure=Decimal(round(per_adult * population, 2)).quantize(
                        Decimal("0.01")
                    ),
                    population_18_plus=population,
                    source_file=SOURCE,
                )
            )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    CouncilSpend.objects.bulk_create(spend_rows, batch_size=2000)

    last_quarter = datetime.date(last_year + 1, 3, 31)
    dates = quarter_ends(snapshots, last_quarter)
    snapshot_rows: list[WaitingListSnapshot] = []
    for council in councils:
        pressure = rng.gauss(0, 0.45)  # some councils are under far more pressure than others
        trend = rng.gauss(0, 0.05)  # per quarter: lists grow in some places, shrink in others
        share_mean, share_spread = SIX_MONTH_SHARE
        share = _clip(share_mean * math.exp(rng.gauss(0, share_spread) + 0.4 * pressure), 0.01, 0.6)
        for n, on in enumerate(dates):
            population = populations[council.pk].get(
                on.year if on.month >= 4 else on.year - 1, base_population[council.pk]
            )
            rates = {
                measure: typical * math.exp(pressure * 0.8 + trend * n + rng.gauss(0, spread / 3))
                for measure, (typical, spread) in WAITING_RATES.items()
            }
            counts = {m: int(round(rate * population / 100_000)) for m, rate in rates.items()}
            over_six = int(round(counts["awaiting_assessment"] * share * math.exp(trend * n)))
            snapshot_rows.append(
                WaitingListSnapshot(
                    council=council,
                    snapshot_date=on,
                    waiting_over_six_months=min(over_six, counts["awaiting_assessment"]),
                    source_file=SOURCE,
                    **counts,
                )
            )
    WaitingListSnapshot.objects.bulk_create(snapshot_rows, batch_size=2000)

    counts = {
        ImportKind.INDICATORS: len(values),
        ImportKind.SPEND: len(spend_rows),
        ImportKind.WAITING_LISTS: len(snapshot_rows),
    }
    for kind, rows in counts.items():
        record = DataImport.objects.create(
            kind=kind, source_file=SOURCE, rows=rows, created=rows, updated=0
        )
        audit_record(
            actor=actor, action=AuditAction.of_national_import(kind), target=record, note=SOURCE
        )
    return {"definitions": len(definitions), **{str(k): v for k, v in counts.items()}}
