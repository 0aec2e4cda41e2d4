"""Writes of the factual accuracy check: challenges (with files), decisions, deadline extensions."""

from __future__ import annotations

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

import policy
from assessments.errors import AssessmentError
from assessments.models import Assessment, AssessmentStatus, QualityStatement
from assessments.services.assessments import locked_assessment
from assessments.services.scores import statement_score_revise
from audit.actions import AuditAction
from audit.services import audit_record, diff, snapshot
from core import uploads
from core.models import PendingUpload
from reviews import notifications
from reviews.models import (
    Challenge,
    ChallengeAttachment,
    ChallengeDecision,
    ChallengeKind,
    DeadlineExtension,
)
from reviews.services.findings import finding_update, summary_update


def challenge_deadline_passed(assessment: Assessment, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return assessment.fa_due_on is not None and today > assessment.fa_due_on


@transaction.atomic
def challenge_raise(
    *,
    actor,
    assessment: Assessment,
    statement: QualityStatement | None,
    kind: str,
    text_challenged: str,
    proposed_correction: str,
    evidence_note: str = "",
    files=(),
) -> Challenge:
    """Record a council's factual accuracy challenge (on a statement, or the summary when
    `statement` is None), with supporting files stored privately.

    Raises AssessmentError outside the factual accuracy check, after its deadline (unless
    extended), or for anyone but a council lead of the council; ValidationError for a file
    that is not allowed. Emails the assessment team after commit.
    """
    assessment = locked_assessment(assessment)
    if assessment.status != AssessmentStatus.FACTUAL_ACCURACY:
        raise AssessmentError(
            "Challenges can be raised only while the draft is with the council for its "
            "factual accuracy check."
        )
    if not policy.can_raise_challenge(actor, assessment):
        raise AssessmentError("Only a council lead of this council can raise a challenge.")
    if challenge_deadline_passed(assessment):
        raise AssessmentError(
            f"The factual accuracy check closed on {assessment.fa_due_on:%-d %B %Y}. New "
            "challenges can be raised only if an admin extends the deadline."
        )
    if statement is not None and statement.framework_id != assessment.framework_id:
        raise AssessmentError("That quality statement is not in this assessment's framework.")
    files = list(files)
    if kind == ChallengeKind.FACTUAL and not files and not evidence_note.strip():
        # CQC: a factually inaccurate statement is challenged "with supporting evidence";
        # typographical errors and omissions keep it optional.
        raise AssessmentError(
            "A challenge that a statement is factually inaccurate needs supporting evidence: "
            "attach a file or give a reference to it.",
            field="evidence_note",
        )
    challenge = Challenge(
        assessment=assessment,
        statement=statement,
        kind=kind,
        text_challenged=text_challenged.strip(),
        proposed_correction=proposed_correction.strip(),
        evidence_note=evidence_note.strip(),
        raised_by=actor,
    )
    try:
        challenge.full_clean()
    except ValidationError as exc:
        raise AssessmentError("; ".join(exc.messages)) from exc
    challenge.save()
    stored: list[str] = []
    names: list[str] = []
    try:
        for uploaded in files:
            if isinstance(uploaded, PendingUpload):  # kept from a failed post of the form
                upload = uploads.pending_adopt(uploaded)  # a rollback keeps it pending
            else:
                upload = uploads.store_upload(uploaded, folder=f"challenges/{assessment.pk}")
                stored.append(upload.stored_name)
            names.append(upload.original_name)
            ChallengeAttachment.objects.create(
                challenge=challenge,
                original_name=upload.original_name,
                stored_name=upload.stored_name,
                content_type=upload.content_type,
                size=upload.size,
                sha256=upload.sha256,
                uploaded_by=actor,
            )
    except Exception:
        for name in stored:  # the rows roll back; the files must not outlive them
            uploads.delete_stored(name)
        raise
    audit_record(
        actor=actor,
        action=AuditAction.CHALLENGE_RAISE,
        target=challenge,
        assessment=assessment,
        changes={
            "statement": [None, str(statement) if statement else "Summary"],
            "kind": [None, kind],
            "text_challenged": [None, challenge.text_challenged],
            "proposed_correction": [None, challenge.proposed_correction],
            "attachments": [None, names],
        },
    )
    transaction.on_commit(partial(notifications.challenge_raised, challenge.pk))
    return challenge


@transaction.atomic
def challenge_decide(
    *,
    actor,
    challenge: Challenge,
    decision: str,
    reason: str = "",
    change_made: str = "",
    finding_values: dict[str, str] | None = None,
    summary_text: str | None = None,
    new_score: int | None = None,
) -> Challenge:
    """Record the team's decision on a pending challenge.

    Accepted needs `change_made` (what was changed); the finding or summary text may be
    changed at the same time through `finding_values` / `summary_text` (audited as edits).
    An accepted challenge to a statement may change its score (`new_score`): the old and new
    scores are kept on the challenge, the change is audited with `change_made` as its reason
    and the draft rating (computed from the scores) follows.
    Not accepted needs a `reason`. Raises AssessmentError outside the factual accuracy check,
    for anyone outside the team, or when the challenge already has a decision. Emails the
    council lead who raised it after commit.
    """
    assessment = locked_assessment(challenge.assessment)
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if assessment.status != AssessmentStatus.FACTUAL_ACCURACY:
        raise AssessmentError("Challenges are decided during the factual accuracy check.")
    if not policy.can_decide_challenge(actor, assessment):
        raise AssessmentError("Only the assessment team can decide a challenge.")
    if challenge.decision != ChallengeDecision.PENDING:
        raise AssessmentError(
            f"This challenge was already decided ({challenge.get_decision_display().lower()})."
        )
    score_change: tuple[int | None, int] | None = None
    if decision == ChallengeDecision.ACCEPTED:
        if not change_made.strip():
            raise AssessmentError("Describe the change made to accept the challenge.")
        if finding_values and challenge.statement is not None:
            finding_update(
                actor=actor,
                assessment=assessment,
                statement=challenge.statement,
                **finding_values,
            )
        if summary_text is not None and challenge.statement is None:
            summary_update(actor=actor, assessment=assessment, summary=summary_text)
        if new_score is not None:
            if challenge.statement is None:
                raise AssessmentError(
                    "Only a challenge to a quality statement can change a score.",
                    field="new_score",
                )
            old, _ = statement_score_revise(
                actor=actor,
                assessment=assessment,
                statement=challenge.statement,
                score=new_score,
                reason=change_made,
                action=AuditAction.SCORE_CHANGE_BY_CHALLENGE,
            )
            if old != new_score:
                score_change = (old, new_score)
    elif decision == ChallengeDecision.NOT_ACCEPTED:
        if not reason.strip():
            raise AssessmentError("Give the reason the challenge is not accepted.")
    else:
        raise AssessmentError("Choose whether the challenge is accepted or not accepted.")
    fields = ("decision", "decision_reason", "change_made", "score_before", "score_after")
    before = snapshot(challenge, fields)
    challenge.decision = decision
    if score_change is not None:
        challenge.score_before, challenge.score_after = score_change
    challenge.decision_reason = reason.strip()
    challenge.change_made = change_made.strip()
    challenge.decided_by = actor
    challenge.decided_at = timezone.now()
    challenge.full_clean()
    challenge.save()
    audit_record(
        actor=actor,
        action=AuditAction.CHALLENGE_DECIDE,
        target=challenge,
        assessment=assessment,
        changes=diff(before, snapshot(challenge, fields)),
    )
    transaction.on_commit(partial(notifications.challenge_decided, challenge.pk))
    return challenge


@transaction.atomic
def deadline_extend(
    *, actor, assessment: Assessment, new_due_on: datetime.date, reason: str
) -> DeadlineExtension:
    """Extend the factual accuracy deadline (admins, during the check), with a reason.

    Raises AssessmentError when not allowed, without a reason, or unless the new date is
    later than both the current deadline and today.
    """
    assessment = locked_assessment(assessment)
    if not policy.can_extend_deadline(actor, assessment):
        raise AssessmentError(
            "Only an admin can extend the deadline, during the factual accuracy check."
        )
    if not reason.strip():
        raise AssessmentError("Give the reason for extending the deadline.")
    today = timezone.localdate()
    if new_due_on <= assessment.fa_due_on or new_due_on < today:
        raise AssessmentError(
            f"The new deadline must be after the current one ({assessment.fa_due_on:%-d %B %Y}) "
            "and not in the past."
        )
    extension = DeadlineExtension(
        assessment=assessment,
        previous_due_on=assessment.fa_due_on,
        new_due_on=new_due_on,
        reason=reason.strip(),
        extended_by=actor,
    )
    extension.full_clean()
    extension.save()
    before = snapshot(assessment, ("fa_due_on",))
    assessment.fa_due_on = new_due_on
    assessment.version += 1
    assessment.save(update_fields=["fa_due_on", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_EXTEND_DEADLINE,
        target=assessment,
        assessment=assessment,
        changes=diff(before, snapshot(assessment, ("fa_due_on",))),
        note=extension.reason,
    )
    return extension
