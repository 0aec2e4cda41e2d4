"""Reads of assessments: lists scoped by the permission policy, results and history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from assessments import scoring
from assessments.models import (
    Assessment,
    AssessmentStatus,
    AssessmentSummary,
    Challenge,
    ChallengeDecision,
    DeadlineExtension,
    Framework,
    QualityStatement,
    StatementFinding,
    StatementScore,
    StatusTransition,
)
from core import policy
from core.models import AuditEvent


def current_framework() -> Framework:
    return Framework.objects.get(code="cqc-la", is_current=True)


def framework_statements(*, framework: Framework) -> QuerySet:
    return QualityStatement.objects.filter(framework=framework).select_related("theme")


def assessment_queryset() -> QuerySet:
    """Assessments with what their pages and the policy need, in a fixed number of queries."""
    return Assessment.objects.select_related(
        "council", "framework", "lead_assessor"
    ).prefetch_related("assessors")


def assessment_list_for_user(*, user, status: str = "", council_id: int | None = None) -> QuerySet:
    """The assessments `user` may see, newest first, optionally filtered."""
    assessments = policy.visible_assessments(user, assessment_queryset())
    if status:
        assessments = assessments.filter(status=status)
    if council_id:
        assessments = assessments.filter(council_id=council_id)
    return assessments.order_by("-created_at")


def assessment_scores(*, assessment: Assessment) -> dict[int, int | None]:
    """Statement number -> score (None when not yet scored), for every statement."""
    scores = dict.fromkeys(
        QualityStatement.objects.filter(framework_id=assessment.framework_id).values_list(
            "number", flat=True
        )
    )
    for number, score in StatementScore.objects.filter(assessment=assessment).values_list(
        "statement__number", "score"
    ):
        scores[number] = score
    return scores


def assessment_result(*, assessment: Assessment) -> scoring.OverallResult:
    """The overall result from the statement scores under the assessment's rule version.

    Published assessments keep the result frozen at publication.
    """
    if assessment.is_published and assessment.published_rating:
        percentage = assessment.published_percentage
        return scoring.OverallResult(
            percentage=percentage,
            display_percentage=(
                None if percentage is None else scoring.round_half_up_float(percentage)
            ),
            rating=assessment.published_rating,
            scored=9,
            total=9,
        )
    return scoring.overall_result(assessment_scores(assessment=assessment))


@dataclass(frozen=True)
class HistoryRow:
    assessment: Assessment
    result: scoring.OverallResult
    change: int | None  # percentage points since the previous published assessment


def council_assessment_history(*, council, user) -> list[HistoryRow]:
    """The council's assessments the user may see, newest first, with the change in
    percentage points from the previous published one."""
    assessments = list(
        assessment_list_for_user(user=user, council_id=council.pk).prefetch_related(
            Prefetch("scores", queryset=StatementScore.objects.select_related("statement"))
        )
    )
    rows: list[HistoryRow] = []
    for assessment in assessments:
        if assessment.is_published and assessment.published_rating:
            result = assessment_result(assessment=assessment)
        else:
            result = scoring.overall_result(
                {s.statement.number: s.score for s in assessment.scores.all()}
            )
        rows.append(HistoryRow(assessment, result, None))
    published = [row for row in rows if row.assessment.is_published]
    published.sort(key=lambda row: row.assessment.published_on)
    changes = {}
    for previous, current in zip(published, published[1:], strict=False):
        if previous.result.display_percentage is not None and current.result.display_percentage:
            changes[current.assessment.pk] = (
                current.result.display_percentage - previous.result.display_percentage
            )
    return [HistoryRow(row.assessment, row.result, changes.get(row.assessment.pk)) for row in rows]


def national_rating_counts() -> dict[str, int]:
    """How many councils hold each rating, from each council's latest published assessment."""
    latest = latest_published_assessments()
    counts = dict.fromkeys(scoring.RATING_LABELS, 0)
    for row in latest.values("published_rating").annotate(n=Count("pk")):
        if row["published_rating"] in counts:
            counts[row["published_rating"]] = row["n"]
    return counts


def latest_published_assessments() -> QuerySet:
    """Each council's most recent published assessment (a rating changes only through a new
    assessment; earlier ones are history)."""
    from django.db.models import OuterRef, Subquery

    newest = (
        Assessment.objects.filter(council=OuterRef("council"), status=AssessmentStatus.PUBLISHED)
        .order_by("-published_on", "-pk")
        .values("pk")[:1]
    )
    return Assessment.objects.filter(
        status=AssessmentStatus.PUBLISHED, pk=Subquery(newest)
    ).select_related("council")


# ---- workflow, findings and factual accuracy ---------------------------------------------


def assessment_timeline(*, assessment: Assessment) -> QuerySet:
    """The assessment's recorded status moves in the order they were made."""
    return (
        StatusTransition.objects.filter(assessment=assessment)
        .select_related("actor")
        .order_by("pk")
    )


@dataclass(frozen=True)
class StatementFindingRow:
    statement: QualityStatement
    finding: StatementFinding | None
    score: StatementScore | None


def assessment_findings(*, assessment: Assessment) -> tuple[AssessmentSummary | None, list]:
    """The summary and, per quality statement in order, its findings and score (or None)."""
    summary = AssessmentSummary.objects.filter(assessment=assessment).first()
    findings = {
        row.statement_id: row
        for row in StatementFinding.objects.filter(assessment=assessment).select_related(
            "updated_by"
        )
    }
    scores = {row.statement_id: row for row in StatementScore.objects.filter(assessment=assessment)}
    rows = [
        StatementFindingRow(statement, findings.get(statement.pk), scores.get(statement.pk))
        for statement in framework_statements(framework=assessment.framework)
    ]
    return summary, rows


def findings_history(*, assessment: Assessment) -> QuerySet:
    """Audit events of the summary and findings, newest first."""
    return AuditEvent.objects.filter(
        assessment=assessment,
        action__in=["summary.update", "finding.update", "challenge.decide"],
    ).select_related("actor")


def challenge_list(*, assessment: Assessment) -> QuerySet:
    return (
        Challenge.objects.filter(assessment=assessment)
        .select_related("statement", "raised_by", "decided_by")
        .prefetch_related("attachments")
        .order_by("raised_at", "pk")
    )


def challenge_counts(*, assessment: Assessment) -> dict[str, int]:
    counts = dict.fromkeys(ChallengeDecision.values, 0)
    for row in (
        Challenge.objects.filter(assessment=assessment).values("decision").annotate(n=Count("pk"))
    ):
        counts[row["decision"]] = row["n"]
    return counts


def deadline_extensions(*, assessment: Assessment) -> QuerySet:
    return DeadlineExtension.objects.filter(assessment=assessment).select_related("extended_by")
