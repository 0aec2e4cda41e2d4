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
