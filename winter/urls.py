from django.urls import path

from winter import views

app_name = "winter"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("upload/", views.answers_upload, name="upload"),
    path("<slug:code>/", views.survey_shares, name="survey"),
    path("<slug:code>/councils/<str:gss_code>/", views.council_response, name="council"),
    path("<slug:code>/councils/<str:gss_code>/edit/", views.response_edit, name="edit"),
]
