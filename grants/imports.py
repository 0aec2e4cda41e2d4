"""Reading spending plans from CSV: every row is checked before anything is loaded
(core.csv_import); the loading is grants.services.spending_plans_import."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from core.csv_import import DuplicateTracker, read_table
from councils.selectors import councils_by_gss_code
from grants.models import Grant, GrantCondition

PLANS_FORMAT = """\
Spending plans by grant condition. Columns:
  gss_code   the council's GSS code, e.g. E10000029 (joined on code, never on name)
  grant      the grant's code, e.g. ibcf-2017
  year       the financial year, e.g. 2017 or 2017-18
  condition  the condition's number within the grant, e.g. 1
  planned    planned spend in pounds, zero or more (thousands separators allowed)
  actual     optional: actual spend in pounds, once known
One row per council, grant, year and condition; every condition of the grant must have a row
for each council and year in the file. A plan already loaded for that council, grant and year
is replaced. The file is CSV in UTF-8 with a header row (columns in any order). If any row is
wrong nothing is loaded, and every wrong row is listed with its line number (the header is
line 1)."""


@dataclass
class ParsedPlans:
    # (council, grant, year) -> {condition: (planned, actual)}
    plans: dict[tuple, dict[GrantCondition, tuple[Decimal, Decimal | None]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    rows: int = 0


def parse_plans(data: bytes | str) -> ParsedPlans:
    """Every row checked; CsvImportError lists every problem with its line."""
    table = read_table(
        data, required=["gss_code", "grant", "year", "condition", "planned"], optional=["actual"]
    )
    councils = councils_by_gss_code(table.column_values("gss_code"))
    grants = {g.code.upper(): g for g in Grant.objects.prefetch_related("conditions")}
    seen = DuplicateTracker()
    parsed = ParsedPlans()
    first_line: dict[tuple, int] = {}
    for row in table.rows:
        council = row.council("gss_code", councils)
        grant = row.lookup("grant", grants, what="grant")
        year = row.year("year")
        number = row.integer("condition", minimum=1)
        planned = row.decimal("planned", minimum=0)
        actual = row.decimal("actual", required=False, minimum=0)
        condition = None
        if grant is not None and number is not None:
            condition = next((c for c in grant.conditions.all() if c.number == number), None)
            if condition is None:
                row.problem(f"grant {grant.code} has no condition {number}")
        if council and grant and year and condition:
            row.check_duplicate(
                seen,
                (council.pk, grant.pk, year, condition.number),
                f"{council.name} {grant.code} {year} condition {condition.number}",
            )
        if row.ok:
            key = (council, grant, year)
            first_line.setdefault(key, row.line)
            parsed.plans[key][condition] = (planned, actual)
            parsed.rows += 1
    errors = table.errors
    for (council, grant, year), lines in parsed.plans.items():
        missing = [c.number for c in grant.conditions.all() if c not in lines]
        if missing:
            errors.append(
                f"Line {first_line[(council, grant, year)]}: {council.name} {grant.code} {year} "
                f"has no row for condition {', '.join(str(n) for n in missing)}."
            )
    if errors or not table.rows:
        from core.csv_import import CsvImportError

        raise CsvImportError(errors or ["The file has no data rows."])
    return parsed
