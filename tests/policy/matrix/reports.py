"""Expectations for reports, evidence API files and /healthz."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import storages

import policy
from assessments.models import Assessment

from .base import (
    LOGIN,
    REDIRECT,
    UNAUTHENTICATED,
    Ctx,
    Expect,
    Objects,
    Rule,
    _assessment,
    api_assessment,
    api_not_get,
    assessment_page,
    evidence_item_page,
    moved,
    post_only,
)

EXPECTATIONS: dict[str, Expect] = {}

# ---- reports (issue 6) ----------------------------------------------------------------------


def _ready_file(name: str) -> str:
    return storages["private"].save(name, ContentFile(b"%PDF-1.7 matrix"))


def _report_kwargs(o: Objects) -> list[dict]:
    """A ready draft report of the assessment made before any sending (never sent to the
    council); from the factual accuracy check on, also the draft sent to the council (v2)
    and a draft made after a return to scoring (v3, not sent: issue 16); and the published
    report once published."""
    from reports.models import Report

    if not isinstance(o.assessment, Assessment):  # _FakeObjects, when only counting URLs
        return [{"pk": 1}]
    kwargs = []
    rows = [("draft", 1, None)]
    if o.assessment.fa_sent_on is not None:
        rows += [("draft", 2, o.assessment.fa_sent_on), ("draft", 3, None)]
    if o.assessment.is_published:
        rows.append(("published", 1, None))
    for kind, version, sent_on in rows:
        report, _ = Report.objects.get_or_create(
            assessment=o.assessment,
            kind=kind,
            version=version,
            defaults={
                "status": "ready",
                "sha256": "0" * 64,
                "sent_to_council_on": sent_on,
                "stored_name": _ready_file(f"matrix/report-{o.assessment.pk}-{kind}-{version}.pdf"),
            },
        )
        kwargs.append({"pk": report.pk})
    return kwargs


def _export_kwargs(o: Objects) -> list[dict]:
    from reports.models import BulkExport

    if not isinstance(o.assessment, Assessment):  # _FakeObjects, when only counting URLs
        return [{"pk": 1}]
    export = BulkExport.objects.filter(status="ready").first() or BulkExport.objects.create(
        requested_by=o.evidence.author,
        status="ready",
        stored_name=_ready_file("matrix/export.zip"),
    )
    return [{"pk": export.pk}]


def report_download_rule(ctx: Ctx, kwargs: dict):
    from reports.models import Report

    report = Report.objects.get(pk=kwargs["pk"])
    if not policy.can_view_assessment(ctx.user, report.assessment):
        return 404
    return 200 if policy.can_view_report(ctx.user, report) else 403


def report_published_rule(ctx: Ctx, kwargs: dict):
    """The correction form when a published report exists; otherwise back to the page."""
    if ctx.anonymous:
        return LOGIN
    if not policy.can_view_assessment(ctx.user, ctx.assessment):
        return 404
    if not policy.can_request_published_report(ctx.user, ctx.assessment):
        return 403
    return 200 if ctx.assessment.reports.filter(kind="published").exists() else REDIRECT


def exports_only(ctx: Ctx, kwargs: dict):
    if ctx.anonymous:
        return LOGIN
    return 200 if policy.can_export(ctx.user) else 403


EXPECTATIONS.update(
    {
        "reports:panel": Expect(assessment_page(public_view=True), kwargs=_assessment, scoped=True),
        "reports:request_draft": Expect(post_only, kwargs=_assessment),
        "reports:request_published": Expect(report_published_rule, kwargs=_assessment, scoped=True),
        "reports:retry": Expect(post_only, kwargs=_report_kwargs),
        "reports:download": Expect(report_download_rule, kwargs=_report_kwargs, scoped=True),
        "reports:exports": Expect(exports_only),
        "reports:bulk_panel": Expect(exports_only),
        "reports:bulk_download": Expect(exports_only, kwargs=_export_kwargs),
        "reports:national_csv": Expect(moved),
        "reports:national_xlsx": Expect(moved),
        "national:ratings_xlsx": Expect(exports_only),
    }
)


def _api_report_kwargs(o: Objects) -> list[dict]:
    return [{"report_id": kwargs["pk"]} for kwargs in _report_kwargs(o)]


def api_report_rule(ctx: Ctx, kwargs: dict):
    """As the page; a refusal the user might overcome by signing in is 401 in the API."""
    outcome = report_download_rule(ctx, {"pk": kwargs["report_id"]})
    return UNAUTHENTICATED if outcome == 403 and ctx.anonymous else outcome


EXPECTATIONS.update(
    {
        "api:assessment-reports": Expect(
            api_assessment(public_view=True),
            kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
            scoped=True,
        ),
        "api:report-detail": Expect(
            api_report_rule,
            kwargs=_api_report_kwargs,
            scoped=True,
        ),
        "api:report-download": Expect(
            api_report_rule,
            kwargs=_api_report_kwargs,
            scoped=True,
        ),
        "api:report-retry": Expect(api_not_get, kwargs=_api_report_kwargs),
    }
)


def api_evidence_item(file: bool = False) -> Rule:
    """As `evidence_item_page`, with 401 for anonymous requests."""
    page_rule = evidence_item_page(file=file)

    def rule(ctx: Ctx, kwargs: dict):
        if ctx.anonymous:
            return UNAUTHENTICATED
        key = "attachment_id" if file else "evidence_id"
        return page_rule(ctx, {"pk": kwargs[key]})

    return rule


EXPECTATIONS.update(
    {
        "api:evidence-list": Expect(
            api_assessment(policy.can_view_evidence),
            kwargs=lambda o: [{"assessment_id": o.assessment.pk}],
            scoped=True,
        ),
        "api:evidence-upload": Expect(
            api_not_get, kwargs=lambda o: [{"assessment_id": o.assessment.pk}]
        ),
        "api:evidence-detail": Expect(
            api_evidence_item(), kwargs=lambda o: [{"evidence_id": o.evidence.pk}], scoped=True
        ),
        "api:evidence-withdraw": Expect(
            api_not_get, kwargs=lambda o: [{"evidence_id": o.evidence.pk}]
        ),
        "api:evidence-attachment": Expect(
            api_evidence_item(file=True),
            kwargs=lambda o: [{"attachment_id": o.evidence_attachment.pk}],
            scoped=True,
        ),
    }
)


def health_check(ctx: Ctx, kwargs: dict):
    """/healthz: the same for everyone, signed in or not; no worker beats in this test run,
    so it answers 503 (tests/operations/test_health.py covers 200)."""
    from operations import health

    return 200 if health.check_worker() == health.OK else 503


EXPECTATIONS["healthz"] = Expect(health_check)
