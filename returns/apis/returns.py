"""The information return over the API (the self-assessment is in apis/self_assessment.py)."""

from __future__ import annotations

from django.core.files.storage import storages
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

import policy
from core import api, idempotency
from core.api import ApiView
from core.downloads import private_file_response
from returns import selectors
from returns.apis.common import (
    IDEMPOTENCY_KEY,
    AcceptInputSerializer,
    AnswerSerializer,
    EvidenceRefSerializer,
    ItemSerializer,
    accept_values,
    found,
    once,
    portal_assessment,
)
from returns.models import AnswerStatus, InformationReturn, ReturnAnswer
from returns.services import evidence as evidence_services
from returns.services import returns as services


class TemplateSerializer(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.IntegerField()
    name = serializers.CharField()
    source_note = serializers.CharField()
    items = ItemSerializer(many=True)


class ReturnSerializer(serializers.ModelSerializer):
    answers = AnswerSerializer(many=True)
    template_version = serializers.IntegerField(source="template.version")

    class Meta:
        model = InformationReturn
        fields = ["id", "assessment", "status", "due_on", "issued_at", "submitted_at",
                  "reopened_note", "template_version", "answers"]  # fmt: skip


class IssueInputSerializer(serializers.Serializer):
    due_on = serializers.DateField(
        required=False, default=None,
        help_text="Default: RETURN_DUE_WORKING_DAYS working days from today.",
    )  # fmt: skip


class AnswerInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AnswerStatus.choices)
    text = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    link = serializers.CharField(
        max_length=500, required=False, allow_blank=True, help_text="http or https only."
    )
    not_held_reason = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    version = serializers.IntegerField(min_value=1, help_text="The version you last read.")


class FileInputSerializer(serializers.Serializer):
    file = api.FileField()


class ReopenInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=20_000)


def _return_data(assessment) -> dict:
    information_return = selectors.information_return_for(assessment)
    if information_return is None:
        raise NotFound("The information return has not been issued.")
    data = ReturnSerializer(information_return).data
    data["answers"] = AnswerSerializer(
        selectors.answers_with_items(information_return), many=True
    ).data
    return data


def _answer(view, request, answer_id: int, check=None) -> ReturnAnswer:
    answer = found(selectors.answer_for, answer_id)
    portal_assessment(view, request, answer.information_return.assessment_id, check)
    return answer


class TemplateApi(ApiView):
    """The current information return template: its items and where they come from."""

    serializer_class = TemplateSerializer

    def get(self, request):
        template = selectors.current_template()
        if template is None:
            raise NotFound
        data = {
            "code": template.code,
            "version": template.version,
            "name": template.name,
            "source_note": template.source_note,
            "items": selectors.template_items(template),
        }
        return Response(TemplateSerializer(data).data)


class InformationReturnApi(ApiView):
    """An assessment's information return with every answer; the lead assessor issues it."""

    serializer_class = ReturnSerializer

    def get(self, request, assessment_id: int):
        return Response(_return_data(portal_assessment(self, request, assessment_id)))

    @extend_schema(request=IssueInputSerializer, parameters=[IDEMPOTENCY_KEY],
                   responses={201: ReturnSerializer})  # fmt: skip
    def post(self, request, assessment_id: int):
        assessment = portal_assessment(self, request, assessment_id, policy.can_issue_return)
        data = IssueInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _issued, created = once(
            request,
            scope=f"returns.issue:{assessment.pk}",
            create=lambda: services.return_issue(
                actor=request.user, assessment=assessment,
                due_on=data.validated_data["due_on"],
            ),
            find=lambda _id: selectors.information_return_for(assessment),
        )  # fmt: skip
        return Response(
            _return_data(assessment),
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )


class ReturnSubmitApi(ApiView):
    """A council lead submits the whole return (every item ready or not held)."""

    serializer_class = ReturnSerializer

    @extend_schema(request=None)
    def post(self, request, assessment_id: int):
        assessment = portal_assessment(self, request, assessment_id, policy.can_submit_return)
        information_return = selectors.information_return_for(assessment)
        if information_return is None:
            raise NotFound("The information return has not been issued.")
        services.return_submit(actor=request.user, information_return=information_return)
        return Response(_return_data(assessment))


class ReturnReopenApi(ApiView):
    """The team reopens a submitted return with a note."""

    serializer_class = ReturnSerializer

    @extend_schema(request=ReopenInputSerializer)
    def post(self, request, assessment_id: int):
        assessment = portal_assessment(self, request, assessment_id, policy.can_manage_requests)
        data = ReopenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        information_return = selectors.information_return_for(assessment)
        if information_return is None:
            raise NotFound("The information return has not been issued.")
        services.return_reopen(
            actor=request.user, information_return=information_return, **data.validated_data
        )
        return Response(_return_data(assessment))


class AnswerApi(ApiView):
    """One answer; the council changes it (send its `version`)."""

    serializer_class = AnswerSerializer

    def get(self, request, answer_id: int):
        return Response(AnswerSerializer(_answer(self, request, answer_id)).data)

    @extend_schema(request=AnswerInputSerializer)
    def put(self, request, answer_id: int):
        answer = _answer(self, request, answer_id, policy.can_answer_for_council)
        data = AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = services.answer_update(actor=request.user, answer=answer, **data.validated_data)
        return Response(AnswerSerializer(saved).data)


class AnswerFileApi(ApiView):
    """Add one file to an answer (checked as evidence attachments are)."""

    parser_classes = [MultiPartParser]
    serializer_class = AnswerSerializer

    @extend_schema(request=FileInputSerializer, responses={201: AnswerSerializer})
    def post(self, request, answer_id: int):
        answer = _answer(self, request, answer_id, policy.can_answer_for_council)
        data = FileInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        status_now = answer.status
        if status_now == AnswerStatus.NOT_STARTED:
            status_now = AnswerStatus.IN_PROGRESS
        saved = services.answer_update(
            actor=request.user, answer=answer, version=answer.version, status=status_now,
            text=answer.text, link=answer.link, not_held_reason=answer.not_held_reason,
            files=[data.validated_data["file"]],
        )  # fmt: skip
        return Response(AnswerSerializer(saved).data, status=status.HTTP_201_CREATED)


class AnswerAcceptApi(ApiView):
    """The team accepts an answer as evidence in one step (files linked, not copied)."""

    serializer_class = EvidenceRefSerializer

    @extend_schema(request=AcceptInputSerializer, parameters=[IDEMPOTENCY_KEY],
                   responses={201: EvidenceRefSerializer})  # fmt: skip
    def post(self, request, answer_id: int):
        answer = _answer(self, request, answer_id, policy.can_accept_as_evidence)
        assessment = answer.information_return.assessment
        data = AcceptInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = accept_values(assessment, data.validated_data)
        item, created = once(
            request,
            scope=f"returns.accept:answer:{answer.pk}",
            create=lambda: evidence_services.evidence_accept(
                actor=request.user, answer=answer, **values
            ),
            find=selectors.evidence_item,
        )
        return Response(
            {"evidence_id": item.pk},
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )


class ReturnFileApi(ApiView):
    """Download a council file (whoever may see the assessment's portal; others get 404)."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, as an attachment."
            )
        }
    )
    def get(self, request, file_id: int):
        stored, assessment = found(selectors.return_file, file_id)
        portal_assessment(self, request, assessment.pk)
        try:
            handle = storages["private"].open(stored.stored_name, "rb")
        except FileNotFoundError:
            raise NotFound("The file is missing from storage.") from None
        return private_file_response(
            handle, filename=stored.original_name, content_type=stored.content_type
        )
