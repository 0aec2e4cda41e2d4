"""The national ratings table over the API: rows and counts per rating (the same selector as
the page and its downloads)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from assessments import scoring
from assessments.apis.common import (
    RATING_CHOICES,
    CouncilRefSerializer,
)
from core.api import PublicApiView, PublicListApi
from councils.models import CouncilType
from national import selectors


class NationalRowSerializer(serializers.Serializer):
    council = CouncilRefSerializer(source="assessment.council")
    region_code = serializers.CharField(source="assessment.council.region_code")
    region_name = serializers.CharField(source="assessment.council.region_name")
    council_type = serializers.CharField(source="assessment.council.council_type")
    assessment = serializers.IntegerField(source="assessment.pk")
    rating = serializers.ChoiceField(choices=RATING_CHOICES)
    percentage = serializers.FloatField(allow_null=True)
    display_percentage = serializers.IntegerField(allow_null=True)
    scores = serializers.ListField(
        child=serializers.IntegerField(allow_null=True), help_text="Statements 1 to 9, in order."
    )
    published_on = serializers.DateField(source="assessment.published_on")
    indicative = serializers.BooleanField(source="assessment.is_pilot")


class NationalTableQuerySerializer(serializers.Serializer):
    region_code = serializers.CharField(required=False, max_length=9)
    council_type = serializers.ChoiceField(choices=CouncilType.choices, required=False)
    rating = serializers.ChoiceField(choices=RATING_CHOICES, required=False)
    sort = serializers.ChoiceField(choices=list(selectors.NATIONAL_SORT_KEYS), default="council")
    descending = serializers.BooleanField(default=False)


class NationalTableApi(PublicListApi):
    """Every council's latest published rating, with its nine statement scores; the same
    filters and sort as the national ratings page."""

    serializer_class = NationalRowSerializer
    filter_backends = []

    @extend_schema(parameters=[NationalTableQuerySerializer])
    def get(self, request):
        query = NationalTableQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        table = selectors.national_table(**query.validated_data)
        page = self.paginate_queryset(table.rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class RatingCountSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=RATING_CHOICES)
    label = serializers.CharField()
    councils = serializers.IntegerField()


class NationalSummarySerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Councils with a published rating.")
    counts = RatingCountSerializer(many=True, help_text="Councils per rating, best first.")


class NationalSummaryApi(PublicApiView):
    """How many councils hold each rating (their latest published assessment), best first,
    with the same filters as the table."""

    serializer_class = NationalSummarySerializer

    @extend_schema(parameters=[NationalTableQuerySerializer])
    def get(self, request):
        query = NationalTableQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        table = selectors.national_table(**query.validated_data)
        counts = [
            {"rating": rating, "label": scoring.RATING_LABELS[rating], "councils": councils}
            for rating, councils in table.counts.items()
        ]
        return Response(self.get_serializer({"total": table.total, "counts": counts}).data)
