"""Report pages: the status panel (htmx), requests, retries, downloads and admin exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

import policy
from assessments import selectors as assessment_selectors
from core import idempotency
from core.downloads import private_file_response
from core.htmx import is_htmx
from reports import corrections, selectors, services, storage
from reports.forms import BulkExportForm, CorrectionForm
from reports.models import RenderStatus, ReportKind


def _assessment(request, pk: int):
    assessment = get_object_or_404(assessment_selectors.assessment_queryset(), pk=pk)
    policy.require_view_assessment(request.user, assessment)
    return assessment


def panel_context(*, user, assessment) -> dict:
    """What the report status panel shows; also used by the assessment page's include."""
    reports = selectors.reports_for_assessment(user=user, assessment=assessment)
    has_published = any(r.kind == ReportKind.PUBLISHED for r in reports)
    # A correction is offered only once there is a ready published version to correct.
    published_ready = any(
        r.kind == ReportKind.PUBLISHED and r.status == RenderStatus.READY for r in reports
    )
    can_published = policy.can_request_published_report(user, assessment)
    return {
        "assessment": assessment,
        "reports": [
            {
                "report": report,
                "stuck": services.report_is_stuck(report),
                "can_retry": policy.can_retry_report(user, report),
            }
            for report in reports
        ],
        "polling": any(
            r.status in selectors.IN_PROGRESS and not services.report_is_stuck(r) for r in reports
        ),
        "can_request_draft": policy.can_request_draft_report(user, assessment),
        "can_request_published": can_published and not has_published,
        "can_correct": can_published and published_ready,
    }


def _say_queued(request, report, text: str) -> None:
    """Confirm the request, unless sending it to the queue failed (the row says why)."""
    report.refresh_from_db(fields=["status", "error"])
    if report.status == RenderStatus.FAILED:
        messages.error(request, f"The report was recorded but not queued: {report.error}")
    else:
        messages.success(request, text)


def _back_to_panel(request, assessment):
    if is_htmx(request):
        return render(
            request,
            "reports/_report_panel.html",
            panel_context(user=request.user, assessment=assessment),
        )
    return redirect(f"{assessment.get_absolute_url()}#reports")


@login_not_required
@require_GET
def report_panel(request, pk: int):
    """The report status panel alone, for htmx polling while a report renders."""
    assessment = _assessment(request, pk)
    return render(
        request,
        "reports/_report_panel.html",
        panel_context(user=request.user, assessment=assessment),
    )


@require_POST
def report_request_draft(request, pk: int):
    assessment = _assessment(request, pk)
    policy.require(policy.can_request_draft_report(request.user, assessment))
    try:
        report = services.report_request(
            actor=request.user, assessment=assessment, kind=ReportKind.DRAFT
        )
    except services.ReportError as exc:
        messages.error(request, str(exc))
    else:
        _say_queued(request, report, f"Draft report version {report.version} is being prepared.")
    return _back_to_panel(request, assessment)


def report_request_published(request, pk: int):
    """Render the published report; once one exists, a correction that changes the data
    (issue 16) and produces the next version with its "Corrections" annex."""
    assessment = _assessment(request, pk)
    policy.require(policy.can_request_published_report(request.user, assessment))
    is_correction = selectors.has_published_report(assessment=assessment)
    if not is_correction:
        if request.method == "POST":
            try:
                report = services.report_request(
                    actor=request.user, assessment=assessment, kind=ReportKind.PUBLISHED
                )
            except services.ReportError as exc:
                messages.error(request, str(exc))
            else:
                _say_queued(
                    request, report, f"Published report version {report.version} requested."
                )
        return redirect(f"{assessment.get_absolute_url()}#reports")
    statements = assessment_selectors.framework_statements(framework=assessment.framework)
    form = CorrectionForm(request.POST or None, statements=statements)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = corrections.report_correct(
                actor=request.user,
                assessment=assessment,
                reason=data["reason"],
                changes=[
                    corrections.Change(
                        kind=data["kind"], new_value=data["new_value"],
                        statement_number=data["statement"], field=data["field"],
                    )
                ],
            )  # fmt: skip
        except services.ReportError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            _say_queued(request, report, f"Corrected report version {report.version} requested.")
            return redirect(f"{assessment.get_absolute_url()}#reports")
    return render(
        request,
        "reports/report_correct.html",
        {"assessment": assessment, "form": form},
    )


@require_POST
def report_retry(request, pk: int):
    report = get_object_or_404(selectors.report_queryset(), pk=pk)
    policy.require_view_assessment(request.user, report.assessment)
    policy.require(policy.can_retry_report(request.user, report))
    try:
        services.report_retry(actor=request.user, report=report)
    except services.ReportError as exc:
        messages.error(request, str(exc))
    else:
        _say_queued(request, report, f"{report.get_kind_display()} report queued again.")
    return _back_to_panel(request, report.assessment)


@login_not_required
@require_GET
def report_download(request, pk: int):
    """The PDF, once ready; "not ready" (409) until then. Permission from the policy."""
    report = get_object_or_404(selectors.report_queryset(), pk=pk)
    policy.require(
        policy.can_view_report(request.user, report),
        hide=not policy.can_view_assessment(request.user, report.assessment),
    )
    if report.status != RenderStatus.READY or not storage.file_exists(report.stored_name):
        return render(request, "reports/not_ready.html", {"report": report}, status=409)
    return private_file_response(
        storage.open_file(report.stored_name),
        filename=services.export_file_name(report),
        content_type="application/pdf",
    )


@login_not_required
@require_GET
def report_download_docx(request, pk: int):
    """A draft's Word copy (issue 16), same permission as its PDF; 404 when it has none."""
    from reports import docx

    report = get_object_or_404(selectors.report_queryset(), pk=pk)
    policy.require(
        policy.can_view_report(request.user, report),
        hide=not policy.can_view_assessment(request.user, report.assessment),
    )
    name = docx.docx_name(report.stored_name)
    if not report.docx_sha256 or not storage.file_exists(name):
        raise Http404("This report has no Word version.")
    return private_file_response(
        storage.open_file(name),
        filename=docx.docx_name(services.export_file_name(report)),
        content_type=docx.DOCX_CONTENT_TYPE,
    )


# ---- admin exports ---------------------------------------------------------------------


def _exports_context(request, form: BulkExportForm) -> dict:
    region = request.GET.get("region", "")
    page = Paginator(selectors.published_report_list(region_code=region), 50).get_page(
        request.GET.get("page")
    )
    exports = list(selectors.bulk_export_list()[:10])
    return {
        "form": form,
        "page_obj": page,
        "region": region,
        "regions": selectors.regions(),
        "exports": exports,
        "polling": any(e.status in selectors.IN_PROGRESS for e in exports),
    }


def exports(request):
    """Admins: every published PDF, bulk exports (ZIP + manifest) and the national table."""
    policy.require(policy.can_export(request.user))
    form = BulkExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _export, created = idempotency.run_once(
                user=request.user,
                scope="bulk_export.request",
                key=form.cleaned_data["idempotency_key"],
                create=lambda: services.bulk_export_request(
                    actor=request.user,
                    region_code=form.cleaned_data["region"],
                    published_from=form.cleaned_data["published_from"],
                    published_to=form.cleaned_data["published_to"],
                ),
                find=lambda pk: selectors.bulk_export_list().get(pk=pk),
            )
        except services.ReportError as exc:
            form.add_error(None, str(exc))
        else:
            if created:
                messages.success(request, "Bulk export requested.")
            else:
                messages.info(request, "This bulk export was already requested.")
            return redirect(reverse("reports:exports") + "#bulk-exports")
    return render(request, "reports/exports.html", _exports_context(request, form))


@require_GET
def bulk_export_panel(request):
    policy.require(policy.can_export(request.user))
    exports_ = list(selectors.bulk_export_list()[:10])
    return render(
        request,
        "reports/_bulk_exports.html",
        {"exports": exports_, "polling": any(e.status in selectors.IN_PROGRESS for e in exports_)},
    )


@require_GET
def bulk_export_download(request, pk: int):
    policy.require(policy.can_export(request.user))
    export = get_object_or_404(selectors.bulk_export_list(), pk=pk)
    if export.status != RenderStatus.READY or not storage.file_exists(export.stored_name):
        return render(request, "reports/export_not_ready.html", {"export": export}, status=409)
    return private_file_response(
        storage.open_file(export.stored_name),
        filename=f"published-reports-{export.pk}.zip",
        content_type="application/zip",
    )
