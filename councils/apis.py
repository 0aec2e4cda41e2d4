"""The council register over the API: public, like the register pages."""

from __future__ import annotations

import django_filters
from rest_framework import serializers

from core.api import PublicListApi, PublicRetrieveApi
from councils import selectors
from councils.models import Council, CouncilType


class CouncilOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Council
        fields = ["gss_code", "name", "council_type", "region_code", "region_name"]


class CouncilFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Name contains, or GSS code")
    region_code = django_filters.CharFilter(label="ONS region code, e.g. E12000006")
    council_type = django_filters.ChoiceFilter(choices=CouncilType.choices)

    class Meta:
        model = Council
        fields = ["q", "region_code", "council_type"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(pk__in=selectors.council_list(search=value).values("pk"))


class CouncilListApi(PublicListApi):
    """Councils with adult social services responsibilities, filtered by region and type."""

    serializer_class = CouncilOutputSerializer
    filterset_class = CouncilFilter
    ordering_fields = ["name", "gss_code", "region_code", "council_type"]
    ordering = ["name"]

    def get_queryset(self):
        return selectors.council_list()


class CouncilDetailApi(PublicRetrieveApi):
    """One council, by its GSS code."""

    serializer_class = CouncilOutputSerializer
    lookup_field = "gss_code"

    def get_queryset(self):
        return selectors.council_list()
