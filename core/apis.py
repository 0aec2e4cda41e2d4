"""The API's own pages: the OpenAPI schema and the interactive docs, from local files."""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from core.api import ApiMixin


class SchemaApi(ApiMixin, SpectacularAPIView):
    """The OpenAPI 3 schema of the whole API (public, like the docs)."""

    authentication_classes = []
    permission_classes = []


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
