"""Reads of the audit trail."""

from django.db.models import QuerySet

from audit.models import AuditEvent


def assessment_history(*, assessment) -> QuerySet:
    """Every audit event recorded against an assessment (its evidence, scores, findings,
    challenges and status included), newest first, with who did it."""
    return (
        AuditEvent.objects.filter(assessment=assessment)
        .select_related("actor", "target_type")
        .order_by("-at", "-pk")
    )
