"""Writes to reports: requesting a rendering. Rendering itself happens in a Celery worker."""

from __future__ import annotations

import importlib.util

from django.db import transaction
from django.db.models import Max

from core.audit import audit_record
from reports.models import RenderStatus, Report, ReportKind


@transaction.atomic
def report_request(*, actor, assessment, kind: str = ReportKind.DRAFT) -> Report:
    """Queue a new version of the assessment's report of `kind` ("draft" or "published").

    Creates a Report row (next version, status queued), audits it and, when the rendering
    task exists, enqueues it after commit.
    """
    latest = Report.objects.filter(assessment=assessment, kind=kind).aggregate(v=Max("version"))
    report = Report(
        assessment=assessment,
        kind=kind,
        version=(latest["v"] or 0) + 1,
        status=RenderStatus.QUEUED,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    report.full_clean()
    report.save()
    audit_record(
        actor=actor,
        action="report.request",
        target=report,
        assessment=assessment,
        changes={"kind": [None, kind], "version": [None, report.version]},
    )
    if importlib.util.find_spec("reports.tasks") is not None:
        from reports import tasks

        tasks.render_report.delay_on_commit(report.pk)
    return report
