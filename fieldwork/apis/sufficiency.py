"""Evidence sufficiency over the API: the heat-map's figures, and the lead's override."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

import policy
from core.api import ApiView
from fieldwork import selectors, services
from fieldwork.apis.common import fieldwork_assessment


class CellSerializer(serializers.Serializer):
    category = serializers.CharField(source="category.code")
    count = serializers.IntegerField()
    newest = serializers.DateField(allow_null=True)


class RowSerializer(serializers.Serializer):
    statement = serializers.IntegerField(source="statement.number")
    name = serializers.CharField(source="statement.name")
    cells = CellSerializer(many=True)
    total = serializers.IntegerField()
    no_peoples_experience = serializers.BooleanField()
    single_source = serializers.BooleanField()


class OverrideSerializer(serializers.Serializer):
    reason = serializers.CharField()
    statements_without = serializers.ListField(child=serializers.IntegerField())
    recorded_at = serializers.DateTimeField()


class SufficiencySerializer(serializers.Serializer):
    categories = serializers.ListField(child=serializers.CharField())
    rows = RowSerializer(many=True)
    override = OverrideSerializer(allow_null=True)


class PeoplesExperienceOverrideInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class SufficiencyApi(ApiView):
    """Statements x evidence categories: counts, the newest item's date, and flags (no
    people's experience; one source only), with the lead assessor's override if any."""

    serializer_class = SufficiencySerializer

    def get(self, request, assessment_id: int):
        assessment = fieldwork_assessment(self, request, assessment_id, policy.can_view_sufficiency)
        heat = selectors.sufficiency(assessment=assessment)
        return Response(
            SufficiencySerializer(
                {
                    "categories": [category.code for category in heat.categories],
                    "rows": heat.rows,
                    "override": selectors.override_applies(assessment=assessment),
                }
            ).data
        )


class OverrideApi(ApiView):
    """The lead assessor records why the assessment may go to quality assurance although a
    statement lacks people's-experience evidence."""

    serializer_class = OverrideSerializer

    @extend_schema(
        request=PeoplesExperienceOverrideInputSerializer, responses={201: OverrideSerializer}
    )
    def post(self, request, assessment_id: int):
        assessment = fieldwork_assessment(
            self, request, assessment_id, policy.can_override_peoples_experience
        )
        data = PeoplesExperienceOverrideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        override = services.peoples_experience_override_record(
            actor=request.user, assessment=assessment, reason=data.validated_data["reason"]
        )
        return Response(OverrideSerializer(override).data, status=status.HTTP_201_CREATED)
