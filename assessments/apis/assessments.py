"""Assessments over the API: list, open, read, change dates and team, the audit trail."""

from __future__ import annotations

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

import policy
from assessments import scoring, selectors, services
from assessments.apis.common import (
    RATING_CHOICES,
    CouncilRefSerializer,
    UserRefSerializer,
)
from assessments.apis.scores import StatementScoreOutputSerializer
from assessments.forms import assessor_choices
from assessments.models import (
    RULE_VERSION_CHOICES,
    Assessment,
    AssessmentKind,
    AssessmentStatus,
)
from audit import selectors as audit_selectors
from audit.models import AuditEvent
from core import api
from core.api import ListApi, PublicApiView, PublicListApi
from councils.models import Council, CouncilType
from policy.api import require_policy, user_policy_permission


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
            "is_demo",
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


class ThemeRollupSerializer(serializers.Serializer):
    """Our own metric, not CQC's (CQC publishes no theme score): the mean of the theme's
    scored statements."""

    theme = serializers.CharField(source="theme.name")
    number = serializers.IntegerField(source="theme.number")
    mean_score = serializers.FloatField(source="mean", allow_null=True)


class AssessmentDetailOutputSerializer(AssessmentOutputSerializer):
    """An assessment. `result`, `scores` and `themes` are null for a user who may not see
    the draft (the policy); published ones show them to everyone."""

    result = serializers.SerializerMethodField()
    scores = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    rule = serializers.CharField(source="get_scoring_rule_display", read_only=True)

    class Meta(AssessmentOutputSerializer.Meta):
        fields = [*AssessmentOutputSerializer.Meta.fields, "rule", "result", "scores", "themes"]

    def _summary(self):
        return self.context.get("summary")

    @extend_schema_field(ResultSerializer(allow_null=True))
    def get_result(self, assessment: Assessment) -> dict | None:
        summary = self._summary()
        return None if summary is None else ResultSerializer(summary.result).data

    @extend_schema_field(StatementScoreOutputSerializer(many=True, allow_null=True))
    def get_scores(self, assessment: Assessment) -> list | None:
        summary = self._summary()
        return (
            None
            if summary is None
            else StatementScoreOutputSerializer(summary.rows, many=True).data
        )

    @extend_schema_field(ThemeRollupSerializer(many=True, allow_null=True))
    def get_themes(self, assessment: Assessment) -> list | None:
        summary = self._summary()
        return None if summary is None else ThemeRollupSerializer(summary.themes, many=True).data


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
    council = api.SlugRelatedField(
        slug_field="gss_code", queryset=Council.objects.all(), help_text="GSS code"
    )
    kind = serializers.ChoiceField(choices=AssessmentKind.choices, default=AssessmentKind.FORMAL)
    # The same people the web form offers: active assessors.
    lead_assessor = serializers.PrimaryKeyRelatedField(
        queryset=assessor_choices(), allow_null=True, required=False
    )
    assessors = serializers.PrimaryKeyRelatedField(
        queryset=assessor_choices(), many=True, required=False
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
    summary = selectors.assessment_score_summary(assessment=assessment) if can_view_draft else None
    context = {**context, "summary": summary}
    return AssessmentDetailOutputSerializer(assessment, context=context).data


def assessment_detail_data(request, assessment_id: int) -> dict:
    """The assessment as AssessmentDetailApi shows it (after a change, for its response)."""
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=assessment_id)
    return _detail_data(request, assessment, {"request": request})


class AssessmentUpdateInputSerializer(serializers.Serializer):
    notified_on = serializers.DateField(allow_null=True)
    site_visit_on = serializers.DateField(allow_null=True)
    lead_assessor = serializers.PrimaryKeyRelatedField(queryset=assessor_choices(), allow_null=True)
    assessors = serializers.PrimaryKeyRelatedField(queryset=assessor_choices(), many=True)
    version = serializers.IntegerField(min_value=1, help_text="The version you last read.")


class AssessmentDetailApi(PublicApiView):
    """One assessment; the result (and scores) only for those who may see the draft. Admins
    and the lead assessor change its dates and team while it is open (send its `version`)."""

    serializer_class = AssessmentDetailOutputSerializer

    def get_permissions(self):
        if self.request.method == "PUT":
            return [IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(request=AssessmentUpdateInputSerializer)
    def put(self, request, assessment_id: int):
        assessment = get_object_or_404(selectors.assessment_queryset(), pk=assessment_id)
        require_policy(self, request, assessment, policy.can_edit_assessment)
        data = AssessmentUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.assessment_update(actor=request.user, assessment=assessment, **data.validated_data)
        return Response(assessment_detail_data(request, assessment_id))

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
        fields = [
            "id",
            "at",
            "actor",
            "action",
            "target_type",
            "target_id",
            "target_repr",
            "changes",
            "note",
        ]


class AssessmentHistoryFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(help_text="e.g. assessment.create, score.set")
    since = api.DateTimeFilter(field_name="at", lookup_expr="gte")

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
        return audit_selectors.assessment_history(assessment=assessment)
