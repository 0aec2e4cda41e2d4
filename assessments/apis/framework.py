"""The framework over the API: versions, themes, evidence categories, quality statements."""

from __future__ import annotations

import django_filters
from rest_framework import serializers

from assessments import selectors
from assessments.models import (
    EvidenceCategory,
    Framework,
    QualityStatement,
    Theme,
)
from core.api import PublicListApi, PublicRetrieveApi


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "number", "name"]


class EvidenceCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceCategory
        fields = ["id", "code", "name", "order", "in_use"]


class StatementCategoryOutputSerializer(serializers.Serializer):
    code = serializers.CharField(source="category.code")
    name = serializers.CharField(source="category.name")
    required = serializers.BooleanField()


class QualityStatementOutputSerializer(serializers.ModelSerializer):
    theme = ThemeSerializer()
    aliases = serializers.ListField(child=serializers.CharField())
    i_statements = serializers.ListField(child=serializers.CharField())
    categories = StatementCategoryOutputSerializer(source="statementcategory_set", many=True)

    class Meta:
        model = QualityStatement
        fields = [
            "id",
            "framework",
            "number",
            "name",
            "theme",
            "aliases",
            "we_statement",
            "i_statements",
            "categories",
        ]


class FrameworkOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Framework
        fields = ["id", "code", "name", "version", "effective_from", "is_current"]


class FrameworkDetailOutputSerializer(FrameworkOutputSerializer):
    themes = ThemeSerializer(many=True)
    evidence_categories = EvidenceCategorySerializer(many=True)
    quality_statements = QualityStatementOutputSerializer(many=True)

    class Meta(FrameworkOutputSerializer.Meta):
        fields = [
            *FrameworkOutputSerializer.Meta.fields,
            "themes",
            "evidence_categories",
            "quality_statements",
        ]


class FrameworkListApi(PublicListApi):
    """Versions of the assessment framework."""

    serializer_class = FrameworkOutputSerializer
    filterset_fields = ["code", "is_current"]
    ordering_fields = ["code", "version", "effective_from"]

    def get_queryset(self):
        return selectors.framework_list()


class FrameworkDetailApi(PublicRetrieveApi):
    """One framework version with its themes, evidence categories and quality statements."""

    serializer_class = FrameworkDetailOutputSerializer
    lookup_url_kwarg = "framework_id"

    def get_queryset(self):
        return selectors.framework_detail_queryset()


class QualityStatementFilter(django_filters.FilterSet):
    # Bounded so a number the database cannot hold is a 400, never an overflow (a 500).
    framework = django_filters.NumberFilter(
        field_name="framework_id", min_value=1, max_value=2_147_483_647
    )
    theme = django_filters.NumberFilter(
        field_name="theme__number", label="Theme number", min_value=1, max_value=32_767
    )
    current = django_filters.BooleanFilter(
        field_name="framework__is_current", label="Only the current framework"
    )

    class Meta:
        model = QualityStatement
        fields = ["framework", "theme", "current"]


class QualityStatementListApi(PublicListApi):
    """Quality statements with their We and I statements and evidence categories."""

    serializer_class = QualityStatementOutputSerializer
    filterset_class = QualityStatementFilter
    ordering_fields = ["number", "name"]

    def get_queryset(self):
        return selectors.quality_statement_list()


class QualityStatementDetailApi(PublicRetrieveApi):
    serializer_class = QualityStatementOutputSerializer
    lookup_url_kwarg = "statement_id"

    def get_queryset(self):
        return selectors.quality_statement_list()
