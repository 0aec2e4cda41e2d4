"""Report versions: requesting one (drafts, the published report, corrections), retrying a
failed one, and rendering it in a worker.

Rules:
- a `Report` row per rendering; versions count up per assessment and kind;
- a published report is immutable: once ready it is never rendered again, and a correction
  after publication is a new version carrying the reason;
- workers render through `report_render`, which is idempotent: a retried or duplicated task
  never creates a second file or version.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus
from audit.actions import AuditAction
from audit.services import audit_record
from reports import docx, rendering, storage
from reports.errors import ReportError
from reports.models import RenderStatus, Report, ReportKind
from reports.services.jobs import enqueue_on_commit, report_is_stuck

# ---- requesting ------------------------------------------------------------------------


@transaction.atomic
def report_request(
    *,
    actor,
    assessment: Assessment,
    kind: str,
    correction_reason: str = "",
    snapshot: bool = True,
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
    if snapshot:  # a correction takes it itself, once its changes are linked to the version
        report_snapshot(report)
    enqueue_on_commit("render_report", Report, report.pk)
    return report


def report_snapshot(report: Report) -> None:
    """Take the data `report` will show, in the transaction that requests it (a correction
    takes it once its changes are linked to the new version, for its annex)."""
    report.input_data = rendering.report_data(report)
    report.save(update_fields=["input_data"])


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
    enqueue_on_commit("render_report", Report, report.pk)
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

    # What was there when the version was requested; older rows render the data as it is.
    data = report.input_data if report.input_data is not None else rendering.report_data(report)
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
