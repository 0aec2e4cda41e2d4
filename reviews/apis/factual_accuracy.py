"""Factual accuracy challenges (raise, decide, download their files) and deadline extensions
over the API."""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

import policy
from assessments.apis import (
    AssessmentDetailOutputSerializer,
    UserRefSerializer,
    assessment_detail_data,
    assessment_for,
    statement_for,
)
from core import api, idempotency
from core.api import ApiView, ListApi
from policy.api import require_policy
from reviews import selectors, services
from reviews.downloads import challenge_attachment_response
from reviews.models import (
    Challenge,
    ChallengeAttachment,
    ChallengeDecision,
    ChallengeKind,
    Direction,
)


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
                  "score_before", "score_after", "attachments"]  # fmt: skip


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
        assessment = assessment_for(
            self, self.request, self.kwargs["assessment_id"], policy.can_view_challenges
        )
        return selectors.challenge_list(assessment=assessment)

    @extend_schema(
        request=ChallengeInputSerializer,
        responses={201: ChallengeOutputSerializer},
        parameters=[idempotency.API_PARAMETER],
    )
    def post(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_raise_challenge)
        key = idempotency.api_key(request)
        data = ChallengeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        number = values.get("statement")
        challenges = selectors.challenge_list(assessment=assessment)
        try:
            challenge, created = idempotency.run_once(
                user=request.user,
                scope=f"challenge.raise:{assessment.pk}",
                key=key,
                create=lambda: services.challenge_raise(
                    actor=request.user,
                    assessment=assessment,
                    statement=statement_for(assessment, number) if number else None,
                    kind=values["kind"],
                    text_challenged=values["text_challenged"],
                    proposed_correction=values["proposed_correction"],
                    evidence_note=values.get("evidence_note", ""),
                    files=values.get("files", []),
                ),
                find=lambda pk: challenges.get(pk=pk),
            )
        except DjangoValidationError as exc:  # a file that is not allowed
            raise ValidationError({"files": exc.messages}) from exc
        challenge = challenges.get(pk=challenge.pk)
        return Response(
            ChallengeOutputSerializer(challenge).data,
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )


class ChallengeDetailApi(ApiView):
    serializer_class = ChallengeOutputSerializer

    def get(self, request, assessment_id: int, challenge_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_view_challenges)
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
    new_score = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=4,
        help_text="Accepted, on a statement: its new score (change_made is the reason).",
    )


class ChallengeDecisionApi(ApiView):
    """Record the team's decision on a pending challenge (accepted with the change made, or
    not accepted with a reason), optionally changing the challenged text in the same step."""

    serializer_class = ChallengeOutputSerializer

    @extend_schema(request=DecisionInputSerializer, responses={200: ChallengeOutputSerializer})
    def post(self, request, assessment_id: int, challenge_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_view_challenges)
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
            new_score=values.get("new_score"),
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
        assessment = assessment_for(self, request, assessment_id)
        require_policy(
            self, request, assessment, policy.can_view_challenges,
            visible=policy.can_view_challenges,
        )  # fmt: skip
        return challenge_attachment_response(
            assessment=assessment, challenge_id=challenge_id, attachment_id=attachment_id
        )


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
        assessment = assessment_for(self, request, assessment_id, policy.can_extend_deadline)
        data = DeadlineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.deadline_extend(actor=request.user, assessment=assessment, **data.validated_data)
        return Response(assessment_detail_data(request, assessment_id))
