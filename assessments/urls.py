from django.urls import path

from assessments import review_views, views

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("national-ratings/", views.national_table, name="national_table"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("national-ratings.csv", views.national_table_csv, name="national_table_csv"),
    path("results/import/", views.results_import, name="results_import"),
    path(
        "<int:pk>/statements/<int:number>/score/",
        views.statement_score,
        name="statement_score",
    ),
    path(
        "<int:pk>/statements/<int:number>/score/preview/",
        views.statement_score_preview,
        name="statement_score_preview",
    ),
    path("<int:pk>/scores/preview/", views.scores_preview, name="scores_preview"),
]

urlpatterns += [
    path("new/", views.assessment_create, name="create"),
    path("<int:pk>/edit/", views.assessment_edit, name="edit"),
]

# Findings, workflow steps and the factual accuracy check.
urlpatterns += [
    path("<int:pk>/steps/<slug:action>/", review_views.transition, name="transition"),
    path("<int:pk>/findings/", review_views.findings, name="findings"),
    path("<int:pk>/findings/summary/", review_views.summary_edit, name="summary_edit"),
    path("<int:pk>/findings/<int:number>/", review_views.finding_edit, name="finding_edit"),
    path("<int:pk>/challenges/", review_views.challenges, name="challenges"),
    path("<int:pk>/challenges/new/", review_views.challenge_create, name="challenge_create"),
    path(
        "<int:pk>/challenges/<int:challenge_pk>/",
        review_views.challenge_detail,
        name="challenge_detail",
    ),
    path(
        "<int:pk>/challenges/<int:challenge_pk>/files/<int:attachment_pk>/",
        review_views.challenge_attachment,
        name="challenge_attachment",
    ),
    path("<int:pk>/deadline/", review_views.deadline_extend, name="deadline_extend"),
]
