"""Moving an assessment through the workflow: the only way its status changes."""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from assessments import notifications, workflow, working_days
from assessments.errors import AssessmentError
from assessments.models import Assessment, StatusTransition
from assessments.services.assessments import AUDITED_FIELDS, check_version, locked_assessment
from assessments.services.scores import assessment_freeze_result, assessment_scores_complete
from core import policy
from core.audit import audit_record, diff, snapshot


def _require_scored(assessment: Assessment, what: str) -> None:
    scored, total = assessment_scores_complete(assessment)
    if scored < total:
        raise AssessmentError(
            f"Score every quality statement before you {what}: {total - scored} of {total} "
            "are not scored yet."
        )


def _check_preconditions(assessment: Assessment, action: workflow.Action, note: str) -> None:
    if action.note_required and not note.strip():
        raise AssessmentError(f"{action.note_missing}.")
    if action.name == "submit_for_qa":
        _require_scored(assessment, "submit for quality assurance")
    elif action.name == "send_for_factual_accuracy":
        from reviews.models import AssessmentSummary

        _require_scored(assessment, "send the draft to the council")
        summary = AssessmentSummary.objects.filter(assessment=assessment).first()
        if summary is None or not summary.summary.strip():
            raise AssessmentError("Write the summary before you send the draft to the council.")
    elif action.name == "publish":
        _require_scored(assessment, "publish")
        from reviews.models import ChallengeDecision

        pending = assessment.challenges.filter(decision=ChallengeDecision.PENDING).count()
        if pending:
            raise AssessmentError(
                f"Every challenge needs a decision before publication: {pending} "
                f"{'is' if pending == 1 else 'are'} still awaiting one."
            )


def assessment_transition_problem(*, assessment: Assessment, action: str) -> str:
    """Why `action` would be refused for the data as it stands (empty when it would not),
    so a page can say so before the user tries. Notes are not checked here."""
    spec = workflow.get_action(action)
    try:
        _check_preconditions(assessment, spec, note="(not checked)")
    except AssessmentError as exc:
        return str(exc)
    return ""


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

    Checks the transition map and the actor's role (core.policy.can_make_transition) and the
    action's preconditions; records a StatusTransition and an audit event; sets the dates the
    action implies (factual accuracy sent and due, published) as of `on` (today by default;
    the demo passes historic dates). Publishing freezes the result and requests the published
    report. Emails go out after commit. Raises AssessmentError with the reason when refused
    (StaleVersionError when `expected_version` is not the assessment's current version).
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

    today = on or timezone.localdate()
    before = snapshot(assessment, AUDITED_FIELDS)
    from_status = assessment.status
    assessment.status = spec.to_status
    if spec.name == "send_for_factual_accuracy":
        assessment.fa_sent_on = today
        assessment.fa_due_on = working_days.factual_accuracy_due(today)
    elif spec.name == "publish":
        assessment_freeze_result(assessment=assessment)
        assessment.published_on = today
    elif spec.name == "withdraw":
        assessment.withdrawn_reason = note
    assessment.version += 1
    assessment.full_clean(validate_constraints=False)
    assessment.save()

    transition = StatusTransition.objects.create(
        assessment=assessment,
        from_status=from_status,
        to_status=assessment.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )
    if on is not None and on != timezone.localdate():
        # A historic step (demo, imports): the timeline shows the day it took effect.
        transition.at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
        StatusTransition.objects.filter(pk=transition.pk).update(at=transition.at)
    audit_record(
        actor=actor,
        action=f"assessment.{spec.name}",
        target=assessment,
        assessment=assessment,
        changes=diff(before, snapshot(assessment, AUDITED_FIELDS)),
        note=note,
    )
    if spec.name == "publish":
        from reports.services import report_request

        report_request(actor=actor, assessment=assessment, kind="published")
    notify = {
        "send_for_factual_accuracy": notifications.draft_sent,
        "publish": notifications.assessment_published,
    }.get(spec.name)
    if notify is not None:
        transaction.on_commit(partial(notify, assessment.pk))
    return transition
