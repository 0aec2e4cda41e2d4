from django.urls import path

from national import views as national_views
from reports import views

app_name = "reports"

urlpatterns = [
    path("assessments/<int:pk>/panel/", views.report_panel, name="panel"),
    path("assessments/<int:pk>/draft/", views.report_request_draft, name="request_draft"),
    path(
        "assessments/<int:pk>/published/",
        views.report_request_published,
        name="request_published",
    ),
    path("<int:pk>/retry/", views.report_retry, name="retry"),
    path("<int:pk>/download/", views.report_download, name="download"),
    path("<int:pk>/download.docx", views.report_download_docx, name="download_docx"),
    path("exports/", views.exports, name="exports"),
    path("exports/bulk/", views.bulk_export_panel, name="bulk_panel"),
    path("exports/bulk/<int:pk>/download/", views.bulk_export_download, name="bulk_download"),
    # Moved to national/ (one table, one CSV): the old addresses redirect there.
    path(
        "exports/national-ratings.csv", national_views.old_national_table_csv, name="national_csv"
    ),
    path(
        "exports/national-ratings.xlsx",
        national_views.old_national_ratings_xlsx,
        name="national_xlsx",
    ),
]
