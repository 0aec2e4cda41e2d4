from django.urls import path

from riskrating import apis

urlpatterns = [
    path("risk-ratings/", apis.RiskRatingListApi.as_view(), name="risk-ratings"),
    path(
        "risk-ratings/councils/<str:gss_code>/statement/",
        apis.StatementApi.as_view(),
        name="risk-statement",
    ),
]
