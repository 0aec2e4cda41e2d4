"""What reports and bulk exports share as jobs: queueing after the commit (and failing the row
when the broker is down), the time limits, telling a stuck render from a slow one, and
recording that a job gave up."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from audit.actions import AuditAction
from audit.services import audit_record
from reports.models import BulkExport, RenderStatus, Report

logger = logging.getLogger(__name__)

QUEUE_UNAVAILABLE = "The job queue is unavailable; retry."
# Publishing a message must not hang a web request when the broker is down: try briefly.
ENQUEUE_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# Task time limits (seconds), here so services can tell a stuck render from a slow one.
SOFT_TIME_LIMIT = 240
TIME_LIMIT = 300
# A render still "rendering" after the hard limit (plus slack) lost its worker in a way no
# handler saw (e.g. the hard limit killed it); one "queued" this long lost its message.
STUCK_RENDERING_AFTER = datetime.timedelta(seconds=TIME_LIMIT + 60)
STUCK_QUEUED_AFTER = datetime.timedelta(hours=2)

# The audit action recorded when a generated-file row fails, by model.
FAILED_ACTIONS = {Report: AuditAction.REPORT_FAILED, BulkExport: AuditAction.BULK_EXPORT_FAILED}


def _enqueue(task_name: str, model: type[Report] | type[BulkExport], pk: int) -> None:
    """Send the task; if the broker cannot take it, record the row as failed with a reason.

    Runs after the commit (see `enqueue_on_commit`), so the row exists whatever happens.
    """
    from reports import tasks

    task = getattr(tasks, task_name)
    try:
        task.apply_async(args=[pk], retry=True, retry_policy=ENQUEUE_RETRY_POLICY)
    except (BrokerError, OSError) as exc:
        logger.warning("Could not queue %s(%s): %s", task_name, pk, exc)
        mark_failed(model, pk, QUEUE_UNAVAILABLE)


def enqueue_on_commit(task_name: str, model: type[Report] | type[BulkExport], pk: int) -> None:
    """Queue `task_name(pk)` once the transaction commits (as the task's delay_on_commit
    would), plus the broker-down handling of `_enqueue`."""
    transaction.on_commit(lambda: _enqueue(task_name, model, pk))


def report_is_stuck(report: Report, *, now: datetime.datetime | None = None) -> bool:
    """Queued or rendering for far longer than any render may take."""
    now = now or timezone.now()
    if report.status == RenderStatus.RENDERING and report.started_at:
        return now - report.started_at > STUCK_RENDERING_AFTER
    if report.status == RenderStatus.QUEUED and report.requested_at:
        return now - report.requested_at > STUCK_QUEUED_AFTER
    return False


def mark_failed(model: type[Report] | type[BulkExport], pk: int, error: str) -> None:
    """Mark a generated-file row (Report or BulkExport) failed with a readable error, under a
    row lock; a row that is gone or already ready is left alone."""
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk).first()
        if row is None or row.status == RenderStatus.READY:
            return
        before = row.status
        row.status = RenderStatus.FAILED
        row.error = error[:2000]
        row.finished_at = timezone.now()
        row.save(update_fields=["status", "error", "finished_at"])
        audit_record(
            actor=None,
            action=FAILED_ACTIONS[model],
            target=row,
            assessment=getattr(row, "assessment", None),
            changes={"status": [before, RenderStatus.FAILED]},
            note=row.error,
        )


def report_mark_failed(*, report_id: int, error: str) -> None:
    """Record that rendering gave up, with a readable error. A ready report is untouched."""
    mark_failed(Report, report_id, error)


def bulk_export_mark_failed(*, export_id: int, error: str) -> None:
    """Record that building the ZIP gave up, with a readable error. A ready export is untouched."""
    mark_failed(BulkExport, export_id, error)
