"""Assessment pages, one module per topic; the names are re-exported for the URLconf and for
callers of the old single module."""

from assessments.views.assessments import (
    ASSESSMENT_FIELD_LABELS,
    assessment_create,
    assessment_detail,
    assessment_edit,
    assessment_list,
)
from assessments.views.panels import assessment_panel
from assessments.views.results import results_import
from assessments.views.scores import scores_preview, statement_score, statement_score_preview
from assessments.views.workflow import available_actions, transition, workflow_panels

__all__ = [
    "ASSESSMENT_FIELD_LABELS",
    "assessment_create",
    "assessment_detail",
    "assessment_edit",
    "assessment_list",
    "assessment_panel",
    "available_actions",
    "results_import",
    "scores_preview",
    "statement_score",
    "statement_score_preview",
    "transition",
    "workflow_panels",
]
