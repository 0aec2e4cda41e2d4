"""Writes to assessments, one module per topic (as Zulip's `zerver/actions/`): opening and
editing assessments, scores, the workflow, the import of published results.

Every state-changing service is atomic, takes actor= and is audited. The names are
re-exported here so `from assessments import services; services.assessment_create(...)` keeps
working. Findings, the summary and factual accuracy challenges are in `reviews.services`.
"""

from assessments.errors import (
    AssessmentError,
    ResultsImportError,
    StaleAssessmentError,
    StaleVersionError,
)
from assessments.services.assessments import (
    AUDITED_FIELDS,
    assessment_create,
    assessment_update,
    check_version,
    locked_assessment,
)
from assessments.services.results import IMPORTED_RATIONALE, published_results_import
from assessments.services.scores import (
    SCORE_AUDITED_FIELDS,
    STALE_SCORE_MESSAGE,
    assessment_freeze_result,
    category_score_set,
    statement_score_set,
)
from assessments.services.workflow import (
    assessment_transition,
    assessment_transition_problem,
)

__all__ = [
    "AUDITED_FIELDS",
    "IMPORTED_RATIONALE",
    "SCORE_AUDITED_FIELDS",
    "STALE_SCORE_MESSAGE",
    "AssessmentError",
    "ResultsImportError",
    "StaleAssessmentError",
    "StaleVersionError",
    "assessment_create",
    "assessment_freeze_result",
    "assessment_transition",
    "assessment_transition_problem",
    "assessment_update",
    "category_score_set",
    "check_version",
    "locked_assessment",
    "published_results_import",
    "statement_score_set",
]
