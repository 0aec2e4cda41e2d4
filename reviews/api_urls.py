from django.urls import path

from reviews import apis

urlpatterns = [
    # ---- findings ----
    path(
        "assessments/<int:assessment_id>/summary/",
        apis.SummaryApi.as_view(),
        name="assessment-summary",
    ),
    path(
        "assessments/<int:assessment_id>/findings/",
        apis.FindingListApi.as_view(),
        name="assessment-findings",
    ),
    path(
        "assessments/<int:assessment_id>/findings/<int:number>/",
        apis.FindingApi.as_view(),
        name="statement-finding",
    ),
    # ---- factual accuracy ----
    path(
        "assessments/<int:assessment_id>/challenges/",
        apis.ChallengeListApi.as_view(),
        name="challenge-list",
    ),
    path(
        "assessments/<int:assessment_id>/challenges/<int:challenge_id>/",
        apis.ChallengeDetailApi.as_view(),
        name="challenge-detail",
    ),
    path(
        "assessments/<int:assessment_id>/challenges/<int:challenge_id>/decision/",
        apis.ChallengeDecisionApi.as_view(),
        name="challenge-decision",
    ),
    path(
        "assessments/<int:assessment_id>/challenges/<int:challenge_id>/files/<int:attachment_id>/",
        apis.ChallengeAttachmentApi.as_view(),
        name="challenge-attachment",
    ),
    path(
        "assessments/<int:assessment_id>/deadline/",
        apis.DeadlineExtendApi.as_view(),
        name="assessment-deadline",
    ),
    # ---- issue 16: confirmation, early publication, publication pauses ----
    path(
        "assessments/<int:assessment_id>/factual-accuracy/confirm/",
        apis.ConfirmationApi.as_view(),
        name="factual-accuracy-confirm",
    ),
    path(
        "assessments/<int:assessment_id>/factual-accuracy/early-publication/",
        apis.PublicationOverrideApi.as_view(),
        name="publication-override",
    ),
    path("publication-pauses/", apis.PublicationPauseListApi.as_view(), name="publication-pauses"),
    path(
        "publication-pauses/<int:pause_id>/end/",
        apis.PublicationPauseEndApi.as_view(),
        name="publication-pause-end",
    ),
]
