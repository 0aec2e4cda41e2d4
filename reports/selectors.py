"""Reads of report versions, bulk exports and the national ratings table."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

import policy
from assessments.models import Assessment, AssessmentStatus
from reports.models import BulkExport, RenderStatus, Report, ReportKind

IN_PROGRESS = (RenderStatus.QUEUED, RenderStatus.RENDERING)


def has_published_report(*, assessment: Assessment) -> bool:
    """Whether a published report was ever requested (a new one is then a correction)."""
    return Report.objects.filter(assessment=assessment, kind=ReportKind.PUBLISHED).exists()


def report_queryset() -> QuerySet:
    return Report.objects.select_related("assessment__council", "requested_by")


def reports_for_assessment(*, user, assessment: Assessment) -> list[Report]:
    """The versions of `assessment`'s reports that `user` may see, newest first."""
    reports = list(
        Report.objects.select_related("requested_by")
        .filter(assessment=assessment)
        .order_by("-requested_at", "-pk")
    )
    for report in reports:
        # Share the caller's assessment (and its prefetched team) instead of a copy per row.
        report.assessment = assessment
    return [report for report in reports if policy.can_view_report(user, report)]


def report_get(*, pk: int) -> Report:
    return report_queryset().get(pk=pk)


def published_reports_for_export(*, filters: dict) -> list[Report]:
    """The newest ready published version of each published assessment, by council name,
    filtered by region code and publication date range (ISO dates) when given."""
    reports = (
        report_queryset()
        .filter(
            kind=ReportKind.PUBLISHED,
            status=RenderStatus.READY,
            assessment__status=AssessmentStatus.PUBLISHED,
        )
        .order_by("assessment__council__name", "assessment_id", "-version")
    )
    if filters.get("region_code"):
        reports = reports.filter(assessment__council__region_code=filters["region_code"])
    if filters.get("published_from"):
        reports = reports.filter(
            assessment__published_on__gte=datetime.date.fromisoformat(filters["published_from"])
        )
    if filters.get("published_to"):
        reports = reports.filter(
            assessment__published_on__lte=datetime.date.fromisoformat(filters["published_to"])
        )
    newest: dict[int, Report] = {}
    for report in reports:
        newest.setdefault(report.assessment_id, report)
    return list(newest.values())


def published_report_list(*, region_code: str = "") -> QuerySet:
    """Every ready published report version, for the admin exports page."""
    reports = report_queryset().filter(kind=ReportKind.PUBLISHED, status=RenderStatus.READY)
    if region_code:
        reports = reports.filter(assessment__council__region_code=region_code)
    return reports.order_by("assessment__council__name", "-assessment__published_on", "-version")


def bulk_export_list() -> QuerySet:
    return BulkExport.objects.select_related("requested_by").order_by("-requested_at", "-pk")


def regions() -> list[tuple[str, str]]:
    from councils.models import Council

    return list(
        Council.objects.order_by("region_name").values_list("region_code", "region_name").distinct()
    )
