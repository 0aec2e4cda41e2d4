"""The information return and the self-assessment over the API."""

from __future__ import annotations

from django.core.files.storage import storages
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

import policy
from assessments.models import QualityStatement, Theme
from core import api
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
    once,
    portal_assessment,
)
from returns.models import (
    AnswerStatus,
    InformationReturn,
    ReturnAnswer,
    ReturnFile,
    SelfAssessmentSection,
)
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
        required=False, help_text="Default: RETURN_DUE_WORKING_DAYS working days from today."
    )


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


class SectionSerializer(serializers.ModelSerializer):
    theme = serializers.IntegerField(source="theme.number")
    statement = serializers.IntegerField(source="statement.number", allow_null=True)

    class Meta:
        model = SelfAssessmentSection
        fields = ["id", "theme", "statement", "text", "updated_at", "submitted_at", "version"]


class SectionInputSerializer(serializers.Serializer):
    theme = serializers.IntegerField(min_value=1, max_value=20, help_text="Theme number.")
    statement = serializers.IntegerField(
        min_value=1, max_value=99, required=False, allow_null=True,
        help_text="A quality statement number of the theme, for a per-statement narrative.",
    )  # fmt: skip
    text = serializers.CharField(max_length=20_000, allow_blank=True)


class SubmittedSerializer(serializers.Serializer):
    submitted = serializers.IntegerField(help_text="How many sections were submitted.")


def _return_data(assessment) -> dict:
    information_return = selectors.information_return_for(assessment)
    if information_return is None:
        raise NotFound("The information return has not been issued.")
    data = ReturnSerializer(information_return).data
    data["answers"] = AnswerSerializer(
        selectors.answers_with_items(information_return).select_related("evidence"), many=True
    ).data
    return data


def _answer(view, request, answer_id: int, check=None) -> ReturnAnswer:
    answer = get_object_or_404(
        ReturnAnswer.objects.select_related("information_return__assessment__council", "item"),
        pk=answer_id,
    )
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
        once(
            request,
            lambda: str(
                services.return_issue(
                    actor=request.user, assessment=assessment,
                    due_on=data.validated_data.get("due_on"),
                ).pk
            ),
        )  # fmt: skip
        return Response(_return_data(assessment), status=status.HTTP_201_CREATED)


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
        item_id, _ = once(
            request,
            lambda: str(
                evidence_services.evidence_accept(actor=request.user, answer=answer, **values).pk
            ),
        )
        return Response({"evidence_id": int(item_id)}, status=status.HTTP_201_CREATED)


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
        stored = get_object_or_404(
            ReturnFile.objects.select_related("answer__information_return", "response__request"),
            pk=file_id,
        )
        assessment_id = (
            stored.answer.information_return.assessment_id
            if stored.answer_id
            else stored.response.request.assessment_id
        )
        portal_assessment(self, request, assessment_id)
        try:
            handle = storages["private"].open(stored.stored_name, "rb")
        except FileNotFoundError:
            raise NotFound("The file is missing from storage.") from None
        return private_file_response(
            handle, filename=stored.original_name, content_type=stored.content_type
        )


class SelfAssessmentApi(ApiView):
    """The self-assessment's sections; the council saves a draft of one (PUT)."""

    serializer_class = SectionSerializer
    queryset = SelfAssessmentSection.objects.none()  # the schema's model; requests use the view

    @extend_schema(responses={200: SectionSerializer(many=True)})
    def get(self, request, assessment_id: int):
        assessment = portal_assessment(self, request, assessment_id)
        sections = SelfAssessmentSection.objects.filter(assessment=assessment).select_related(
            "theme", "statement"
        )
        return Response(SectionSerializer(sections, many=True).data)

    @extend_schema(request=SectionInputSerializer, responses={200: SectionSerializer})
    def put(self, request, assessment_id: int):
        assessment = portal_assessment(self, request, assessment_id, policy.can_answer_for_council)
        data = SectionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        theme = Theme.objects.filter(
            framework_id=assessment.framework_id, number=values["theme"]
        ).first()
        if theme is None:
            raise serializers.ValidationError({"theme": ["No such theme."]})
        statement = None
        if values.get("statement"):
            statement = QualityStatement.objects.filter(
                theme=theme, number=values["statement"]
            ).first()
            if statement is None:
                raise serializers.ValidationError(
                    {"statement": ["No such statement in the theme."]}
                )
        section = services.self_assessment_save(
            actor=request.user, assessment=assessment, theme=theme, statement=statement,
            text=values["text"],
        )  # fmt: skip
        return Response(SectionSerializer(section).data)


class SelfAssessmentSubmitApi(ApiView):
    """A council lead submits the drafted sections."""

    serializer_class = SubmittedSerializer

    @extend_schema(request=None)
    def post(self, request, assessment_id: int):
        assessment = portal_assessment(self, request, assessment_id, policy.can_submit_return)
        count = services.self_assessment_submit(actor=request.user, assessment=assessment)
        return Response({"submitted": count})
