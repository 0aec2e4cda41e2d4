"""Findings and the summary over the API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

import policy
from assessments.apis import (
    UserRefSerializer,
    WritesNeedSignIn,
    assessment_for,
    statement_for,
)
from core.api import PublicApiView, PublicListApi
from reviews import selectors, services
from reviews.models import (
    Direction,
)


class FindingOutputSerializer(serializers.Serializer):
    statement = serializers.IntegerField(source="statement.number")
    statement_name = serializers.CharField(source="statement.name")
    people_told_us = serializers.SerializerMethodField()
    strengths = serializers.SerializerMethodField()
    areas_for_development = serializers.SerializerMethodField()
    direction = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField(help_text="0 until first written.")

    def _value(self, row, name: str, default=""):
        return getattr(row.finding, name) if row.finding else default

    def get_people_told_us(self, row) -> str:
        return self._value(row, "people_told_us")

    def get_strengths(self, row) -> str:
        return self._value(row, "strengths")

    def get_areas_for_development(self, row) -> str:
        return self._value(row, "areas_for_development")

    @extend_schema_field(serializers.ChoiceField(choices=Direction.choices))
    def get_direction(self, row) -> str:
        return self._value(row, "direction", Direction.NOT_JUDGED)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_score(self, row) -> int | None:
        return row.score.score if row.score else None

    def get_version(self, row) -> int:
        return row.finding.version if row.finding else 0


class FindingInputSerializer(serializers.Serializer):
    people_told_us = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    strengths = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    areas_for_development = serializers.CharField(
        required=False, allow_blank=True, max_length=20_000
    )
    direction = serializers.ChoiceField(choices=Direction.choices, required=False)
    version = serializers.IntegerField(min_value=0, help_text="The version you last read.")


class FindingListApi(PublicListApi):
    """The findings of every quality statement (drafts: the team; the council from the
    factual accuracy check; published: everyone)."""

    serializer_class = FindingOutputSerializer
    filter_backends = []

    def list(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_view_draft)
        _, rows = selectors.assessment_findings(assessment=assessment)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class FindingApi(WritesNeedSignIn, PublicApiView):
    """One statement's findings: read them, or change them (the team, from scoring until
    publication; send the `version` you read)."""

    serializer_class = FindingOutputSerializer

    def _row(self, assessment, number: int):
        _, rows = selectors.assessment_findings(assessment=assessment)
        for row in rows:
            if row.statement.number == number:
                return row
        raise NotFound("This assessment's framework has no such quality statement.")

    def get(self, request, assessment_id: int, number: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_view_draft)
        return Response(self.get_serializer(self._row(assessment, number)).data)

    @extend_schema(request=FindingInputSerializer)
    def put(self, request, assessment_id: int, number: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_edit_findings)
        statement = statement_for(assessment, number)
        data = FindingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version")
        services.finding_update(
            actor=request.user,
            assessment=assessment,
            statement=statement,
            expected_version=version,
            **values,
        )
        return Response(self.get_serializer(self._row(assessment, number)).data)


class SummaryOutputSerializer(serializers.Serializer):
    summary = serializers.CharField()
    version = serializers.IntegerField(help_text="0 until first written.")
    updated_by = UserRefSerializer(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class SummaryInputSerializer(serializers.Serializer):
    summary = serializers.CharField(allow_blank=True, max_length=50_000)
    version = serializers.IntegerField(min_value=0, help_text="The version you last read.")


def _summary_data(assessment) -> dict:
    summary, _ = selectors.assessment_findings(assessment=assessment)
    return SummaryOutputSerializer(
        {
            "summary": summary.summary if summary else "",
            "version": summary.version if summary else 0,
            "updated_by": summary.updated_by if summary else None,
            "updated_at": summary.updated_at if summary else None,
        }
    ).data


class SummaryApi(WritesNeedSignIn, PublicApiView):
    """The assessment's overall summary: read it, or change it (the team)."""

    serializer_class = SummaryOutputSerializer

    def get(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_view_draft)
        return Response(_summary_data(assessment))

    @extend_schema(request=SummaryInputSerializer)
    def put(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_edit_findings)
        data = SummaryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.summary_update(
            actor=request.user,
            assessment=assessment,
            summary=data.validated_data["summary"],
            expected_version=data.validated_data["version"],
        )
        return Response(_summary_data(assessment))
