"""Writes to assessments. Every state-changing service is atomic, takes actor= and is audited."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import policy
from assessments import notifications, scoring, workflow, working_days
from assessments.models import (
    SCORING_STATUSES,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    AssessmentSummary,
    CategoryScore,
    Challenge,
    ChallengeAttachment,
    ChallengeDecision,
    DeadlineExtension,
    QualityStatement,
    StatementCategory,
    StatementFinding,
    StatementScore,
    StatusTransition,
)
from assessments.selectors import current_framework
from audit.actions import AuditAction
from audit.services import audit_record, diff, snapshot
from core import datacache, errors, uploads
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


class AssessmentError(errors.DomainError):
    """A domain rule refused the change; the message is fit to show to the user."""


class StaleVersionError(AssessmentError, errors.StaleVersionError):
    """Someone else changed the row since the user read it (optimistic concurrency)."""


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
        action=AuditAction.ASSESSMENT_CREATE,
        target=assessment,
        assessment=assessment,
        changes={
            name: [None, value] for name, value in snapshot(assessment, AUDITED_FIELDS).items()
        },
    )
    return assessment


class StaleAssessmentError(StaleVersionError):
    """The assessment changed since the user opened it; `current` is it as now stored."""

    def __init__(self, current: Assessment):
        super().__init__(
            "This assessment was changed by someone else since you opened it. "
            "Your changes have not been saved.",
            current=current,
        )


@transaction.atomic
def assessment_update(
    *,
    actor,
    assessment: Assessment,
    version: int,
    notified_on: datetime.date | None,
    site_visit_on: datetime.date | None,
    lead_assessor,
    assessors=(),
) -> Assessment:
    """Change an open assessment's dates and team, as opened by the user at `version`.

    Raises StaleAssessmentError when it changed since (nothing is saved), AssessmentError when
    it is published or withdrawn or the site visit is before notification.
    """
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if current.version != version:
        raise StaleAssessmentError(current)
    if current.status in (AssessmentStatus.PUBLISHED, AssessmentStatus.WITHDRAWN):
        raise AssessmentError(
            f"A {current.get_status_display().lower()} assessment cannot be changed."
        )
    if notified_on and site_visit_on and site_visit_on < notified_on:
        raise AssessmentError(
            "The site visit must be on or after the date the council was notified."
        )
    before = snapshot(current, AUDITED_FIELDS)
    current.notified_on = notified_on
    current.site_visit_on = site_visit_on
    current.lead_assessor = lead_assessor
    current.full_clean(validate_constraints=False)
    current.version = version + 1
    current.save()
    current.assessors.set(assessors)
    changes = diff(before, snapshot(current, AUDITED_FIELDS))
    audit_record(
        actor=actor,
        action=AuditAction.ASSESSMENT_UPDATE,
        target=current,
        assessment=current,
        changes=changes,
    )
    return current


# ---- statement scores --------------------------------------------------------------------

SCORE_AUDITED_FIELDS = ("score", "rationale", "scored_by")
STALE_SCORE_MESSAGE = (
    "Someone else changed this score while you were editing it. "
    "Check the current score and rationale, then try again."
)


def _check_can_score(*, actor, assessment: Assessment, statement: QualityStatement) -> None:
    if assessment.status not in SCORING_STATUSES:
        raise AssessmentError(
            "Scores can be set only during scoring and drafting or quality assurance; this "
            f"assessment is at {assessment.get_status_display().lower()}."
        )
    if not policy.acts_for_team(actor, assessment):
        raise AssessmentError("Only the assessment team can score this assessment.")
    if statement.framework_id != assessment.framework_id:
        raise AssessmentError("That quality statement is not part of this assessment's framework.")


def _locked_score(
    *, assessment: Assessment, statement: QualityStatement, expected_version: int | None
) -> tuple[StatementScore, dict]:
    """The statement's score row, locked, after the optimistic concurrency check.

    `expected_version` is the version the user saw (0 when there was no score yet); None
    skips the check (seeding, imports).
    """
    score_row = (
        StatementScore.objects.select_for_update()
        .filter(assessment=assessment, statement=statement)
        .first()
    )
    seen_version = score_row.version if score_row else 0
    if expected_version is not None and expected_version != seen_version:
        raise StaleVersionError(STALE_SCORE_MESSAGE)
    if score_row is None:
        score_row = StatementScore(assessment=assessment, statement=statement, version=0)
        before = dict.fromkeys(SCORE_AUDITED_FIELDS)
    else:
        before = snapshot(score_row, SCORE_AUDITED_FIELDS)
    return score_row, before


def _save_score(*, score_row: StatementScore) -> None:
    score_row.version += 1
    score_row.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            score_row.save()
    except IntegrityError as exc:  # a concurrent first score for the same statement won
        raise StaleVersionError(STALE_SCORE_MESSAGE) from exc


def _clean_rationale(rationale: str) -> str:
    rationale = (rationale or "").strip()
    if not rationale:
        raise AssessmentError("Enter the rationale for the score.")
    return rationale


@transaction.atomic
def statement_score_set(
    *,
    actor,
    assessment: Assessment,
    statement: QualityStatement,
    score: int,
    rationale: str,
    expected_version: int | None = None,
) -> StatementScore:
    """Set one quality statement's score (1-4) with its written rationale.

    Only in scoring and drafting or quality assurance, by the team, under the current rule
    (the earlier rule scores evidence categories: `category_score_set`). Raises
    AssessmentError on any refusal, a bad score or a stale `expected_version`. Audited with
    the score, rationale and scorer before and after.
    """
    _check_can_score(actor=actor, assessment=assessment, statement=statement)
    if assessment.scoring_rule == scoring.CATEGORY_SCORES.code:
        raise AssessmentError(
            "This assessment is scored under the earlier rule: score each evidence category."
        )
    try:
        score = scoring.validate_score(score)
    except scoring.ScoringError as exc:
        raise AssessmentError("Choose a score from 1 to 4.") from exc
    rationale = _clean_rationale(rationale)
    score_row, before = _locked_score(
        assessment=assessment, statement=statement, expected_version=expected_version
    )
    score_row.score = score
    score_row.rationale = rationale
    score_row.scored_by = actor
    score_row.scored_at = timezone.now()
    _save_score(score_row=score_row)
    audit_record(
        actor=actor,
        action=AuditAction.SCORE_SET,
        target=score_row,
        assessment=assessment,
        changes=diff(before, snapshot(score_row, SCORE_AUDITED_FIELDS)),
    )
    return score_row


@transaction.atomic
def category_score_set(
    *,
    actor,
    assessment: Assessment,
    statement: QualityStatement,
    category_scores: Mapping[str, int | None],
    rationale: str,
    expected_version: int | None = None,
) -> StatementScore:
    """Earlier rule: score a statement's evidence categories (code -> 1-4, None to clear).

    The statement score follows from them through the rating bands and is stored with the
    rationale. Every category that applies to the statement and is required (people's
    experience) must be scored; categories that do not apply are refused. Raises
    AssessmentError; audited with the category scores and statement score before and after.
    """
    _check_can_score(actor=actor, assessment=assessment, statement=statement)
    if assessment.scoring_rule != scoring.CATEGORY_SCORES.code:
        raise AssessmentError(
            "This assessment is scored under the current rule: score the statement itself."
        )
    applicable = {
        link.category.code: link
        for link in StatementCategory.objects.filter(
            statement=statement, category__in_use=True
        ).select_related("category")
    }
    unknown = sorted(set(category_scores) - set(applicable))
    if unknown:
        raise AssessmentError(
            f"These evidence categories do not apply to this statement: {', '.join(unknown)}."
        )
    cleaned: dict[str, int | None] = {}
    for code, value in category_scores.items():
        if value is None:
            cleaned[code] = None
            continue
        try:
            cleaned[code] = scoring.validate_score(value)
        except scoring.ScoringError as exc:
            name = applicable[code].category.name
            raise AssessmentError(f"Choose a score from 1 to 4 for {name.lower()}.") from exc
    for code, link in applicable.items():
        if link.required and cleaned.get(code) is None:
            raise AssessmentError(
                f"Score {link.category.name.lower()}: it is required for every statement."
            )
    rationale = _clean_rationale(rationale)
    score_row, before = _locked_score(
        assessment=assessment, statement=statement, expected_version=expected_version
    )
    existing = {
        row.category.code: row
        for row in CategoryScore.objects.select_for_update()
        .filter(assessment=assessment, statement=statement)
        .select_related("category")
    }
    before["categories"] = {code: row.score for code, row in sorted(existing.items())}
    now = timezone.now()
    for code, value in cleaned.items():
        row = existing.get(code)
        if value is None:
            if row is not None:
                row.delete()
                del existing[code]
            continue
        if row is None:
            row = CategoryScore(
                assessment=assessment, statement=statement, category=applicable[code].category
            )
        if row.score != value or row.pk is None:
            row.score = value
            row.scored_by = actor
            row.scored_at = now
            row.full_clean(validate_constraints=False)
            row.save()
        existing[code] = row
    category_values = {code: row.score for code, row in sorted(existing.items())}
    score_row.score = scoring.statement_score_from_categories(category_values)
    score_row.rationale = rationale
    score_row.scored_by = actor
    score_row.scored_at = now
    _save_score(score_row=score_row)
    after = snapshot(score_row, SCORE_AUDITED_FIELDS)
    after["categories"] = category_values
    audit_record(
        actor=actor,
        action=AuditAction.SCORE_SET_CATEGORIES,
        target=score_row,
        assessment=assessment,
        changes=diff(before, after),
    )
    return score_row


def assessment_freeze_result(*, assessment: Assessment) -> scoring.OverallResult:
    """Compute the overall result under the assessment's rule and copy it onto the frozen
    `published_percentage` / `published_rating` fields (the caller saves and audits).

    Used by publication and by the import of published results. Raises AssessmentError
    unless every quality statement of the framework is scored. Marks the published results
    as changed, so the national table is recomputed after commit.
    """
    statement_count = QualityStatement.objects.filter(framework_id=assessment.framework_id).count()
    scores = dict(
        StatementScore.objects.filter(assessment=assessment, score__isnull=False).values_list(
            "statement__number", "score"
        )
    )
    if len(scores) < statement_count:
        missing = statement_count - len(scores)
        raise AssessmentError(
            f"Every quality statement must be scored first: {missing} not yet scored."
        )
    result = scoring.overall_result(scores, rule_version=assessment.scoring_rule)
    assessment.published_percentage = result.percentage
    assessment.published_rating = result.rating
    datacache.data_changed(datacache.PUBLISHED_RESULTS)
    return result


# ---- published results -------------------------------------------------------------------


class ResultsImportError(AssessmentError):
    """A results file with bad rows: nothing was loaded. `errors` names each bad line."""

    def __init__(self, errors: list[str]):
        super().__init__(f"Nothing was loaded: {len(errors)} problem(s) in the file.")
        self.errors = errors


IMPORTED_RATIONALE = "Published score, loaded from the published results."


@transaction.atomic
def published_results_import(*, actor, text: str, source: str = "") -> list[Assessment]:
    """Load a CSV of published results (see results_import.RESULTS_CSV_FORMAT).

    Each row becomes a published, imported formal assessment with its nine statement scores
    and its frozen percentage and rating. Every row is checked first: any bad row raises
    ResultsImportError listing all of them and nothing is loaded. Each assessment is audited.
    """
    from assessments.results_import import parse_results_csv

    parsed = parse_results_csv(text)
    if parsed.errors:
        raise ResultsImportError(parsed.errors)
    framework = current_framework()
    statements = {s.number: s for s in QualityStatement.objects.filter(framework=framework)}
    now = timezone.now()
    note = f"Imported from published results{f' ({source})' if source else ''}."
    created: list[Assessment] = []
    for row in parsed.rows:
        assessment = Assessment(
            council=row.council,
            framework=framework,
            kind=AssessmentKind.FORMAL,
            status=AssessmentStatus.PUBLISHED,
            scoring_rule=scoring.rule_for_date(row.published_on).code,
            published_on=row.published_on,
            imported=True,
        )
        assessment.full_clean(validate_constraints=False)
        assessment.save()
        score_rows = [
            StatementScore(
                assessment=assessment,
                statement=statements[number],
                score=score,
                rationale=IMPORTED_RATIONALE,
                scored_by=actor,
                scored_at=now,
            )
            for number, score in sorted(row.scores.items())
        ]
        for score_row in score_rows:
            score_row.full_clean(validate_constraints=False)
        StatementScore.objects.bulk_create(score_rows)
        result = assessment_freeze_result(assessment=assessment)
        if result.rating != row.rating:  # parse_results_csv checked this; never load a mismatch
            raise ResultsImportError([f"Line {row.line}: the rating disagrees with the scores."])
        assessment.save(update_fields=["published_percentage", "published_rating"])
        StatusTransition.objects.create(
            assessment=assessment,
            from_status="",
            to_status=AssessmentStatus.PUBLISHED,
            actor=actor,
            note=note,
        )
        audit_record(
            actor=actor,
            action=AuditAction.ASSESSMENT_IMPORT,
            target=assessment,
            assessment=assessment,
            changes={
                "published_on": [None, row.published_on.isoformat()],
                "published_rating": [None, result.rating],
                "published_percentage": [None, result.percentage],
                "scores": [None, [row.scores[n] for n in sorted(row.scores)]],
            },
            note=note,
        )
        created.append(assessment)
    return created


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
        raise AssessmentError(f"{action.note_missing}.")
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

    Checks the transition map and the actor's role (policy.can_make_transition) and the
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
    assessment = _locked(assessment)
    _check_version(assessment.version, expected_version)
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
        action=AuditAction.of_workflow_step(spec.name),
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
        raise StaleVersionError(
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
            action=AuditAction.FINDING_UPDATE,
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
        action=AuditAction.CHALLENGE_DECIDE,
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
        action=AuditAction.ASSESSMENT_EXTEND_DEADLINE,
        target=assessment,
        assessment=assessment,
        changes=diff(before, snapshot(assessment, ("fa_due_on",))),
        note=extension.reason,
    )
    return extension
