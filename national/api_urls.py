from django.urls import path

from national import apis, domain_apis

urlpatterns = [
    path("national-ratings/", apis.NationalTableApi.as_view(), name="national-ratings"),
    path(
        "national-ratings/summary/",
        apis.NationalSummaryApi.as_view(),
        name="national-ratings-summary",
    ),
    path("outcome-domains/", domain_apis.OutcomeDomainsApi.as_view(), name="outcome-domains"),
]
