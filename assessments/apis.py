"""Assessments, the framework and the national ratings over the API.

Thin views: input serializers parse, `assessments.selectors` read, `assessments.services`
write, `policy` decides (through `core.api`), output serializers render.
"""

from __future__ import annotations

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

import policy
from assessments import scoring, selectors, services
from assessments.forms import assessor_choices
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
from audit import selectors as audit_selectors
from audit.models import AuditEvent
from core import api
from core.api import ApiView, ListApi, PublicApiView, PublicListApi, PublicRetrieveApi
from core.serializers import CouncilRefSerializer, UserRefSerializer
from councils.models import Council, CouncilType
from policy.api import require_policy, user_policy_permission

RATING_CHOICES = list(scoring.RATING_LABELS.items())

# ---- output serializers --------------------------------------------------------------------


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


class StatementScoreOutputSerializer(serializers.Serializer):
    """One quality statement of the assessment with its score (null until scored)."""

    statement = serializers.IntegerField(source="statement.number")
    statement_name = serializers.CharField(source="statement.name")
    theme = serializers.CharField(source="statement.theme.name")
    score = serializers.IntegerField(source="value", allow_null=True, min_value=1, max_value=4)
    descriptor = serializers.SerializerMethodField()
    rationale = serializers.SerializerMethodField()
    scored_by = serializers.SerializerMethodField()
    scored_at = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField(
        help_text="Send it back when you change the score; 0 until first scored."
    )

    def get_descriptor(self, row) -> str:
        return scoring.descriptor(row.value)

    def get_rationale(self, row) -> str:
        return row.score.rationale if row.score else ""

    @extend_schema_field(UserRefSerializer(allow_null=True))
    def get_scored_by(self, row) -> dict | None:
        if row.score is None or row.score.scored_by is None:
            return None
        return UserRefSerializer(row.score.scored_by).data

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_scored_at(self, row):
        if row.score is None or row.score.scored_at is None:
            return None
        return serializers.DateTimeField().to_representation(row.score.scored_at)

    def get_version(self, row) -> int:
        return row.score.version if row.score else 0


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


# ---- statement scores ----------------------------------------------------------------------


class StatementScoreInputSerializer(serializers.Serializer):
    score = serializers.IntegerField(
        min_value=1, max_value=4, required=False, help_text="Current rule: the score, 1-4."
    )
    category_scores = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=4, allow_null=True),
        required=False,
        help_text="Earlier rule: evidence category code -> 1-4 (null clears it).",
    )
    rationale = serializers.CharField(max_length=10_000)
    version = serializers.IntegerField(
        min_value=0, help_text="The version you last read (0 when it was not yet scored)."
    )

    def validate(self, data):
        if ("score" in data) == ("category_scores" in data):
            raise serializers.ValidationError(
                "Send either score (current rule) or category_scores (earlier rule)."
            )
        return data


class AssessmentScoreListApi(PublicListApi):
    """Every quality statement of the assessment with its score, under the assessment's
    scoring rule (who may see draft scores: the policy)."""

    serializer_class = StatementScoreOutputSerializer
    filter_backends = []

    def list(self, request, assessment_id: int):
        assessment = get_object_or_404(selectors.assessment_queryset(), pk=assessment_id)
        require_policy(self, request, assessment, policy.can_view_draft)
        rows = selectors.assessment_score_summary(assessment=assessment).rows
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class StatementScoreApi(PublicApiView):
    """One statement's score: read it, or set it with its rationale (the team, while scoring;
    send the `version` you read: a stale one is refused with 409)."""

    serializer_class = StatementScoreOutputSerializer

    def get_permissions(self):
        if self.request.method == "GET":
            return super().get_permissions()
        return [IsAuthenticated()]

    def _load(self, request, assessment_id: int, number: int, check):
        assessment = get_object_or_404(selectors.assessment_queryset(), pk=assessment_id)
        require_policy(self, request, assessment, check)
        try:
            statement = selectors.statement_for_assessment(assessment=assessment, number=number)
        except QualityStatement.DoesNotExist:
            raise NotFound("This assessment's framework has no such quality statement.") from None
        return assessment, statement

    def _row(self, assessment, statement):
        return selectors.StatementScoreRow(
            statement, selectors.statement_score(assessment=assessment, statement=statement)
        )

    def get(self, request, assessment_id: int, number: int):
        assessment, statement = self._load(request, assessment_id, number, policy.can_view_draft)
        return Response(self.get_serializer(self._row(assessment, statement)).data)

    @extend_schema(request=StatementScoreInputSerializer)
    def put(self, request, assessment_id: int, number: int):
        assessment, statement = self._load(request, assessment_id, number, policy.can_score)
        data = StatementScoreInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if "score" in values:
            services.statement_score_set(
                actor=request.user,
                assessment=assessment,
                statement=statement,
                score=values["score"],
                rationale=values["rationale"],
                expected_version=values["version"],
            )
        else:
            services.category_score_set(
                actor=request.user,
                assessment=assessment,
                statement=statement,
                category_scores=values["category_scores"],
                rationale=values["rationale"],
                expected_version=values["version"],
            )
        return Response(self.get_serializer(self._row(assessment, statement)).data)


# ---- the national ratings table -------------------------------------------------------------


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


# ---- import of published results -----------------------------------------------------------


class ResultsImportInputSerializer(serializers.Serializer):
    csv = serializers.CharField(
        max_length=2_000_000, trim_whitespace=False, help_text="The results CSV, as text."
    )
    source = serializers.CharField(max_length=200, required=False, default="")


class ResultsImportOutputSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    assessments = serializers.ListField(child=serializers.IntegerField())


class ResultsImportApi(ApiView):
    """Load published results from CSV (admins): every row loads, or none does and the
    answer (400) lists each bad line."""

    permission_classes = [user_policy_permission(policy.can_manage_reference_data)]

    @extend_schema(
        request=ResultsImportInputSerializer, responses={201: ResultsImportOutputSerializer}
    )
    def post(self, request):
        data = ResultsImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            assessments = services.published_results_import(
                actor=request.user,
                text=data.validated_data["csv"],
                source=data.validated_data["source"],
            )
        except services.ResultsImportError as exc:
            raise ValidationError({"csv": exc.errors, "detail": str(exc)}) from exc
        return Response(
            {"imported": len(assessments), "assessments": [a.pk for a in assessments]},
            status=status.HTTP_201_CREATED,
        )
