"""The council's confirmation, early-publication overrides and publication pauses over the
API (issue 16); thin views over `reviews.services.publication`."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

import policy
from assessments.apis import UserRefSerializer, assessment_for
from core import idempotency
from core.api import ApiView, ListApi
from councils.selectors import councils_by_gss_code
from policy.api import user_policy_permission
from reviews import selectors, services
from reviews.models import (
    ConfirmationKind,
    FactualAccuracyConfirmation,
    PublicationOverride,
    PublicationPause,
)


class ConfirmationOutputSerializer(serializers.ModelSerializer):
    confirmed_by = UserRefSerializer()

    class Meta:
        model = FactualAccuracyConfirmation
        fields = ["id", "assessment", "kind", "sent_on", "confirmed_by", "confirmed_at"]


class ConfirmationInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ConfirmationKind.choices)


class ConfirmationApi(ApiView):
    """A council lead confirms "no comments" / "all our comments are in" (ends the check
    early); a repeat returns the first confirmation."""

    serializer_class = ConfirmationOutputSerializer

    @extend_schema(
        request=ConfirmationInputSerializer, responses={201: ConfirmationOutputSerializer}
    )
    def post(self, request, assessment_id: int):
        assessment = assessment_for(
            self, request, assessment_id, policy.can_confirm_factual_accuracy
        )
        data = ConfirmationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        confirmation = services.factual_accuracy_confirm(
            actor=request.user, assessment=assessment, kind=data.validated_data["kind"]
        )
        return Response(self.get_serializer(confirmation).data, status=status.HTTP_201_CREATED)


class OverrideOutputSerializer(serializers.ModelSerializer):
    decided_by = UserRefSerializer()

    class Meta:
        model = PublicationOverride
        fields = ["id", "assessment", "sent_on", "reason", "decided_by", "decided_at"]


class OverrideInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class PublicationOverrideApi(ApiView):
    """An admin authorises publication before the deadline, with the reason (recorded)."""

    serializer_class = OverrideOutputSerializer

    @extend_schema(request=OverrideInputSerializer, responses={201: OverrideOutputSerializer})
    def post(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_override_publication)
        data = OverrideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        override = services.publication_override_record(
            actor=request.user, assessment=assessment, reason=data.validated_data["reason"]
        )
        return Response(self.get_serializer(override).data, status=status.HTTP_201_CREATED)


class PauseOutputSerializer(serializers.ModelSerializer):
    councils = serializers.SlugRelatedField(slug_field="gss_code", many=True, read_only=True)

    class Meta:
        model = PublicationPause
        fields = ["id", "name", "starts_on", "ends_on", "all_councils", "councils", "created_at"]


class PauseInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    councils = serializers.ListField(
        child=serializers.CharField(max_length=12),
        required=False,
        help_text="GSS codes; empty or absent: all councils.",
    )

    def validate_councils(self, codes):
        found = councils_by_gss_code(codes)
        unknown = sorted(set(codes) - set(found))
        if unknown:
            raise serializers.ValidationError(f"Unknown GSS codes: {', '.join(unknown)}")
        return list(found.values())


class PublicationPauseListApi(ListApi):
    """Pre-election publication pauses (admins): list and add."""

    serializer_class = PauseOutputSerializer
    queryset = PublicationPause.objects.none()  # the schema's model; requests use the selector
    permission_classes = [user_policy_permission(policy.can_manage_publication_pauses)]

    def get_queryset(self):
        return selectors.publication_pauses()

    @extend_schema(
        request=PauseInputSerializer,
        responses={201: PauseOutputSerializer},
        parameters=[idempotency.API_PARAMETER],
    )
    def post(self, request):
        key = idempotency.api_key(request)
        data = PauseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pause, created = idempotency.run_once(
            user=request.user,
            scope="publication_pause.create",
            key=key,
            create=lambda: services.publication_pause_create(
                actor=request.user, **data.validated_data
            ),
            find=lambda pk: selectors.publication_pause_get(pk=int(pk)),
        )
        return Response(
            self.get_serializer(pause).data,
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )


class PauseEndOutputSerializer(serializers.Serializer):
    action_taken = serializers.ChoiceField(
        choices=[("ended", "ended"), ("removed", "removed")],
        help_text="removed: it had not begun; ended: its last day is now yesterday.",
    )
    pause = PauseOutputSerializer(allow_null=True, help_text="The pause as it now stands.")


class PublicationPauseEndApi(ApiView):
    """End a publication pause early (admins): one not begun yet is removed; one under way
    ends yesterday, so publishing may go ahead today. A pause already over is refused."""

    serializer_class = PauseEndOutputSerializer
    permission_classes = [user_policy_permission(policy.can_manage_publication_pauses)]

    @extend_schema(request=None, responses={200: PauseEndOutputSerializer})
    def post(self, request, pause_id: int):
        try:
            pause = selectors.publication_pause_get(pk=pause_id)
        except PublicationPause.DoesNotExist:
            raise NotFound("No such publication pause.") from None
        ended = services.publication_pause_end(actor=request.user, pause=pause)
        data = {
            "action_taken": "removed" if ended is None else "ended",
            "pause": None if ended is None else PauseOutputSerializer(ended).data,
        }
        return Response(data)
