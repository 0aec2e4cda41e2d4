from django.urls import path

from grants import views

app_name = "grants"

urlpatterns = [
    path("", views.grant_list, name="list"),
    path("upload/", views.plans_upload, name="upload"),
    path("<slug:code>/", views.national_shares, name="national"),
    path(
        "<slug:code>/councils/<str:gss_code>/<int:year>/", views.council_plan, name="council_plan"
    ),
    path(
        "<slug:code>/councils/<str:gss_code>/<int:year>/edit/",
        views.plan_edit,
        name="plan_edit",
    ),
]
