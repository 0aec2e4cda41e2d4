"""Writes that decide when a draft may be published (issue 16): the council's confirmation
that ends the factual accuracy check early, an admin's recorded override, and pre-election
publication pauses. The rules that read them are `reviews.selectors.publication_problem` and
the `publish` step's `requires` in `assessments/workflow.py`."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

import policy
from assessments.errors import AssessmentError
from assessments.models import Assessment, AssessmentStatus
from assessments.services.assessments import locked_assessment
from audit.actions import AuditAction
from audit.services import audit_record
from reviews import selectors
from reviews.models import (
    ConfirmationKind,
    FactualAccuracyConfirmation,
    PublicationOverride,
    PublicationPause,
)


@transaction.atomic
def factual_accuracy_confirm(
    *, actor, assessment: Assessment, kind: str
) -> FactualAccuracyConfirmation:
    """A council lead confirms "no comments" or "all our comments are in" for the draft as
    sent, which ends the check early (publication may then go ahead before the deadline).

    Idempotent: a second confirmation of the same sending returns the first. Raises
    AssessmentError outside the check or for anyone but a council lead of the council.
    """
    assessment = locked_assessment(assessment)
    if assessment.status != AssessmentStatus.FACTUAL_ACCURACY:
        raise AssessmentError("The council confirms during the factual accuracy check.")
    if not policy.can_confirm_factual_accuracy(actor, assessment):
        raise AssessmentError("Only a council lead of this council can confirm.")
    if kind not in ConfirmationKind.values:
        raise AssessmentError("Choose what you are confirming.", field="kind")
    existing = FactualAccuracyConfirmation.objects.filter(
        assessment=assessment, sent_on=assessment.fa_sent_on
    ).first()
    if existing is not None:
        return existing
    confirmation = FactualAccuracyConfirmation(
        assessment=assessment, kind=kind, sent_on=assessment.fa_sent_on, confirmed_by=actor
    )
    confirmation.full_clean()
    confirmation.save()
    audit_record(
        actor=actor,
        action=AuditAction.FA_CONFIRM,
        target=confirmation,
        assessment=assessment,
        changes={"kind": [None, kind], "sent_on": [None, assessment.fa_sent_on.isoformat()]},
    )
    return confirmation


@transaction.atomic
def publication_override_record(
    *, actor, assessment: Assessment, reason: str
) -> PublicationOverride:
    """An admin authorises publication before the factual accuracy deadline without the
    council's confirmation; the reason is recorded, audited and shown on the assessment.

    Raises AssessmentError outside the check, for anyone but an admin, or without a reason.
    """
    assessment = locked_assessment(assessment)
    if not policy.can_override_publication(actor, assessment):
        raise AssessmentError(
            "Only an admin can authorise early publication, during the factual accuracy check."
        )
    reason = reason.strip()
    if not reason:
        raise AssessmentError("Give the reason for publishing before the deadline.", field="reason")
    # One authorisation per sending: a repeated post (a double click) returns the first.
    existing = PublicationOverride.objects.filter(
        assessment=assessment, sent_on=assessment.fa_sent_on
    ).first()
    if existing is not None:
        return existing
    override = PublicationOverride(
        assessment=assessment, sent_on=assessment.fa_sent_on, reason=reason, decided_by=actor
    )
    override.full_clean()
    override.save()
    audit_record(
        actor=actor,
        action=AuditAction.PUBLICATION_OVERRIDE,
        target=override,
        assessment=assessment,
        changes={"reason": [None, reason]},
        note=reason,
    )
    return override


@transaction.atomic
def publication_pause_create(
    *,
    actor,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    councils=(),
) -> PublicationPause:
    """Define a pre-election period in which publishing is refused: for every council (no
    `councils` given) or the named ones. Admins only; raises AssessmentError otherwise or
    when the dates are reversed or the name is empty."""
    if not policy.can_manage_publication_pauses(actor):
        raise AssessmentError("Only an admin can define publication pauses.")
    name = name.strip()
    if not name:
        raise AssessmentError("Enter the name of the period.", field="name")
    if ends_on < starts_on:
        raise AssessmentError("The period must end on or after its first day.", field="ends_on")
    councils = list(councils)
    pause = PublicationPause(
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        all_councils=not councils,
        created_by=actor,
    )
    pause.full_clean()
    pause.save()
    pause.councils.set(councils)
    audit_record(
        actor=actor,
        action=AuditAction.PUBLICATION_PAUSE_CREATE,
        target=pause,
        changes={
            "name": [None, name],
            "starts_on": [None, starts_on.isoformat()],
            "ends_on": [None, ends_on.isoformat()],
            "councils": [None, [c.name for c in councils] or "all councils"],
        },
    )
    return pause


@transaction.atomic
def publication_pause_end(
    *, actor, pause: PublicationPause, today: datetime.date | None = None
) -> PublicationPause | None:
    """End a pre-election publication pause early (admins): one not begun yet is removed
    (returns None); one under way ends yesterday, so publishing may go ahead today (returns
    the pause). Audited either way with its dates. Raises AssessmentError for anyone but an
    admin, or for a pause already over (it stays as the record of the period)."""
    if not policy.can_manage_publication_pauses(actor):
        raise AssessmentError("Only an admin can end publication pauses.")
    today = today or timezone.localdate()
    pause = PublicationPause.objects.select_for_update().get(pk=pause.pk)
    ending = selectors.publication_pause_ending(pause=pause, today=today)
    if ending == selectors.PAUSE_OVER:
        raise AssessmentError(
            f"{pause.name} ended on {pause.ends_on:%-d %B %Y}: a period that is over stays "
            "as the record of when publishing was paused."
        )
    before = {"starts_on": pause.starts_on.isoformat(), "ends_on": pause.ends_on.isoformat()}
    if ending == selectors.PAUSE_REMOVE:
        audit_record(
            actor=actor,
            action=AuditAction.PUBLICATION_PAUSE_END,
            target=pause,
            changes={key: [value, None] for key, value in before.items()},
            note=f"{pause.name} removed before it began.",
        )
        pause.delete()
        return None
    pause.ends_on = today - datetime.timedelta(days=1)
    pause.full_clean()
    pause.save(update_fields=["ends_on"])
    audit_record(
        actor=actor,
        action=AuditAction.PUBLICATION_PAUSE_END,
        target=pause,
        changes={"ends_on": [before["ends_on"], pause.ends_on.isoformat()]},
        note=f"{pause.name} ended early.",
    )
    return pause
