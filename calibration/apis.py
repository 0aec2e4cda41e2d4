"""The calibration panel and the moderation figures over the API (issue 16): thin views over
the same services and policy as the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

import policy
from accounts.models import User
from assessments.apis import assessment_for, statement_for
from calibration import selectors, services
from calibration.models import CalibrationPanel, Membership, PanelMember, PanelOutcome
from core import idempotency
from core.api import ApiView
from core.serializers import UserRefSerializer
from policy.api import user_policy_permission


class MemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = PanelMember
        fields = ["id", "name", "role", "membership"]


class OutcomeSerializer(serializers.ModelSerializer):
    statement = serializers.IntegerField(source="statement.number")
    statement_name = serializers.CharField(source="statement.name")
    recorded_by = UserRefSerializer(allow_null=True)

    class Meta:
        model = PanelOutcome
        fields = ["statement", "statement_name", "proposed_score", "agreed_score", "reason",
                  "recorded_by", "recorded_at"]  # fmt: skip


class PanelSerializer(serializers.ModelSerializer):
    chair = UserRefSerializer(allow_null=True)
    signed_off_by = UserRefSerializer(allow_null=True)
    members = MemberSerializer(many=True)
    outcomes = OutcomeSerializer(many=True)

    class Meta:
        model = CalibrationPanel
        fields = ["id", "assessment", "status", "meeting_on", "chair", "signed_off_by",
                  "signed_off_at", "members", "outcomes"]  # fmt: skip


class PanelInputSerializer(serializers.Serializer):
    meeting_on = serializers.DateField(required=False, allow_null=True)
    chair = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), required=False, allow_null=True, help_text="A user id."
    )


def _panel_data(assessment) -> dict:
    panel = selectors.panel_of(assessment=assessment)
    return PanelSerializer(panel).data


class PanelApi(ApiView):
    """The assessment's calibration panel (the team, admins and its chair); the lead
    assessor or an admin sets its meeting date and chair."""

    serializer_class = PanelSerializer

    @extend_schema(responses={200: PanelSerializer})
    def get(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_view_calibration)
        panel = selectors.panel_of(assessment=assessment)
        if panel is None:
            raise NotFound("This assessment has no calibration panel yet.")
        return Response(self.get_serializer(panel).data)

    @extend_schema(request=PanelInputSerializer, responses={200: PanelSerializer})
    def post(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_manage_calibration)
        data = PanelInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.panel_save(
            actor=request.user,
            assessment=assessment,
            meeting_on=data.validated_data.get("meeting_on"),
            chair=data.validated_data.get("chair"),
        )
        return Response(_panel_data(assessment))


class MemberInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    role = serializers.CharField(max_length=200)
    membership = serializers.ChoiceField(choices=Membership.choices)


class MemberAddApi(ApiView):
    """Add a member (internal or external) to the panel."""

    serializer_class = MemberSerializer

    @extend_schema(
        request=MemberInputSerializer,
        responses={201: MemberSerializer},
        parameters=[idempotency.API_PARAMETER],
    )
    def post(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_manage_calibration)
        key = idempotency.api_key(request)
        data = MemberInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member, created = idempotency.run_once(
            user=request.user,
            scope=f"calibration.member_add:{assessment.pk}",
            key=key,
            create=lambda: services.panel_member_add(
                actor=request.user, assessment=assessment, **data.validated_data
            ),
            find=lambda pk: selectors.panel_member_get(assessment=assessment, pk=int(pk)),
        )
        return Response(
            self.get_serializer(member).data,
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )


class MemberRemoveApi(ApiView):
    """Remove a member from the panel (before sign-off); the removal is audited."""

    serializer_class = MemberSerializer

    @extend_schema(request=None, responses={204: None})
    def delete(self, request, assessment_id: int, member_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_manage_calibration)
        try:
            member = selectors.panel_member_get(assessment=assessment, pk=member_id)
        except PanelMember.DoesNotExist:
            raise NotFound("No such member of this panel.") from None
        services.panel_member_remove(actor=request.user, assessment=assessment, member=member)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProposeApi(ApiView):
    """The lead assessor proposes the current scores to the panel."""

    serializer_class = PanelSerializer

    @extend_schema(request=None, responses={200: PanelSerializer})
    def post(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_manage_calibration)
        services.panel_propose(actor=request.user, assessment=assessment)
        return Response(_panel_data(assessment))


class OutcomeInputSerializer(serializers.Serializer):
    agreed_score = serializers.IntegerField(min_value=1, max_value=4)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class OutcomeApi(ApiView):
    """The chair records the agreed score of one statement (a change needs its reason)."""

    serializer_class = OutcomeSerializer

    @extend_schema(request=OutcomeInputSerializer, responses={200: OutcomeSerializer})
    def post(self, request, assessment_id: int, number: int):
        assessment = assessment_for(
            self, request, assessment_id, policy.can_record_calibration_outcome
        )
        statement = statement_for(assessment, number)
        data = OutcomeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        outcome = services.panel_outcome_record(
            actor=request.user,
            assessment=assessment,
            statement=statement,
            agreed_score=data.validated_data["agreed_score"],
            reason=data.validated_data.get("reason", ""),
        )
        return Response(self.get_serializer(outcome).data)


class SignOffApi(ApiView):
    """The chair signs the panel off (the draft may then go to the council)."""

    serializer_class = PanelSerializer

    @extend_schema(request=None, responses={200: PanelSerializer})
    def post(self, request, assessment_id: int):
        assessment = assessment_for(
            self, request, assessment_id, policy.can_record_calibration_outcome
        )
        services.panel_sign_off(actor=request.user, assessment=assessment)
        return Response(_panel_data(assessment))


class ModerationRowSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    outcomes = serializers.IntegerField()
    raised = serializers.IntegerField()
    lowered = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    changed_percent = serializers.IntegerField()


class ModerationApi(ApiView):
    """National moderation figures by quality statement (admins)."""

    serializer_class = ModerationRowSerializer
    queryset = PanelOutcome.objects.none()  # the schema's model; figures come from a selector
    permission_classes = [user_policy_permission(policy.can_view_moderation)]

    @extend_schema(responses={200: ModerationRowSerializer(many=True)})
    def get(self, request):
        page = self.paginate_queryset(selectors.moderation_rows())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
