"""URL configuration. Every page is behind sign-in unless its view says login_not_required."""

from django.contrib import admin
from django.urls import include, path

from operations.views import healthz
from pages import views as pages_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("pages.urls")),
    path("", include("accounts.urls")),
    path("councils/", include("councils.urls")),
    path("assessments/", include("assessments.urls")),
    path("assessments/", include("reviews.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("national/", include("national.urls")),
    path("", include("evidence.urls")),
    path("returns/", include("returns.urls")),
    path("search/", include("search.urls")),
    path("fieldwork/", include("fieldwork.urls")),
    # the national picture, issue 18
    path("grants/", include("grants.urls")),
    path("high-impact-changes/", include("hic.urls")),
    path("winter-pressures/", include("winter.urls")),
    path("risk-rating/", include("riskrating.urls")),
    path("calibration/", include("calibration.urls")),
    path("action-plans/", include("actionplans.urls")),
]

handler403 = pages_views.error_403
handler404 = pages_views.error_404
# A lost database is a 503 "try again"; anything else the 500 page (core/failsafe.py).
handler500 = "core.failsafe.server_error"
