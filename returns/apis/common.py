"""Serializers and helpers shared by the portal's API views."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

import policy
from assessments.apis import UserRefSerializer
from assessments.models import Assessment, EvidenceCategory, QualityStatement
from evidence.models import EvidenceDirection
from policy.api import require_policy
from returns.models import (
    DocumentRequest,
    Notification,
    RequestResponse,
    ReturnAnswer,
    ReturnFile,
    TemplateItem,
)
from returns.services.common import submission_once

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Any unique string: a repeated request with the same key creates nothing "
    "again and answers with what the first one made.",
)


def portal_assessment(view, request, assessment_id: int, check=None) -> Assessment:
    """404 unless the user may see the assessment's portal; 403 unless `check`."""
    assessment = get_object_or_404(
        Assessment.objects.select_related("council", "framework"), pk=assessment_id
    )
    require_policy(
        view,
        request,
        assessment,
        check or (lambda user, obj: True),
        visible=policy.can_view_council_portal,
    )
    return assessment


def once(request, create) -> tuple[str, bool]:
    """Run `create` once per Idempotency-Key header (if given); (result id, repeated)."""
    key = request.headers.get("Idempotency-Key", "")
    done = submission_once(actor=request.user, token=f"api:{key}" if key else "", create=create)
    return done.url, done.repeated


def statements_for(assessment: Assessment, numbers: list[int]) -> list[QualityStatement]:
    numbers = sorted(set(numbers))
    statements = list(
        QualityStatement.objects.filter(framework_id=assessment.framework_id, number__in=numbers)
    )
    if len(statements) != len(numbers):
        raise serializers.ValidationError({"statements": ["No such quality statement."]})
    return statements


class FileOutputSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = ReturnFile
        fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at",
                  "download"]  # fmt: skip

    def get_download(self, stored) -> str:
        return f"/api/v1/return-files/{stored.pk}/"


class ItemSerializer(serializers.ModelSerializer):
    theme = serializers.IntegerField(source="theme.number", help_text="Theme number.")
    statements = serializers.SerializerMethodField(help_text="Quality statement numbers.")

    class Meta:
        model = TemplateItem
        fields = ["id", "number", "theme", "title", "guidance", "kind", "statements"]

    def get_statements(self, item) -> list[int]:
        return [s.number for s in item.statements.all()]


class AnswerSerializer(serializers.ModelSerializer):
    item = ItemSerializer()
    files = FileOutputSerializer(many=True)
    evidence_id = serializers.SerializerMethodField()

    class Meta:
        model = ReturnAnswer
        fields = ["id", "item", "status", "text", "link", "not_held_reason", "files",
                  "updated_at", "version", "evidence_id"]  # fmt: skip

    def get_evidence_id(self, answer) -> int | None:
        source = getattr(answer, "evidence", None)
        return source.evidence_item_id if source else None


class ResponseSerializer(serializers.ModelSerializer):
    created_by = UserRefSerializer()
    files = FileOutputSerializer(many=True)
    evidence_id = serializers.SerializerMethodField()

    class Meta:
        model = RequestResponse
        fields = ["id", "text", "link", "created_by", "created_at", "files", "evidence_id"]

    def get_evidence_id(self, response) -> int | None:
        source = getattr(response, "evidence", None)
        return source.evidence_item_id if source else None


class RequestSerializer(serializers.ModelSerializer):
    statements = serializers.SerializerMethodField(help_text="Quality statement numbers.")
    display_status = serializers.SerializerMethodField(
        help_text="The status, or “Overdue” when awaiting the council past the due date."
    )
    raised_by = UserRefSerializer()

    class Meta:
        model = DocumentRequest
        fields = ["id", "assessment", "title", "reason", "statements", "due_on", "status",
                  "display_status", "note", "raised_by", "raised_at", "version"]  # fmt: skip

    def get_statements(self, request) -> list[int]:
        return [s.number for s in request.statements.all()]

    def get_display_status(self, request) -> str:
        return request.display_status()


class RequestDetailSerializer(RequestSerializer):
    responses = ResponseSerializer(many=True)

    class Meta(RequestSerializer.Meta):
        fields = [*RequestSerializer.Meta.fields, "responses"]


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "url", "created_at", "read_at"]


class AcceptInputSerializer(serializers.Serializer):
    category = serializers.CharField(max_length=50, help_text="Evidence category code.")
    statements = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=99), min_length=1, max_length=20
    )
    title = serializers.CharField(max_length=200)
    narrative = serializers.CharField(max_length=20_000)
    direction = serializers.ChoiceField(choices=EvidenceDirection.choices)
    effective_date = serializers.DateField()


def accept_values(assessment: Assessment, data: dict) -> dict:
    category = EvidenceCategory.objects.filter(
        framework_id=assessment.framework_id, code=data["category"]
    ).first()
    if category is None:
        raise serializers.ValidationError({"category": ["No such evidence category."]})
    return {
        **data,
        "category": category,
        "statements": statements_for(assessment, data["statements"]),
    }


class EvidenceRefSerializer(serializers.Serializer):
    evidence_id = serializers.IntegerField()
