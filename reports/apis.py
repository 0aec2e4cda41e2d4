"""Report versions over the API: request, status, retry and download (409 with Retry-After
until the file is ready). Rendering happens in a Celery worker; nothing here waits for it."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

import policy
from assessments import selectors as assessment_selectors
from core.api import ApiView, PublicApiView, PublicListApi
from core.api_schema import ErrorSerializer
from core.downloads import private_file_response
from policy.api import require_policy
from reports import corrections, selectors, services, storage
from reports.models import CorrectionKind, RenderStatus, Report, ReportKind

# How long a client should wait before asking again for a report still being rendered.
RETRY_AFTER_SECONDS = 10


class ReportOutputSerializer(serializers.ModelSerializer):
    assessment = serializers.IntegerField(source="assessment_id")
    stuck = serializers.SerializerMethodField(
        help_text="Queued or rendering far longer than any render takes: retry it."
    )
    download = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "assessment", "kind", "version", "status", "requested_at", "started_at",
                  "finished_at", "page_count", "file_size", "sha256", "error",
                  "correction_reason", "stuck", "download"]  # fmt: skip

    def get_stuck(self, report) -> bool:
        return services.report_is_stuck(report)

    def get_download(self, report) -> str:
        return f"/api/v1/reports/{report.pk}/download/"


class ReportRequestInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices, default=ReportKind.DRAFT)
    correction_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        help_text="A published report already exists: the reason for the corrected version.",
    )


def _assessment(view, request, assessment_id: int):
    assessment = get_object_or_404(assessment_selectors.assessment_queryset(), pk=assessment_id)
    require_policy(view, request, assessment, policy.can_view_assessment)
    return assessment


def _report(view, request, report_id: int) -> Report:
    """The report, after the policy: 404 unless its assessment is visible, 403 unless the
    report is."""
    report = get_object_or_404(selectors.report_queryset(), pk=report_id)
    require_policy(
        view,
        request,
        report,
        policy.can_view_report,
        visible=lambda user, obj: policy.can_view_assessment(user, obj.assessment),
    )
    return report


class AssessmentReportListApi(PublicListApi):
    """The assessment's report versions you may see, newest first; the team requests drafts
    (and, once published, the published report or a correction of it)."""

    serializer_class = ReportOutputSerializer
    filter_backends = []

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsAuthenticated()]
        return super().get_permissions()

    def list(self, request, assessment_id: int):
        assessment = _assessment(self, request, assessment_id)
        reports = selectors.reports_for_assessment(user=request.user, assessment=assessment)
        page = self.paginate_queryset(reports)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=ReportRequestInputSerializer, responses={201: ReportOutputSerializer})
    def post(self, request, assessment_id: int):
        assessment = _assessment(self, request, assessment_id)
        data = ReportRequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        kind = data.validated_data["kind"]
        check = (
            policy.can_request_published_report
            if kind == ReportKind.PUBLISHED
            else policy.can_request_draft_report
        )
        require_policy(self, request, assessment, check)
        report = services.report_request(
            actor=request.user,
            assessment=assessment,
            kind=kind,
            correction_reason=data.validated_data["correction_reason"],
        )
        report = selectors.report_get(pk=report.pk)
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)


class ReportDetailApi(PublicApiView):
    """One report version's status: queued, rendering, ready (with its checksum) or failed
    (with the reason)."""

    serializer_class = ReportOutputSerializer

    def get(self, request, report_id: int):
        return Response(self.get_serializer(_report(self, request, report_id)).data)


class ReportRetryApi(ApiView):
    """Queue a failed (or stuck) rendering again, same version."""

    serializer_class = ReportOutputSerializer

    @extend_schema(request=None, responses={200: ReportOutputSerializer})
    def post(self, request, report_id: int):
        report = _report(self, request, report_id)
        require_policy(self, request, report, policy.can_retry_report, visible=None)
        services.report_retry(actor=request.user, report=report)
        return Response(self.get_serializer(selectors.report_get(pk=report.pk)).data)


class ReportDownloadApi(PublicApiView):
    """The PDF once ready. Until then 409: with Retry-After while it is queued or rendering;
    without it when the rendering failed (retry it first)."""

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
            409: OpenApiResponse(ErrorSerializer, description="Not ready yet (see Retry-After)."),
        }
    )
    def get(self, request, report_id: int):
        report = _report(self, request, report_id)
        if report.status == RenderStatus.READY and storage.file_exists(report.stored_name):
            return private_file_response(
                storage.open_file(report.stored_name),
                filename=services.export_file_name(report),
                content_type="application/pdf",
            )
        in_progress = report.status in selectors.IN_PROGRESS and not services.report_is_stuck(
            report
        )
        if in_progress:
            body = {
                "detail": f"The report is {report.get_status_display().lower()}; ask again "
                "shortly.",
                "code": "not_ready",
            }
            return Response(
                body, status=status.HTTP_409_CONFLICT, headers={"Retry-After": RETRY_AFTER_SECONDS}
            )
        reason = report.error or "the rendering did not finish"
        return Response(
            {"detail": f"The report is not available: {reason}. Retry it.", "code": "failed"},
            status=status.HTTP_409_CONFLICT,
        )


# ---- corrections that change the data (issue 16) ------------------------------------------


class CorrectionChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CorrectionKind.choices)
    statement = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Statement number (finding, score)."
    )
    field = serializers.ChoiceField(
        choices=["people_told_us", "strengths", "areas_for_development"],
        required=False,
        allow_blank=True,
        help_text="For a finding: which part.",
    )
    new_value = serializers.CharField(max_length=20_000, help_text="New text, or score 1-4.")


class CorrectionInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
    changes = CorrectionChangeSerializer(many=True, allow_empty=False)


class ReportCorrectApi(ApiView):
    """Correct a published assessment: change the data with a reason and request the next
    published report version with its "Corrections" annex (the team and admins)."""

    serializer_class = ReportOutputSerializer

    @extend_schema(request=CorrectionInputSerializer, responses={201: ReportOutputSerializer})
    def post(self, request, assessment_id: int):
        assessment = get_object_or_404(assessment_selectors.assessment_queryset(), pk=assessment_id)
        require_policy(self, request, assessment, policy.can_request_published_report)
        data = CorrectionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = corrections.report_correct(
            actor=request.user,
            assessment=assessment,
            reason=data.validated_data["reason"],
            changes=[
                corrections.Change(
                    kind=change["kind"], new_value=change["new_value"],
                    statement_number=change.get("statement"), field=change.get("field", ""),
                )
                for change in data.validated_data["changes"]
            ],
        )  # fmt: skip
        return Response(self.get_serializer(report).data, status=status.HTTP_201_CREATED)
