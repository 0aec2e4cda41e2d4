from django.urls import path

from riskrating import apis

urlpatterns = [
    path("risk-ratings/", apis.RiskRatingListApi.as_view(), name="risk-ratings"),
]
