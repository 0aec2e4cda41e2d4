"""High Impact Changes over the API: the national ranking, a council's latest
self-assessment beside its previous one, and recording a self-assessment (the council's own
users), through the same selectors, services and policy as the pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

import policy
from core.api import ApiView, PublicApiView
from core.serializers import CouncilRefSerializer
from councils import selectors as council_selectors
from hic import selectors, services


class LevelSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    verified = serializers.BooleanField(help_text="False: the name is not confirmed by a source.")


class RankSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="change.number")
    name = serializers.CharField(source="change.name")
    average = serializers.FloatField(allow_null=True)
    councils = serializers.IntegerField()
    counts = serializers.DictField(
        child=serializers.IntegerField(), help_text="Maturity level to councils at it."
    )


class NationalSerializer(serializers.Serializer):
    councils = serializers.IntegerField()
    synthetic = serializers.BooleanField()
    levels = LevelSerializer(many=True)
    ranks = RankSerializer(many=True, help_text="Highest average maturity first.")


class NationalHicApi(PublicApiView):
    """The changes ranked by average maturity, with councils at each level."""

    serializer_class = NationalSerializer
    pagination_class = None

    def get(self, request):
        national = selectors.national_ranking()
        for rank in national.ranks:
            rank.counts = {str(k): v for k, v in rank.counts.items()}
        return Response(self.get_serializer(national).data)


class RatingInSerializer(serializers.Serializer):
    change = serializers.IntegerField(min_value=1, max_value=100)
    level = serializers.IntegerField(min_value=1, max_value=5)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class CouncilRowSerializer(serializers.Serializer):
    change = serializers.IntegerField(source="change.number")
    name = serializers.CharField(source="change.name")
    level = serializers.IntegerField(allow_null=True)
    previous = serializers.IntegerField(allow_null=True)
    movement = serializers.IntegerField(allow_null=True)
    note = serializers.CharField(allow_blank=True)


class CouncilHicSerializer(serializers.Serializer):
    council = CouncilRefSerializer(read_only=True)
    latest_on = serializers.DateField(source="latest.assessed_on", allow_null=True, read_only=True)
    previous_on = serializers.DateField(
        source="previous.assessed_on", allow_null=True, read_only=True
    )
    rows = CouncilRowSerializer(many=True, read_only=True)
    assessed_on = serializers.DateField(write_only=True)
    ratings = RatingInSerializer(many=True, write_only=True)


class CouncilHicApi(ApiView):
    """GET: a council's latest self-assessment beside its previous one (anyone). POST: record a
    new self-assessment (the council's own users and admins)."""

    serializer_class = CouncilHicSerializer

    def get_permissions(self):
        if self.request.method == "GET":
            return [AllowAny()]
        return super().get_permissions()

    def get(self, request, gss_code: str):
        council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
        return Response(self.get_serializer(selectors.council_hic(council=council)).data)

    def post(self, request, gss_code: str):
        council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
        policy.require(
            policy.can_enter_for_council(request.user, council.pk),
            message="Only the council's own users can record its self-assessment.",
        )
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = {c.number: c for c in selectors.changes()}
        ratings = {}
        for rating in data.validated_data["ratings"]:
            change = changes.get(rating["change"])
            if change is None:
                raise serializers.ValidationError({"ratings": [f"No change {rating['change']}."]})
            ratings[change] = (rating["level"], rating.get("note", ""))
        services.self_assessment_create(
            actor=request.user,
            council=council,
            assessed_on=data.validated_data["assessed_on"],
            ratings=ratings,
        )
        return Response(
            self.get_serializer(selectors.council_hic(council=council)).data, status=201
        )
