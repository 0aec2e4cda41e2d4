"""Celery tasks of the reports app. They take ids, call a service and own their retry policy.

Both run on the "reports" queue (CELERY_TASK_ROUTES routes reports.tasks.*), are safe to run
twice (the services lock the row and replace one stored file) and mark their row failed
with a readable error once they give up.
"""

from __future__ import annotations

import logging
import os
import time

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError

from reports import services

logger = logging.getLogger(__name__)

# Transient: the database restarting or storage briefly unavailable. Anything else is a bug
# or bad data, which retrying cannot fix.
TRANSIENT_ERRORS = (OperationalError, OSError)
MAX_RETRIES = 5
SOFT_TIME_LIMIT = services.SOFT_TIME_LIMIT
TIME_LIMIT = services.TIME_LIMIT


def readable_error(exc: BaseException, *, retries: int) -> str:
    """What went wrong, in words for the report's status panel."""
    tries = f"tried {retries + 1} time{'s' if retries else ''}"
    if isinstance(exc, services.ReportError):
        return str(exc)
    if isinstance(exc, SoftTimeLimitExceeded):
        return (
            f"Rendering took longer than {SOFT_TIME_LIMIT // 60} minutes and was stopped. "
            "Retry; if it happens again, tell the service team."
        )
    if isinstance(exc, OperationalError):
        return f"The database was unavailable while rendering ({tries}). Retry later."
    if isinstance(exc, OSError):
        return f"The file could not be read or stored ({tries}): {exc}. Retry later."
    return f"Rendering failed: {exc.__class__.__name__}: {exc}"


def _test_render_delay(report) -> None:
    """Test hook: hold the render open so a test can kill the worker mid-render.

    Read only under the test settings, so production can never be slowed by it.
    """
    time.sleep(float(os.environ.get("REPORTS_TEST_RENDER_DELAY", "0")))


def _before_store_hook():
    if settings.SETTINGS_MODULE == "config.settings.test" and os.environ.get(
        "REPORTS_TEST_RENDER_DELAY"
    ):
        return _test_render_delay
    return None


class RenderTask(Task):
    """Marks the row failed when the task fails for good (after the last retry)."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        row_id = args[0] if args else kwargs.get(self.id_argument)
        message = readable_error(exc, retries=self.request.retries)
        logger.error("%s(%s) failed: %s", self.name, row_id, message)
        self.mark_failed(row_id, message)

    id_argument = ""

    def mark_failed(self, row_id: int, message: str) -> None:
        raise NotImplementedError


class ReportRenderTask(RenderTask):
    id_argument = "report_id"

    def mark_failed(self, row_id: int, message: str) -> None:
        services.report_mark_failed(report_id=row_id, error=message)


class BulkExportTask(RenderTask):
    id_argument = "export_id"

    def mark_failed(self, row_id: int, message: str) -> None:
        services.bulk_export_mark_failed(export_id=row_id, error=message)


# The delivery and retry policy both tasks share, written once.
RENDER_TASK_OPTIONS = {
    # Acknowledge only after the file is stored: a worker killed mid-render leaves the message
    # in the broker to be delivered again (the tasks are idempotent, so that is safe).
    "acks_late": True,
    # A child killed by the OS or SIGKILL requeues the task instead of marking it failed.
    "reject_on_worker_lost": True,
    # Database restarts and storage hiccups are worth retrying; nothing else is.
    "autoretry_for": TRANSIENT_ERRORS,
    # Exponential backoff (5 s, 10 s, 20 s ...) with jitter so retries do not stampede.
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    # Give up after this many retries; on_failure then records a readable error.
    "max_retries": MAX_RETRIES,
    # A runaway render raises SoftTimeLimitExceeded first (recorded as a readable failure) ...
    "soft_time_limit": SOFT_TIME_LIMIT,
    # ... and the child is killed outright if it still has not stopped. Zipping
    # already-rendered PDFs is quick; for a bulk export these limits only stop a stuck build.
    "time_limit": TIME_LIMIT,
}


@shared_task(bind=True, base=ReportRenderTask, **RENDER_TASK_OPTIONS)
def render_report(self, report_id: int) -> None:
    """Render report `report_id` to its PDF; does nothing if it is already ready."""
    services.report_render(report_id=report_id, before_store=_before_store_hook())


@shared_task(bind=True, base=BulkExportTask, **RENDER_TASK_OPTIONS)
def build_bulk_export(self, export_id: int) -> None:
    """Build bulk export `export_id` (ZIP + manifest); does nothing if it is already ready."""
    services.bulk_export_build(export_id=export_id)
