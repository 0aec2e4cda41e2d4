"""Spending plans over the API: the grants and their conditions, the national shares and one
council's plan (read by anyone; written by the council's own users), through the same
selectors, services and policy as the pages."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

import policy
from core.api import ApiView, PublicApiView, PublicListApi
from core.serializers import CouncilRefSerializer
from councils import selectors as council_selectors
from councils.models import CouncilType
from grants import selectors, services
from grants.models import Grant


class ConditionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    short_name = serializers.CharField()
    wording = serializers.CharField()
    source = serializers.CharField()
    verification_note = serializers.CharField()


class GrantSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    source = serializers.CharField()
    conditions = ConditionSerializer(many=True, source="conditions.all")


class GrantListApi(PublicListApi):
    """Every grant with its conditions and their sources (paginated, as every list)."""

    serializer_class = GrantSerializer
    filter_backends = []
    queryset = Grant.objects.none()  # the schema's model; requests use the selector

    def get_queryset(self):
        return selectors.grant_list()


class SpreadSerializer(serializers.Serializer):
    condition = serializers.IntegerField()
    councils = serializers.IntegerField()
    mean = serializers.FloatField()
    median = serializers.FloatField()
    lowest = serializers.FloatField()
    highest = serializers.FloatField()


class GroupShareSerializer(serializers.Serializer):
    name = serializers.CharField()
    councils = serializers.IntegerField()
    mean_shares = serializers.DictField(
        child=serializers.FloatField(), help_text="Condition number to mean share (0-1)."
    )


class CouncilShareSerializer(serializers.Serializer):
    council = CouncilRefSerializer()
    shares = serializers.DictField(
        child=serializers.FloatField(), help_text="Condition number to share (0-1)."
    )
    total_planned = serializers.FloatField()
    total_actual = serializers.FloatField(allow_null=True)


class SharesSerializer(serializers.Serializer):
    grant = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    synthetic = serializers.BooleanField(help_text="True when the figures are demo data.")
    councils_answering = serializers.IntegerField()
    national = SpreadSerializer(many=True)
    by_region = GroupShareSerializer(many=True)
    by_council_type = GroupShareSerializer(many=True)
    councils = CouncilShareSerializer(many=True)


class SharesQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    region_code = serializers.CharField(required=False, max_length=9)
    council_type = serializers.ChoiceField(choices=CouncilType.choices, required=False)


def _grant(code: str):
    grant = selectors.grant_get(code=code)
    if grant is None:
        raise Http404
    return grant


def _groups(groups) -> list[dict]:
    return [
        {"name": name, "councils": count, "mean_shares": {str(k): v for k, v in means.items()}}
        for name, count, means in groups
    ]


class GrantSharesApi(PublicApiView):
    """Each condition's share of councils' planned spend in a year (default: the latest):
    mean, median, lowest and highest, by region and council type, and every council's split."""

    serializer_class = SharesSerializer

    @extend_schema(parameters=[SharesQuerySerializer])
    def get(self, request, code: str):
        grant = _grant(code)
        query = SharesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        years = selectors.plan_years(grant=grant)
        year = query.validated_data.get("year", years[0] if years else None)
        shares = selectors.national_shares(
            grant=grant,
            year=year,
            region_code=query.validated_data.get("region_code", ""),
            council_type=query.validated_data.get("council_type", ""),
        )
        data = {
            "grant": grant.code,
            "year": year,
            "synthetic": shares.synthetic,
            "councils_answering": shares.answering,
            "national": [
                {"condition": n, **vars(s)} for n, s in shares.national.items() if s is not None
            ],
            "by_region": _groups(shares.by_region),
            "by_council_type": _groups(shares.by_type),
            "councils": [
                {
                    "council": split.council,
                    "shares": {str(k): v for k, v in split.shares.items()},
                    "total_planned": split.total_planned,
                    "total_actual": split.total_actual,
                }
                for split in shares.councils
            ],
        }
        return Response(self.get_serializer(data).data)


class LineSerializer(serializers.Serializer):
    condition = serializers.IntegerField(min_value=1, max_value=100)
    planned = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    actual = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )


class PlanSerializer(serializers.Serializer):
    council = CouncilRefSerializer(read_only=True)
    grant = serializers.CharField(read_only=True)
    year = serializers.IntegerField(read_only=True)
    synthetic = serializers.BooleanField(read_only=True)
    lines = LineSerializer(many=True)


class CouncilPlanApi(ApiView):
    """GET: one council's plan for a grant and year (anyone). PUT: create or replace it (the
    council's own users and admins); every condition of the grant must have a line."""

    serializer_class = PlanSerializer

    def get_permissions(self):
        if self.request.method == "GET":
            return [AllowAny()]
        return super().get_permissions()

    def _objects(self, code: str, gss_code: str, year: int):
        grant = _grant(code)
        council = get_object_or_404(council_selectors.council_queryset(), gss_code=gss_code)
        if not 2000 <= year <= 2100:
            raise Http404
        return grant, council

    def _out(self, grant, council, year):
        plan = selectors.plan_for(council=council, grant=grant, year=year)
        if plan is None:
            raise Http404
        return {
            "council": council,
            "grant": grant.code,
            "year": year,
            "synthetic": plan.synthetic,
            "lines": [
                {"condition": ln.condition.number, "planned": ln.planned, "actual": ln.actual}
                for ln in plan.lines.all()
            ],
        }

    def get(self, request, code: str, gss_code: str, year: int):
        grant, council = self._objects(code, gss_code, year)
        return Response(self.get_serializer(self._out(grant, council, year)).data)

    def put(self, request, code: str, gss_code: str, year: int):
        grant, council = self._objects(code, gss_code, year)
        policy.require(
            policy.can_enter_for_council(request.user, council.pk),
            message="Only the council's own users can enter its spending plan.",
        )
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        conditions = {c.number: c for c in grant.conditions.all()}
        amounts = {}
        for line in data.validated_data["lines"]:
            condition = conditions.get(line["condition"])
            if condition is None:
                raise serializers.ValidationError(
                    {"lines": [f"{grant.code} has no condition {line['condition']}."]}
                )
            amounts[condition] = (line["planned"], line.get("actual"))
        services.spending_plan_save(
            actor=request.user, council=council, grant=grant, year=year, amounts=amounts
        )
        return Response(self.get_serializer(self._out(grant, council, year)).data)
