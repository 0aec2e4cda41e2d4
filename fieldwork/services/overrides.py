"""The lead assessor's recorded override of the people's-experience rule (quality assurance
is otherwise refused while a statement has no people's-experience evidence)."""

from __future__ import annotations

from django.db import transaction

import policy
from assessments.models import Assessment
from assessments.services.assessments import locked_assessment
from audit.actions import AuditAction
from audit.services import audit_record
from fieldwork import selectors
from fieldwork.errors import FieldworkError
from fieldwork.models import PeoplesExperienceOverride


@transaction.atomic
def peoples_experience_override_record(
    *, actor, assessment: Assessment, reason: str
) -> PeoplesExperienceOverride:
    """Record, with the reason, that the assessment may be submitted for quality assurance
    although some statements have no people's-experience evidence. The lead assessor only,
    during scoring; refused when nothing is missing. The audit event (with the reason) shows
    in the assessment's timeline. Raises FieldworkError."""
    assessment = locked_assessment(assessment)
    if not policy.can_override_peoples_experience(actor, assessment):
        raise FieldworkError(
            "Only the lead assessor can record this, while the assessment is in scoring."
        )
    reason = (reason or "").strip()
    if not reason:
        raise FieldworkError(
            "Enter why the assessment can go to quality assurance without this evidence",
            field="reason",
        )
    lacking = selectors.statements_without_peoples_experience(assessment=assessment)
    if not lacking:
        raise FieldworkError(
            "Every statement has people's experience evidence: no override is needed."
        )
    override = PeoplesExperienceOverride.objects.create(
        assessment=assessment,
        reason=reason,
        statements_without=[statement.number for statement in lacking],
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.PEOPLES_EXPERIENCE_OVERRIDE,
        target=assessment,
        assessment=assessment,
        changes={"statements_without": [None, override.statements_without]},
        note=reason,
    )
    return override
