"""Reading the three CSV files of the national picture. Every row is checked before anything is
loaded (core.csv_import); the loading is done by the services in national.services.

The formats below are shown on the upload pages and in the management commands' help.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.csv_import import DuplicateTracker, Table, read_table
from councils.selectors import councils_by_gss_code
from national.models import (
    CouncilSpend,
    IndicatorDefinition,
    IndicatorValue,
    WaitingListSnapshot,
    financial_year_label,
)

COMMON_RULES = """\
The file is CSV in UTF-8 (Excel's "CSV UTF-8" is fine) with a header row; columns may come
in any order and names are not case-sensitive. Councils are joined on GSS code, never on
name; the pre-April-2025 codes of Barnsley (E08000016) and Sheffield (E08000019) are read as
E08000038 and E08000039. Years are financial years, written 2023 or 2023-24. Numbers may
contain thousands separators (1,234). A row for something already loaded replaces it
(revised figures). If any row is wrong nothing is loaded, and every wrong row is listed with
its line number (the header is line 1)."""

INDICATORS_FORMAT = f"""\
Indicator values. Columns:
  gss_code           the council's GSS code, e.g. E10000029
  indicator_code     the indicator's code, e.g. 2D (it must be defined in the admin first)
  year               the financial year, e.g. 2023-24
  value              the published value, e.g. 78.4
  numerator          optional: the count above the line
  denominator        optional: the count below the line
  framework          optional: e.g. ASCOF; needed only when the code is defined in more
  framework_version  optional: e.g. 2023;   than one framework or version
{COMMON_RULES}"""

SPEND_FORMAT = f"""\
Adult social care spend and population. Columns:
  gss_code                   the council's GSS code
  year                       the financial year, e.g. 2023-24
  gross_current_expenditure  adult social care gross current expenditure in pounds
  population_18_plus         residents aged 18 and over (a whole number above zero)
{COMMON_RULES}"""

WAITING_LISTS_FORMAT = f"""\
Waiting-list counts. Columns:
  gss_code                 the council's GSS code
  snapshot_date            the date of the count, as YYYY-MM-DD or DD/MM/YYYY
  awaiting_assessment      people waiting for a Care Act assessment
  waiting_over_six_months  of those, people waiting over six months (not more than the above)
  awaiting_service_start   people assessed and waiting for a service or direct payment to start
  overdue_reviews          people whose review is overdue
All counts are whole numbers, zero or more.
{COMMON_RULES}"""


@dataclass
class Parsed:
    """Checked rows, unsaved, with the keys of those that already exist (to be replaced)."""

    objects: list
    existing: int


def _indicator_index(
    definitions: list[IndicatorDefinition],
) -> dict[str, list[IndicatorDefinition]]:
    index: dict[str, list[IndicatorDefinition]] = {}
    for definition in definitions:
        index.setdefault(definition.code.upper(), []).append(definition)
    return index


def parse_indicator_values(data: bytes | str, *, source_file: str) -> Parsed:
    """Check an indicator values file (INDICATORS_FORMAT); raise CsvImportError listing every
    bad row (unknown GSS code or indicator, bad number or year, a repeated row)."""
    table: Table = read_table(
        data,
        required=["gss_code", "indicator_code", "year", "value"],
        optional=["numerator", "denominator", "framework", "framework_version"],
    )
    councils = councils_by_gss_code(table.column_values("gss_code"))
    by_code = _indicator_index(list(IndicatorDefinition.objects.all()))
    seen = DuplicateTracker()
    objects: list[IndicatorValue] = []
    for row in table.rows:
        council = row.council("gss_code", councils)
        code = row.text("indicator_code")
        indicator = None
        if code is not None:
            framework = row.text("framework", required=False)
            version = row.text("framework_version", required=False)
            matches = [
                d
                for d in by_code.get(code.upper(), [])
                if (framework is None or d.framework.upper() == framework.upper())
                and (version is None or d.framework_version.upper() == version.upper())
            ]
            if not matches:
                described = " ".join(part for part in (framework, version, code) if part)
                row.problem(f"unknown indicator {described!r}")
            elif len(matches) > 1:
                versions = " and ".join(f"{d.framework} {d.framework_version}" for d in matches)
                row.problem(
                    f"indicator {code!r} is defined in {versions}; "
                    "give framework and framework_version"
                )
            else:
                indicator = matches[0]
        year = row.year("year")
        value = row.decimal("value")
        numerator = row.decimal("numerator", required=False, minimum=0)
        denominator = row.decimal("denominator", required=False, minimum=0)
        if denominator is not None and denominator == 0:
            row.problem("denominator is zero")
        if council and indicator and year:
            row.check_duplicate(
                seen,
                (indicator.pk, council.pk, year),
                f"{indicator.code} for {council.name} in {financial_year_label(year)}",
            )
        if row.ok:
            objects.append(
                IndicatorValue(
                    indicator=indicator,
                    council=council,
                    year=year,
                    value=value,
                    numerator=numerator,
                    denominator=denominator,
                    source_file=source_file,
                )
            )
    table.raise_if_errors()
    existing = IndicatorValue.objects.filter(
        council__in={o.council_id for o in objects},
        year__in={o.year for o in objects},
        indicator__in={o.indicator_id for o in objects},
    ).values_list("indicator_id", "council_id", "year")
    wanted = {(o.indicator_id, o.council_id, o.year) for o in objects}
    return Parsed(objects, sum(1 for key in existing if key in wanted))


def parse_council_spend(data: bytes | str, *, source_file: str) -> Parsed:
    """Check a spend and population file (SPEND_FORMAT); raise CsvImportError listing every
    bad row (unknown GSS code, bad number or year, population not above zero, a repeat)."""
    table = read_table(
        data, required=["gss_code", "year", "gross_current_expenditure", "population_18_plus"]
    )
    councils = councils_by_gss_code(table.column_values("gss_code"))
    seen = DuplicateTracker()
    objects: list[CouncilSpend] = []
    for row in table.rows:
        council = row.council("gss_code", councils)
        year = row.year("year")
        spend = row.decimal("gross_current_expenditure", minimum=Decimal(0))
        population = row.integer("population_18_plus", minimum=1)
        if council and year:
            row.check_duplicate(
                seen, (council.pk, year), f"{council.name} in {financial_year_label(year)}"
            )
        if row.ok:
            objects.append(
                CouncilSpend(
                    council=council,
                    year=year,
                    gross_current_expenditure=spend.quantize(Decimal("0.01")),
                    population_18_plus=population,
                    source_file=source_file,
                )
            )
    table.raise_if_errors()
    wanted = {(o.council_id, o.year) for o in objects}
    existing = CouncilSpend.objects.filter(
        council__in={o.council_id for o in objects}, year__in={o.year for o in objects}
    ).values_list("council_id", "year")
    return Parsed(objects, sum(1 for key in existing if key in wanted))


WAITING_COUNT_COLUMNS = [
    "awaiting_assessment",
    "waiting_over_six_months",
    "awaiting_service_start",
    "overdue_reviews",
]


def parse_waiting_lists(data: bytes | str, *, source_file: str) -> Parsed:
    """Check a waiting-list file (WAITING_LISTS_FORMAT); raise CsvImportError listing every bad
    row (unknown GSS code, bad date or count, more over six months than awaiting, a repeat)."""
    table = read_table(data, required=["gss_code", "snapshot_date", *WAITING_COUNT_COLUMNS])
    councils = councils_by_gss_code(table.column_values("gss_code"))
    seen = DuplicateTracker()
    objects: list[WaitingListSnapshot] = []
    for row in table.rows:
        council = row.council("gss_code", councils)
        on = row.date("snapshot_date")
        counts = {column: row.integer(column, minimum=0) for column in WAITING_COUNT_COLUMNS}
        awaiting, over_six = counts["awaiting_assessment"], counts["waiting_over_six_months"]
        if awaiting is not None and over_six is not None and over_six > awaiting:
            row.problem(
                f"waiting_over_six_months ({over_six}) is more than awaiting_assessment "
                f"({awaiting})"
            )
        if council and on:
            row.check_duplicate(seen, (council.pk, on), f"{council.name} on {on:%d/%m/%Y}")
        if row.ok:
            objects.append(
                WaitingListSnapshot(
                    council=council, snapshot_date=on, source_file=source_file, **counts
                )
            )
    table.raise_if_errors()
    wanted = {(o.council_id, o.snapshot_date) for o in objects}
    existing = WaitingListSnapshot.objects.filter(
        council__in={o.council_id for o in objects},
        snapshot_date__in={o.snapshot_date for o in objects},
    ).values_list("council_id", "snapshot_date")
    return Parsed(objects, sum(1 for key in existing if key in wanted))
