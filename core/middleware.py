"""Response headers common to every page."""

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send the Content Security Policy: no inline scripts, no third-party origins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The API docs page (Swagger UI) needs its own inline bootstrap; it sets its own header.
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response
