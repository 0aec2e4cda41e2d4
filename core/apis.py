"""The API's own pages: the OpenAPI schema and the interactive docs, from local files."""

import threading

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from core.api import ApiMixin

# drf-spectacular loads its extension classes lazily on first use, and not thread-safely: two
# first schema requests at once in one server process answered 500 (seen under gunicorn's
# threads when schemathesis and a readiness probe asked together).
_schema_lock = threading.Lock()


class SchemaApi(ApiMixin, SpectacularAPIView):
    """The OpenAPI 3 schema of the whole API (public, like the docs)."""

    authentication_classes = []
    permission_classes = []

    def _get_schema_response(self, request):
        with _schema_lock:  # one schema generation at a time per process
            return super()._get_schema_response(request)


class DocsView(ApiMixin, SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar's local static files. The split view serves its
    start-up script as a separate same-origin file, so the page runs under the site's Content
    Security Policy (no inline script or style)."""

    # The session (read-only here) lets the page's header show the signed-in navigation.
    authentication_classes = [SessionAuthentication]
    permission_classes = []
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


class NotFoundApi(ApiMixin, APIView):
    """Any other path under /api/v1/: a JSON 404 (not the HTML error page)."""

    authentication_classes = []
    permission_classes = []
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound("There is no such API endpoint.")
