from django.urls import path

from assessments import apis, review_apis

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
    path("national-ratings/", apis.NationalTableApi.as_view(), name="national-ratings"),
    path(
        "national-ratings/summary/",
        apis.NationalSummaryApi.as_view(),
        name="national-ratings-summary",
    ),
    path("results/import/", apis.ResultsImportApi.as_view(), name="results-import"),
    # ---- workflow: one endpoint per action ----
    path(
        "assessments/<int:assessment_id>/timeline/",
        review_apis.AssessmentTimelineApi.as_view(),
        name="assessment-timeline",
    ),
    path(
        "assessments/<int:assessment_id>/actions/",
        review_apis.WorkflowActionListApi.as_view(),
        name="assessment-actions",
    ),
    *[
        path(
            f"assessments/<int:assessment_id>/{name.replace('_', '-')}/",
            view.as_view(),
            name=f"assessment-{name.replace('_', '-')}",
        )
        for name, view in review_apis.transition_views().items()
    ],
    # ---- findings ----
    path(
        "assessments/<int:assessment_id>/summary/",
        review_apis.SummaryApi.as_view(),
        name="assessment-summary",
    ),
    path(
        "assessments/<int:assessment_id>/findings/",
        review_apis.FindingListApi.as_view(),
        name="assessment-findings",
    ),
    path(
        "assessments/<int:assessment_id>/findings/<int:number>/",
        review_apis.FindingApi.as_view(),
        name="statement-finding",
    ),
    # ---- factual accuracy ----
    path(
        "assessments/<int:assessment_id>/challenges/",
        review_apis.ChallengeListApi.as_view(),
        name="challenge-list",
    ),
    path(
        "assessments/<int:assessment_id>/challenges/<int:challenge_id>/",
        review_apis.ChallengeDetailApi.as_view(),
        name="challenge-detail",
    ),
    path(
        "assessments/<int:assessment_id>/challenges/<int:challenge_id>/decision/",
        review_apis.ChallengeDecisionApi.as_view(),
        name="challenge-decision",
    ),
    path(
        "assessments/<int:assessment_id>/challenges/<int:challenge_id>/files/<int:attachment_id>/",
        review_apis.ChallengeAttachmentApi.as_view(),
        name="challenge-attachment",
    ),
    path(
        "assessments/<int:assessment_id>/deadline/",
        review_apis.DeadlineExtendApi.as_view(),
        name="assessment-deadline",
    ),
]
