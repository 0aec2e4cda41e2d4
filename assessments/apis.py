"""Assessments, the framework and the national ratings over the API.

Thin views: input serializers parse, `assessments.selectors` read, `assessments.services`
write, `core.policy` decides (through `core.api`), output serializers render.
"""

from __future__ import annotations

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from accounts.models import User
from assessments import scoring, selectors, services
from assessments.models import (
    RULE_VERSION_CHOICES,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
    EvidenceCategory,
    Framework,
    QualityStatement,
    Theme,
)
from core import policy
from core import selectors as core_selectors
from core.api import (
    ListApi,
    PublicApiView,
    PublicListApi,
    PublicRetrieveApi,
    require_policy,
    user_policy_permission,
)
from core.models import AuditEvent
from councils.models import Council, CouncilType

RATING_CHOICES = list(scoring.RATING_LABELS.items())

# ---- output serializers --------------------------------------------------------------------


class UserRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")

    class Meta:
        model = User
        fields = ["id", "name"]


class CouncilRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Council
        fields = ["gss_code", "name"]


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


class ResultSerializer(serializers.Serializer):
    """The overall result: percentage, rating band and how many statements are scored."""

    percentage = serializers.FloatField(allow_null=True)
    display_percentage = serializers.IntegerField(allow_null=True)
    rating = serializers.ChoiceField(choices=RATING_CHOICES, allow_null=True)
    rating_label = serializers.CharField()
    scored = serializers.IntegerField()
    total = serializers.IntegerField()
    is_complete = serializers.BooleanField()


class AssessmentOutputSerializer(serializers.ModelSerializer):
    council = CouncilRefSerializer()
    lead_assessor = UserRefSerializer(allow_null=True)
    assessors = UserRefSerializer(many=True)
    published_rating = serializers.SerializerMethodField()
    published_display_percentage = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "council",
            "framework",
            "kind",
            "is_pilot",
            "status",
            "scoring_rule",
            "notified_on",
            "site_visit_on",
            "fa_sent_on",
            "fa_due_on",
            "published_on",
            "lead_assessor",
            "assessors",
            "published_rating",
            "published_percentage",
            "published_display_percentage",
            "imported",
            "version",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=RATING_CHOICES, allow_null=True))
    def get_published_rating(self, assessment: Assessment) -> str | None:
        return assessment.published_rating or None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_published_display_percentage(self, assessment: Assessment) -> int | None:
        if assessment.published_percentage is None:
            return None
        return scoring.round_half_up_float(assessment.published_percentage)


class AssessmentDetailOutputSerializer(AssessmentOutputSerializer):
    """An assessment; `result` is null for a user who may not see draft results."""

    result = serializers.SerializerMethodField()

    class Meta(AssessmentOutputSerializer.Meta):
        fields = [*AssessmentOutputSerializer.Meta.fields, "result"]

    @extend_schema_field(ResultSerializer(allow_null=True))
    def get_result(self, assessment: Assessment) -> dict | None:
        result = self.context.get("result")
        return None if result is None else ResultSerializer(result).data


# ---- councils' reference data: frameworks and statements -------------------------------


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
    framework = django_filters.NumberFilter(field_name="framework_id")
    theme = django_filters.NumberFilter(field_name="theme__number", label="Theme number")
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


# ---- assessments ---------------------------------------------------------------------------


class AssessmentFilter(django_filters.FilterSet):
    council = django_filters.CharFilter(field_name="council__gss_code", label="Council GSS code")
    region_code = django_filters.CharFilter(field_name="council__region_code")
    council_type = django_filters.ChoiceFilter(
        field_name="council__council_type", choices=CouncilType.choices
    )
    status = django_filters.MultipleChoiceFilter(choices=AssessmentStatus.choices)
    kind = django_filters.ChoiceFilter(choices=AssessmentKind.choices)
    rating = django_filters.ChoiceFilter(
        field_name="published_rating", choices=RATING_CHOICES, label="Published rating"
    )

    class Meta:
        model = Assessment
        fields = ["council", "region_code", "council_type", "status", "kind", "rating"]


class AssessmentCreateInputSerializer(serializers.Serializer):
    council = serializers.SlugRelatedField(slug_field="gss_code", queryset=Council.objects.all())
    kind = serializers.ChoiceField(choices=AssessmentKind.choices, default=AssessmentKind.FORMAL)
    lead_assessor = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), allow_null=True, required=False
    )
    assessors = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), many=True, required=False
    )
    notified_on = serializers.DateField(allow_null=True, required=False)
    site_visit_on = serializers.DateField(allow_null=True, required=False)
    scoring_rule = serializers.ChoiceField(
        choices=RULE_VERSION_CHOICES, required=False, allow_null=True
    )


class AssessmentListApi(PublicListApi):
    """The assessments you may see (published ones for everyone), newest first."""

    serializer_class = AssessmentOutputSerializer
    filterset_class = AssessmentFilter
    ordering_fields = ["created_at", "published_on", "notified_on", "council__name", "status"]
    ordering = ["-created_at", "-pk"]

    def get_permissions(self):
        if self.request.method == "POST":
            return [user_policy_permission(policy.can_create_assessment)()]
        return super().get_permissions()

    def get_queryset(self):
        return selectors.assessment_list_for_user(user=self.request.user)

    @extend_schema(
        request=AssessmentCreateInputSerializer,
        responses={201: AssessmentDetailOutputSerializer},
    )
    def post(self, request):
        """Open a new assessment of a council (admins)."""
        data = AssessmentCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assessment = services.assessment_create(actor=request.user, **data.validated_data)
        assessment = get_object_or_404(selectors.assessment_queryset(), pk=assessment.pk)
        return Response(
            _detail_data(request, assessment, self.get_serializer_context()),
            status=status.HTTP_201_CREATED,
        )


def _detail_data(request, assessment: Assessment, context: dict) -> dict:
    can_view_draft = policy.can_view_draft(request.user, assessment)
    context = {
        **context,
        "result": selectors.assessment_result(assessment=assessment) if can_view_draft else None,
    }
    return AssessmentDetailOutputSerializer(assessment, context=context).data


class AssessmentDetailApi(PublicApiView):
    """One assessment; the result (and scores) only for those who may see the draft."""

    serializer_class = AssessmentDetailOutputSerializer

    def get(self, request, assessment_id: int):
        assessment = get_object_or_404(selectors.assessment_queryset(), pk=assessment_id)
        require_policy(self, request, assessment, policy.can_view_assessment)
        return Response(_detail_data(request, assessment, self.get_serializer_context()))


# ---- the audit trail -----------------------------------------------------------------------


class AuditEventOutputSerializer(serializers.ModelSerializer):
    actor = UserRefSerializer(allow_null=True)
    target_type = serializers.CharField(source="target_type.model")
    changes = serializers.DictField(help_text="field -> [before, after]")

    class Meta:
        model = AuditEvent
        fields = ["id", "at", "actor", "action", "target_type", "target_id", "target_repr",
                  "changes", "note"]  # fmt: skip


class AssessmentHistoryFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(help_text="e.g. assessment.create, score.set")
    since = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="gte")

    class Meta:
        model = AuditEvent
        fields = ["action", "since"]


class AssessmentHistoryApi(ListApi):
    """The audit trail of an assessment: who changed what, when, before and after (the team
    and admins)."""

    serializer_class = AuditEventOutputSerializer
    filterset_class = AssessmentHistoryFilter
    ordering_fields = ["at"]

    queryset = AuditEvent.objects.none()  # the schema's model; requests use the selector

    def get_queryset(self):
        assessment = get_object_or_404(
            selectors.assessment_queryset(), pk=self.kwargs["assessment_id"]
        )
        require_policy(self, self.request, assessment, policy.can_view_history)
        return core_selectors.assessment_history(assessment=assessment)
