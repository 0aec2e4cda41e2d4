"""Evidence over the API: the list per assessment (the statement page's filters), record,
change (with its version), withdraw, upload files and download them (permission-checked).

Files go up first (POST .../evidence/uploads/ gives a token, as the web form keeps them) and
are attached by naming their tokens when the item is recorded or changed.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

import policy
from assessments import selectors as assessment_selectors
from assessments.models import EvidenceCategory
from core import api, idempotency
from core.api import ApiView, ListApi
from core.downloads import private_file_response
from core.serializers import UserRefSerializer
from evidence import selectors, services
from evidence.forms import NARRATIVE_MAX_LENGTH
from evidence.models import (
    Attachment,
    EvidenceDirection,
    EvidenceItem,
    PendingUpload,
    Route,
    SourceType,
)
from policy.api import require_policy

# ---- output --------------------------------------------------------------------------------


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceCategory
        fields = ["code", "name"]


class AttachmentOutputSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at",
                  "download"]  # fmt: skip

    def get_download(self, attachment) -> str:
        return f"/api/v1/evidence/attachments/{attachment.pk}/"


class EvidenceOutputSerializer(serializers.ModelSerializer):
    statements = serializers.SerializerMethodField(help_text="Quality statement numbers.")
    category = CategoryRefSerializer()
    author = UserRefSerializer()
    is_withdrawn = serializers.BooleanField()

    class Meta:
        model = EvidenceItem
        fields = ["id", "assessment", "statements", "category", "route", "source_type", "title",
                  "narrative", "direction", "effective_date", "recorded_at",
                  "contains_personal_data", "author", "is_withdrawn", "withdrawn_at",
                  "withdrawn_reason", "version", "updated_at"]  # fmt: skip

    def get_statements(self, item) -> list[int]:
        return [statement.number for statement in item.statements.all()]


class EvidenceListOutputSerializer(EvidenceOutputSerializer):
    attachment_count = serializers.IntegerField()

    class Meta(EvidenceOutputSerializer.Meta):
        fields = [*EvidenceOutputSerializer.Meta.fields, "attachment_count"]


class EvidenceDetailOutputSerializer(EvidenceOutputSerializer):
    withdrawn_by = UserRefSerializer(allow_null=True)
    attachments = AttachmentOutputSerializer(many=True)

    class Meta(EvidenceOutputSerializer.Meta):
        fields = [*EvidenceOutputSerializer.Meta.fields, "withdrawn_by", "attachments"]


# ---- input ---------------------------------------------------------------------------------


class EvidenceInputSerializer(serializers.Serializer):
    statements = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=99),
        min_length=1,
        max_length=20,
        help_text="Numbers of the quality statements this evidence informs.",
    )
    category = serializers.CharField(max_length=50, help_text="Evidence category code.")
    route = serializers.ChoiceField(choices=Route.choices)
    source_type = serializers.ChoiceField(choices=SourceType.choices)
    title = serializers.CharField(max_length=200)
    narrative = serializers.CharField(max_length=NARRATIVE_MAX_LENGTH)
    direction = serializers.ChoiceField(choices=EvidenceDirection.choices)
    effective_date = serializers.DateField()
    contains_personal_data = serializers.BooleanField(default=False)
    uploads = serializers.ListField(
        child=serializers.CharField(max_length=64),
        required=False,
        max_length=20,
        help_text="Tokens of files sent to the uploads endpoint, to attach.",
    )


class EvidenceUpdateInputSerializer(EvidenceInputSerializer):
    version = serializers.IntegerField(min_value=1, help_text="The version you last read.")


class WithdrawInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)
    version = serializers.IntegerField(min_value=1, help_text="The version you last read.")


class UploadInputSerializer(serializers.Serializer):
    file = api.FileField()


class UploadOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = PendingUpload
        fields = ["token", "original_name", "content_type", "size", "sha256"]


def _service_values(request, assessment, data: dict) -> dict:
    """Turn statement numbers, a category code and upload tokens into what the services
    take; unknown ones are field errors."""
    numbers = sorted(set(data["statements"]))
    statements = selectors.statements_by_number(assessment=assessment, numbers=numbers)
    errors = {}
    if len(statements) != len(numbers):
        errors["statements"] = ["Choose quality statements of this assessment's framework."]
    category = selectors.category_by_code(assessment=assessment, code=data["category"])
    if category is None:
        errors["category"] = ["Choose an evidence category of this assessment's framework."]
    tokens = data.get("uploads", [])
    uploads = services.pending_uploads_for(actor=request.user, tokens=tokens)
    if len(uploads) != len(set(tokens)):
        errors["uploads"] = ["Some upload tokens are unknown, expired or not yours."]
    if errors:
        raise ValidationError(errors)
    fields = ("route", "source_type", "title", "narrative", "direction", "effective_date",
              "contains_personal_data")  # fmt: skip
    return {
        "statements": statements,
        "category": category,
        "uploads": uploads,
        **{name: data[name] for name in fields},
    }


# ---- views ---------------------------------------------------------------------------------


def _assessment(view, request, assessment_id: int, check):
    assessment = get_object_or_404(assessment_selectors.assessment_queryset(), pk=assessment_id)
    require_policy(view, request, assessment, check)
    return assessment


def _item(view, request, evidence_id: int, check=None) -> EvidenceItem:
    """The item, after the policy: 404 unless the user may see it (personal data is not
    disclosed), then 403 unless `check(user, assessment)`."""
    item = get_object_or_404(selectors.evidence_item_queryset(), pk=evidence_id)
    require_policy(
        view,
        request,
        item,
        lambda user, obj: True,
        visible=lambda user, obj: (
            policy.can_view_assessment(user, obj.assessment)
            and policy.can_view_evidence_item(user, obj)
        ),
    )
    if check is not None:
        require_policy(view, request, item.assessment, check, visible=None)
    return item


def _detail(item_id: int) -> dict:
    return EvidenceDetailOutputSerializer(selectors.evidence_item_queryset().get(pk=item_id)).data


class EvidenceQuerySerializer(serializers.Serializer):
    """The statement page's filters; `statement` is optional here."""

    statement = serializers.IntegerField(
        min_value=1, max_value=99, required=False, help_text="Quality statement number."
    )
    category = serializers.CharField(
        max_length=50, required=False, help_text="Evidence category code."
    )
    route = serializers.ChoiceField(choices=Route.choices, required=False)
    source_type = serializers.ChoiceField(choices=SourceType.choices, required=False)
    direction = serializers.ChoiceField(choices=EvidenceDirection.choices, required=False)
    q = serializers.CharField(
        max_length=200, required=False, help_text="Search the title and narrative."
    )
    withdrawn = serializers.BooleanField(
        required=False, default=False, help_text="Include withdrawn evidence."
    )


class EvidenceListApi(ListApi):
    """The evidence of an assessment you may see (never personal data unless you are in the
    team), newest first, with the statement page's filters; the team records new items."""

    serializer_class = EvidenceListOutputSerializer
    filter_backends = []

    @extend_schema(parameters=[EvidenceQuerySerializer])
    def get(self, request, assessment_id: int):
        return super().get(request, assessment_id)

    def list(self, request, assessment_id: int):
        assessment = _assessment(self, request, assessment_id, policy.can_view_evidence)
        query = EvidenceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        statement = category_id = None
        if values.get("statement") is not None:
            found = selectors.statements_by_number(
                assessment=assessment, numbers=[values["statement"]]
            )
            statement = found[0] if found else None
            if statement is None:
                raise ValidationError({"statement": ["No such quality statement."]})
        if values.get("category"):
            category = selectors.category_by_code(assessment=assessment, code=values["category"])
            category_id = category.pk if category else None
            if category_id is None:
                raise ValidationError({"category": ["No such evidence category."]})
        items = selectors.assessment_evidence(
            assessment=assessment,
            user=request.user,
            statement=statement,
            category_id=category_id,
            route=values.get("route") or "",
            source_type=values.get("source_type") or "",
            direction=values.get("direction") or "",
            search=values.get("q") or "",
            include_withdrawn=bool(values.get("withdrawn")),
        )
        page = self.paginate_queryset(items)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=EvidenceInputSerializer,
        responses={201: EvidenceDetailOutputSerializer},
        parameters=[idempotency.API_PARAMETER],
    )
    def post(self, request, assessment_id: int):
        assessment = _assessment(self, request, assessment_id, policy.can_edit_evidence)
        key = idempotency.api_key(request)
        data = EvidenceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item, created = idempotency.run_once(
            user=request.user,
            scope=f"evidence.create:{assessment.pk}",
            key=key,
            create=lambda: services.evidence_create(
                actor=request.user,
                assessment=assessment,
                **_service_values(request, assessment, data.validated_data),
            ),
            find=lambda pk: selectors.evidence_item_queryset().get(pk=pk),
        )
        return Response(
            _detail(item.pk),
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )


class EvidenceUploadApi(ApiView):
    """Send one file (PDF, DOCX, XLSX, CSV, PNG or JPEG, checked by its content); the answer's
    token attaches it when you record or change an item (within a day)."""

    parser_classes = [MultiPartParser]

    @extend_schema(request=UploadInputSerializer, responses={201: UploadOutputSerializer})
    def post(self, request, assessment_id: int):
        _assessment(self, request, assessment_id, policy.can_edit_evidence)
        data = UploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = services.pending_upload_create(
            actor=request.user, upload=data.validated_data["file"]
        )
        return Response(UploadOutputSerializer(upload).data, status=status.HTTP_201_CREATED)


class EvidenceDetailApi(ApiView):
    """One evidence item with its attachments; the team changes it (send its `version`)."""

    serializer_class = EvidenceDetailOutputSerializer

    def get(self, request, evidence_id: int):
        return Response(self.get_serializer(_item(self, request, evidence_id)).data)

    @extend_schema(request=EvidenceUpdateInputSerializer)
    def put(self, request, evidence_id: int):
        item = _item(self, request, evidence_id, policy.can_edit_evidence)
        data = EvidenceUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.evidence_update(
            actor=request.user,
            item=item,
            version=data.validated_data["version"],
            **_service_values(request, item.assessment, data.validated_data),
        )
        return Response(_detail(item.pk))


class EvidenceWithdrawApi(ApiView):
    """Withdraw an item: it stays on record, marked, and no longer counts as evidence."""

    serializer_class = EvidenceDetailOutputSerializer

    @extend_schema(request=WithdrawInputSerializer)
    def post(self, request, evidence_id: int):
        item = _item(self, request, evidence_id, policy.can_edit_evidence)
        data = WithdrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.evidence_withdraw(actor=request.user, item=item, **data.validated_data)
        return Response(_detail(item.pk))


class AttachmentDownloadApi(ApiView):
    """Download an attachment (whoever may see its evidence item; others get 404)."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, as an attachment."
            )
        }
    )
    def get(self, request, attachment_id: int):
        attachment = get_object_or_404(selectors.attachment_queryset(), pk=attachment_id)
        _item(self, request, attachment.evidence_item_id)
        try:
            handle = services.private_storage().open(attachment.stored_name, "rb")
        except FileNotFoundError:
            raise NotFound("The file is missing from storage.") from None
        return private_file_response(
            handle, filename=attachment.original_name, content_type=attachment.content_type
        )
