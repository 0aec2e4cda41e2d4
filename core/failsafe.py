"""Answers for requests the service cannot take: a body over the size limit (413) and a
database that is restarting or unreachable (503). Both say what happened in plain words, as
GOV.UK pages (the API answers JSON), never as Django's debug or bare error pages.

Generic: imports no domain app.
"""

from __future__ import annotations

import logging
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.middleware.csrf import get_token
from django.template import loader

logger = logging.getLogger(__name__)

# Seconds a client should wait before trying again: a database restart takes a few seconds.
RETRY_AFTER_SECONDS = 5
DATABASE_ERRORS = (OperationalError, InterfaceError)
# SQLite reports a missing table or column as an OperationalError too: that is a broken
# deployment (a migration not run), not a database that will be back in a few seconds.
SCHEMA_ERROR_MARKERS = ("no such table", "no such column")


def is_database_unavailable(exception) -> bool:
    """Whether `exception` means the database cannot be reached right now (try again)."""
    if not isinstance(exception, DATABASE_ERRORS):
        return False
    return not any(marker in str(exception) for marker in SCHEMA_ERROR_MARKERS)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _back_url(request) -> str | None:
    """The page the request came from, when it is on this site (a link back to the form)."""
    referer = request.headers.get("Referer", "")
    parts = urlsplit(referer)
    if not referer or (parts.netloc and parts.netloc != request.get_host()):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _page(template: str, context: dict, status: int) -> HttpResponse:
    # Rendered with a bare context: no context processor may touch the database (the 503
    # page is shown precisely when it cannot be reached).
    html = loader.get_template(template).render({"service_name": settings.SERVICE_NAME, **context})
    return HttpResponse(html, status=status)


# ---- the database is unavailable ------------------------------------------------------------


# Never echoed back: the CSRF token is issued afresh, and a password is never shown.
NOT_ECHOED = ("csrfmiddlewaretoken",)
# Sent again as they were, unseen: a form's one-time key makes the second sending safe.
RESENT_HIDDEN_SUFFIX = "idempotency_key"


def _typed_fields(request) -> list[dict]:
    """What a page's form posted, to show again on the 503 page in a form that sends it
    again: each value with its field name; files cannot be kept (they must be chosen again)."""
    if request.method != "POST" or _is_api(request):
        return []
    try:
        data = request.POST
    except Exception:  # noqa: BLE001 - an unreadable body is simply not re-shown
        return []
    fields = []
    for name in data:
        if name in NOT_ECHOED or "password" in name.lower():
            continue
        for index, value in enumerate(data.getlist(name)):
            fields.append(
                {
                    "name": name,
                    "value": value,
                    "hidden": name.endswith(RESENT_HIDDEN_SUFFIX),
                    "id": f"typed-{len(fields)}",
                    "label": name.replace("_", " ").replace("-", " ").capitalize()
                    + (f" ({index + 1})" if index else ""),
                }
            )
    return fields


def database_unavailable_response(request) -> HttpResponse:
    """503 with Retry-After: a GOV.UK "try again" page, or JSON for the API. Nothing of the
    request was saved: each service writes in one transaction, which the lost connection
    rolled back."""
    if _is_api(request):
        response = JsonResponse(
            {
                "detail": "The service is briefly unavailable. Nothing was saved. Try again "
                "in a few seconds.",
                "code": "service_unavailable",
            },
            status=503,
        )
    else:
        typed = _typed_fields(request)
        response = _page(
            "503.html",
            {
                "back_url": _back_url(request),
                "was_post": request.method == "POST",
                "typed": typed,
                "has_files": bool(request.method == "POST" and request.FILES),
                "action": request.path,
                # The cookie's token: reading it needs no database.
                "csrf_token": get_token(request) if typed else "",
            },
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """A view (or API view) that meets a lost database connection answers 503, not 500.

    Errors raised before the view (e.g. loading the session) reach `server_error` below,
    the project's handler500, which answers the same way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            logger.warning("Database unavailable for %s %s: %s", request.method, request.path,
                           exception)  # fmt: skip
            return database_unavailable_response(request)
        return None


def server_error(request):
    """handler500: a lost database is a 503 "try again"; anything else the 500 page."""
    exception = sys.exc_info()[1]
    if is_database_unavailable(exception):
        return database_unavailable_response(request)
    return HttpResponseServerError(loader.get_template("500.html").render({}))


# ---- the request is too large -------------------------------------------------------------


def request_too_large_response(request) -> HttpResponse:
    """413: what happened and a way back to the form; the API answers JSON."""
    limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    if _is_api(request):
        return JsonResponse(
            {
                "detail": f"The request body is larger than the {limit_mb} MB this service "
                "accepts (files go to the uploads endpoint). Nothing was saved.",
                "code": "request_too_large",
            },
            status=413,
        )
    return _page("413.html", {"back_url": _back_url(request), "limit_mb": limit_mb}, status=413)


class RequestTooLargeMiddleware:
    """Answer an over-size form post with the 413 page before anything reads it.

    Django refuses a body whose form fields (files apart) exceed DATA_UPLOAD_MAX_MEMORY_SIZE
    with RequestDataTooBig, which would otherwise become a bare 400 (or the debug page).
    Reading `request.POST` here, before the CSRF check does, turns it into our page. API
    bodies (JSON, parsed by DRF, which sets no limit of its own) are refused by length.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            if _is_api(request):
                if self._api_body_too_large(request):
                    return request_too_large_response(request)
            else:
                try:
                    request.POST  # noqa: B018 - parsing now is the point
                except (RequestDataTooBig, TooManyFieldsSent):
                    logger.warning("Request body too large: %s %s", request.method, request.path)
                    return request_too_large_response(request)
        return self.get_response(request)

    @staticmethod
    def _api_body_too_large(request) -> bool:
        if request.content_type == "multipart/form-data":
            return False  # file uploads: each file is checked against its own limit
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        return length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
