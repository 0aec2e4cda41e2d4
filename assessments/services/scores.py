"""Statement scores (current rule) and evidence category scores (earlier rule), and the
result frozen at publication."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone

import policy
from assessments import scoring
from assessments.errors import AssessmentError, StaleVersionError
from assessments.models import (
    SCORING_STATUSES,
    Assessment,
    CategoryScore,
    QualityStatement,
    StatementCategory,
    StatementScore,
)
from audit.actions import AuditAction
from audit.services import audit_record, diff, snapshot
from core import datacache

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


@transaction.atomic
def statement_score_revise(
    *,
    actor,
    assessment: Assessment,
    statement: QualityStatement,
    score: int,
    reason: str,
    action: AuditAction,
) -> tuple[int | None, StatementScore]:
    """Change a statement's score outside scoring (issue 16): an accepted factual accuracy
    challenge or a correction after publication. The caller has checked who may and when;
    this records the new score with the reason as its rationale, audited as `action`.

    Returns (old score, the score row). Raises AssessmentError for a bad score, an empty
    reason or a statement outside the framework.
    """
    if statement.framework_id != assessment.framework_id:
        raise AssessmentError("That quality statement is not part of this assessment's framework.")
    try:
        score = scoring.validate_score(score)
    except scoring.ScoringError as exc:
        raise AssessmentError("Choose a score from 1 to 4.", field="new_score") from exc
    reason = (reason or "").strip()
    if not reason:
        raise AssessmentError("Give the reason the score changes.", field="reason")
    score_row, before = _locked_score(
        assessment=assessment, statement=statement, expected_version=None
    )
    old = score_row.score if score_row.pk else None
    score_row.score = score
    score_row.rationale = (
        f"{score_row.rationale}\n\nChanged from {old} to {score}: {reason}".strip()
    )
    score_row.scored_by = actor
    score_row.scored_at = timezone.now()
    _save_score(score_row=score_row)
    audit_record(
        actor=actor,
        action=action,
        target=score_row,
        assessment=assessment,
        changes=diff(before, snapshot(score_row, SCORE_AUDITED_FIELDS)),
        note=reason,
    )
    return old, score_row
