from django.urls import path

from assessments import views
from national import views as national_views

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
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

# Workflow steps (findings and the factual accuracy check: reviews/urls.py, same prefix).
urlpatterns += [
    path("<int:pk>/steps/<slug:action>/", views.transition, name="transition"),
]

# The national ratings table moved to national/ (/national/ratings/); the old addresses
# redirect there with their filters.
urlpatterns += [
    path("national-ratings/", national_views.old_national_table, name="national_table"),
    path("national-ratings.csv", national_views.old_national_table_csv, name="national_table_csv"),
]

# The assessment page's deferred panels (assessments/panels.py).
urlpatterns += [
    path("<int:pk>/panels/<slug:slug>/", views.assessment_panel, name="panel"),
]
