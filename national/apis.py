"""The national ratings table over the API: every council's row and the counts per rating
(the same selector as the page and its downloads)."""

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
    council = CouncilRefSerializer()
    region_code = serializers.CharField(source="council.region_code")
    region_name = serializers.CharField(source="council.region_name")
    council_type = serializers.CharField(source="council.council_type")
    result_status = serializers.ChoiceField(
        choices=list(selectors.RESULT_STATUS_LABELS.items()),
        help_text="published, indicative (a 2023 pilot) or not_published (no result yet).",
    )
    assessment = serializers.IntegerField(source="assessment.pk", allow_null=True)
    rating = serializers.ChoiceField(choices=RATING_CHOICES, allow_blank=True)
    percentage = serializers.FloatField(allow_null=True)
    display_percentage = serializers.IntegerField(allow_null=True)
    scores = serializers.ListField(
        child=serializers.IntegerField(allow_null=True),
        help_text="Statements 1 to 9, in order (none for pilots: CQC did not publish which).",
    )
    published_on = serializers.DateField(
        source="assessment.published_on",
        allow_null=True,
        help_text="The first day of the month where only the month is known (see published).",
    )
    published = serializers.CharField(
        source="assessment.published_iso",
        allow_null=True,
        help_text="YYYY-MM where only the month of publication is known, else YYYY-MM-DD.",
    )
    indicative = serializers.BooleanField(source="assessment.is_pilot", allow_null=True)


class NationalTableQuerySerializer(serializers.Serializer):
    region_code = serializers.CharField(required=False, max_length=9)
    council_type = serializers.ChoiceField(choices=CouncilType.choices, required=False)
    rating = serializers.ChoiceField(
        choices=[*RATING_CHOICES, (selectors.NOT_YET_PUBLISHED, "Not yet published")],
        required=False,
    )
    result_status = serializers.ChoiceField(
        choices=list(selectors.RESULT_STATUS_LABELS.items()), required=False
    )
    sort = serializers.ChoiceField(choices=list(selectors.NATIONAL_SORT_KEYS), default="council")
    descending = serializers.BooleanField(default=False)


class NationalTableApi(PublicListApi):
    """Every council with its latest published result (formal, indicative for a 2023 pilot,
    or not_published) and nine statement scores; the same filters and sort as the national
    ratings page."""

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
    total = serializers.IntegerField(help_text="Councils with a formal published rating.")
    counts = RatingCountSerializer(many=True, help_text="Councils per formal rating, best first.")
    indicative = serializers.IntegerField(help_text="Councils whose latest result is a pilot.")
    not_published = serializers.IntegerField(help_text="Councils with no published result.")


class NationalSummaryApi(PublicApiView):
    """How many councils hold each formal rating (their latest published assessment), best
    first, and how many have a pilot's indicative rating or nothing published; the same
    filters as the table."""

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
        return Response(
            self.get_serializer(
                {
                    "total": table.total,
                    "counts": counts,
                    "indicative": table.indicative,
                    "not_published": table.not_published,
                }
            ).data
        )
