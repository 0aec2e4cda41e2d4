"""Moving an assessment through the workflow: the only way its status changes."""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

import policy
from assessments import workflow
from assessments.errors import AssessmentError
from assessments.models import Assessment, StatusTransition
from assessments.services.assessments import AUDITED_FIELDS, check_version, locked_assessment
from audit.actions import AuditAction
from audit.services import audit_record, diff, snapshot


def _check_preconditions(assessment: Assessment, action: workflow.Action, note: str) -> None:
    if action.note_required and not note.strip():
        raise AssessmentError(f"{action.note_missing}.")
    problem = action.problem(assessment)
    if problem:
        raise AssessmentError(problem)


def assessment_transition_problem(*, assessment: Assessment, action: str) -> str:
    """Why `action` would be refused for the data as it stands (empty when it would not),
    so a page can say so before the user tries: the map's `requires`. Notes are not checked."""
    return workflow.get_action(action).problem(assessment)


@transaction.atomic
def assessment_transition(
    *,
    actor,
    assessment: Assessment,
    action: str,
    note: str = "",
    on: datetime.date | None = None,
    expected_version: int | None = None,
) -> StatusTransition:
    """Move the assessment through the workflow by `action` (a name in workflow.ACTIONS).

    Checks the transition map, the actor's role (policy.can_make_transition), the note
    and the action's `requires`; applies its `on_enter` effects as of `on` (today by default;
    the demo passes historic dates) and saves; records a StatusTransition and an audit event;
    runs its `then` effects and sends its `notify` emails after commit. Raises
    AssessmentError with the reason when refused (StaleVersionError when `expected_version`
    is not the assessment's current version).
    """
    try:
        spec = workflow.get_action(action)
    except workflow.UnknownAction:
        raise AssessmentError(f"“{action}” is not a step of the assessment process.") from None
    assessment = locked_assessment(assessment)
    check_version(assessment.version, expected_version)
    status_label = assessment.get_status_display().lower()
    if assessment.status not in spec.from_statuses:
        raise AssessmentError(
            f"You cannot “{spec.label.lower()}” while the assessment is {status_label}."
        )
    if not policy.can_make_transition(actor, assessment, spec.roles):
        raise AssessmentError(f"Only {spec.roles_label} can “{spec.label.lower()}”.")
    note = note.strip()
    _check_preconditions(assessment, spec, note)

    step = workflow.Step(actor=actor, note=note, on=on or timezone.localdate())
    before = snapshot(assessment, AUDITED_FIELDS)
    from_status = assessment.status
    assessment.status = spec.to_status
    for effect in spec.on_enter:
        effect(assessment, step)
    assessment.version += 1
    assessment.full_clean(validate_constraints=False)
    assessment.save()

    recorded = [text for text in (record(assessment) for record in spec.records) if text]
    transition = StatusTransition.objects.create(
        assessment=assessment,
        from_status=from_status,
        to_status=assessment.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note="\n\n".join([note, *recorded]) if note else "\n\n".join(recorded),
    )
    if on is not None and on != timezone.localdate():
        # A historic step (demo, imports): the timeline shows the day it took effect.
        transition.at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
        StatusTransition.objects.filter(pk=transition.pk).update(at=transition.at)
    audit_record(
        actor=actor,
        action=AuditAction.of_workflow_step(spec.name),
        target=assessment,
        assessment=assessment,
        changes=diff(before, snapshot(assessment, AUDITED_FIELDS)),
        note=note,
    )
    for effect in spec.then:
        effect(assessment, step)
    for notify in spec.notify:
        transaction.on_commit(partial(notify, assessment.pk))
    return transition
