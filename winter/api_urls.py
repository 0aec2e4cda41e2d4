from django.urls import path

from winter import apis

urlpatterns = [
    path("winter-pressures/<slug:code>/", apis.SurveySharesApi.as_view(), name="winter-shares"),
    path(
        "winter-pressures/<slug:code>/councils/<str:gss_code>/",
        apis.CouncilResponseApi.as_view(),
        name="winter-council",
    ),
]
