"""Writes to assessments. Every state-changing service is atomic, takes actor= and is audited."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments import scoring
from assessments.models import (
    SCORING_STATUSES,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    CategoryScore,
    QualityStatement,
    StatementCategory,
    StatementScore,
    StatusTransition,
)
from assessments.selectors import current_framework
from core import policy
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


class StaleAssessmentError(AssessmentError):
    """The assessment changed since the user opened it; `current` is it as now stored."""

    def __init__(self, current: Assessment):
        super().__init__(
            "This assessment was changed by someone else since you opened it. "
            "Your changes have not been saved."
        )
        self.current = current


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
        action="assessment.update",
        target=current,
        assessment=current,
        changes=changes,
    )
    return current


# ---- workflow (the smallest part the scoring demo needs; the review issue owns the rest) ----

# Allowed moves and who may make each ("admin", "team", "lead_assessor"; see policy).
TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    AssessmentStatus.PLANNED: {
        AssessmentStatus.EVIDENCE_GATHERING: frozenset({"admin", "lead_assessor"}),
    },
    AssessmentStatus.EVIDENCE_GATHERING: {
        AssessmentStatus.SCORING: frozenset({"admin", "lead_assessor"}),
    },
    AssessmentStatus.SCORING: {
        AssessmentStatus.QUALITY_ASSURANCE: frozenset({"admin", "lead_assessor"}),
    },
}


@transaction.atomic
def assessment_transition(*, actor, assessment: Assessment, to_status: str, note: str = "") -> None:
    """Move an assessment to `to_status` along the allowed map, recording the timeline.

    Raises AssessmentError when the move is not allowed from the current status or the
    actor holds none of the roles the move needs. Audited with the status before and after.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    allowed_roles = TRANSITIONS.get(assessment.status, {}).get(to_status)
    if allowed_roles is None:
        raise AssessmentError(
            f"An assessment cannot move from {assessment.get_status_display().lower()} to "
            f"{AssessmentStatus(to_status).label.lower()}."
        )
    if not policy.can_make_transition(actor, assessment, allowed_roles):
        raise AssessmentError("You cannot make that change to this assessment.")
    from_status = assessment.status
    assessment.status = to_status
    assessment.version += 1
    assessment.full_clean(validate_constraints=False)
    assessment.save(update_fields=["status", "version", "updated_at"])
    StatusTransition.objects.create(
        assessment=assessment, from_status=from_status, to_status=to_status, actor=actor, note=note
    )
    audit_record(
        actor=actor,
        action="assessment.transition",
        target=assessment,
        assessment=assessment,
        changes={"status": [from_status, to_status]},
        note=note,
    )


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
        raise AssessmentError(STALE_SCORE_MESSAGE)
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
        raise AssessmentError(STALE_SCORE_MESSAGE) from exc


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
        action="score.set",
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
        action="score.set_categories",
        target=score_row,
        assessment=assessment,
        changes=diff(before, after),
    )
    return score_row


def assessment_freeze_result(*, assessment: Assessment) -> scoring.OverallResult:
    """Compute the overall result under the assessment's rule and copy it onto the frozen
    `published_percentage` / `published_rating` fields (the caller saves and audits).

    Used by publication and by the import of published results. Raises AssessmentError
    unless every quality statement of the framework is scored.
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
            action="assessment.import",
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
