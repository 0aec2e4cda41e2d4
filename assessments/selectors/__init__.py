"""Reads of assessments, one module per topic: the framework, assessments (lists, results,
history), scores of one assessment, the workflow timeline. Selectors own select_related /
prefetch_related and scope lists through the permission policy. The names are re-exported
so `assessments.selectors.x` keeps working."""

from assessments.selectors.assessments import (
    HistoryRow,
    assessment_list_for_user,
    assessment_queryset,
    assessment_result,
    assessment_scores,
    assessments_of_user,
    council_assessment_history,
    latest_published_assessments,
    national_rating_counts,
)
from assessments.selectors.framework import (
    adjacent_statements,
    current_framework,
    framework_detail_queryset,
    framework_list,
    framework_statements,
    quality_statement_list,
    statement_for_assessment,
)
from assessments.selectors.listing import ListFilters, assessment_list
from assessments.selectors.scores import (
    CategoryEvidence,
    ScoreSummary,
    StatementScoreRow,
    ThemeRollup,
    assessment_score_summary,
    assessment_scores_complete,
    statement_evidence_by_category,
    statement_score,
)
from assessments.selectors.workflow import (
    assessment_timeline,
)

__all__ = [
    "ListFilters",
    "adjacent_statements",
    "assessment_list",
    "assessment_scores_complete",
    "CategoryEvidence",
    "HistoryRow",
    "ScoreSummary",
    "StatementScoreRow",
    "ThemeRollup",
    "assessment_list_for_user",
    "assessment_queryset",
    "assessment_result",
    "assessment_score_summary",
    "assessment_scores",
    "assessment_timeline",
    "assessments_of_user",
    "council_assessment_history",
    "current_framework",
    "framework_detail_queryset",
    "framework_list",
    "framework_statements",
    "latest_published_assessments",
    "national_rating_counts",
    "quality_statement_list",
    "statement_evidence_by_category",
    "statement_for_assessment",
    "statement_score",
]
