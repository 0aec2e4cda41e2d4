"""Log configuration: one line per event, with the request id; JSON in production.

Refused requests (4xx) are logged by Django with their exception attached, which printed a
traceback for every 403 and 404 (and, with DEBUG on, twice: Django's own console handler and
ours). Here Django's loggers write through the root handler alone, and a 4xx record loses its
traceback: a refusal is an expected answer, not an error.
"""

from __future__ import annotations

import logging

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from operations.request_id import current_request_id


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record: the id of the request being handled, or "-"."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or current_request_id.get() or "-"
        return True


class RefusalWithoutTracebackFilter(logging.Filter):
    """A refused request (status below 500) is one line: its exception is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        status_code = getattr(record, "status_code", None)
        if isinstance(status_code, int) and status_code < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class OneLinePerRefusalFilter(logging.Filter):
    """The development server (`make demo`) also writes an access line for every request; for
    a refusal (4xx) Django has already logged one line with the reason and the request id, so
    the access line is left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        status_code = getattr(record, "status_code", None)
        refused = isinstance(status_code, int) and 400 <= status_code < 500
        return not (record.name == "django.server" and refused)


class JsonFormatter(_JsonFormatter):
    """python-json-logger's formatter; the request object Django attaches is left out (its
    id is logged; the object itself is not data)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "server_time"])
        super().__init__(*args, **kwargs)


def logging_config(*, json: bool, level: str) -> dict:
    """The LOGGING setting: a console handler (stderr) writing text, or JSON with `json`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "operations.logging.RequestIdFilter"},
            "refusal_without_traceback": {"()": "operations.logging.RefusalWithoutTracebackFilter"},
            "one_line_per_refusal": {"()": "operations.logging.OneLinePerRefusalFilter"},
        },
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
            "json": {
                "()": "operations.logging.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json else "text",
                "filters": ["request_id", "refusal_without_traceback", "one_line_per_refusal"],
            }
        },
        # Django's loggers (the development server's too) lose their own console handlers and
        # write through the root's.
        "loggers": {
            "django": {"handlers": [], "level": "INFO", "propagate": True},
            "django.server": {"handlers": [], "level": "INFO", "propagate": True},
            # django-axes logs every successful sign-in at INFO; failures and lockouts (its
            # WARNINGs) are the security signal worth a line.
            "axes": {"handlers": [], "level": "WARNING", "propagate": True},
        },
        "root": {"handlers": ["console"], "level": level},
    }
