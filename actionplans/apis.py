"""The improvement action plan over the API (issue 16): thin views over the services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

import policy
from actionplans import selectors, services
from actionplans.models import ActionStatus, ImprovementAction, ProgressNote
from assessments.apis import assessment_for, statement_for
from core import idempotency
from core.api import ApiView
from core.serializers import UserRefSerializer


class NoteSerializer(serializers.ModelSerializer):
    written_by = UserRefSerializer()

    class Meta:
        model = ProgressNote
        fields = ["text", "written_by", "written_at"]


class ActionSerializer(serializers.ModelSerializer):
    statement = serializers.IntegerField(source="statement.number", allow_null=True)
    overdue = serializers.BooleanField(read_only=True)
    notes = NoteSerializer(many=True)

    class Meta:
        model = ImprovementAction
        fields = ["id", "assessment", "statement", "action", "owner", "due_on", "status",
                  "overdue", "notes", "version"]  # fmt: skip


class ActionInputSerializer(serializers.Serializer):
    statement = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    action = serializers.CharField(max_length=5000)
    owner = serializers.CharField(max_length=200)
    due_on = serializers.DateField()


class ActionUpdateInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ActionPlanApi(ApiView):
    """A published assessment's action plan (council, team, admins); council leads add."""

    serializer_class = ActionSerializer
    queryset = ImprovementAction.objects.none()  # the schema's model; requests use selectors

    @extend_schema(responses={200: ActionSerializer(many=True)})
    def get(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_view_action_plan)
        page = self.paginate_queryset(selectors.action_plan(assessment=assessment))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=ActionInputSerializer,
        responses={201: ActionSerializer},
        parameters=[idempotency.API_PARAMETER],
    )
    def post(self, request, assessment_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_edit_action_plan)
        key = idempotency.api_key(request)
        data = ActionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        number = values.get("statement")
        row, created = idempotency.run_once(
            user=request.user,
            scope=f"action_plan.add:{assessment.pk}",
            key=key,
            create=lambda: services.action_add(
                actor=request.user,
                assessment=assessment,
                statement=statement_for(assessment, number) if number else None,
                action=values["action"],
                owner=values["owner"],
                due_on=values["due_on"],
            ),  # fmt: skip
            find=lambda pk: selectors.action_get(assessment=assessment, pk=int(pk)),
        )
        row = next(r for r in selectors.action_plan(assessment=assessment) if r.pk == row.pk)
        return Response(
            self.get_serializer(row).data,
            status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )


class ActionUpdateApi(ApiView):
    """Change an action's status and/or add a progress note (council leads)."""

    serializer_class = ActionSerializer

    queryset = ImprovementAction.objects.none()  # the schema's model; requests use selectors

    @extend_schema(
        request=ActionUpdateInputSerializer,
        responses={200: ActionSerializer},
        operation_id="assessments_action_plan_update",
    )
    def post(self, request, assessment_id: int, action_id: int):
        assessment = assessment_for(self, request, assessment_id, policy.can_edit_action_plan)
        try:
            action = selectors.action_get(assessment=assessment, pk=action_id)
        except ImprovementAction.DoesNotExist:
            raise NotFound from None
        data = ActionUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.action_update(
            actor=request.user, action=action, status=data.validated_data.get("status"),
            note=data.validated_data.get("note", ""),
        )  # fmt: skip
        row = next(r for r in selectors.action_plan(assessment=assessment) if r.pk == action.pk)
        return Response(self.get_serializer(row).data)
