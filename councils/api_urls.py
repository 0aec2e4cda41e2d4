from django.urls import path, re_path

from councils import apis

urlpatterns = [
    path("councils/", apis.CouncilListApi.as_view(), name="council-list"),
    # GSS codes only (E06/E08/E09/E10 + six digits): anything else is a 404 before any query.
    re_path(
        r"^councils/(?P<gss_code>E[0-9]{8})/$",
        apis.CouncilDetailApi.as_view(),
        name="council-detail",
    ),
]
