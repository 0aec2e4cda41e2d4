"""Writes of the calibration panel (issue 16). Each is atomic, takes actor=, asks the policy
and is audited against the assessment (so the panel's history shows on the assessment page);
refusals raise CalibrationError with a message fit to show."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

import policy
from assessments.errors import AssessmentError
from assessments.models import Assessment, QualityStatement, StatementScore
from assessments.selectors import assessment_scores_complete
from assessments.services.assessments import locked_assessment
from assessments.services.scores import statement_score_revise
from audit.actions import AuditAction
from audit.services import audit_record, diff, snapshot
from calibration.models import (
    CalibrationPanel,
    Membership,
    PanelMember,
    PanelOutcome,
    PanelStatus,
)


class CalibrationError(AssessmentError):
    """A calibration rule refused the change; the message is fit to show to the user."""


def _panel(assessment: Assessment) -> CalibrationPanel:
    panel, _ = CalibrationPanel.objects.select_for_update().get_or_create(assessment=assessment)
    return panel


def _refuse_if_signed_off(panel: CalibrationPanel) -> None:
    if panel.is_signed_off:
        raise CalibrationError("The panel has signed off. Propose the scores again to reopen it.")


@transaction.atomic
def panel_save(
    *, actor, assessment: Assessment, meeting_on: datetime.date | None, chair
) -> CalibrationPanel:
    """Set the panel's meeting date and chair (the lead assessor or an admin, at quality
    assurance, before sign-off). The chair must be an assessor or an admin."""
    assessment = locked_assessment(assessment)
    if not policy.can_manage_calibration(actor, assessment):
        raise CalibrationError(
            "Only the lead assessor or an admin can prepare the panel, at quality assurance."
        )
    panel = _panel(assessment)
    _refuse_if_signed_off(panel)
    if chair is not None and not (policy.is_assessor(chair) or policy.is_admin(chair)):
        raise CalibrationError("The chair must be an assessor or an admin.", field="chair")
    before = snapshot(panel, ("meeting_on", "chair"))
    panel.meeting_on = meeting_on
    panel.chair = chair
    panel.full_clean()
    panel.save()
    audit_record(
        actor=actor,
        action=AuditAction.CALIBRATION_PANEL_SAVE,
        target=panel,
        assessment=assessment,
        changes=diff(before, snapshot(panel, ("meeting_on", "chair"))),
    )
    return panel


@transaction.atomic
def panel_member_add(
    *, actor, assessment: Assessment, name: str, role: str, membership: str
) -> PanelMember:
    """Add a member (internal or external, by name and role) to the panel."""
    assessment = locked_assessment(assessment)
    if not policy.can_manage_calibration(actor, assessment):
        raise CalibrationError(
            "Only the lead assessor or an admin can prepare the panel, at quality assurance."
        )
    panel = _panel(assessment)
    _refuse_if_signed_off(panel)
    if not name.strip():
        raise CalibrationError("Enter the member's name.", field="name")
    if not role.strip():
        raise CalibrationError("Enter the member's role.", field="role")
    if membership not in Membership.values:
        raise CalibrationError("Choose internal or external.", field="membership")
    member = PanelMember(panel=panel, name=name.strip(), role=role.strip(), membership=membership)
    member.full_clean()
    member.save()
    audit_record(
        actor=actor,
        action=AuditAction.CALIBRATION_MEMBER_ADD,
        target=member,
        assessment=assessment,
        changes={"name": [None, member.name], "role": [None, member.role],
                 "membership": [None, membership]},
    )  # fmt: skip
    return member


@transaction.atomic
def panel_member_remove(*, actor, assessment: Assessment, member: PanelMember) -> None:
    """Remove a member from the panel (the lead assessor or an admin, at quality assurance,
    before sign-off). The removal is audited with the member's name and role, so the panel's
    timeline still shows who was on it. Raises CalibrationError otherwise, or when the member
    is not on this assessment's panel."""
    assessment = locked_assessment(assessment)
    if not policy.can_manage_calibration(actor, assessment):
        raise CalibrationError(
            "Only the lead assessor or an admin can change the panel, at quality assurance."
        )
    panel = _panel(assessment)
    _refuse_if_signed_off(panel)
    member = PanelMember.objects.filter(pk=member.pk, panel=panel).first()
    if member is None:
        raise CalibrationError("That person is not a member of this panel.")
    audit_record(
        actor=actor,
        action=AuditAction.CALIBRATION_MEMBER_REMOVE,
        target=member,
        assessment=assessment,
        changes={"name": [member.name, None], "role": [member.role, None],
                 "membership": [member.membership, None]},
        note=f"{member.name}, {member.role}",
    )  # fmt: skip
    member.delete()


@transaction.atomic
def panel_propose(*, actor, assessment: Assessment) -> CalibrationPanel:
    """The lead assessor proposes the current scores to the panel: one outcome per statement
    with its proposed score (earlier outcomes are replaced and any sign-off is cleared).

    Raises CalibrationError unless every statement is scored.
    """
    assessment = locked_assessment(assessment)
    if not policy.can_manage_calibration(actor, assessment):
        raise CalibrationError(
            "Only the lead assessor or an admin can propose scores, at quality assurance."
        )
    scored, total = assessment_scores_complete(assessment=assessment)
    if scored < total:
        raise CalibrationError(
            f"Score every quality statement first: {total - scored} of {total} not scored."
        )
    panel = _panel(assessment)
    panel.outcomes.all().delete()
    scores = StatementScore.objects.filter(assessment=assessment, score__isnull=False)
    PanelOutcome.objects.bulk_create(
        PanelOutcome(panel=panel, statement_id=row.statement_id, proposed_score=row.score)
        for row in scores
    )
    before = snapshot(panel, ("status",))
    panel.status = PanelStatus.PROPOSED
    panel.proposed_by = actor
    panel.proposed_at = timezone.now()
    panel.signed_off_by = None
    panel.signed_off_at = None
    panel.full_clean()
    panel.save()
    audit_record(
        actor=actor,
        action=AuditAction.CALIBRATION_PROPOSE,
        target=panel,
        assessment=assessment,
        changes={
            **diff(before, snapshot(panel, ("status",))),
            "proposed": [None, {str(r.statement_id): r.score for r in scores}],
        },
    )
    return panel


@transaction.atomic
def panel_outcome_record(
    *,
    actor,
    assessment: Assessment,
    statement: QualityStatement,
    agreed_score: int,
    reason: str = "",
) -> PanelOutcome:
    """The chair records the panel's agreed score for one statement; a change needs its
    reason and changes the statement's score (audited as a calibration change)."""
    assessment = locked_assessment(assessment)
    if not policy.can_record_calibration_outcome(actor, assessment):
        raise CalibrationError("Only the panel's chair or an admin can record the outcome.")
    panel = _panel(assessment)
    _refuse_if_signed_off(panel)
    outcome = panel.outcomes.select_for_update().filter(statement=statement).first()
    if panel.status != PanelStatus.PROPOSED or outcome is None:
        raise CalibrationError("The lead assessor has not proposed scores to the panel yet.")
    if agreed_score not in (1, 2, 3, 4):
        raise CalibrationError("Choose a score from 1 to 4.", field="agreed_score")
    reason = reason.strip()
    if agreed_score != outcome.proposed_score and not reason:
        raise CalibrationError("Give the reason the panel changed the score.", field="reason")
    fields = ("agreed_score", "reason")
    before = snapshot(outcome, fields)
    outcome.agreed_score = agreed_score
    outcome.reason = reason
    outcome.recorded_by = actor
    outcome.recorded_at = timezone.now()
    outcome.full_clean()
    outcome.save()
    current = StatementScore.objects.filter(assessment=assessment, statement=statement).first()
    if current is None or current.score != agreed_score:
        statement_score_revise(
            actor=actor,
            assessment=assessment,
            statement=statement,
            score=agreed_score,
            reason=f"Calibration panel: {reason or 'score confirmed'}",
            action=AuditAction.SCORE_CHANGE_BY_CALIBRATION,
        )
    audit_record(
        actor=actor,
        action=AuditAction.CALIBRATION_OUTCOME,
        target=outcome,
        assessment=assessment,
        changes={"statement": [None, str(statement)], **diff(before, snapshot(outcome, fields))},
    )
    return outcome


@transaction.atomic
def panel_sign_off(*, actor, assessment: Assessment) -> CalibrationPanel:
    """The chair signs the panel off once it has a meeting date, at least one member and an
    agreed score for every statement; the draft may then be sent to the council."""
    assessment = locked_assessment(assessment)
    if not policy.can_record_calibration_outcome(actor, assessment):
        raise CalibrationError("Only the panel's chair or an admin can sign the panel off.")
    panel = _panel(assessment)
    _refuse_if_signed_off(panel)
    if panel.status != PanelStatus.PROPOSED:
        raise CalibrationError("The lead assessor has not proposed scores to the panel yet.")
    if panel.meeting_on is None:
        raise CalibrationError("Record the panel's meeting date first.")
    if not panel.members.exists():
        raise CalibrationError("Add the panel's members first.")
    open_count = panel.outcomes.filter(agreed_score__isnull=True).count()
    if open_count:
        raise CalibrationError(
            f"Record the agreed score of every statement first: {open_count} still open."
        )
    panel.status = PanelStatus.SIGNED_OFF
    panel.signed_off_by = actor
    panel.signed_off_at = timezone.now()
    panel.full_clean()
    panel.save()
    changed = panel.outcomes.exclude(agreed_score=F("proposed_score")).count()
    audit_record(
        actor=actor,
        action=AuditAction.CALIBRATION_SIGN_OFF,
        target=panel,
        assessment=assessment,
        changes={"status": [PanelStatus.PROPOSED, PanelStatus.SIGNED_OFF]},
        note=f"{changed} score(s) changed by the panel.",
    )
    return panel
