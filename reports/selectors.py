"""Reads of report versions and bulk exports (the national ratings table is in national/)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

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


def _filter_for_export(queryset: QuerySet, filters: dict, prefix: str = "") -> QuerySet:
    """Apply an export's filters (region code, ISO publication dates) to assessments, or to
    reports with prefix "assessment__"."""
    if filters.get("region_code"):
        queryset = queryset.filter(**{f"{prefix}council__region_code": filters["region_code"]})
    if filters.get("published_from"):
        start = datetime.date.fromisoformat(filters["published_from"])
        queryset = queryset.filter(**{f"{prefix}published_on__gte": start})
    if filters.get("published_to"):
        end = datetime.date.fromisoformat(filters["published_to"])
        queryset = queryset.filter(**{f"{prefix}published_on__lte": end})
    return queryset


def published_reports_for_export(*, filters: dict) -> list[Report]:
    """The newest ready published version of each published assessment, by council name,
    filtered by region code and publication date range (ISO dates) when given.

    Demo assessments are included, labelled: their PDFs say "demo data" on every page, their
    file names end "-demo-data" and the manifest's demo_data column says "yes"."""
    reports = _filter_for_export(
        report_queryset()
        .filter(
            kind=ReportKind.PUBLISHED,
            status=RenderStatus.READY,
            assessment__status=AssessmentStatus.PUBLISHED,
        )
        .order_by("assessment__council__name", "assessment_id", "-version"),
        filters,
        prefix="assessment__",
    )
    newest: dict[int, Report] = {}
    for report in reports:
        newest.setdefault(report.assessment_id, report)
    return list(newest.values())


@dataclass(frozen=True)
class ExportGap:
    """A published assessment matching an export whose newest published report is not in it
    (or not the version in it): still rendering, or failed."""

    assessment: Assessment
    report: Report  # the newest published report
    included_version: int | None  # an older ready version put in the ZIP instead, if any

    @property
    def reason(self) -> str:
        if self.report.status == RenderStatus.FAILED:
            return "rendering failed"
        return "not yet rendered"


def export_gaps(*, filters: dict, included: list[Report]) -> list[ExportGap]:
    """Published assessments matching `filters` whose newest published report is not among
    `included` (an export built now would leave it out or carry an older version), by
    council name. An export lists them in its manifest and on the page, never silently."""
    included_by_assessment = {report.assessment_id: report for report in included}
    assessments = _filter_for_export(
        Assessment.objects.select_related("council").filter(status=AssessmentStatus.PUBLISHED),
        filters,
    ).order_by("council__name", "pk")
    newest: dict[int, Report] = {}
    for report in Report.objects.filter(
        kind=ReportKind.PUBLISHED, assessment__in=assessments
    ).order_by("assessment_id", "-version"):
        newest.setdefault(report.assessment_id, report)
    gaps = []
    for assessment in assessments:
        report = newest.get(assessment.pk)
        kept = included_by_assessment.get(assessment.pk)
        # Results imported without a PDF have no report to wait for: nothing is left out.
        if report is None or (kept is not None and kept.pk == report.pk):
            continue
        gaps.append(ExportGap(assessment, report, kept.version if kept else None))
    return gaps


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
