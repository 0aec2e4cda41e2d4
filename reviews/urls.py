"""Findings and the factual accuracy check: under /assessments/<pk>/ as before the move."""

from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("<int:pk>/findings/", views.findings, name="findings"),
    path("<int:pk>/findings/summary/", views.summary_edit, name="summary_edit"),
    path("<int:pk>/findings/<int:number>/", views.finding_edit, name="finding_edit"),
    path("<int:pk>/challenges/", views.challenges, name="challenges"),
    path("<int:pk>/challenges/new/", views.challenge_create, name="challenge_create"),
    path(
        "<int:pk>/challenges/<int:challenge_pk>/",
        views.challenge_detail,
        name="challenge_detail",
    ),
    path(
        "<int:pk>/challenges/<int:challenge_pk>/files/<int:attachment_pk>/",
        views.challenge_attachment,
        name="challenge_attachment",
    ),
    path("<int:pk>/deadline/", views.deadline_extend, name="deadline_extend"),
    # issue 16
    path("<int:pk>/factual-accuracy/confirm/", views.confirm, name="confirm"),
    path(
        "<int:pk>/factual-accuracy/early-publication/",
        views.publication_override,
        name="publication_override",
    ),
    path("publication-pauses/", views.publication_pauses, name="publication_pauses"),
    path(
        "publication-pauses/<int:pause_pk>/end/",
        views.publication_pause_end,
        name="publication_pause_end",
    ),
]
