"""The self-assessment over the API: its sections, a theme's or a statement's draft, and
submitting the drafts."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

import policy
from assessments.models import QualityStatement, Theme
from core.api import ApiView
from returns import selectors
from returns.apis.common import found, portal_assessment
from returns.models import SelfAssessmentSection
from returns.services import returns as services


class SectionSerializer(serializers.ModelSerializer):
    theme = serializers.IntegerField(source="theme.number")
    statement = serializers.IntegerField(source="statement.number", allow_null=True)

    class Meta:
        model = SelfAssessmentSection
        fields = ["id", "theme", "statement", "text", "updated_at", "submitted_at", "version"]


class SectionInputSerializer(serializers.Serializer):
    theme = serializers.IntegerField(min_value=1, max_value=20, help_text="Theme number.")
    statement = serializers.IntegerField(
        min_value=1, max_value=99, required=False, allow_null=True, default=None,
        help_text="A quality statement number of the theme, for a per-statement narrative.",
    )  # fmt: skip
    text = serializers.CharField(max_length=20_000, allow_blank=True)
    version = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None,
        help_text="The section's version you last read (refused with 409 if it changed).",
    )  # fmt: skip


class SubmittedSerializer(serializers.Serializer):
    submitted = serializers.IntegerField(help_text="How many sections were submitted.")


class SelfAssessmentApi(ApiView):
    """The self-assessment's sections; the council saves a draft of one (PUT)."""

    serializer_class = SectionSerializer
    queryset = selectors.no_sections()  # the schema's model; requests use the selectors

    @extend_schema(responses={200: SectionSerializer(many=True)})
    def get(self, request, assessment_id: int):
        """Paginated like every list (the schema says so; schemathesis checks it)."""
        assessment = portal_assessment(self, request, assessment_id)
        page = self.paginate_queryset(list(selectors.sections_of(assessment)))
        return self.get_paginated_response(SectionSerializer(page, many=True).data)

    @extend_schema(request=SectionInputSerializer, responses={200: SectionSerializer})
    def put(self, request, assessment_id: int):
        assessment = portal_assessment(self, request, assessment_id, policy.can_answer_for_council)
        data = SectionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            theme = selectors.theme_by_number(assessment, values["theme"])
        except Theme.DoesNotExist:
            raise serializers.ValidationError({"theme": ["No such theme."]}) from None
        statement = None
        if values["statement"]:
            try:
                statement = selectors.statement_by_number(assessment, values["statement"], theme)
            except QualityStatement.DoesNotExist:
                raise serializers.ValidationError(
                    {"statement": ["No such statement in the theme."]}
                ) from None
        section = services.self_assessment_save(
            actor=request.user, assessment=assessment, theme=theme, statement=statement,
            text=values["text"], version=values["version"],
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


class StatementSectionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20_000, allow_blank=True)
    version = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, default=None,
        help_text="The section's version you last read (refused with 409 if it changed).",
    )  # fmt: skip


class StatementSectionSerializer(serializers.Serializer):
    statement = serializers.IntegerField(help_text="Quality statement number.")
    theme = serializers.IntegerField(help_text="Its theme's number.")
    section = SectionSerializer(allow_null=True, help_text="The statement's own narrative.")
    theme_section = SectionSerializer(allow_null=True, help_text="Its theme's narrative.")


class StatementSectionApi(ApiView):
    """The council's optional narrative for one quality statement (with its theme's);
    the council saves a draft of it (PUT)."""

    serializer_class = StatementSectionSerializer

    def _statement(self, assessment, number: int):
        return found(selectors.statement_by_number, assessment, number)

    def _data(self, assessment, statement) -> dict:
        view = selectors.self_assessment_beside(assessment, statement)
        return StatementSectionSerializer(
            {
                "statement": statement.number,
                "theme": statement.theme.number,
                "section": view.statement_section,
                "theme_section": view.theme_section,
            }
        ).data

    def get(self, request, assessment_id: int, number: int):
        assessment = portal_assessment(self, request, assessment_id)
        return Response(self._data(assessment, self._statement(assessment, number)))

    @extend_schema(request=StatementSectionInputSerializer)
    def put(self, request, assessment_id: int, number: int):
        assessment = portal_assessment(self, request, assessment_id, policy.can_answer_for_council)
        statement = self._statement(assessment, number)
        data = StatementSectionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.self_assessment_save(
            actor=request.user, assessment=assessment, theme=statement.theme,
            statement=statement, text=data.validated_data["text"],
            version=data.validated_data["version"],
        )  # fmt: skip
        return Response(self._data(assessment, statement))
