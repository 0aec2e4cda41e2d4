"""URL configuration. Every page is behind sign-in unless its view says login_not_required."""

from django.contrib import admin
from django.urls import include, path

from core import views as core_views

urlpatterns = [
    path("", include("core.urls")),
    path("", include("accounts.urls")),
    path("councils/", include("councils.urls")),
    path("assessments/", include("assessments.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("national/", include("national.urls")),
    path("", include("evidence.urls")),
    path("returns/", include("returns.urls")),
]

handler403 = core_views.error_403
handler404 = core_views.error_404
handler500 = core_views.error_500
