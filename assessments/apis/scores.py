"""Statement scores over the API (the current rule's score or the earlier rule's category
scores), with optimistic concurrency."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

import policy
from assessments import scoring, selectors, services
from assessments.apis.common import (
    UserRefSerializer,
)
from assessments.models import (
    QualityStatement,
)
from core.api import PublicApiView, PublicListApi
from policy.api import require_policy


class StatementScoreOutputSerializer(serializers.Serializer):
    """One quality statement of the assessment with its score (null until scored)."""

    statement = serializers.IntegerField(source="statement.number")
    statement_name = serializers.CharField(source="statement.name")
    theme = serializers.CharField(source="statement.theme.name")
    score = serializers.IntegerField(source="value", allow_null=True, min_value=1, max_value=4)
    descriptor = serializers.SerializerMethodField()
    rationale = serializers.SerializerMethodField()
    scored_by = serializers.SerializerMethodField()
    scored_at = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField(
        help_text="Send it back when you change the score; 0 until first scored."
    )

    def get_descriptor(self, row) -> str:
        return scoring.descriptor(row.value)

    def get_rationale(self, row) -> str:
        return row.score.rationale if row.score else ""

    @extend_schema_field(UserRefSerializer(allow_null=True))
    def get_scored_by(self, row) -> dict | None:
        if row.score is None or row.score.scored_by is None:
            return None
        return UserRefSerializer(row.score.scored_by).data

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_scored_at(self, row):
        if row.score is None or row.score.scored_at is None:
            return None
        return serializers.DateTimeField().to_representation(row.score.scored_at)

    def get_version(self, row) -> int:
        return row.score.version if row.score else 0


class StatementScoreInputSerializer(serializers.Serializer):
    score = serializers.IntegerField(
        min_value=1, max_value=4, required=False, help_text="Current rule: the score, 1-4."
    )
    category_scores = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=4, allow_null=True),
        required=False,
        help_text="Earlier rule: evidence category code -> 1-4 (null clears it).",
    )
    rationale = serializers.CharField(max_length=10_000)
    version = serializers.IntegerField(
        min_value=0, help_text="The version you last read (0 when it was not yet scored)."
    )

    def validate(self, data):
        if ("score" in data) == ("category_scores" in data):
            raise serializers.ValidationError(
                "Send either score (current rule) or category_scores (earlier rule)."
            )
        return data


class AssessmentScoreListApi(PublicListApi):
    """Every quality statement of the assessment with its score, under the assessment's
    scoring rule (who may see draft scores: the policy)."""

    serializer_class = StatementScoreOutputSerializer
    filter_backends = []

    def list(self, request, assessment_id: int):
        assessment = get_object_or_404(selectors.assessment_queryset(), pk=assessment_id)
        require_policy(self, request, assessment, policy.can_view_draft)
        rows = selectors.assessment_score_summary(assessment=assessment).rows
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class StatementScoreApi(PublicApiView):
    """One statement's score: read it, or set it with its rationale (the team, while scoring;
    send the `version` you read: a stale one is refused with 409)."""

    serializer_class = StatementScoreOutputSerializer

    def get_permissions(self):
        if self.request.method == "GET":
            return super().get_permissions()
        return [IsAuthenticated()]

    def _load(self, request, assessment_id: int, number: int, check):
        assessment = get_object_or_404(selectors.assessment_queryset(), pk=assessment_id)
        require_policy(self, request, assessment, check)
        try:
            statement = selectors.statement_for_assessment(assessment=assessment, number=number)
        except QualityStatement.DoesNotExist:
            raise NotFound("This assessment's framework has no such quality statement.") from None
        return assessment, statement

    def _row(self, assessment, statement):
        return selectors.StatementScoreRow(
            statement, selectors.statement_score(assessment=assessment, statement=statement)
        )

    def get(self, request, assessment_id: int, number: int):
        assessment, statement = self._load(request, assessment_id, number, policy.can_view_draft)
        return Response(self.get_serializer(self._row(assessment, statement)).data)

    @extend_schema(request=StatementScoreInputSerializer)
    def put(self, request, assessment_id: int, number: int):
        assessment, statement = self._load(request, assessment_id, number, policy.can_score)
        data = StatementScoreInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if "score" in values:
            services.statement_score_set(
                actor=request.user,
                assessment=assessment,
                statement=statement,
                score=values["score"],
                rationale=values["rationale"],
                expected_version=values["version"],
            )
        else:
            services.category_score_set(
                actor=request.user,
                assessment=assessment,
                statement=statement,
                category_scores=values["category_scores"],
                rationale=values["rationale"],
                expected_version=values["version"],
            )
        return Response(self.get_serializer(self._row(assessment, statement)).data)
