"""The reminder schedule through a real Celery beat and worker (PostgreSQL + Redis run).

A beat process (interval lowered to one second) queues `returns.tasks.send_due_reminders` on
Redis, a worker process runs it against the test database: each due reminder is recorded and
sent once. Restarting the beat, and running two beats at once (as after a failed deploy),
sends nothing twice: the unique (request, kind) row is recorded before anything is sent.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from assessments import working_days
from core.models import IdempotencyKey
from returns.models import DocumentRequest, Notification, Reminder
from tests.factories import AssessmentFactory, UserFactory
from tests.reports.test_worker import ROOT, _database_url, _delete_keys, _isolate_broker, _wait

_BROKER = settings.CELERY_BROKER_URL
_DATABASE = settings.DATABASES["default"]["ENGINE"]

pytestmark = [
    pytest.mark.worker,
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


@pytest.fixture
def celery_process(transactional_db, tmp_path, monkeypatch):
    """`celery_process("worker" | "beat", name)`: start a real Celery process on this test's
    own Redis key prefix; every one still running is stopped at the end."""
    prefix = _isolate_broker(monkeypatch)
    started: list[subprocess.Popen] = []

    def start(kind: str, name: str) -> tuple[subprocess.Popen, Path]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": _BROKER,
            "CELERY_REDIS_KEY_PREFIX": prefix,
            "RETURNS_REMINDER_INTERVAL_SECONDS": "1",
            "IDEMPOTENCY_PURGE_INTERVAL_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
        }
        log = tmp_path / f"{name}.log"
        if kind == "worker":
            args = ["worker", "-Q", "default", "--concurrency", "2", "--without-gossip",
                    "--without-mingle", "--without-heartbeat",
                    "-n", f"test-returns-{uuid.uuid4().hex[:8]}@%h"]  # fmt: skip
        else:
            args = ["beat", "--schedule", str(tmp_path / f"{name}-schedule")]
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", *args, "--loglevel", "INFO"],
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(process)
        return process, log

    yield start
    for process in started:
        _stop(process)
    _delete_keys(prefix)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def _runs(log: Path) -> int:
    """How many reminder jobs the worker has finished."""
    lines = log.read_text(errors="replace").splitlines()
    return sum("returns.tasks.send_due_reminders" in x and " succeeded in " in x for x in lines)


def _snapshot() -> tuple:
    return (
        sorted(Reminder.objects.values_list("request_id", "kind")),
        Notification.objects.filter(kind__startswith="reminder_").count(),
    )


def test_reminders_through_real_beat_and_worker_sent_once_across_restarts(celery_process, suffolk):
    assessment = AssessmentFactory(council=suffolk)
    lead = UserFactory(username="lead.w", role="council_lead", councils=[suffolk])
    contributor = UserFactory(username="contrib.w", role="council_contributor", councils=[suffolk])
    today = timezone.localdate()
    statement = assessment.framework.quality_statements.get(number=1)
    due_today = DocumentRequest.objects.create(
        assessment=assessment, title="Due today", reason="r", due_on=today, raised_by=lead
    )
    soon = DocumentRequest.objects.create(
        assessment=assessment, title="Due in two working days", reason="r",
        due_on=working_days.add_working_days(today, 2), raised_by=lead,
    )  # fmt: skip
    later = DocumentRequest.objects.create(
        assessment=assessment, title="Due next month", reason="r",
        due_on=today + datetime.timedelta(days=30), raised_by=lead,
    )  # fmt: skip
    for request in (due_today, soon, later):
        request.statements.set([statement])

    _, worker_log = celery_process("worker", "worker")
    beat, beat_log = celery_process("beat", "beat-1")
    expected = sorted([(due_today.pk, "on_due"), (soon.pk, "before_due")])
    _wait(lambda: _snapshot()[0] == expected and Reminder.objects.filter(sent_at__isnull=False)
          .count() == 2, timeout=90, what="both reminders to be sent",
          logs=[worker_log, beat_log])  # fmt: skip
    first = _snapshot()
    assert first == (expected, 4)  # two reminders x (lead + contributor)
    assert Notification.objects.filter(user=contributor, kind="reminder_on_due").count() == 1

    # Restart the beat, then run two beats at once: the job runs many more times.
    _stop(beat)
    runs_before = _runs(worker_log)
    celery_process("beat", "beat-2")
    celery_process("beat", "beat-3")
    _wait(lambda: _runs(worker_log) >= runs_before + 6, timeout=90,
          what="the restarted beats' jobs to run", logs=[worker_log])  # fmt: skip
    assert _snapshot() == first
    assert not Reminder.objects.filter(request=later).exists()


def test_old_idempotency_keys_purged_by_real_beat_and_worker(celery_process, suffolk):
    """The hourly purge (interval lowered to one second) deletes keys older than seven days."""
    user = UserFactory(username="purge.w", role="assessor")
    old = IdempotencyKey.objects.create(user=user, scope="s", key="old-key-1", result_id="1")
    IdempotencyKey.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    recent = IdempotencyKey.objects.create(user=user, scope="s", key="new-key-1", result_id="2")
    _, worker_log = celery_process("worker", "worker")
    _, beat_log = celery_process("beat", "beat")
    _wait(lambda: not IdempotencyKey.objects.filter(pk=old.pk).exists(), timeout=90,
          what="the old key to be purged", logs=[worker_log, beat_log])  # fmt: skip
    assert list(IdempotencyKey.objects.all()) == [recent]
