"""Outcomes per pound by domain over the API (issue 18): each ranked council's position in
each domain in a year and its movement since the previous year (the selector of the
ranking page)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from core.api import PublicApiView
from core.serializers import CouncilRefSerializer
from councils.models import CouncilType
from national import selectors
from national.models import OutcomeDomain


class DomainPositionSerializer(serializers.Serializer):
    domain = serializers.ChoiceField(choices=OutcomeDomain.choices)
    label = serializers.CharField()
    position = serializers.IntegerField()
    of = serializers.IntegerField()
    previous = serializers.IntegerField(allow_null=True)
    movement = serializers.CharField()
    outcomes_per_pound = serializers.FloatField()


class DomainRowSerializer(serializers.Serializer):
    council = CouncilRefSerializer()
    positions = DomainPositionSerializer(many=True)


class DomainTableSerializer(serializers.Serializer):
    year = serializers.IntegerField(allow_null=True)
    rows = DomainRowSerializer(many=True)


class DomainQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    region_code = serializers.CharField(required=False, max_length=9)
    council_type = serializers.ChoiceField(choices=CouncilType.choices, required=False)


class OutcomeDomainsApi(PublicApiView):
    """Every ranked council's outcomes-per-pound position in each domain, with movement."""

    serializer_class = DomainTableSerializer
    pagination_class = None

    @extend_schema(parameters=[DomainQuerySerializer])
    def get(self, request):
        query = DomainQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        positions, rows = selectors.domain_table(**query.validated_data)
        data = {
            "year": positions.year,
            "rows": [
                {"council": row.council, "positions": list(row.positions.values())} for row in rows
            ],
        }
        return Response(self.get_serializer(data).data)
