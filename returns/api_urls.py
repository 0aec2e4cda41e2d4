from django.urls import path

from returns.apis import people, requests, returns, self_assessment

urlpatterns = [
    path("information-return/template/", returns.TemplateApi.as_view(), name="return-template"),
    path(
        "assessments/<int:assessment_id>/information-return/",
        returns.InformationReturnApi.as_view(),
        name="information-return",
    ),
    path(
        "assessments/<int:assessment_id>/information-return/submit/",
        returns.ReturnSubmitApi.as_view(),
        name="information-return-submit",
    ),
    path(
        "assessments/<int:assessment_id>/information-return/reopen/",
        returns.ReturnReopenApi.as_view(),
        name="information-return-reopen",
    ),
    path("return-answers/<int:answer_id>/", returns.AnswerApi.as_view(), name="return-answer"),
    path(
        "return-answers/<int:answer_id>/files/",
        returns.AnswerFileApi.as_view(),
        name="return-answer-files",
    ),
    path(
        "return-answers/<int:answer_id>/accept/",
        returns.AnswerAcceptApi.as_view(),
        name="return-answer-accept",
    ),
    path("return-files/<int:file_id>/", returns.ReturnFileApi.as_view(), name="return-file"),
    path(
        "assessments/<int:assessment_id>/self-assessment/",
        self_assessment.SelfAssessmentApi.as_view(),
        name="self-assessment",
    ),
    path(
        "assessments/<int:assessment_id>/self-assessment/statements/<int:number>/",
        self_assessment.StatementSectionApi.as_view(),
        name="self-assessment-statement",
    ),
    path(
        "assessments/<int:assessment_id>/self-assessment/submit/",
        self_assessment.SelfAssessmentSubmitApi.as_view(),
        name="self-assessment-submit",
    ),
    path(
        "assessments/<int:assessment_id>/document-requests/",
        requests.RequestListApi.as_view(),
        name="document-request-list",
    ),
    path(
        "document-requests/<int:request_id>/",
        requests.RequestDetailApi.as_view(),
        name="document-request-detail",
    ),
    path(
        "document-requests/<int:request_id>/responses/",
        requests.RequestRespondApi.as_view(),
        name="document-request-respond",
    ),
    path(
        "document-requests/<int:request_id>/review/",
        requests.RequestReviewApi.as_view(),
        name="document-request-review",
    ),
    path(
        "document-request-responses/<int:response_id>/accept/",
        requests.ResponseAcceptApi.as_view(),
        name="document-request-response-accept",
    ),
    path("notifications/", people.NotificationListApi.as_view(), name="notification-list"),
    path(
        "notifications/<int:notification_id>/read/",
        people.NotificationReadApi.as_view(),
        name="notification-read",
    ),
    path(
        "councils/<str:gss_code>/contributors/",
        people.ContributorListApi.as_view(),
        name="council-contributors",
    ),
    path(
        "councils/<str:gss_code>/contributors/<int:user_id>/",
        people.ContributorApi.as_view(),
        name="council-contributor",
    ),
]
