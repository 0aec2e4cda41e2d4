from django.urls import path

from reports import apis

urlpatterns = [
    path(
        "assessments/<int:assessment_id>/reports/",
        apis.AssessmentReportListApi.as_view(),
        name="assessment-reports",
    ),
    path("reports/<int:report_id>/", apis.ReportDetailApi.as_view(), name="report-detail"),
    path("reports/<int:report_id>/retry/", apis.ReportRetryApi.as_view(), name="report-retry"),
    path(
        "reports/<int:report_id>/download/",
        apis.ReportDownloadApi.as_view(),
        name="report-download",
    ),
    path(
        "assessments/<int:assessment_id>/corrections/",
        apis.ReportCorrectApi.as_view(),
        name="report-correct",
    ),
]
