"""The workflow over the API: the timeline, the steps open now, and one endpoint per action
(generated from `assessments.workflow.ACTIONS`, so a new action gets its endpoint and its
schema entry by itself)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

import policy
from assessments import selectors, services, workflow
from assessments.apis.assessments import AssessmentDetailOutputSerializer, assessment_detail_data
from assessments.apis.common import (
    UserRefSerializer,
    assessment_for,
)
from assessments.models import (
    AssessmentStatus,
    StatusTransition,
)
from core.api import ApiView, ListApi
from policy.api import require_policy


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
        assessment = assessment_for(
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
        assessment = assessment_for(self, request, assessment_id)
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
        assessment = assessment_for(self, request, assessment_id)
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
