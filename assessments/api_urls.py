from django.urls import path

from assessments import apis

urlpatterns = [
    path("frameworks/", apis.FrameworkListApi.as_view(), name="framework-list"),
    path(
        "frameworks/<int:framework_id>/", apis.FrameworkDetailApi.as_view(), name="framework-detail"
    ),
    path("quality-statements/", apis.QualityStatementListApi.as_view(), name="statement-list"),
    path(
        "quality-statements/<int:statement_id>/",
        apis.QualityStatementDetailApi.as_view(),
        name="statement-detail",
    ),
    path("assessments/", apis.AssessmentListApi.as_view(), name="assessment-list"),
    path(
        "assessments/<int:assessment_id>/",
        apis.AssessmentDetailApi.as_view(),
        name="assessment-detail",
    ),
    path(
        "assessments/<int:assessment_id>/history/",
        apis.AssessmentHistoryApi.as_view(),
        name="assessment-history",
    ),
    path(
        "assessments/<int:assessment_id>/scores/",
        apis.AssessmentScoreListApi.as_view(),
        name="assessment-scores",
    ),
    path(
        "assessments/<int:assessment_id>/scores/<int:number>/",
        apis.StatementScoreApi.as_view(),
        name="statement-score",
    ),
    path("results/import/", apis.ResultsImportApi.as_view(), name="results-import"),
    # ---- workflow: one endpoint per action ----
    path(
        "assessments/<int:assessment_id>/timeline/",
        apis.AssessmentTimelineApi.as_view(),
        name="assessment-timeline",
    ),
    path(
        "assessments/<int:assessment_id>/actions/",
        apis.WorkflowActionListApi.as_view(),
        name="assessment-actions",
    ),
    *[
        path(
            f"assessments/<int:assessment_id>/{name.replace('_', '-')}/",
            view.as_view(),
            name=f"assessment-{name.replace('_', '-')}",
        )
        for name, view in apis.transition_views().items()
    ],
]
