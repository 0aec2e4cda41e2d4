"""A request id on every request: taken from the proxy's X-Request-ID when it looks like one,
else made here; sent back in the X-Request-ID response header and put on every log line
written while the request is handled (operations.logging.RequestIdFilter)."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# An id from the proxy is kept only when it is short and plain, so it cannot forge log lines.
_ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def request_id_for(incoming: str | None) -> str:
    if incoming and _ACCEPTED.match(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in the middleware list, so every later log line of the request carries the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request.headers.get(HEADER))
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.request_id
        return response
