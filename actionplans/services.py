"""Writes of the improvement action plan (issue 16): atomic, audited against the assessment,
refusals as ActionPlanError with a message fit to show (and `field` when one input is at
fault)."""

from __future__ import annotations

import datetime

from django.db import transaction

import policy
from actionplans.models import ActionStatus, ImprovementAction, ProgressNote
from assessments.errors import AssessmentError
from assessments.models import Assessment, QualityStatement
from audit.actions import AuditAction
from audit.services import audit_record, diff, snapshot

AUDITED = ("action", "owner", "due_on", "status")


class ActionPlanError(AssessmentError):
    """An action plan rule refused the change."""


def _check(actor, assessment: Assessment) -> None:
    if not policy.can_edit_action_plan(actor, assessment):
        raise ActionPlanError(
            "Only a council lead of this council records its action plan, after publication."
        )


@transaction.atomic
def action_add(
    *,
    actor,
    assessment: Assessment,
    statement: QualityStatement | None,
    action: str,
    owner: str,
    due_on: datetime.date,
) -> ImprovementAction:
    """Record an action against a finding (or the report as a whole when `statement` is
    None)."""
    _check(actor, assessment)
    if statement is not None and statement.framework_id != assessment.framework_id:
        raise ActionPlanError("Choose a quality statement of this assessment.", field="statement")
    if not action.strip():
        raise ActionPlanError("Describe the action.", field="action")
    if not owner.strip():
        raise ActionPlanError("Say who owns the action.", field="owner")
    row = ImprovementAction(
        assessment=assessment, statement=statement, action=action.strip(), owner=owner.strip(),
        due_on=due_on, created_by=actor,
    )  # fmt: skip
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        action=AuditAction.ACTION_PLAN_ADD,
        target=row,
        assessment=assessment,
        changes=diff(dict.fromkeys(AUDITED), snapshot(row, AUDITED)),
    )
    return row


@transaction.atomic
def action_update(
    *,
    actor,
    action: ImprovementAction,
    status: str | None = None,
    due_on: datetime.date | None = None,
    owner: str | None = None,
    note: str = "",
) -> ImprovementAction:
    """Change an action's status, due date or owner and/or add a progress note; something
    must change."""
    action = ImprovementAction.objects.select_for_update().get(pk=action.pk)
    _check(actor, action.assessment)
    before = snapshot(action, AUDITED)
    if status is not None:
        if status not in ActionStatus.values:
            raise ActionPlanError("Choose a status.", field="status")
        action.status = status
    if due_on is not None:
        action.due_on = due_on
    if owner is not None and owner.strip():
        action.owner = owner.strip()
    changes = diff(before, snapshot(action, AUDITED))
    note = note.strip()
    if not changes and not note:
        raise ActionPlanError("Change the status or add a progress note.", field="note")
    action.version += 1
    action.full_clean()
    action.save()
    if note:
        ProgressNote.objects.create(action=action, text=note, written_by=actor)
        changes["progress_note"] = [None, note]
    audit_record(
        actor=actor,
        action=AuditAction.ACTION_PLAN_UPDATE,
        target=action,
        assessment=action.assessment,
        changes=changes,
    )
    return action
