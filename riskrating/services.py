"""A council's statement beside its public risk rating."""

from __future__ import annotations

from django.db import transaction

from audit.actions import AuditAction
from audit.services import audit_record
from councils.models import Council
from riskrating.models import RiskStatement


@transaction.atomic
def risk_statement_save(*, actor, council: Council, text: str) -> RiskStatement:
    """Create or replace the council's public statement. Audited."""
    statement, created = RiskStatement.objects.select_for_update().get_or_create(
        council=council, defaults={"text": text}
    )
    before = "" if created else statement.text
    statement.text = text
    statement.synthetic = False
    statement.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    statement.full_clean()
    statement.save()
    audit_record(
        actor=actor,
        action=AuditAction.RISK_STATEMENT_SAVE,
        target=statement,
        changes={"text": [before, text]},
    )
    return statement
