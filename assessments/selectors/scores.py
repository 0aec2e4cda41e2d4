"""Scores of one assessment: the summary with theme roll-ups and result, one statement's
score, and its evidence by category."""

from __future__ import annotations

from dataclasses import dataclass

import policy
from assessments import scoring
from assessments.models import (
    Assessment,
    CategoryScore,
    EvidenceCategory,
    QualityStatement,
    StatementCategory,
    StatementScore,
    Theme,
)
from assessments.selectors.assessments import assessment_result
from assessments.selectors.framework import framework_statements


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
        EvidenceItem.objects.informing(statement, assessment=assessment)
        .filter(withdrawn_at__isnull=True)
        .select_related("author"),
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


def assessment_scores_complete(*, assessment: Assessment) -> tuple[int, int]:
    """(statements scored, statements in the framework)."""
    total = QualityStatement.objects.filter(framework_id=assessment.framework_id).count()
    scored = StatementScore.objects.filter(assessment=assessment, score__isnull=False).count()
    return scored, total
