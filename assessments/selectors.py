"""Reads of assessments: lists scoped by the permission policy, results and history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

import policy
from assessments import scoring
from assessments.models import (
    CLOSED_STATUSES,
    Assessment,
    AssessmentStatus,
    AssessmentSummary,
    CategoryScore,
    Challenge,
    ChallengeDecision,
    DeadlineExtension,
    EvidenceCategory,
    Framework,
    QualityStatement,
    StatementCategory,
    StatementFinding,
    StatementScore,
    StatusTransition,
    Theme,
)
from audit.models import AuditEvent


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


# ---- scores of one assessment ------------------------------------------------------------


@dataclass(frozen=True)
class StatementScoreRow:
    statement: QualityStatement
    score: StatementScore | None

    @property
    def value(self) -> int | None:
        return self.score.score if self.score else None


@dataclass(frozen=True)
class ThemeRollup:
    """Our own metric (CQC publishes no theme score): the mean of the theme's scores."""

    theme: Theme
    rows: list[StatementScoreRow]
    mean: float | None


@dataclass(frozen=True)
class ScoreSummary:
    rows: list[StatementScoreRow]
    themes: list[ThemeRollup]
    result: scoring.OverallResult
    rule: scoring.RuleVersion

    def scores(self) -> dict[int, int | None]:
        return {row.statement.number: row.value for row in self.rows}


def assessment_score_summary(*, assessment: Assessment) -> ScoreSummary:
    """Every statement with its score (or none yet), the theme roll-ups and the overall
    result under the assessment's rule (the frozen result once published). Two queries."""
    statements = list(framework_statements(framework=assessment.framework).order_by("number"))
    by_statement = {
        score.statement_id: score
        for score in StatementScore.objects.filter(assessment=assessment).select_related(
            "scored_by"
        )
    }
    rows = [
        StatementScoreRow(statement, by_statement.get(statement.pk)) for statement in statements
    ]
    themes: dict[int, list[StatementScoreRow]] = {}
    for row in rows:
        themes.setdefault(row.statement.theme_id, []).append(row)
    rollups = [
        ThemeRollup(
            theme=theme_rows[0].statement.theme,
            rows=theme_rows,
            mean=scoring.theme_rollup([row.value for row in theme_rows]),
        )
        for theme_rows in themes.values()
    ]
    if assessment.is_published and assessment.published_rating:
        result = assessment_result(assessment=assessment)
    else:
        result = scoring.overall_result(
            {row.statement.number: row.value for row in rows},
            rule_version=assessment.scoring_rule,
        )
    return ScoreSummary(
        rows=rows,
        themes=rollups,
        result=result,
        rule=scoring.RULE_VERSIONS[assessment.scoring_rule],
    )


def statement_for_assessment(*, assessment: Assessment, number: int) -> QualityStatement:
    """The assessment's quality statement `number` (QualityStatement.DoesNotExist if none)."""
    return QualityStatement.objects.select_related("theme").get(
        framework_id=assessment.framework_id, number=number
    )


def statement_score(
    *, assessment: Assessment, statement: QualityStatement
) -> StatementScore | None:
    return (
        StatementScore.objects.filter(assessment=assessment, statement=statement)
        .select_related("scored_by")
        .first()
    )


@dataclass(frozen=True)
class CategoryEvidence:
    category: EvidenceCategory
    required: bool
    score: int | None  # earlier rule only
    items: list


def statement_evidence_by_category(
    *, user, assessment: Assessment, statement: QualityStatement
) -> list[CategoryEvidence]:
    """The statement's evidence the user may see (withdrawn items left out), grouped by the
    evidence categories that apply to it, with the category scores of the earlier rule."""
    from evidence.models import EvidenceItem

    links = (
        StatementCategory.objects.filter(statement=statement, category__in_use=True)
        .select_related("category")
        .order_by("category__order")
    )
    items = policy.visible_evidence(
        user,
        assessment,
        EvidenceItem.objects.filter(
            assessment=assessment, statements=statement, withdrawn_at__isnull=True
        ).select_related("author"),
    )
    by_category: dict[int, list] = {}
    for item in items:
        by_category.setdefault(item.category_id, []).append(item)
    category_scores = dict(
        CategoryScore.objects.filter(assessment=assessment, statement=statement).values_list(
            "category_id", "score"
        )
    )
    return [
        CategoryEvidence(
            category=link.category,
            required=link.required,
            score=category_scores.get(link.category_id),
            items=by_category.get(link.category_id, []),
        )
        for link in links
    ]


# ---- the national ratings table ----------------------------------------------------------

RATING_ORDER = [
    scoring.OUTSTANDING,
    scoring.GOOD,
    scoring.REQUIRES_IMPROVEMENT,
    scoring.INADEQUATE,
]


@dataclass(frozen=True)
class NationalRow:
    assessment: Assessment
    scores: list[int | None]  # statements 1-9 in order

    @property
    def council(self):
        return self.assessment.council

    @property
    def rating(self) -> str:
        return self.assessment.published_rating

    @property
    def percentage(self) -> float | None:
        return self.assessment.published_percentage

    @property
    def display_percentage(self) -> int | None:
        if self.percentage is None:
            return None
        return scoring.round_half_up_float(self.percentage)


def _rating_rank(rating: str) -> int:
    # Best first when ascending: outstanding, good, requires improvement, inadequate.
    return RATING_ORDER.index(rating) if rating in RATING_ORDER else len(RATING_ORDER)


# Sort keys of the table's columns; ties keep council name order in either direction.
NATIONAL_SORT_KEYS = {
    "council": lambda row: row.council.name,
    "region": lambda row: row.council.region_name,
    "type": lambda row: row.council.get_council_type_display(),
    # Ascending is best first; within a rating, the higher percentage first.
    "rating": lambda row: (_rating_rank(row.rating), -(row.percentage or 0)),
    "percentage": lambda row: row.percentage or 0,
    "published": lambda row: row.assessment.published_on,
    **{
        f"score_{number}": (lambda row, i=number - 1: row.scores[i] or 0)
        for number in scoring.STATEMENT_NUMBERS
    },
}


@dataclass(frozen=True)
class NationalTable:
    rows: list[NationalRow]
    counts: dict[str, int]  # rating -> councils, best rating first

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def national_table(
    *,
    region_code: str = "",
    council_type: str = "",
    rating: str = "",
    sort: str = "council",
    descending: bool = False,
) -> NationalTable:
    """Every council's latest published rating with its nine scores, filtered and sorted.

    Two queries whatever the number of councils: the latest assessments (with councils)
    and their scores. Unknown sort keys fall back to the council name.
    """
    latest = latest_published_assessments()
    if region_code:
        latest = latest.filter(council__region_code=region_code)
    if council_type:
        latest = latest.filter(council__council_type=council_type)
    if rating:
        latest = latest.filter(published_rating=rating)
    assessments = list(latest)
    scores: dict[int, list[int | None]] = {a.pk: [None] * 9 for a in assessments}
    for assessment_id, number, value in StatementScore.objects.filter(
        assessment_id__in=scores
    ).values_list("assessment_id", "statement__number", "score"):
        if number in scoring.STATEMENT_NUMBERS:
            scores[assessment_id][number - 1] = value
    rows = [NationalRow(a, scores[a.pk]) for a in assessments]
    rows.sort(key=lambda row: row.council.name)
    # Python's sort is stable (also with reverse=True), so ties stay in name order.
    rows.sort(key=NATIONAL_SORT_KEYS.get(sort, NATIONAL_SORT_KEYS["council"]), reverse=descending)
    counts = dict.fromkeys(RATING_ORDER, 0)
    for row in rows:
        if row.rating in counts:
            counts[row.rating] += 1
    return NationalTable(rows=rows, counts=counts)


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


# ---- the framework, for the API ------------------------------------------------------------


def framework_list() -> QuerySet:
    """Every framework version, newest first within a code."""
    return Framework.objects.order_by("code", "-version")


def framework_detail_queryset() -> QuerySet:
    """Frameworks with their themes, categories and statements (and each statement's
    categories) in a fixed number of queries."""
    from assessments.models import StatementCategory

    return Framework.objects.prefetch_related(
        "themes",
        "evidence_categories",
        Prefetch(
            "quality_statements",
            queryset=QualityStatement.objects.select_related("theme").prefetch_related(
                Prefetch(
                    "statementcategory_set",
                    queryset=StatementCategory.objects.select_related("category").order_by(
                        "category__order"
                    ),
                )
            ),
        ),
    )


def quality_statement_list() -> QuerySet:
    """Quality statements of every framework version, with their theme and categories."""
    from assessments.models import StatementCategory

    return (
        QualityStatement.objects.select_related("theme", "framework")
        .prefetch_related(
            Prefetch(
                "statementcategory_set",
                queryset=StatementCategory.objects.select_related("category").order_by(
                    "category__order"
                ),
            )
        )
        .order_by("framework__code", "-framework__version", "number")
    )


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
