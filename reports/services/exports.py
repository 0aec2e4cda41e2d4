"""Bulk exports: a ZIP of the published reports (optionally one region and a publication
date range) with a manifest CSV, built by a worker.

`bulk_export_build` is idempotent like `report_render`: a retried or duplicated task never
creates a second file.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import tempfile
import zipfile
from typing import Any, BinaryIO

from django.db import transaction
from django.utils import timezone

from assessments.models import Assessment
from audit.actions import AuditAction
from audit.services import audit_record
from reports import storage
from reports.errors import ReportError
from reports.models import BulkExport, RenderStatus, Report
from reports.services.jobs import enqueue_on_commit

# Progress is written at most this often while a bulk export is built (rows, not seconds).
EXPORT_PROGRESS_EVERY = 1


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
    enqueue_on_commit("build_bulk_export", BulkExport, export.pk)
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
    # "yes" for a demo assessment: made up to show the service, not CQC's work.
    "demo_data",
]


def bulk_export_build(*, export_id: int) -> BulkExport:
    """Build the ZIP of the export's published reports with a manifest CSV, reporting
    progress as it goes. Idempotent like `report_render`. Raises ReportError when a stored
    PDF no longer matches its recorded SHA-256 (the export then fails with that message and
    nothing is stored).

    The ZIP is streamed: each PDF is copied in chunks into its entry of a temporary file,
    checked as it goes, and the finished file is stored in chunks, so memory does not grow
    with the number or size of the reports.
    """
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

    # Deleted when closed, also when a PDF fails its check: a half-built ZIP is never stored.
    with tempfile.TemporaryFile(prefix="bulk-export-", suffix=".zip") as zip_file:
        _write_zip(zip_file, export_id=export_id, reports=reports, gaps=gaps)
        size = zip_file.tell()

        with transaction.atomic():
            export = BulkExport.objects.select_for_update().get(pk=export_id)
            if export.status == RenderStatus.READY:
                return export
            storage.put_file(export.stored_name, zip_file)
            export.status = RenderStatus.READY
            export.done = export.total
            export.file_size = size
            export.finished_at = timezone.now()
            export.save()
            audit_record(
                actor=None,
                action=AuditAction.BULK_EXPORT_READY,
                target=export,
                changes={"status": [RenderStatus.RENDERING, RenderStatus.READY]},
                note=f"{export.total} reports, {size} bytes",
            )
    return export


def _write_zip(target: BinaryIO, *, export_id: int, reports: list[Report], gaps: list) -> None:
    """Write the ZIP (each report's PDF, then manifest.csv) into `target`, left at its end.

    The manifest is the one part kept in memory until the end: a short CSV row per report.
    """
    manifest = io.StringIO()
    writer = csv.writer(manifest)
    writer.writerow(MANIFEST_HEADER)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for index, report in enumerate(reports, start=1):
            name = export_file_name(report)
            with archive.open(name, "w") as entry:
                _copy_checked(report, entry)
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
                    "yes" if assessment.is_demo else "no",
                ]
            )
            if index % EXPORT_PROGRESS_EVERY == 0 or index == len(reports):
                BulkExport.objects.filter(pk=export_id).update(done=index)
        for gap in gaps:
            writer.writerow(_gap_manifest_row(gap))
        archive.writestr("manifest.csv", manifest.getvalue())


def _copy_checked(report: Report, entry: BinaryIO) -> None:
    """Copy the report's stored PDF into `entry` in chunks, hashing as it goes; raise
    ReportError if it no longer matches its recorded SHA-256."""
    digest = hashlib.sha256()
    with storage.open_file(report.stored_name) as source:
        while chunk := source.read(storage.CHUNK_SIZE):
            digest.update(chunk)
            entry.write(chunk)
    if digest.hexdigest() != report.sha256:
        raise ReportError(
            f"The stored PDF of {report.assessment.council.name} (version "
            f"{report.version}) does not match its recorded SHA-256."
        )


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
        "yes" if assessment.is_demo else "no",
    ]


def export_file_name(report: Report) -> str:
    """'E10000029-suffolk-2025-03-14-published-v1.pdf': GSS code first, so names sort and
    join well; a published report carries its publication date, since a council's earlier
    assessments have reports of the same kind and version (one ZIP holds them all)."""
    from django.utils.text import slugify

    assessment = report.assessment
    council = assessment.council
    published = f"{assessment.published_on:%Y-%m-%d}-" if assessment.published_on else ""
    demo = "-demo-data" if assessment.is_demo else ""
    return (
        f"{council.gss_code}-{slugify(council.name)}-{published}{report.kind}"
        f"-v{report.version}{demo}.pdf"
    )


def rendering_rating_label(assessment: Assessment) -> str:
    from assessments.scoring import RATING_LABELS

    label = RATING_LABELS.get(assessment.published_rating, assessment.published_rating)
    return f"{label} (indicative)" if assessment.is_pilot and label else label


def _percent(assessment: Assessment) -> int:
    from assessments.scoring import round_half_up_float

    return round_half_up_float(assessment.published_percentage)
