"""Loading published results (assessments made elsewhere) from a CSV."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from assessments import scoring
from assessments.errors import ResultsImportError
from assessments.models import (
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    QualityStatement,
    StatementScore,
    StatusTransition,
)
from assessments.selectors import current_framework
from assessments.services.scores import assessment_freeze_result
from audit.actions import AuditAction
from audit.services import audit_record
from core import datacache

IMPORTED_RATIONALE = "Published score, loaded from the published results."


@transaction.atomic
def published_results_import(*, actor, text: str, source: str = "") -> list[Assessment]:
    """Load a CSV of published results (see results_import.RESULTS_CSV_FORMAT).

    Each formal row becomes a published, imported formal assessment with its nine statement
    scores and its frozen percentage and rating. Each pilot row becomes a published, imported
    pilot (indicative) with only its score counts: CQC did not publish which statement had
    which score, so none is invented. The publication date keeps its precision (month or
    day). Every row is checked first: any bad row raises ResultsImportError listing all of
    them and nothing is loaded. Each assessment is audited.
    """
    from assessments.results_import import parse_results_csv

    parsed = parse_results_csv(text)
    if parsed.errors:
        raise ResultsImportError(parsed.errors)
    framework = current_framework()
    statements = {s.number: s for s in QualityStatement.objects.filter(framework=framework)}
    note = f"Imported from published results{f' ({source})' if source else ''}."
    created: list[Assessment] = []
    for row in parsed.rows:
        assessment = Assessment(
            council=row.council,
            framework=framework,
            kind=AssessmentKind.PILOT if row.is_pilot else AssessmentKind.FORMAL,
            status=AssessmentStatus.PUBLISHED,
            scoring_rule=scoring.rule_for_date(row.published_on).code,
            published_on=row.published_on,
            published_precision=row.precision,
            imported=True,
            score_counts=(
                {str(score): n for score, n in row.score_counts.items()} if row.is_pilot else None
            ),
        )
        assessment.full_clean(validate_constraints=False)
        assessment.save()
        if row.is_pilot:
            result = _freeze_counted_result(assessment=assessment, scores=row.all_scores())
        else:
            _import_statement_scores(
                actor=actor, assessment=assessment, statements=statements, scores=row.scores
            )
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
                "published_on": [None, assessment.published_iso],
                "published_rating": [None, result.rating],
                "published_percentage": [None, result.percentage],
                ("score_counts" if row.is_pilot else "scores"): [
                    None,
                    assessment.score_counts if row.is_pilot else row.all_scores(),
                ],
            },
            note=note,
        )
        created.append(assessment)
    return created


def _import_statement_scores(*, actor, assessment, statements, scores: dict[int, int]) -> None:
    now = timezone.now()
    score_rows = [
        StatementScore(
            assessment=assessment,
            statement=statements[number],
            score=score,
            rationale=IMPORTED_RATIONALE,
            scored_by=actor,
            scored_at=now,
        )
        for number, score in sorted(scores.items())
    ]
    for score_row in score_rows:
        score_row.full_clean(validate_constraints=False)
    StatementScore.objects.bulk_create(score_rows)


def _freeze_counted_result(*, assessment: Assessment, scores: list[int]) -> scoring.OverallResult:
    """A pilot's frozen result from its score counts: the percentage needs only the sum, so
    which statement had which score (not published) does not matter."""
    result = scoring.overall_result(dict(enumerate(scores, start=1)))
    assessment.published_percentage = result.percentage
    assessment.published_rating = result.rating
    datacache.data_changed(datacache.PUBLISHED_RESULTS)
    return result
