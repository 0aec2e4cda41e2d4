"""The public risk rating as JSON: every council's current level, the rule that set it, the
data date, its history and statement (the same selector as the page)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from rest_framework import serializers
from rest_framework.response import Response

import policy
from core.api import ApiView, PublicListApi
from core.serializers import CouncilRefSerializer
from councils import selectors as council_selectors
from councils.models import Council
from riskrating import selectors, services


class HistorySerializer(serializers.Serializer):
    date = serializers.DateField()
    level = serializers.IntegerField(allow_null=True, min_value=1, max_value=4)
    reason = serializers.CharField(help_text="The rule that set the level, or why there is none.")


class RiskSerializer(serializers.Serializer):
    council = CouncilRefSerializer()
    level = serializers.IntegerField(allow_null=True, min_value=1, max_value=4)
    level_name = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)
    data_date = serializers.DateField(allow_null=True)
    synthetic = serializers.BooleanField(help_text="True when the figures are demo data.")
    statement = serializers.CharField(allow_blank=True)
    history = HistorySerializer(many=True)


def _risk(risk: selectors.CouncilRisk) -> dict:
    current = risk.current
    return {
        "council": risk.council,
        "level": current.result.level if current else None,
        "level_name": current.result.name if current else "",
        "reason": current.result.reason if current else "",
        "data_date": current.snapshot.snapshot_date if current else None,
        "synthetic": risk.synthetic,
        "statement": risk.statement.text if risk.statement else "",
        "history": [
            {
                "date": row.snapshot.snapshot_date,
                "level": row.result.level if row.result else None,
                "reason": row.result.reason if row.result else row.problem,
            }
            for row in risk.history
        ],
    }


class RiskRatingListApi(PublicListApi):
    """Every council with waiting-list figures, highest current pressure level first
    (paginated, as every list: `?page_size=200` gets all 153 councils at once)."""

    serializer_class = RiskSerializer
    filter_backends = []
    queryset = Council.objects.none()  # the schema's model; requests use the selector

    def get_queryset(self):
        return [_risk(r) for r in selectors.risk_ratings()]


class StatementSerializer(serializers.Serializer):
    council = CouncilRefSerializer(read_only=True)
    text = serializers.CharField(max_length=2000)


class StatementApi(ApiView):
    """PUT: publish or replace the council's statement beside its risk rating (the council's
    own users and admins)."""

    serializer_class = StatementSerializer

    def put(self, request, gss_code: str):
        council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
        policy.require(
            policy.can_enter_for_council(request.user, council.pk),
            message="Only the council's own users can write its statement.",
        )
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        statement = services.risk_statement_save(
            actor=request.user, council=council, text=data.validated_data["text"]
        )
        return Response(self.get_serializer({"council": council, "text": statement.text}).data)
