from django.urls import path

from hic import apis

urlpatterns = [
    path("high-impact-changes/", apis.NationalHicApi.as_view(), name="hic-national"),
    path(
        "high-impact-changes/councils/<str:gss_code>/",
        apis.CouncilHicApi.as_view(),
        name="hic-council",
    ),
]
