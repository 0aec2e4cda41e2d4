from django.contrib.auth.decorators import login_not_required
from django.urls import path

from returns.views import people, requests, returns, self_assessment

app_name = "returns"

urlpatterns = [
    path("", returns.portal, name="portal"),
    path("template/", returns.template_page, name="template"),
    path("assessments/<int:pk>/", returns.task_list, name="task_list"),
    path("assessments/<int:pk>/issue/", returns.issue, name="issue"),
    path("assessments/<int:pk>/items/<int:answer_pk>/", returns.answer, name="answer"),
    path("assessments/<int:pk>/submit/", returns.submit, name="submit"),
    path("assessments/<int:pk>/reopen/", returns.reopen, name="reopen"),
    path("assessments/<int:pk>/self-assessment/", returns.self_assessment, name="self_assessment"),
    path(
        "assessments/<int:pk>/self-assessment/themes/<int:theme>/",
        self_assessment.self_assessment_edit,
        name="self_assessment_edit",
    ),
    path(
        "assessments/<int:pk>/self-assessment/statements/<int:number>/",
        self_assessment.self_assessment_statement_edit,
        name="self_assessment_statement",
    ),
    path("assessments/<int:pk>/requests/", requests.request_list, name="requests"),
    path("assessments/<int:pk>/requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/answer/", requests.request_answer, name="request_answer"),
    path("requests/<int:pk>/review/", requests.request_review, name="request_review"),
    path("answers/<int:pk>/accept/", requests.accept_answer, name="accept_answer"),
    path("responses/<int:pk>/accept/", requests.accept_response, name="accept_response"),
    path("files/<int:pk>/", returns.file_download, name="file"),
    path("notifications/", people.notifications, name="notifications"),
    path("notifications/<int:pk>/read/", people.notification_read, name="notification_read"),
    path("notifications/read-all/", people.notifications_read_all, name="notifications_read_all"),
    path("councils/<str:gss_code>/contributors/", people.contributors, name="contributors"),
    path(
        "councils/<str:gss_code>/contributors/<int:user_pk>/remove/",
        people.contributor_remove,
        name="contributor_remove",
    ),
    path(
        "invitations/<uidb64>/<token>/",
        login_not_required(people.InvitationView.as_view()),
        name="invitation",
    ),
]
