"""Assessments and the framework over the API, one module per topic. Thin views: input
serializers parse, `assessments.selectors` read, `assessments.services` write, `policy`
decides (through `core.api`), output serializers render. The names are re-exported here for
the URLconf and callers of the old single module."""

from assessments.apis.assessments import (
    AssessmentDetailApi,
    AssessmentDetailOutputSerializer,
    AssessmentHistoryApi,
    AssessmentListApi,
    AssessmentOutputSerializer,
    assessment_detail_data,
)
from assessments.apis.common import (
    RATING_CHOICES,
    CouncilRefSerializer,
    UserRefSerializer,
    WritesNeedSignIn,
    assessment_for,
    statement_for,
)
from assessments.apis.framework import (
    FrameworkDetailApi,
    FrameworkListApi,
    QualityStatementDetailApi,
    QualityStatementListApi,
)
from assessments.apis.results import ResultsImportApi
from assessments.apis.scores import AssessmentScoreListApi, StatementScoreApi
from assessments.apis.workflow import (
    AssessmentTimelineApi,
    TransitionApi,
    WorkflowActionListApi,
    transition_views,
)

__all__ = [
    "RATING_CHOICES",
    "AssessmentDetailApi",
    "AssessmentDetailOutputSerializer",
    "AssessmentHistoryApi",
    "AssessmentListApi",
    "AssessmentOutputSerializer",
    "AssessmentScoreListApi",
    "AssessmentTimelineApi",
    "CouncilRefSerializer",
    "FrameworkDetailApi",
    "FrameworkListApi",
    "QualityStatementDetailApi",
    "QualityStatementListApi",
    "ResultsImportApi",
    "StatementScoreApi",
    "TransitionApi",
    "UserRefSerializer",
    "WorkflowActionListApi",
    "WritesNeedSignIn",
    "assessment_detail_data",
    "assessment_for",
    "statement_for",
    "transition_views",
]
