"""Logs: a request id on every request and every log line; a refused request is one line with
no traceback; production writes JSON."""

from __future__ import annotations

import importlib
import io
import json
import logging
import logging.config
import sys

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_output():
    """What the root logger's console handler (the project's LOGGING) writes."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_every_response_carries_a_request_id_and_a_plain_incoming_one_is_kept(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32 and made != client.get("/healthz")["X-Request-ID"]
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.2")
    assert kept["X-Request-ID"] == "lb-7f3a.2"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="x\nERROR forged line")
    assert forged["X-Request-ID"] != "x\nERROR forged line" and len(forged["X-Request-ID"]) == 32


@pytest.mark.parametrize("debug", [False, True])
def test_a_refused_request_logs_one_line_with_its_request_id_and_no_traceback(
    debug, client, council_lead, log_output, settings
):
    settings.DEBUG = debug
    client.force_login(council_lead)
    refused = client.get(reverse("reports:exports"))
    assert refused.status_code == 403
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    lines = log_output.getvalue().splitlines()
    assert "Traceback" not in log_output.getvalue()
    assert len(lines) == 2, lines
    assert "WARNING django.request" in lines[0] and "Forbidden" in lines[0]
    assert f"[{refused['X-Request-ID']}]" in lines[0]
    assert "Not Found: /no-such-page/" in lines[1]
    assert f"[{missing['X-Request-ID']}]" in lines[1]


def test_a_server_error_keeps_its_traceback(log_output):
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("django.request").exception(
            "Internal Server Error: /x", extra={"status_code": 500}
        )
    assert "Traceback" in log_output.getvalue() and "ValueError: boom" in log_output.getvalue()


def test_production_logs_json_lines_with_the_request_id(client, monkeypatch, settings):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "assess.example")
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/0")
    sys.modules.pop("config.settings.production", None)
    production = importlib.import_module("config.settings.production")
    sys.modules.pop("config.settings.production", None)
    try:
        logging.config.dictConfig(production.LOGGING)
        handler = next(h for h in logging.getLogger().handlers if h.name == "console")
        stream = io.StringIO()
        handler.setStream(stream)
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-42")
        logging.getLogger("reports.tasks").info("Rendered %s", "report 7")
    finally:
        logging.config.dictConfig(settings.LOGGING)
    first, second = (json.loads(line) for line in stream.getvalue().splitlines())
    assert response["X-Request-ID"] == "req-42"
    assert first["request_id"] == "req-42" and first["level"] == "WARNING"
    assert first["logger"] == "django.request" and first["status_code"] == 404
    assert first["message"] == "Not Found: /no-such-page/" and "time" in first
    assert "request" not in first
    assert second == {**second, "request_id": "-", "message": "Rendered report 7"}


def test_the_development_servers_access_line_is_left_out_for_a_refusal(log_output):
    """`make demo` runs Django's development server, which writes an access line per request:
    a refusal is already one django.request line, so its access line is not written."""
    server = logging.getLogger("django.server")
    server.info('"GET / HTTP/1.1" 200 5367', extra={"status_code": 200})
    server.warning('"GET /nope/ HTTP/1.1" 404 4252', extra={"status_code": 404})
    server.error('"GET /broken/ HTTP/1.1" 500 145', extra={"status_code": 500})
    lines = log_output.getvalue().splitlines()
    assert len(lines) == 2
    assert '"GET / HTTP/1.1" 200' in lines[0] and '"GET /broken/ HTTP/1.1" 500' in lines[1]
