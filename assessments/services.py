"""Writes to assessments. Every state-changing service is atomic, takes actor= and is audited."""

from __future__ import annotations

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments import notifications, scoring, workflow, working_days
from assessments.models import (
    SCORING_STATUSES,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    AssessmentSummary,
    Challenge,
    ChallengeAttachment,
    ChallengeDecision,
    DeadlineExtension,
    QualityStatement,
    StatementFinding,
    StatementScore,
    StatusTransition,
)
from assessments.selectors import assessment_scores, current_framework
from core import policy, uploads
from core.audit import audit_record, diff, snapshot
from councils.models import Council

AUDITED_FIELDS = (
    "kind",
    "status",
    "scoring_rule",
    "notified_on",
    "site_visit_on",
    "fa_sent_on",
    "fa_due_on",
    "published_on",
    "lead_assessor",
    "assessors",
    "withdrawn_reason",
)


class AssessmentError(Exception):
    """A domain rule refused the change; the message is fit to show to the user."""


@transaction.atomic
def assessment_create(
    *,
    actor,
    council: Council,
    kind: str = AssessmentKind.FORMAL,
    lead_assessor=None,
    assessors=(),
    notified_on: datetime.date | None = None,
    site_visit_on: datetime.date | None = None,
    scoring_rule: str | None = None,
) -> Assessment:
    """Open a new assessment of `council` under the current framework, status planned.

    Raises AssessmentError when the council already has an open assessment (the database
    enforces the same rule). The scoring rule defaults to the one in force on the notified
    date (or today).
    """
    if (
        Assessment.objects.filter(council=council)
        .exclude(status__in=[AssessmentStatus.PUBLISHED, AssessmentStatus.WITHDRAWN])
        .exists()
    ):
        raise AssessmentError(f"{council.name} already has an open assessment.")
    rule = scoring_rule or scoring.rule_for_date(notified_on or datetime.date.today()).code
    assessment = Assessment(
        council=council,
        framework=current_framework(),
        kind=kind,
        lead_assessor=lead_assessor,
        notified_on=notified_on,
        site_visit_on=site_visit_on,
        scoring_rule=rule,
    )
    assessment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as exc:  # a concurrent create won the race
        raise AssessmentError(f"{council.name} already has an open assessment.") from exc
    assessment.assessors.set(assessors)
    StatusTransition.objects.create(
        assessment=assessment, from_status="", to_status=assessment.status, actor=actor
    )
    audit_record(
        actor=actor,
        action="assessment.create",
        target=assessment,
        assessment=assessment,
        changes={
            name: [None, value] for name, value in snapshot(assessment, AUDITED_FIELDS).items()
        },
    )
    return assessment


# ---- scores (the smallest version the workflow needs; the scoring pages build on it) --------


@transaction.atomic
def statement_score_set(
    *, actor, assessment: Assessment, statement: QualityStatement, score: int, rationale: str
) -> StatementScore:
    """Set the 1-4 score and rationale of one quality statement.

    Raises AssessmentError unless the assessment is in scoring and drafting or quality
    assurance and `actor` may score it (scores are frozen from the factual accuracy check on).
    """
    assessment = _locked(assessment)
    if assessment.status not in SCORING_STATUSES:
        raise AssessmentError(
            f"Scores cannot be changed while the assessment is "
            f"{assessment.get_status_display().lower()}."
        )
    if not policy.can_score(actor, assessment):
        raise AssessmentError("Only the assessment team can score this assessment.")
    try:
        scoring.validate_score(score)
    except scoring.ScoringError as exc:
        raise AssessmentError(str(exc)) from exc
    row, created = StatementScore.objects.get_or_create(assessment=assessment, statement=statement)
    before = {} if created else snapshot(row, ("score", "rationale"))
    row.score, row.rationale = score, rationale
    row.scored_by, row.scored_at = actor, timezone.now()
    if not created:
        row.version += 1
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        action="score.set",
        target=row,
        assessment=assessment,
        changes=diff(before, snapshot(row, ("score", "rationale"))),
    )
    return row


# ---- workflow --------------------------------------------------------------------------


def _locked(assessment: Assessment) -> Assessment:
    """Re-read the assessment under a row lock so concurrent changes queue up."""
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("council", "framework")
        .get(pk=assessment.pk)
    )


def assessment_scores_complete(assessment: Assessment) -> tuple[int, int]:
    """(statements scored, statements in the framework)."""
    total = QualityStatement.objects.filter(framework_id=assessment.framework_id).count()
    scored = StatementScore.objects.filter(assessment=assessment, score__isnull=False).count()
    return scored, total


def _require_scored(assessment: Assessment, what: str) -> None:
    scored, total = assessment_scores_complete(assessment)
    if scored < total:
        raise AssessmentError(
            f"Score every quality statement before you {what}: {total - scored} of {total} "
            "are not scored yet."
        )


def _check_preconditions(assessment: Assessment, action: workflow.Action, note: str) -> None:
    if action.note_required and not note.strip():
        raise AssessmentError(f"Enter the {action.note_label.lower().rstrip('?')}.")
    if action.name == "submit_for_qa":
        _require_scored(assessment, "submit for quality assurance")
    elif action.name == "send_for_factual_accuracy":
        _require_scored(assessment, "send the draft to the council")
        summary = AssessmentSummary.objects.filter(assessment=assessment).first()
        if summary is None or not summary.summary.strip():
            raise AssessmentError("Write the summary before you send the draft to the council.")
    elif action.name == "publish":
        _require_scored(assessment, "publish")
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


def published_result(assessment: Assessment) -> scoring.OverallResult:
    """The overall result under the assessment's own scoring rule version."""
    return scoring.overall_result(assessment_scores(assessment=assessment), assessment.scoring_rule)


@transaction.atomic
def assessment_transition(
    *,
    actor,
    assessment: Assessment,
    action: str,
    note: str = "",
    on: datetime.date | None = None,
) -> StatusTransition:
    """Move the assessment through the workflow by `action` (a name in workflow.ACTIONS).

    Checks the transition map and the actor's role (core.policy.can_make_transition) and the
    action's preconditions; records a StatusTransition and an audit event; sets the dates the
    action implies (factual accuracy sent and due, published) as of `on` (today by default;
    the demo passes historic dates). Publishing freezes the result and requests the published
    report. Emails go out after commit. Raises AssessmentError with the reason when refused.
    """
    try:
        spec = workflow.get_action(action)
    except workflow.UnknownAction:
        raise AssessmentError(f"“{action}” is not a step of the assessment process.") from None
    assessment = _locked(assessment)
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
        result = published_result(assessment)
        assessment.published_on = today
        assessment.published_percentage = result.percentage
        assessment.published_rating = result.rating or ""
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


# ---- findings --------------------------------------------------------------------------

FINDING_FIELDS = ("people_told_us", "strengths", "areas_for_development", "direction")


def _require_findings_editable(actor, assessment: Assessment) -> None:
    if assessment.status == AssessmentStatus.PUBLISHED:
        raise AssessmentError("This assessment is published: its findings can no longer change.")
    if assessment.status == AssessmentStatus.WITHDRAWN:
        raise AssessmentError("This assessment was withdrawn: its findings can no longer change.")
    if assessment.status not in (*SCORING_STATUSES, AssessmentStatus.FACTUAL_ACCURACY):
        raise AssessmentError("Findings are written from scoring and drafting on.")
    if not policy.can_edit_findings(actor, assessment):
        raise AssessmentError("Only the assessment team can change the findings.")


def _check_version(current: int, expected: int | None) -> None:
    if expected is not None and expected != current:
        raise AssessmentError(
            "Someone else changed this since you opened the page. Reload it to see their "
            "change, then make yours again."
        )


@transaction.atomic
def summary_update(
    *, actor, assessment: Assessment, summary: str, expected_version: int | None = None
) -> AssessmentSummary:
    """Write the assessment's summary. Audited with before and after.

    Raises AssessmentError once published or withdrawn, before scoring, for anyone outside
    the team, or when `expected_version` shows a concurrent change.
    """
    assessment = _locked(assessment)
    _require_findings_editable(actor, assessment)
    row, created = AssessmentSummary.objects.get_or_create(assessment=assessment)
    if not created:
        _check_version(row.version, expected_version)
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
            action="summary.update",
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
    assessment = _locked(assessment)
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
        _check_version(row.version, expected_version)
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
            action="finding.update",
            target=row,
            assessment=assessment,
            changes=changes,
        )
    return row


# ---- factual accuracy ------------------------------------------------------------------


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
    assessment = _locked(assessment)
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
        action="challenge.raise",
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
) -> Challenge:
    """Record the team's decision on a pending challenge.

    Accepted needs `change_made` (what was changed); the finding or summary text may be
    changed at the same time through `finding_values` / `summary_text` (audited as edits).
    Not accepted needs a `reason`. Raises AssessmentError outside the factual accuracy check,
    for anyone outside the team, or when the challenge already has a decision. Emails the
    council lead who raised it after commit.
    """
    assessment = _locked(challenge.assessment)
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if assessment.status != AssessmentStatus.FACTUAL_ACCURACY:
        raise AssessmentError("Challenges are decided during the factual accuracy check.")
    if not policy.can_decide_challenge(actor, assessment):
        raise AssessmentError("Only the assessment team can decide a challenge.")
    if challenge.decision != ChallengeDecision.PENDING:
        raise AssessmentError(
            f"This challenge was already decided ({challenge.get_decision_display().lower()})."
        )
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
    elif decision == ChallengeDecision.NOT_ACCEPTED:
        if not reason.strip():
            raise AssessmentError("Give the reason the challenge is not accepted.")
    else:
        raise AssessmentError("Choose whether the challenge is accepted or not accepted.")
    before = snapshot(challenge, ("decision", "decision_reason", "change_made"))
    challenge.decision = decision
    challenge.decision_reason = reason.strip()
    challenge.change_made = change_made.strip()
    challenge.decided_by = actor
    challenge.decided_at = timezone.now()
    challenge.full_clean()
    challenge.save()
    audit_record(
        actor=actor,
        action="challenge.decide",
        target=challenge,
        assessment=assessment,
        changes=diff(before, snapshot(challenge, ("decision", "decision_reason", "change_made"))),
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
    assessment = _locked(assessment)
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
        action="assessment.extend_deadline",
        target=assessment,
        assessment=assessment,
        changes=diff(before, snapshot(assessment, ("fa_due_on",))),
        note=extension.reason,
    )
    return extension
