"""The site-visit programme over the API (the council sees it, not the notes), and notes."""

from __future__ import annotations

import copy

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

import policy
from core import idempotency
from core.api import ApiView, ListApi
from core.serializers import UserRefSerializer
from evidence.models import EvidenceDirection
from fieldwork import selectors, services
from fieldwork.apis.common import (
    STATEMENTS,
    fieldwork_assessment,
    programme_session,
    statements_for,
)
from fieldwork.models import ParticipantRole, Session, SessionKind
from fieldwork.selectors.sessions import is_overdue, notes_due_on


class SessionSerializer(serializers.ModelSerializer):
    assessors = UserRefSerializer(many=True, source="assessors.all")
    participant_roles = serializers.ListField(
        child=serializers.ChoiceField(ParticipantRole.choices)
    )
    notes_recorded = serializers.SerializerMethodField()
    notes_due_on = serializers.SerializerMethodField()
    notes_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = ["id", "kind", "title", "starts_at", "ends_at", "with_experts_by_experience",
                  "participant_roles", "assessors", "location", "video_link",
                  "notes_recorded", "notes_due_on", "notes_overdue"]  # fmt: skip

    def get_notes_recorded(self, session) -> bool:
        return session.notes_recorded_at is not None

    def get_notes_due_on(self, session) -> str:
        return notes_due_on(session).isoformat()

    def get_notes_overdue(self, session) -> bool:
        return is_overdue(session, timezone.localdate())


class SessionInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    title = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    assessors = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=20,
        help_text="User ids of assessors in the team.",
    )  # fmt: skip
    participant_roles = serializers.ListField(
        child=serializers.ChoiceField(choices=ParticipantRole.choices), min_length=1,
        max_length=len(ParticipantRole.values),
    )  # fmt: skip
    with_experts_by_experience = serializers.BooleanField(default=False)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    video_link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    invite_council = serializers.BooleanField(default=True)


class NotesInputSerializer(serializers.Serializer):
    notes = serializers.CharField(max_length=50_000)
    statements = copy.deepcopy(STATEMENTS)
    direction = serializers.ChoiceField(
        choices=EvidenceDirection.choices, default=EvidenceDirection.NEUTRAL
    )


class NotesResultSerializer(serializers.Serializer):
    evidence_ids = serializers.ListField(child=serializers.IntegerField())


class SessionListApi(ListApi):
    """The assessment's programme of sessions (the team, admins and the council); POST
    schedules one (the team), refused when an assessor is booked elsewhere at that time."""

    serializer_class = SessionSerializer
    filter_backends = []

    def list(self, request, assessment_id: int):
        assessment = fieldwork_assessment(self, request, assessment_id)
        page = self.paginate_queryset(selectors.sessions_for(assessment))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=SessionInputSerializer, parameters=[idempotency.API_PARAMETER],
                   responses={201: SessionSerializer})  # fmt: skip
    def post(self, request, assessment_id: int):
        assessment = fieldwork_assessment(
            self, request, assessment_id, policy.can_schedule_sessions
        )
        key = idempotency.api_key(request)
        data = SessionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        team = {user.pk: user for user in assessment.assessors.all()}
        if assessment.lead_assessor_id:
            team[assessment.lead_assessor_id] = assessment.lead_assessor
        unknown = [pk for pk in values["assessors"] if pk not in team]
        if unknown:
            raise serializers.ValidationError(
                {"assessors": ["Assessors must be members of the assessment team."]}
            )
        values["assessors"] = [team[pk] for pk in values["assessors"]]
        session, created = idempotency.run_once(
            user=request.user, scope=f"fieldwork.session:{assessment.pk}", key=key,
            create=lambda: services.session_create(
                actor=request.user, assessment=assessment, **values
            ),
            find=lambda pk: Session.objects.get(pk=pk),
        )  # fmt: skip
        return Response(
            SessionSerializer(selectors.session_for(session.pk)).data,
            status=status.HTTP_201_CREATED, headers=idempotency.response_headers(created),
        )  # fmt: skip


class SessionNotesApi(ApiView):
    """Record a session's notes once it has ended: evidence by its participants' categories."""

    serializer_class = NotesResultSerializer

    @extend_schema(request=NotesInputSerializer, responses={201: NotesResultSerializer})
    def post(self, request, session_id: int):
        session = programme_session(self, request, session_id, policy.can_record_session_notes)
        data = NotesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["statements"] = statements_for(session.assessment, values["statements"])
        session = services.session_notes_record(actor=request.user, session=session, **values)
        ids = sorted(session.evidence_items.values_list("pk", flat=True))
        return Response({"evidence_ids": ids}, status=status.HTTP_201_CREATED)
