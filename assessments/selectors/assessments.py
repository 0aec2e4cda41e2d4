"""Assessments: the lists the policy lets each user see, results (frozen once published),
a council's history and the latest published assessment of each council."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

import policy
from assessments import scoring
from assessments.models import (
    CLOSED_STATUSES,
    Assessment,
    AssessmentStatus,
    QualityStatement,
    StatementScore,
)


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
    return scoring.overall_result(
        assessment_scores(assessment=assessment), rule_version=assessment.scoring_rule
    )


@dataclass(frozen=True)
class HistoryRow:
    assessment: Assessment
    result: scoring.OverallResult
    change: int | None  # percentage points since the previous published assessment
    previous_rating: str | None = None  # the previous published rating, when there is one

    @property
    def rating_changed(self) -> bool:
        return self.previous_rating is not None and self.previous_rating != self.result.rating


def council_assessment_history(*, council, user) -> list[HistoryRow]:
    """The council's assessments the user may see, newest first, with the change in
    percentage points (as displayed) and rating from the previous published one.

    Published results come from the frozen copy; a fixed number of queries."""
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
                {s.statement.number: s.score for s in assessment.scores.all()},
                rule_version=assessment.scoring_rule,
            )
        rows.append(HistoryRow(assessment, result, None))
    published = [row for row in rows if row.assessment.is_published]
    published.sort(key=lambda row: (row.assessment.published_on, row.assessment.pk))
    changes: dict[int, tuple[int | None, str | None]] = {}
    for previous, current in zip(published, published[1:], strict=False):
        change = None
        if (
            previous.result.display_percentage is not None
            and current.result.display_percentage is not None
        ):
            change = current.result.display_percentage - previous.result.display_percentage
        changes[current.assessment.pk] = (change, previous.result.rating)
    history = []
    for row in rows:
        change, previous_rating = changes.get(row.assessment.pk, (None, None))
        history.append(HistoryRow(row.assessment, row.result, change, previous_rating))
    history.sort(
        key=lambda row: (
            row.assessment.published_on or datetime.date.max,
            row.assessment.created_at,
        ),
        reverse=True,
    )
    return history


def national_rating_counts() -> dict[str, int]:
    """How many councils hold each formal rating, from each council's latest published
    assessment (a pilot's indicative rating is not a formal rating: left out)."""
    latest = latest_published_assessments().exclude(kind="pilot")
    counts = dict.fromkeys(scoring.RATING_LABELS, 0)
    for row in latest.values("published_rating").annotate(n=Count("pk")):
        if row["published_rating"] in counts:
            counts[row["published_rating"]] = row["n"]
    return counts


def latest_published_assessments() -> QuerySet:
    """Each council's most recent published assessment (a rating changes only through a new
    assessment; earlier ones are history): the source of every national figure (the ratings
    table, its CSV/XLSX and API, the rating counts, council profiles' headline result).

    Demo assessments (`is_demo`) are left out, before "most recent" is chosen: a made-up
    rating must not be counted in "how many councils are rated good", ranked in a league
    table or sit in a downloaded row that has lost its label, nor hide a council's real
    result. A published demo assessment is shown, labelled, only on its own pages (the
    assessment, the council's assessment history, its reports)."""

    real = Assessment.objects.filter(status=AssessmentStatus.PUBLISHED, is_demo=False)
    newest = real.filter(council=OuterRef("council")).order_by("-published_on", "-pk").values("pk")
    return real.filter(pk=Subquery(newest[:1])).select_related("council")


def assessments_of_user(*, user) -> QuerySet:
    """'Your assessments' on the home page, newest first: an admin's are every open
    assessment; anyone else's those of the teams they are in and of the councils they lead
    (never other councils' published ones, which everyone may see elsewhere)."""
    assessments = policy.visible_assessments(user, assessment_queryset())
    if policy.is_admin(user):
        assessments = assessments.exclude(status__in=CLOSED_STATUSES)
    else:
        assessments = assessments.filter(
            Q(lead_assessor=user) | Q(assessors=user) | Q(council_id__in=user.council_ids)
        )
    return assessments.distinct().order_by("-created_at")
