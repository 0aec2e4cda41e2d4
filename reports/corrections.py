"""Corrections of a published report that actually change the data (issue 16).

A correction records each change (a finding's text, the summary, or a statement's score where
a challenge after publication is upheld) with its reason, applies it to the data, re-freezes
the published result when a score changed, and requests the next published report version,
whose "Corrections" annex lists every change so far. Earlier versions are never rendered
again: their files and SHA-256 stay as they were (`report_render` leaves ready reports alone).
Kept beside the `reports/services/` package, with the same conventions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

import policy
from assessments.models import Assessment, AssessmentStatus, QualityStatement
from assessments.services.assessments import locked_assessment
from assessments.services.scores import assessment_freeze_result, statement_score_revise
from audit.actions import AuditAction
from audit.services import audit_record
from reports.errors import ReportError
from reports.models import CorrectionKind, Report, ReportCorrection, ReportKind
from reports.services import report_request, report_snapshot
from reviews.models import AssessmentSummary, StatementFinding
from reviews.services import FINDING_FIELDS

TEXT_FIELDS = tuple(name for name in FINDING_FIELDS if name != "direction")


@dataclass(frozen=True)
class Change:
    """One requested change: `kind` (CorrectionKind), the statement's number for a finding
    or a score, the finding's `field`, and the new text or score."""

    kind: str
    new_value: str
    statement_number: int | None = None
    field: str = ""


def _statement(assessment: Assessment, number: int | None) -> QualityStatement:
    statement = QualityStatement.objects.filter(
        framework_id=assessment.framework_id, number=number
    ).first()
    if statement is None:
        raise ReportError("Choose a quality statement of this assessment.", field="statement")
    return statement


def _apply(actor, assessment: Assessment, change: Change, reason: str) -> ReportCorrection:
    """Apply one change to the data; returns its unsaved record. Raises ReportError when the
    change would change nothing or is malformed."""
    new = change.new_value.strip()
    if change.kind == CorrectionKind.SUMMARY:
        summary, _ = AssessmentSummary.objects.get_or_create(assessment=assessment)
        old = summary.summary
        if not new or new == old:
            raise ReportError("The corrected summary must differ from the published one.",
                              field="new_value")  # fmt: skip
        summary.summary, summary.updated_by = new, actor
        summary.version += 1
        summary.save()
        return ReportCorrection(kind=change.kind, old_value=old, new_value=new)
    statement = _statement(assessment, change.statement_number)
    if change.kind == CorrectionKind.FINDING:
        if change.field not in TEXT_FIELDS:
            raise ReportError("Choose which part of the finding to correct.", field="field")
        finding, _ = StatementFinding.objects.get_or_create(
            assessment=assessment, statement=statement
        )
        old = getattr(finding, change.field)
        if not new or new == old:
            raise ReportError("The corrected text must differ from the published text.",
                              field="new_value")  # fmt: skip
        setattr(finding, change.field, new)
        finding.updated_by = actor
        finding.version += 1
        finding.save()
        return ReportCorrection(
            kind=change.kind, statement=statement, field=change.field, old_value=old,
            new_value=new,
        )  # fmt: skip
    if change.kind == CorrectionKind.SCORE:
        try:
            score = int(new)
        except ValueError:
            raise ReportError("Choose a score from 1 to 4.", field="new_value") from None
        old, _ = statement_score_revise(
            actor=actor, assessment=assessment, statement=statement, score=score, reason=reason,
            action=AuditAction.SCORE_CHANGE_BY_CORRECTION,
        )  # fmt: skip
        if old == score:
            raise ReportError("The corrected score must differ from the published one.",
                              field="new_value")  # fmt: skip
        return ReportCorrection(
            kind=change.kind, statement=statement, old_value=str(old or ""), new_value=str(score)
        )
    raise ReportError("Choose what the correction changes.", field="kind")


@transaction.atomic
def report_correct(*, actor, assessment: Assessment, reason: str, changes: list[Change]) -> Report:
    """Correct a published assessment: apply `changes` (at least one, each changing the
    data), record them with `reason`, re-freeze the result if a score changed, and request
    the next published report version carrying them in its "Corrections" annex.

    Raises ReportError (with `field` when one input is at fault) before publication, for
    anyone but the team or admins, without a reason or changes, or for a change that
    changes nothing; nothing is saved then.
    """
    assessment = locked_assessment(assessment)
    if assessment.status != AssessmentStatus.PUBLISHED:
        raise ReportError("Only a published assessment's report can be corrected.")
    if not policy.can_request_published_report(actor, assessment):
        raise ReportError("Only the assessment team or an admin can correct the report.")
    if not Report.objects.filter(assessment=assessment, kind=ReportKind.PUBLISHED).exists():
        raise ReportError("There is no published report to correct yet.")
    reason = reason.strip()
    if not reason:
        raise ReportError("Enter the reason for the correction.", field="reason")
    if not changes:
        raise ReportError("Say what the correction changes.", field="kind")
    records = [_apply(actor, assessment, change, reason) for change in changes]
    if any(record.kind == CorrectionKind.SCORE for record in records):
        before = (assessment.published_percentage, assessment.published_rating)
        assessment_freeze_result(assessment=assessment)
        assessment.version += 1
        assessment.save(update_fields=["published_percentage", "published_rating", "version",
                                       "updated_at"])  # fmt: skip
        audit_record(
            actor=actor, action=AuditAction.SCORE_CHANGE_BY_CORRECTION, target=assessment,
            assessment=assessment,
            changes={"published_percentage": [before[0], assessment.published_percentage],
                     "published_rating": [before[1], assessment.published_rating]},
            note=reason,
        )  # fmt: skip
    for record in records:
        record.assessment, record.reason, record.made_by = assessment, reason, actor
        record.full_clean(exclude=["report"])
        record.save()
    report = report_request(
        actor=actor,
        assessment=assessment,
        kind=ReportKind.PUBLISHED,
        correction_reason=reason,
        snapshot=False,
    )
    ReportCorrection.objects.filter(pk__in=[r.pk for r in records]).update(report=report)
    report_snapshot(report)  # with its own corrections in the annex
    audit_record(
        actor=actor,
        action=AuditAction.REPORT_CORRECTION_RECORD,
        target=report,
        assessment=assessment,
        changes={
            "corrections": [None, [
                {"kind": r.kind, "statement": str(r.statement or ""), "field": r.field,
                 "old": r.old_value[:200], "new": r.new_value[:200]} for r in records
            ]],
        },
        note=reason,
    )  # fmt: skip
    return report


def corrections_for(report: Report) -> list[ReportCorrection]:
    """Every correction carried by this published version or an earlier one, oldest first."""
    if report.kind != ReportKind.PUBLISHED:
        return []
    return list(
        ReportCorrection.objects.filter(
            assessment_id=report.assessment_id, report__version__lte=report.version,
            report__kind=ReportKind.PUBLISHED,
        )
        .select_related("statement", "report")
        .order_by("made_at", "pk")
    )  # fmt: skip
