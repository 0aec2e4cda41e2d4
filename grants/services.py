"""Writes of spending plans: a council's plan entered through the portal, and files loaded by
admins (all rows or none). Atomic and audited."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from audit.actions import AuditAction
from audit.services import audit_record
from core import datacache, errors
from councils.models import Council
from grants import imports
from grants.models import Grant, GrantCondition, SpendingLine, SpendingPlan


class GrantsError(errors.DomainError):
    """A refusal fit to show a user."""


def _write_plan(
    *,
    actor,
    council: Council,
    grant: Grant,
    year: int,
    amounts: dict[GrantCondition, tuple[Decimal, Decimal | None]],
    source_file: str,
) -> tuple[SpendingPlan, dict]:
    plan, _ = SpendingPlan.objects.select_for_update().get_or_create(
        council=council, grant=grant, year=year
    )
    before = {
        line.condition.number: [str(line.planned), str(line.actual)]
        for line in plan.lines.select_related("condition")
    }
    plan.source_file = source_file[:255]
    plan.entered_by = actor if getattr(actor, "is_authenticated", False) else None
    plan.full_clean()
    plan.save()
    plan.lines.all().delete()
    lines = [
        SpendingLine(plan=plan, condition=condition, planned=planned, actual=actual)
        for condition, (planned, actual) in amounts.items()
    ]
    for line in lines:
        line.full_clean(exclude=["plan"])
    SpendingLine.objects.bulk_create(lines)
    after = {c.number: [str(p), str(a)] for c, (p, a) in amounts.items()}
    return plan, {str(k): [before.get(k), after.get(k)] for k in sorted(set(before) | set(after))}


@transaction.atomic
def spending_plan_save(
    *,
    actor,
    council: Council,
    grant: Grant,
    year: int,
    amounts: dict[GrantCondition, tuple[Decimal, Decimal | None]],
) -> SpendingPlan:
    """Create or replace one council's plan for a grant and year: planned (and optionally
    actual) pounds for every condition of the grant. Raises GrantsError when a condition is
    missing or belongs to another grant, or the plan totals nothing. Audited."""
    conditions = set(grant.conditions.all())
    if set(amounts) != conditions:
        raise GrantsError("Give the planned spend for every condition of the grant.", field="lines")
    if sum(planned for planned, _ in amounts.values()) <= 0:
        raise GrantsError("The planned spend must add up to more than £0.", field="lines")
    plan, changes = _write_plan(
        actor=actor,
        council=council,
        grant=grant,
        year=year,
        amounts=amounts,
        source_file="Entered in the portal",
    )
    datacache.data_changed(datacache.NATIONAL_DATA)
    audit_record(actor=actor, action=AuditAction.GRANTS_PLAN_SAVE, target=plan, changes=changes)
    return plan


@transaction.atomic
def spending_plans_import(*, actor, data: bytes | str, source_file: str) -> int:
    """Load a CSV of plans (grants.imports.PLANS_FORMAT): every row checked first, nothing
    loaded if any is wrong (CsvImportError with line numbers). Returns the number of plans
    loaded. One audit record per file."""
    parsed = imports.parse_plans(data)
    for (council, grant, year), amounts in parsed.plans.items():
        _write_plan(
            actor=actor,
            council=council,
            grant=grant,
            year=year,
            amounts=amounts,
            source_file=source_file,
        )
    datacache.data_changed(datacache.NATIONAL_DATA)
    grant = next(iter(parsed.plans))[1]
    audit_record(
        actor=actor,
        action=AuditAction.GRANTS_IMPORT,
        target=grant,
        changes={"plans": [None, len(parsed.plans)], "rows": [None, parsed.rows]},
        note=f"{len(parsed.plans)} plans ({parsed.rows} rows) from {source_file}.",
    )
    return len(parsed.plans)
