"""The REST API, version 1: every app's endpoints, the OpenAPI schema and the docs."""

from django.urls import include, path, re_path

from core import apis

app_name = "api"

urlpatterns = [
    path("schema/", apis.SchemaApi.as_view(), name="schema"),
    path("docs/", apis.DocsView.as_view(), name="docs"),
    path("", include("accounts.api_urls")),
    path("", include("councils.api_urls")),
    path("", include("assessments.api_urls")),
    path("", include("reviews.api_urls")),
    path("", include("evidence.api_urls")),
    path("", include("reports.api_urls")),
    path("", include("national.api_urls")),
    path("", include("returns.api_urls")),
    path("", include("search.api_urls")),
    path("", include("fieldwork.api_urls")),
    path("", include("grants.api_urls")),
    path("", include("hic.api_urls")),
    path("", include("winter.api_urls")),
    path("", include("riskrating.api_urls")),
    path("", include("calibration.api_urls")),
    path("", include("actionplans.api_urls")),
    # Last: anything else under /api/v1/ is a JSON 404.
    re_path(r"^.*$", apis.NotFoundApi.as_view(), name="not-found"),
]
