"""Workflow, findings and factual accuracy over the API.

One endpoint per workflow action (generated from `assessments.workflow.ACTIONS`, so a new
action gets its endpoint and its schema entry by itself). Thin views as in apis.py: input
serializer -> service -> output serializer; the policy decides through `core.api`.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.storage import storages
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

import policy
from assessments import selectors, services, workflow
from assessments.apis import (
    AssessmentDetailOutputSerializer,
    UserRefSerializer,
    assessment_detail_data,
)
from assessments.models import (
    AssessmentStatus,
    Challenge,
    ChallengeAttachment,
    ChallengeDecision,
    ChallengeKind,
    Direction,
    QualityStatement,
    StatusTransition,
)
from core import api
from core.api import ApiView, ListApi, PublicApiView, PublicListApi
from policy.api import require_policy


def _assessment(view, request, assessment_id: int, check=None):
    """The assessment, after the policy: 404 unless visible, then 403 unless `check`."""
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=assessment_id)
    require_policy(view, request, assessment, check or policy.can_view_assessment)
    return assessment


def _statement(assessment, number: int) -> QualityStatement:
    try:
        return selectors.statement_for_assessment(assessment=assessment, number=number)
    except QualityStatement.DoesNotExist:
        raise NotFound("This assessment's framework has no such quality statement.") from None


class WritesNeedSignIn:
    """Reads follow the view's (public) permissions; writes need an authenticated user."""

    def get_permissions(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return super().get_permissions()
        return [IsAuthenticated()]


# ---- workflow ------------------------------------------------------------------------------


class StatusTransitionOutputSerializer(serializers.ModelSerializer):
    actor = UserRefSerializer(allow_null=True)

    class Meta:
        model = StatusTransition
        fields = ["id", "from_status", "to_status", "actor", "at", "note"]


class AssessmentTimelineApi(ListApi):
    """The assessment's moves through the process, oldest first (the team and admins)."""

    serializer_class = StatusTransitionOutputSerializer
    queryset = StatusTransition.objects.none()  # the schema's model; requests use the selector
    filter_backends = []

    def get_queryset(self):
        assessment = _assessment(
            self, self.request, self.kwargs["assessment_id"], policy.can_view_history
        )
        return selectors.assessment_timeline(assessment=assessment)


class WorkflowActionOutputSerializer(serializers.Serializer):
    action = serializers.CharField(source="spec.name")
    label = serializers.CharField(source="spec.label")
    to_status = serializers.ChoiceField(source="spec.to_status", choices=AssessmentStatus.choices)
    note_required = serializers.BooleanField(source="spec.note_required")
    allowed = serializers.BooleanField(help_text="Whether you hold a role this step allows.")
    problem = serializers.CharField(
        help_text="Why the step would be refused as the data stands (empty when it would not)."
    )


class _ActionRow:
    def __init__(self, spec, allowed: bool, problem: str):
        self.spec, self.allowed, self.problem = spec, allowed, problem


class WorkflowActionListApi(ListApi):
    """The workflow steps open from the assessment's current status, whether you may take
    each, and what would stop it."""

    serializer_class = WorkflowActionOutputSerializer
    filter_backends = []

    def list(self, request, assessment_id: int):
        assessment = _assessment(self, request, assessment_id)
        rows = [
            _ActionRow(
                spec,
                policy.can_make_transition(request.user, assessment, spec.roles),
                services.assessment_transition_problem(assessment=assessment, action=spec.name),
            )
            for spec in workflow.actions_from(assessment.status)
        ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class TransitionInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    version = serializers.IntegerField(
        min_value=1, help_text="The assessment's version you last read (409 if it changed)."
    )


class TransitionApi(ApiView):
    """Base of the one-endpoint-per-action views built in `transition_views()`."""

    action_name = ""
    serializer_class = AssessmentDetailOutputSerializer

    @extend_schema(
        request=TransitionInputSerializer, responses={200: AssessmentDetailOutputSerializer}
    )
    def post(self, request, assessment_id: int):
        spec = workflow.get_action(self.action_name)
        assessment = _assessment(self, request, assessment_id)
        require_policy(
            self,
            request,
            assessment,
            lambda user, obj: policy.can_make_transition(user, obj, spec.roles),
        )
        data = TransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.assessment_transition(
            actor=request.user,
            assessment=assessment,
            action=spec.name,
            note=data.validated_data["note"],
            expected_version=data.validated_data["version"],
        )
        return Response(assessment_detail_data(request, assessment_id))


def transition_views() -> dict[str, type[TransitionApi]]:
    """One view class per workflow action, with its own description in the schema."""
    views = {}
    for spec in workflow.ACTIONS.values():
        sources = ", ".join(AssessmentStatus(s).label.lower() for s in spec.from_statuses)
        doc = (
            f"{spec.label}: from {sources} to {AssessmentStatus(spec.to_status).label.lower()}. "
            f"Taken by {spec.roles_label}."
            + (f" A note is required ({spec.note_label.lower()})." if spec.note_required else "")
        )
        name = "".join(part.title() for part in spec.name.split("_")) + "TransitionApi"
        views[spec.name] = type(name, (TransitionApi,), {"action_name": spec.name, "__doc__": doc})
    return views


# ---- findings ------------------------------------------------------------------------------


class FindingOutputSerializer(serializers.Serializer):
    statement = serializers.IntegerField(source="statement.number")
    statement_name = serializers.CharField(source="statement.name")
    people_told_us = serializers.SerializerMethodField()
    strengths = serializers.SerializerMethodField()
    areas_for_development = serializers.SerializerMethodField()
    direction = serializers.SerializerMethodField()
    score = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField(help_text="0 until first written.")

    def _value(self, row, name: str, default=""):
        return getattr(row.finding, name) if row.finding else default

    def get_people_told_us(self, row) -> str:
        return self._value(row, "people_told_us")

    def get_strengths(self, row) -> str:
        return self._value(row, "strengths")

    def get_areas_for_development(self, row) -> str:
        return self._value(row, "areas_for_development")

    @extend_schema_field(serializers.ChoiceField(choices=Direction.choices))
    def get_direction(self, row) -> str:
        return self._value(row, "direction", Direction.NOT_JUDGED)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_score(self, row) -> int | None:
        return row.score.score if row.score else None

    def get_version(self, row) -> int:
        return row.finding.version if row.finding else 0


class FindingInputSerializer(serializers.Serializer):
    people_told_us = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    strengths = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    areas_for_development = serializers.CharField(
        required=False, allow_blank=True, max_length=20_000
    )
    direction = serializers.ChoiceField(choices=Direction.choices, required=False)
    version = serializers.IntegerField(min_value=0, help_text="The version you last read.")


class FindingListApi(PublicListApi):
    """The findings of every quality statement (drafts: the team; the council from the
    factual accuracy check; published: everyone)."""

    serializer_class = FindingOutputSerializer
    filter_backends = []

    def list(self, request, assessment_id: int):
        assessment = _assessment(self, request, assessment_id, policy.can_view_draft)
        _, rows = selectors.assessment_findings(assessment=assessment)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class FindingApi(WritesNeedSignIn, PublicApiView):
    """One statement's findings: read them, or change them (the team, from scoring until
    publication; send the `version` you read)."""

    serializer_class = FindingOutputSerializer

    def _row(self, assessment, number: int):
        _, rows = selectors.assessment_findings(assessment=assessment)
        for row in rows:
            if row.statement.number == number:
                return row
        raise NotFound("This assessment's framework has no such quality statement.")

    def get(self, request, assessment_id: int, number: int):
        assessment = _assessment(self, request, assessment_id, policy.can_view_draft)
        return Response(self.get_serializer(self._row(assessment, number)).data)

    @extend_schema(request=FindingInputSerializer)
    def put(self, request, assessment_id: int, number: int):
        assessment = _assessment(self, request, assessment_id, policy.can_edit_findings)
        statement = _statement(assessment, number)
        data = FindingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version")
        services.finding_update(
            actor=request.user,
            assessment=assessment,
            statement=statement,
            expected_version=version,
            **values,
        )
        return Response(self.get_serializer(self._row(assessment, number)).data)


class SummaryOutputSerializer(serializers.Serializer):
    summary = serializers.CharField()
    version = serializers.IntegerField(help_text="0 until first written.")
    updated_by = UserRefSerializer(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class SummaryInputSerializer(serializers.Serializer):
    summary = serializers.CharField(allow_blank=True, max_length=50_000)
    version = serializers.IntegerField(min_value=0, help_text="The version you last read.")


def _summary_data(assessment) -> dict:
    summary, _ = selectors.assessment_findings(assessment=assessment)
    return SummaryOutputSerializer(
        {
            "summary": summary.summary if summary else "",
            "version": summary.version if summary else 0,
            "updated_by": summary.updated_by if summary else None,
            "updated_at": summary.updated_at if summary else None,
        }
    ).data


class SummaryApi(WritesNeedSignIn, PublicApiView):
    """The assessment's overall summary: read it, or change it (the team)."""

    serializer_class = SummaryOutputSerializer

    def get(self, request, assessment_id: int):
        assessment = _assessment(self, request, assessment_id, policy.can_view_draft)
        return Response(_summary_data(assessment))

    @extend_schema(request=SummaryInputSerializer)
    def put(self, request, assessment_id: int):
        assessment = _assessment(self, request, assessment_id, policy.can_edit_findings)
        data = SummaryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.summary_update(
            actor=request.user,
            assessment=assessment,
            summary=data.validated_data["summary"],
            expected_version=data.validated_data["version"],
        )
        return Response(_summary_data(assessment))


# ---- factual accuracy challenges -----------------------------------------------------------


class ChallengeAttachmentOutputSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = ChallengeAttachment
        fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at",
                  "download"]  # fmt: skip

    def get_download(self, attachment) -> str:
        challenge = attachment.challenge
        return (
            f"/api/v1/assessments/{challenge.assessment_id}/challenges/{challenge.pk}/files/"
            f"{attachment.pk}/"
        )


class ChallengeOutputSerializer(serializers.ModelSerializer):
    statement = serializers.IntegerField(
        source="statement.number", allow_null=True, help_text="Null: a challenge to the summary."
    )
    raised_by = UserRefSerializer()
    decided_by = UserRefSerializer(allow_null=True)
    attachments = ChallengeAttachmentOutputSerializer(many=True)

    class Meta:
        model = Challenge
        fields = ["id", "assessment", "statement", "kind", "text_challenged",
                  "proposed_correction", "evidence_note", "raised_by", "raised_at", "decision",
                  "decision_reason", "change_made", "decided_by", "decided_at",
                  "attachments"]  # fmt: skip


class ChallengeFilter(django_filters.FilterSet):
    decision = django_filters.ChoiceFilter(choices=ChallengeDecision.choices)
    kind = django_filters.ChoiceFilter(choices=ChallengeKind.choices)

    class Meta:
        model = Challenge
        fields = ["decision", "kind"]


class ChallengeInputSerializer(serializers.Serializer):
    statement = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Statement number; none: summary."
    )
    kind = serializers.ChoiceField(choices=ChallengeKind.choices)
    text_challenged = serializers.CharField(max_length=20_000)
    proposed_correction = serializers.CharField(max_length=20_000)
    evidence_note = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    files = serializers.ListField(
        child=api.FileField(), required=False, max_length=10, help_text="Supporting files."
    )


class ChallengeListApi(ListApi):
    """Factual accuracy challenges: the team and the council see them; council leads raise
    them during the check (multipart, with supporting files)."""

    serializer_class = ChallengeOutputSerializer
    filterset_class = ChallengeFilter
    ordering_fields = ["raised_at"]
    queryset = Challenge.objects.none()  # the schema's model; requests use the selector
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        assessment = _assessment(
            self, self.request, self.kwargs["assessment_id"], policy.can_view_challenges
        )
        return selectors.challenge_list(assessment=assessment)

    @extend_schema(request=ChallengeInputSerializer, responses={201: ChallengeOutputSerializer})
    def post(self, request, assessment_id: int):
        assessment = _assessment(self, request, assessment_id, policy.can_raise_challenge)
        data = ChallengeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        number = values.get("statement")
        try:
            challenge = services.challenge_raise(
                actor=request.user,
                assessment=assessment,
                statement=_statement(assessment, number) if number else None,
                kind=values["kind"],
                text_challenged=values["text_challenged"],
                proposed_correction=values["proposed_correction"],
                evidence_note=values.get("evidence_note", ""),
                files=values.get("files", []),
            )
        except DjangoValidationError as exc:  # a file that is not allowed
            raise ValidationError({"files": exc.messages}) from exc
        challenge = selectors.challenge_list(assessment=assessment).get(pk=challenge.pk)
        return Response(ChallengeOutputSerializer(challenge).data, status=status.HTTP_201_CREATED)


class ChallengeDetailApi(ApiView):
    serializer_class = ChallengeOutputSerializer

    def get(self, request, assessment_id: int, challenge_id: int):
        assessment = _assessment(self, request, assessment_id, policy.can_view_challenges)
        challenge = get_object_or_404(
            selectors.challenge_list(assessment=assessment), pk=challenge_id
        )
        return Response(self.get_serializer(challenge).data)


class DecisionFindingSerializer(serializers.Serializer):
    people_told_us = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    strengths = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    areas_for_development = serializers.CharField(
        required=False, allow_blank=True, max_length=20_000
    )
    direction = serializers.ChoiceField(choices=Direction.choices, required=False)


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[ChallengeDecision.ACCEPTED, ChallengeDecision.NOT_ACCEPTED]
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    change_made = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    finding = DecisionFindingSerializer(
        required=False, help_text="Accepted, on a statement: the finding's new text."
    )
    summary = serializers.CharField(
        required=False, max_length=50_000, help_text="Accepted, on the summary: its new text."
    )


class ChallengeDecisionApi(ApiView):
    """Record the team's decision on a pending challenge (accepted with the change made, or
    not accepted with a reason), optionally changing the challenged text in the same step."""

    serializer_class = ChallengeOutputSerializer

    @extend_schema(request=DecisionInputSerializer, responses={200: ChallengeOutputSerializer})
    def post(self, request, assessment_id: int, challenge_id: int):
        assessment = _assessment(self, request, assessment_id, policy.can_view_challenges)
        challenge = get_object_or_404(
            selectors.challenge_list(assessment=assessment), pk=challenge_id
        )
        require_policy(self, request, assessment, policy.can_decide_challenge)
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.challenge_decide(
            actor=request.user,
            challenge=challenge,
            decision=values["decision"],
            reason=values.get("reason", ""),
            change_made=values.get("change_made", ""),
            finding_values=values.get("finding") or None,
            summary_text=values.get("summary"),
        )
        challenge = selectors.challenge_list(assessment=assessment).get(pk=challenge.pk)
        return Response(self.get_serializer(challenge).data)


class ChallengeAttachmentApi(ApiView):
    """Download a challenge's supporting file (those who may see the challenges; others 404)."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, as an attachment."
            )
        }
    )
    def get(self, request, assessment_id: int, challenge_id: int, attachment_id: int):
        assessment = _assessment(self, request, assessment_id)
        require_policy(
            self, request, assessment, policy.can_view_challenges,
            visible=policy.can_view_challenges,
        )  # fmt: skip
        attachment = get_object_or_404(
            ChallengeAttachment,
            pk=attachment_id,
            challenge_id=challenge_id,
            challenge__assessment=assessment,
        )
        try:
            handle = storages["private"].open(attachment.stored_name, "rb")
        except FileNotFoundError:
            raise NotFound("The file is missing from storage.") from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        return response


class DeadlineInputSerializer(serializers.Serializer):
    new_due_on = serializers.DateField()
    reason = serializers.CharField(max_length=5000)


class DeadlineExtendApi(ApiView):
    """Extend the factual accuracy deadline, with a reason (admins, during the check)."""

    serializer_class = AssessmentDetailOutputSerializer

    @extend_schema(
        request=DeadlineInputSerializer, responses={200: AssessmentDetailOutputSerializer}
    )
    def post(self, request, assessment_id: int):
        assessment = _assessment(self, request, assessment_id, policy.can_extend_deadline)
        data = DeadlineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.deadline_extend(actor=request.user, assessment=assessment, **data.validated_data)
        return Response(assessment_detail_data(request, assessment_id))
