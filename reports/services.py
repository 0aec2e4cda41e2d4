"""Writes for reports and exports: requesting, rendering, retrying and failing.

Rules:
- a `Report` row per rendering; versions count up per assessment and kind;
- a published report is immutable: once ready it is never rendered again, and a correction
  after publication is a new version carrying the reason;
- workers render through `report_render` / `bulk_export_build`, which are idempotent: a
  retried or duplicated task never creates a second file or version.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import logging
import zipfile
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from assessments.models import Assessment, AssessmentStatus
from audit.actions import AuditAction
from audit.services import audit_record
from core import errors
from reports import docx, rendering, storage
from reports.models import BulkExport, RenderStatus, Report, ReportKind

logger = logging.getLogger(__name__)

QUEUE_UNAVAILABLE = "The job queue is unavailable; retry."
# Publishing a message must not hang a web request when the broker is down: try briefly.
ENQUEUE_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}
# Progress is written at most this often while a bulk export is built (rows, not seconds).
EXPORT_PROGRESS_EVERY = 1
# Task time limits (seconds), here so services can tell a stuck render from a slow one.
SOFT_TIME_LIMIT = 240
TIME_LIMIT = 300
# A render still "rendering" after the hard limit (plus slack) lost its worker in a way no
# handler saw (e.g. the hard limit killed it); one "queued" this long lost its message.
STUCK_RENDERING_AFTER = datetime.timedelta(seconds=TIME_LIMIT + 60)
STUCK_QUEUED_AFTER = datetime.timedelta(hours=2)


class ReportError(errors.DomainError):
    """A report rule refused the request; the message is fit to show to the user."""


# The audit action recorded when a generated-file row fails, by model.
FAILED_ACTIONS = {Report: AuditAction.REPORT_FAILED, BulkExport: AuditAction.BULK_EXPORT_FAILED}


# ---- enqueueing ------------------------------------------------------------------------


def _enqueue(task_name: str, model: type[Report] | type[BulkExport], pk: int) -> None:
    """Send the task; if the broker cannot take it, record the row as failed with a reason.

    Runs after the commit (see `_enqueue_on_commit`), so the row exists whatever happens.
    """
    from reports import tasks

    task = getattr(tasks, task_name)
    try:
        task.apply_async(args=[pk], retry=True, retry_policy=ENQUEUE_RETRY_POLICY)
    except (BrokerError, OSError) as exc:
        logger.warning("Could not queue %s(%s): %s", task_name, pk, exc)
        with transaction.atomic():
            row = model.objects.select_for_update().get(pk=pk)
            if row.status in (RenderStatus.READY, RenderStatus.FAILED):
                return
            row.status = RenderStatus.FAILED
            row.error = QUEUE_UNAVAILABLE
            row.finished_at = timezone.now()
            row.save(update_fields=["status", "error", "finished_at"])
            audit_record(
                actor=None,
                action=FAILED_ACTIONS[model],
                target=row,
                assessment=getattr(row, "assessment", None),
                changes={"status": [RenderStatus.QUEUED, RenderStatus.FAILED]},
                note=QUEUE_UNAVAILABLE,
            )


def _enqueue_on_commit(task_name: str, model, pk: int) -> None:
    # Same as the task's delay_on_commit, plus the broker-down handling of `_enqueue`.
    transaction.on_commit(lambda: _enqueue(task_name, model, pk))


# ---- requesting ------------------------------------------------------------------------


@transaction.atomic
def report_request(
    *, actor, assessment: Assessment, kind: str, correction_reason: str = ""
) -> Report:
    """Record a new report version of `assessment` and queue its rendering after commit.

    Drafts may be requested at any status before publication; one requested during the
    factual accuracy check (including the one rendered at the sending) is marked as sent to
    the council, which sees exactly those. While a draft of the
    assessment is still queued or rendering (and not stuck), that draft is returned instead of
    queuing a second one, so repeated clicks cannot flood the workers. The published report
    needs a published assessment; once one exists, a further version is a correction and
    needs its reason. Raises ReportError with a message for the user. If the queue is down
    the row is still recorded, then marked failed with a reason.
    """
    if kind not in ReportKind.values:
        raise ReportError(f"Unknown kind of report {kind!r}.")
    correction_reason = correction_reason.strip()
    # Lock the assessment so two requests cannot take the same version number.
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if kind == ReportKind.DRAFT and correction_reason:
        raise ReportError("Only a published report can be corrected.")
    if kind == ReportKind.DRAFT and assessment.status == AssessmentStatus.PUBLISHED:
        raise ReportError(
            "The assessment is published: produce or correct the published report instead."
        )
    if kind == ReportKind.DRAFT:
        pending = (
            Report.objects.filter(
                assessment=assessment,
                kind=ReportKind.DRAFT,
                status__in=[RenderStatus.QUEUED, RenderStatus.RENDERING],
            )
            .order_by("-version")
            .first()
        )
        if pending is not None and not report_is_stuck(pending):
            if assessment.status == AssessmentStatus.FACTUAL_ACCURACY and not (
                pending.sent_to_council_on
            ):
                pending.sent_to_council_on = timezone.localdate()
                pending.save(update_fields=["sent_to_council_on"])
            return pending
    if kind == ReportKind.PUBLISHED:
        if assessment.status != AssessmentStatus.PUBLISHED:
            raise ReportError(
                "The published report is produced only once the assessment is published."
            )
        existing = Report.objects.filter(assessment=assessment, kind=ReportKind.PUBLISHED)
        if existing.exists() and not correction_reason:
            raise ReportError(
                "This assessment already has a published report, which cannot be changed. "
                "A correction makes a new version: give the reason for it."
            )
        if not existing.exists() and correction_reason:
            raise ReportError("There is no published report to correct yet.")
        if correction_reason and not assessment.report_corrections.filter(report=None).exists():
            raise ReportError("A correction must change the data: record what changes.")
    latest = Report.objects.filter(assessment=assessment, kind=kind).aggregate(v=Max("version"))
    report = Report(
        assessment=assessment,
        kind=kind,
        version=(latest["v"] or 0) + 1,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        correction_reason=correction_reason,
        stored_name=storage.generated_name(f"reports/{assessment.pk}", ".pdf"),
        # A draft made while the check is open is a version sent to the council; one made in
        # scoring or quality assurance is not (issue 16: the council sees exactly these).
        sent_to_council_on=timezone.localdate()
        if kind == ReportKind.DRAFT and assessment.status == AssessmentStatus.FACTUAL_ACCURACY
        else None,
    )
    report.full_clean()
    report.save()
    audit_record(
        actor=actor,
        action=AuditAction.REPORT_CORRECT if correction_reason else "report.request",
        target=report,
        assessment=assessment,
        changes={
            "kind": [None, kind],
            "version": [None, report.version],
            "status": [None, report.status],
            **({"correction_reason": [None, correction_reason]} if correction_reason else {}),
        },
    )
    _enqueue_on_commit("render_report", Report, report.pk)
    return report


def report_is_stuck(report: Report, *, now: datetime.datetime | None = None) -> bool:
    """Queued or rendering for far longer than any render may take."""
    now = now or timezone.now()
    if report.status == RenderStatus.RENDERING and report.started_at:
        return now - report.started_at > STUCK_RENDERING_AFTER
    if report.status == RenderStatus.QUEUED and report.requested_at:
        return now - report.requested_at > STUCK_QUEUED_AFTER
    return False


@transaction.atomic
def report_retry(*, actor, report: Report) -> Report:
    """Queue a failed (or stuck) report again, same version: it was never ready, so nothing
    changes for readers. Raises ReportError otherwise. Safe if the old message still
    arrives later: the render of a ready report does nothing."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != RenderStatus.FAILED and not report_is_stuck(report):
        raise ReportError("Only a report that failed or is stuck can be retried.")
    before_status, before = report.status, report.error
    report.status = RenderStatus.QUEUED
    report.error = ""
    report.started_at = None
    report.finished_at = None
    report.full_clean()
    report.save()
    audit_record(
        actor=actor,
        action=AuditAction.REPORT_RETRY,
        target=report,
        assessment=report.assessment,
        changes={"status": [before_status, RenderStatus.QUEUED], "error": [before, ""]},
    )
    _enqueue_on_commit("render_report", Report, report.pk)
    return report


# ---- rendering (workers) ---------------------------------------------------------------


def report_render(*, report_id: int, before_store=None) -> Report:
    """Render one report version into its single stored file and mark it ready.

    Idempotent: a ready report is left alone (so a published one is never re-rendered); the
    file is written to its fixed generated name by an atomic replace, so a task that runs
    twice leaves one file. `before_store` is a hook the tests use to slow the render.
    Errors propagate to the task, which owns retries and marks the report failed at the end.
    """
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .select_related("assessment__council", "assessment__framework")
            .get(pk=report_id)
        )
        if report.status == RenderStatus.READY:
            return report
        report.status = RenderStatus.RENDERING
        report.started_at = timezone.now()
        report.attempts += 1
        report.error = ""
        report.save(update_fields=["status", "started_at", "attempts", "error"])

    data = rendering.report_data(report)
    pdf = rendering.html_to_pdf(rendering.render_html(data))
    word = docx.draft_docx(report, data)  # issue 16: drafts also in Word, from the same data
    if before_store is not None:
        before_store(report)

    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == RenderStatus.READY:  # a duplicate delivery finished first
            return report
        storage.put_file(report.stored_name, pdf.content)
        report.docx_sha256 = docx.store_docx(report, word)
        report.status = RenderStatus.READY
        report.finished_at = timezone.now()
        report.page_count = pdf.page_count
        report.file_size = len(pdf.content)
        report.sha256 = pdf.sha256
        report.input_checksum = rendering.input_checksum(data)
        report.error = ""
        report.full_clean()
        report.save()
        audit_record(
            actor=None,
            action=AuditAction.REPORT_READY,
            target=report,
            assessment=report.assessment,
            changes={
                "status": [RenderStatus.RENDERING, RenderStatus.READY],
                "sha256": ["", report.sha256],
            },
        )
    return report


def _mark_failed(model, pk: int, error: str, action: AuditAction) -> None:
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
            action=action,
            target=row,
            assessment=getattr(row, "assessment", None),
            changes={"status": [before, RenderStatus.FAILED]},
            note=row.error,
        )


def report_mark_failed(*, report_id: int, error: str) -> None:
    """Record that rendering gave up, with a readable error. A ready report is untouched."""
    _mark_failed(Report, report_id, error, AuditAction.REPORT_FAILED)


# ---- bulk exports ----------------------------------------------------------------------


@transaction.atomic
def bulk_export_request(
    *,
    actor,
    region_code: str = "",
    published_from: datetime.date | None = None,
    published_to: datetime.date | None = None,
) -> BulkExport:
    """Record a bulk export of published reports (optionally one region and a publication
    date range) and queue the worker that builds its ZIP. Raises ReportError on a reversed
    date range."""
    if published_from and published_to and published_from > published_to:
        raise ReportError("The 'published from' date must be on or before the 'published to' date.")
    filters: dict[str, Any] = {}
    if region_code:
        filters["region_code"] = region_code
    if published_from:
        filters["published_from"] = published_from.isoformat()
    if published_to:
        filters["published_to"] = published_to.isoformat()
    export = BulkExport(
        requested_by=actor,
        filters=filters,
        stored_name=storage.generated_name("exports", ".zip"),
    )
    export.full_clean()
    export.save()
    audit_record(
        actor=actor,
        action=AuditAction.BULK_EXPORT_REQUEST,
        target=export,
        changes={"filters": [None, filters]},
    )
    _enqueue_on_commit("build_bulk_export", BulkExport, export.pk)
    return export


MANIFEST_HEADER = [
    "council",
    "gss_code",
    "rating",
    "percentage",
    "publication_date",
    "sha256",
    "file",
    "report_version",
    # "included", or why the assessment's newest published report is not in the ZIP.
    "status",
]


def bulk_export_build(*, export_id: int) -> BulkExport:
    """Build the ZIP of the export's published reports with a manifest CSV, reporting
    progress as it goes. Idempotent like `report_render`. Raises ReportError when a stored
    PDF no longer matches its recorded SHA-256 (the export then fails with that message)."""
    from reports.selectors import export_gaps, published_reports_for_export

    with transaction.atomic():
        export = BulkExport.objects.select_for_update().get(pk=export_id)
        if export.status == RenderStatus.READY:
            return export
        reports = list(published_reports_for_export(filters=export.filters))
        # Reports still rendering (e.g. just published) are named, never silently left out.
        gaps = export_gaps(filters=export.filters, included=reports)
        export.status = RenderStatus.RENDERING
        export.started_at = timezone.now()
        export.total = len(reports)
        export.done = 0
        export.error = ""
        export.missing = [_gap_summary(gap) for gap in gaps]
        export.save(update_fields=["status", "started_at", "total", "done", "error", "missing"])

    buffer = io.BytesIO()
    manifest = io.StringIO()
    writer = csv.writer(manifest)
    writer.writerow(MANIFEST_HEADER)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for index, report in enumerate(reports, start=1):
            with storage.open_file(report.stored_name) as handle:
                content = handle.read()
            if hashlib.sha256(content).hexdigest() != report.sha256:
                raise ReportError(
                    f"The stored PDF of {report.assessment.council.name} (version "
                    f"{report.version}) does not match its recorded SHA-256."
                )
            name = export_file_name(report)
            archive.writestr(name, content)
            assessment = report.assessment
            writer.writerow(
                [
                    assessment.council.name,
                    assessment.council.gss_code,
                    rendering_rating_label(assessment),
                    "" if assessment.published_percentage is None else _percent(assessment),
                    assessment.published_iso,
                    report.sha256,
                    name,
                    report.version,
                    "included",
                ]
            )
            if index % EXPORT_PROGRESS_EVERY == 0 or index == len(reports):
                BulkExport.objects.filter(pk=export_id).update(done=index)
        for gap in gaps:
            writer.writerow(_gap_manifest_row(gap))
        archive.writestr("manifest.csv", manifest.getvalue())
    content = buffer.getvalue()

    with transaction.atomic():
        export = BulkExport.objects.select_for_update().get(pk=export_id)
        if export.status == RenderStatus.READY:
            return export
        storage.put_file(export.stored_name, content)
        export.status = RenderStatus.READY
        export.done = export.total
        export.file_size = len(content)
        export.finished_at = timezone.now()
        export.save()
        audit_record(
            actor=None,
            action=AuditAction.BULK_EXPORT_READY,
            target=export,
            changes={"status": [RenderStatus.RENDERING, RenderStatus.READY]},
            note=f"{export.total} reports, {len(content)} bytes",
        )
    return export


def _gap_summary(gap) -> dict:
    """What the exports page says about a report left out of (or older in) an export."""
    return {
        "council": gap.assessment.council.name,
        "reason": gap.reason,
        "version": gap.report.version,
        "included_version": gap.included_version,
    }


def _gap_manifest_row(gap) -> list:
    assessment = gap.assessment
    status = gap.reason
    if gap.included_version is not None:
        status += f" (version {gap.report.version}; version {gap.included_version} is included)"
    return [
        assessment.council.name,
        assessment.council.gss_code,
        rendering_rating_label(assessment),
        "" if assessment.published_percentage is None else _percent(assessment),
        assessment.published_on.isoformat() if assessment.published_on else "",
        "",
        "",
        gap.report.version,
        status,
    ]


def bulk_export_mark_failed(*, export_id: int, error: str) -> None:
    """Record that building the ZIP gave up, with a readable error. A ready export is untouched."""
    _mark_failed(BulkExport, export_id, error, AuditAction.BULK_EXPORT_FAILED)


def export_file_name(report: Report) -> str:
    """'E10000029-suffolk-2025-03-14-published-v1.pdf': GSS code first, so names sort and
    join well; a published report carries its publication date, since a council's earlier
    assessments have reports of the same kind and version (one ZIP holds them all)."""
    from django.utils.text import slugify

    assessment = report.assessment
    council = assessment.council
    published = f"{assessment.published_on:%Y-%m-%d}-" if assessment.published_on else ""
    return (
        f"{council.gss_code}-{slugify(council.name)}-{published}{report.kind}-v{report.version}.pdf"
    )


def rendering_rating_label(assessment: Assessment) -> str:
    from assessments.scoring import RATING_LABELS

    label = RATING_LABELS.get(assessment.published_rating, assessment.published_rating)
    return f"{label} (indicative)" if assessment.is_pilot and label else label


def _percent(assessment: Assessment) -> int:
    from assessments.scoring import round_half_up_float

    return round_half_up_float(assessment.published_percentage)
