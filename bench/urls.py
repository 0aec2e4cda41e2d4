"""The service's URLs plus a minimal view, the baseline the benchmarks compare against."""

from django.http import HttpResponse
from django.urls import include, path


def minimal(request):
    """As little as a Django view can do: the same middleware, no queries of its own."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal/", minimal, name="bench_minimal"),
    path("", include("config.urls")),
]
