"""/healthz: no sign-in; database, cache, broker and a recent worker heartbeat; 200, or 503
naming each part that failed, with no secret in the answer."""

from __future__ import annotations

import time

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache

from config.celery import app as project_app
from operations import health

pytestmark = pytest.mark.django_db


def test_every_part_working_and_a_recent_heartbeat_answer_200_to_anyone(client):
    health.heartbeat_record()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failed": [],
        "checks": {"database": "ok", "cache": "ok", "broker": "ok", "worker": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_no_heartbeat_or_an_old_one_is_503_naming_the_worker(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["worker"]
    assert response.json()["checks"]["worker"] == "no worker heartbeat"

    health.heartbeat_record(now=time.time() - 600)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["worker"]
    assert response.json()["checks"]["worker"].startswith("no worker heartbeat for 6")


def test_an_unreachable_broker_is_named_without_its_address_or_password(client, settings):
    health.heartbeat_record()
    settings.CELERY_BROKER_URL = "redis://:hunter2-secret@127.0.0.1:1/0"  # nothing listens
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]
    assert response.json()["checks"]["broker"] == "unavailable"
    body = response.content.decode()
    assert "hunter2" not in body and "127.0.0.1" not in body and "6379" not in body


def test_a_database_that_answers_no_query_is_named(client):
    """Every query fails as on a lost connection (injected through Django's own query
    hook): /healthz says which part failed, and nothing of the error's text."""
    from django.db import OperationalError, connection

    health.heartbeat_record()

    def lost(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly on 10.0.0.5")

    with connection.execute_wrapper(lost):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert response.json()["checks"]["database"] == "unavailable"
    assert "10.0.0.5" not in response.content.decode()


def test_an_unreachable_cache_is_named(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://:hunter2-secret@127.0.0.1:1/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    # The heartbeat lives in the cache, so the worker cannot be vouched for either.
    assert response.json()["failed"] == ["cache", "worker"]
    assert "hunter2" not in response.content.decode()


def test_only_reads_are_answered(client):
    assert client.post("/healthz").status_code == 405


@pytest.fixture
def project_app_stays_current():
    """Celery's test worker makes its own app the current and default one; put the project's
    app back afterwards, or every later shared task is sent to the in-memory broker (the
    real-worker tests then wait for messages that never reach Redis)."""
    yield
    project_app.set_current()
    project_app.set_default()


def test_a_running_worker_writes_the_heartbeat_on_its_timer(monkeypatch, project_app_stays_current):
    """The project's Celery app runs the heartbeat step; a real worker (embedded, on an
    in-memory broker) writes the heartbeat when its consumer starts and again on its timer."""
    assert "operations.worker.HeartbeatStep" in project_app.steps["consumer"]
    monkeypatch.setattr(health, "HEARTBEAT_INTERVAL_SECONDS", 0.2)
    worker_app = Celery("heartbeat-test", broker="memory://", set_as_current=False)
    worker_app.steps["consumer"].add("operations.worker.HeartbeatStep")
    assert health.heartbeat_age() is None
    with start_worker(worker_app, perform_ping_check=False, shutdown_timeout=10):
        deadline = time.monotonic() + 10
        while cache.get(health.HEARTBEAT_KEY) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        first = cache.get(health.HEARTBEAT_KEY)
        assert first is not None
        while cache.get(health.HEARTBEAT_KEY) == first and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cache.get(health.HEARTBEAT_KEY) > first  # beating again on the timer
    assert health.check_worker() == health.OK
