from django.urls import path

from grants import apis

urlpatterns = [
    path("grants/", apis.GrantListApi.as_view(), name="grants"),
    path("grants/<slug:code>/shares/", apis.GrantSharesApi.as_view(), name="grant-shares"),
    path(
        "grants/<slug:code>/councils/<str:gss_code>/<int:year>/",
        apis.CouncilPlanApi.as_view(),
        name="grant-council-plan",
    ),
]
