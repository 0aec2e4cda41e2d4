from django.urls import path

from calibration import views

app_name = "calibration"

urlpatterns = [
    path("assessments/<int:pk>/", views.panel, name="panel"),
    path("assessments/<int:pk>/details/", views.details, name="details"),
    path("assessments/<int:pk>/members/new/", views.member_add, name="member_add"),
    path(
        "assessments/<int:pk>/members/<int:member_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("assessments/<int:pk>/propose/", views.propose, name="propose"),
    path("assessments/<int:pk>/statements/<int:number>/", views.outcome, name="outcome"),
    path("assessments/<int:pk>/sign-off/", views.sign_off, name="sign_off"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation.csv", views.moderation_csv, name="moderation_csv"),
]
