from django.urls import path

from assessments import views

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
