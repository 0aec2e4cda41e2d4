"""Real Celery worker processes against Redis and the test database (PostgreSQL + Redis run).

Each test starts `celery -A config worker -Q reports,default` as a subprocess whose
DATABASE_URL points at the same test database pytest-django created, and drives a report
through the broker: request -> ready; a worker SIGKILLed mid-render, then a new worker that
gets the redelivered message and finishes with exactly one file; Redis unreachable when a
report is requested.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from reports import services, storage
from reports.models import RenderStatus, Report
from reports.sample import build_assessment
from tests.reports.conftest import pdf_text

ROOT = Path(__file__).resolve().parents[2]
_BROKER = settings.CELERY_BROKER_URL
_DATABASE = settings.DATABASES["default"]["ENGINE"]

pytestmark = [
    pytest.mark.worker,
    # Committed data the worker can see; reference data (groups, councils, framework) from
    # the data migrations is restored after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not _BROKER.startswith("redis"),
        reason="needs a Redis broker: set CELERY_BROKER_URL=redis://... (PostgreSQL + Redis run)",
    ),
    pytest.mark.skipif(
        "postgresql" not in _DATABASE,
        reason="a worker process cannot share SQLite's test database: set DATABASE_URL to "
        "PostgreSQL (PostgreSQL + Redis run)",
    ),
]


def _database_url() -> str:
    """The URL of the test database pytest-django created (e.g. test_test_reports)."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def _isolate_broker(monkeypatch) -> str:
    """Give this test its own Redis key prefix, in this process and (by CELERY_REDIS_KEY_PREFIX)
    in its workers, so no other worker on the same Redis database (e.g. the browser tests'
    session worker) can take its messages, and nothing left from an earlier run is delivered.
    Celery caches connection and producer pools: drop them (monkeypatch restores them)."""
    from config.celery import app

    prefix = f"test-reports-{uuid.uuid4().hex[:12]}:"
    options = {**app.conf.broker_transport_options, "global_keyprefix": prefix}
    # The namespaced Django setting name is what the app reads first.
    monkeypatch.setitem(app.conf, "CELERY_BROKER_TRANSPORT_OPTIONS", options)
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    return prefix


def _delete_keys(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(_BROKER)
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)


def _wait(predicate, *, timeout: float, what: str, logs=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    tail = "\n".join(path.read_text(errors="replace")[-3000:] for path in logs)
    raise AssertionError(f"Timed out after {timeout}s waiting for {what}.\n{tail}")


@pytest.fixture
def start_worker(transactional_db, tmp_path, monkeypatch):
    """Start real worker processes; every one still running is stopped at the end."""
    prefix = _isolate_broker(monkeypatch)
    started: list[tuple[subprocess.Popen, Path]] = []

    def start(**env_overrides: str) -> tuple[subprocess.Popen, Path]:
        env = {**os.environ}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.test",
            DATABASE_URL=_database_url(),
            CELERY_BROKER_URL=_BROKER,
            CELERY_REDIS_KEY_PREFIX=prefix,
            PYTHONUNBUFFERED="1",
        )
        env.update(env_overrides)
        log = tmp_path / f"worker-{len(started)}.log"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                "reports,default",
                "--concurrency",
                "1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
                "-n",
                f"test-reports-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            # Own process group, so a test can SIGKILL the worker and its children at once.
            start_new_session=True,
        )
        started.append((process, log))
        return process, log

    yield start
    for process, _ in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
    _delete_keys(prefix)


def _status(report_id: int) -> Report:
    return Report.objects.get(pk=report_id)


def _files_of(report: Report) -> list[Path]:
    folder = Path(storage.private_storage().path(report.stored_name)).parent
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def published(transactional_db, lead_assessor, nottingham):
    from assessments.models import AssessmentStatus

    return build_assessment(
        council=nottingham,
        author=lead_assessor,
        status=AssessmentStatus.PUBLISHED,
        evidence_per_statement=4,
        paragraphs=1,
    )


@pytest.fixture
def in_scoring(transactional_db, lead_assessor, nottingham):
    """An assessment whose draft may be produced (none is, once it is published)."""
    from assessments.models import AssessmentStatus

    return build_assessment(
        council=nottingham,
        author=lead_assessor,
        status=AssessmentStatus.SCORING,
        evidence_per_statement=1,
        paragraphs=1,
    )


def test_request_to_ready_through_a_real_worker(start_worker, published, lead_assessor):
    _, log = start_worker()
    report = services.report_request(actor=lead_assessor, assessment=published, kind="published")
    # transactional_db: the request committed, so the message was sent to Redis on commit.
    ready = _wait(
        lambda: (
            _status(report.pk).status in (RenderStatus.READY, RenderStatus.FAILED)
            and _status(report.pk)
        ),
        timeout=120,
        what="the report to be rendered",
        logs=[log],
    )
    assert ready.status == RenderStatus.READY, ready.error
    with storage.open_file(ready.stored_name) as handle:
        content = handle.read()
    assert hashlib.sha256(content).hexdigest() == ready.sha256
    text = pdf_text(content)
    assert "Nottingham" in text and "Outstanding" in text and "Score: 89%" in text
    assert "DRAFT" not in text
    assert ready.attempts == 1 and ready.page_count > 5


def test_worker_killed_mid_render_is_redelivered_and_leaves_exactly_one_file(
    start_worker, published, lead_assessor
):
    # A short visibility timeout makes Redis hand the unacknowledged message to the next
    # worker within seconds; the render delay holds the first worker mid-render.
    fast_redelivery = {
        "CELERY_VISIBILITY_TIMEOUT": "5",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }
    first, first_log = start_worker(REPORTS_TEST_RENDER_DELAY="60", **fast_redelivery)
    report = services.report_request(actor=lead_assessor, assessment=published, kind="published")
    for path in _files_of(report):
        path.unlink()
    _wait(
        lambda: _status(report.pk).status == RenderStatus.RENDERING,
        timeout=120,
        what="the first worker to start rendering",
        logs=[first_log],
    )
    time.sleep(3)  # well inside the render: the PDF is laid out, the hook is holding it
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    killed = _status(report.pk)
    assert killed.status == RenderStatus.RENDERING and killed.attempts == 1
    assert _files_of(report) == []

    redelivery_started = time.monotonic()
    _, second_log = start_worker(**fast_redelivery)
    done = _wait(
        lambda: (
            _status(report.pk).status in (RenderStatus.READY, RenderStatus.FAILED)
            and _status(report.pk)
        ),
        timeout=120,
        what="the redelivered task to finish",
        logs=[first_log, second_log],
    )
    assert done.status == RenderStatus.READY, done.error
    assert time.monotonic() - redelivery_started < 60
    assert done.attempts == 2  # the same task, delivered a second time
    assert Report.objects.filter(assessment=published).count() == 1
    files = _files_of(report)
    assert files == [Path(storage.private_storage().path(done.stored_name))]
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == done.sha256
    assert "Nottingham" in pdf_text(files[0].read_bytes())  # the published version, whole


def test_redis_unavailable_records_the_request_and_says_why(
    transactional_db, client, in_scoring, lead_assessor, monkeypatch
):
    from config.celery import app

    # Point the app at a port where nothing listens. Celery reads CELERY_BROKER_URL from the
    # environment before its setting, and caches connection and producer pools: drop them
    # (monkeypatch puts the working ones back afterwards).
    dead = "redis://127.0.0.1:1/0"
    monkeypatch.setenv("CELERY_BROKER_URL", dead)
    monkeypatch.setattr(app.conf, "broker_url", dead)
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    client.force_login(lead_assessor)
    started = time.monotonic()
    response = client.post(reverse("reports:request_draft", args=[in_scoring.pk]))
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    report = Report.objects.get(assessment=in_scoring, kind="draft")
    assert report.status == RenderStatus.FAILED
    assert report.error == services.QUEUE_UNAVAILABLE
    assert elapsed < 30
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Failed" in html and services.QUEUE_UNAVAILABLE in html
    assert "The report was recorded but not queued" in html
    assert reverse("reports:retry", args=[report.pk]) in html


def test_bulk_export_built_by_a_real_worker(start_worker, published, lead_assessor, admin_user):
    import io
    import zipfile

    from reports.models import BulkExport

    _, log = start_worker()
    report = services.report_request(actor=lead_assessor, assessment=published, kind="published")
    _wait(
        lambda: _status(report.pk).status == RenderStatus.READY,
        timeout=120,
        what="the published report",
        logs=[log],
    )
    export = services.bulk_export_request(
        actor=admin_user, region_code=published.council.region_code
    )
    done = _wait(
        lambda: (
            (e := BulkExport.objects.get(pk=export.pk)).status
            in (RenderStatus.READY, RenderStatus.FAILED)
            and e
        ),
        timeout=120,
        what="the bulk export",
        logs=[log],
    )
    assert done.status == RenderStatus.READY, done.error
    assert (done.total, done.done) == (1, 1)
    with storage.open_file(done.stored_name) as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    manifest = archive.read("manifest.csv").decode()
    assert _status(report.pk).sha256 in manifest and "Nottingham" in manifest
