"""Writes of the findings and the summary (the team, from scoring until publication)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

import policy
from assessments.errors import AssessmentError
from assessments.models import OPEN_FOR_FINDINGS, Assessment, AssessmentStatus, QualityStatement
from assessments.services.assessments import check_version, locked_assessment
from audit.actions import AuditAction
from audit.services import audit_record, diff, snapshot
from reviews.models import (
    AssessmentSummary,
    StatementFinding,
)

FINDING_FIELDS = ("people_told_us", "strengths", "areas_for_development", "direction")


def _require_findings_editable(actor, assessment: Assessment) -> None:
    if assessment.status == AssessmentStatus.PUBLISHED:
        raise AssessmentError("This assessment is published: its findings can no longer change.")
    if assessment.status == AssessmentStatus.WITHDRAWN:
        raise AssessmentError("This assessment was withdrawn: its findings can no longer change.")
    if assessment.status not in OPEN_FOR_FINDINGS:
        raise AssessmentError("Findings are written from scoring and drafting on.")
    if not policy.can_edit_findings(actor, assessment):
        raise AssessmentError("Only the assessment team can change the findings.")


@transaction.atomic
def summary_update(
    *, actor, assessment: Assessment, summary: str, expected_version: int | None = None
) -> AssessmentSummary:
    """Write the assessment's summary. Audited with before and after.

    Raises AssessmentError once published or withdrawn, before scoring, for anyone outside
    the team, or when `expected_version` shows a concurrent change.
    """
    assessment = locked_assessment(assessment)
    _require_findings_editable(actor, assessment)
    row, created = AssessmentSummary.objects.get_or_create(assessment=assessment)
    if not created:
        check_version(row.version, expected_version)
    before = {} if created else snapshot(row, ("summary",))
    row.summary = summary.strip()
    row.updated_by = actor
    if not created:
        row.version += 1
    row.full_clean()
    row.save()
    changes = diff(before, snapshot(row, ("summary",)))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.SUMMARY_UPDATE,
            target=row,
            assessment=assessment,
            changes=changes,
        )
    return row


@transaction.atomic
def finding_update(
    *,
    actor,
    assessment: Assessment,
    statement: QualityStatement,
    expected_version: int | None = None,
    **values: str,
) -> StatementFinding:
    """Write the findings of one quality statement (any of FINDING_FIELDS). Audited.

    Raises AssessmentError as `summary_update`, or for a statement of another framework.
    """
    assessment = locked_assessment(assessment)
    _require_findings_editable(actor, assessment)
    if statement.framework_id != assessment.framework_id:
        raise AssessmentError("That quality statement is not in this assessment's framework.")
    unknown = set(values) - set(FINDING_FIELDS)
    if unknown:
        raise AssessmentError(f"Unknown findings fields: {', '.join(sorted(unknown))}.")
    row, created = StatementFinding.objects.get_or_create(
        assessment=assessment, statement=statement
    )
    if not created:
        check_version(row.version, expected_version)
    before = {} if created else snapshot(row, FINDING_FIELDS)
    for name, value in values.items():
        setattr(row, name, value.strip() if name != "direction" else value)
    row.updated_by = actor
    if not created:
        row.version += 1
    try:
        row.full_clean()
    except ValidationError as exc:
        raise AssessmentError("; ".join(exc.messages)) from exc
    row.save()
    changes = diff(before, snapshot(row, FINDING_FIELDS))
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.FINDING_UPDATE,
            target=row,
            assessment=assessment,
            changes=changes,
        )
    return row
