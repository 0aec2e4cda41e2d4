"""Serializers and helpers shared by the portal's API views."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from rest_framework import serializers
from rest_framework.exceptions import NotFound

import policy
from assessments.apis import UserRefSerializer
from assessments.models import Assessment, QualityStatement
from core import idempotency
from evidence.models import EvidenceDirection
from policy.api import require_policy
from returns import selectors
from returns.models import (
    DocumentRequest,
    Notification,
    RequestResponse,
    ReturnAnswer,
    ReturnFile,
    TemplateItem,
)

T = TypeVar("T")

# The one Idempotency-Key header of the API (core.idempotency).
IDEMPOTENCY_KEY = idempotency.API_PARAMETER


def found(select: Callable[..., T], *args, **kwargs) -> T:
    """What a selector finds, or 404 when there is no such row."""
    try:
        return select(*args, **kwargs)
    except ObjectDoesNotExist:
        raise NotFound from None


def portal_assessment(view, request, assessment_id: int, check=None) -> Assessment:
    """404 unless the user may see the assessment's portal; 403 unless `check`."""
    assessment = found(selectors.assessment_for_portal, assessment_id)
    require_policy(
        view,
        request,
        assessment,
        check or (lambda user, obj: True),
        visible=policy.can_view_council_portal,
    )
    return assessment


def once(request, *, scope: str, create: Callable[[], T], find: Callable[[str], T]):
    """Run `create` once per Idempotency-Key header (if given; a malformed one is a 400):
    (result, created). A replay answers with the first result (core.idempotency)."""
    return idempotency.run_once(
        user=request.user, scope=scope, key=idempotency.api_key(request), create=create,
        find=find,
    )  # fmt: skip


def statements_for(assessment: Assessment, numbers: list[int]) -> list[QualityStatement]:
    statements = selectors.statements_by_number(assessment, numbers)
    if statements is None:
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
    category = selectors.evidence_category(assessment, data["category"])
    if category is None:
        raise serializers.ValidationError({"category": ["No such evidence category."]})
    return {
        **data,
        "category": category,
        "statements": statements_for(assessment, data["statements"]),
    }


class EvidenceRefSerializer(serializers.Serializer):
    evidence_id = serializers.IntegerField()
