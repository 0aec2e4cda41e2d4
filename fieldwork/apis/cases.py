"""Case tracking over the API: the council's upload, the sample, consent, contact attempts
and journey notes (case data: the team and admins only)."""

from __future__ import annotations

import copy

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

import policy
from core import idempotency
from core.api import ApiView, ListApi
from core.csv_import import CsvImportError
from core.serializers import UserRefSerializer
from evidence.models import EvidenceDirection
from fieldwork import selectors, services
from fieldwork.apis.common import STATEMENTS, fieldwork_assessment, statements_for, team_case
from fieldwork.models import (
    Case,
    ConsentStatus,
    ContactAttempt,
    ContactMethod,
    ContactOutcome,
    JourneyNote,
    SampleChangeKind,
    SampleDraw,
)
from fieldwork.services.cases import DEFAULT_AIM, DEFAULT_SAMPLE_SIZE, STRATA_COLUMNS


class CaseListInputSerializer(serializers.Serializer):
    csv = serializers.CharField(
        max_length=2 * 1024 * 1024, trim_whitespace=False,
        help_text="The CSV text: case_reference, age_band, primary_support_reason, "
        "service_type, locality, is_carer.",
    )  # fmt: skip
    name = serializers.CharField(max_length=255, required=False, default="cases.csv")


class CaseListSerializer(serializers.Serializer):
    cases = serializers.IntegerField(source="row_count")
    original_name = serializers.CharField()
    uploaded_at = serializers.DateTimeField()


class CaseSerializer(serializers.ModelSerializer):
    contact_attempts = serializers.SerializerMethodField()
    journey_notes = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["id", "reference", "age_band", "primary_support_reason", "service_type",
                  "locality", "is_carer", "in_sample", "consent", "consent_asked_on",
                  "consent_given_on", "consent_declined_on", "consent_withdrawn_on",
                  "contact_attempts", "journey_notes", "purged_at"]  # fmt: skip

    def get_contact_attempts(self, case) -> int:
        return getattr(case, "attempt_count", 0) + case.contact_attempts_purged

    def get_journey_notes(self, case) -> int:
        return getattr(case, "note_count", 0)


class ContactAttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactAttempt
        fields = ["id", "on", "method", "outcome", "details"]


class JourneyNoteSerializer(serializers.ModelSerializer):
    evidence_id = serializers.IntegerField(source="evidence_item_id")
    statements = serializers.SerializerMethodField()

    class Meta:
        model = JourneyNote
        fields = ["id", "text", "evidence_id", "statements", "written_at", "purged_at"]

    def get_statements(self, note) -> list[int]:
        return sorted(s.number for s in note.evidence_item.statements.all())


class CaseDetailSerializer(CaseSerializer):
    attempts = ContactAttemptSerializer(source="contact_attempts.all", many=True)
    notes = JourneyNoteSerializer(source="journey_notes.all", many=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "attempts", "notes"]

    def get_contact_attempts(self, case) -> int:
        return len(case.contact_attempts.all()) + case.contact_attempts_purged

    def get_journey_notes(self, case) -> int:
        return len(case.journey_notes.all())


class DrawSerializer(serializers.ModelSerializer):
    drawn_by = UserRefSerializer()

    class Meta:
        model = SampleDraw
        fields = ["id", "seed", "strata", "size", "aim", "reason", "case_references",
                  "drawn_by", "drawn_at"]  # fmt: skip


class ProgressSerializer(serializers.Serializer):
    in_sample = serializers.IntegerField()
    consent_given = serializers.IntegerField()
    declined_or_withdrawn = serializers.IntegerField()
    aim = serializers.IntegerField()
    met = serializers.BooleanField()


class SampleSerializer(serializers.Serializer):
    draw = DrawSerializer(allow_null=True)
    progress = ProgressSerializer()


class DrawInputSerializer(serializers.Serializer):
    strata = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(STRATA_COLUMNS)), required=False,
        default=list, max_length=len(STRATA_COLUMNS),
    )  # fmt: skip
    size = serializers.IntegerField(min_value=1, max_value=50, default=DEFAULT_SAMPLE_SIZE)
    aim = serializers.IntegerField(min_value=1, max_value=50, default=DEFAULT_AIM)
    seed = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class SampleChangeInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SampleChangeKind.choices)
    reason = serializers.CharField(max_length=2000)


class ConsentInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[c for c in ConsentStatus.values if c != ConsentStatus.NOT_ASKED]
    )
    on = serializers.DateField()


class ContactInputSerializer(serializers.Serializer):
    on = serializers.DateField()
    method = serializers.ChoiceField(choices=ContactMethod.choices)
    outcome = serializers.ChoiceField(choices=ContactOutcome.choices)
    details = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class NoteInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20_000)
    statements = copy.deepcopy(STATEMENTS)
    on = serializers.DateField()
    direction = serializers.ChoiceField(
        choices=EvidenceDirection.choices, default=EvidenceDirection.NEUTRAL
    )


def _case_detail(case_id: int) -> dict:
    return CaseDetailSerializer(selectors.case_for(case_id)).data


class CaseListUploadApi(ApiView):
    """The council uploads its case list as CSV text: all rows or none; 400 lists every bad
    line (and refuses columns that look like names, NHS numbers or dates of birth)."""

    serializer_class = CaseListSerializer

    @extend_schema(request=CaseListInputSerializer, responses={201: CaseListSerializer})
    def post(self, request, assessment_id: int):
        assessment = fieldwork_assessment(self, request, assessment_id, policy.can_upload_case_list)
        data = CaseListInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            case_list = services.case_list_upload(
                actor=request.user, assessment=assessment, data=data.validated_data["csv"],
                name=data.validated_data["name"],
            )  # fmt: skip
        except CsvImportError as exc:
            raise serializers.ValidationError({"csv": exc.shown_errors}) from None
        return Response(CaseListSerializer(case_list).data, status=status.HTTP_201_CREATED)


class CaseListApi(ListApi):
    """The assessment's cases (the team and admins only), in the file's order."""

    serializer_class = CaseSerializer
    filter_backends = []

    def list(self, request, assessment_id: int):
        assessment = fieldwork_assessment(self, request, assessment_id, policy.can_view_cases)
        page = self.paginate_queryset(selectors.cases_for(assessment))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class SampleApi(ApiView):
    """The current sample (seed, strata, cases) and progress toward the aim; POST draws or
    redraws it (a redraw needs a reason; send a recorded seed to reproduce a draw)."""

    serializer_class = SampleSerializer

    def _state(self, assessment) -> dict:
        draw = selectors.current_draw(assessment)
        return SampleSerializer(
            {"draw": draw, "progress": selectors.sample_progress(assessment, draw)}
        ).data

    def get(self, request, assessment_id: int):
        assessment = fieldwork_assessment(self, request, assessment_id, policy.can_view_cases)
        return Response(self._state(assessment))

    @extend_schema(request=DrawInputSerializer, responses={201: SampleSerializer})
    def post(self, request, assessment_id: int):
        assessment = fieldwork_assessment(self, request, assessment_id, policy.can_view_cases)
        fieldwork_assessment(self, request, assessment_id, policy.can_draw_sample)
        data = DrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.sample_draw(actor=request.user, assessment=assessment, **data.validated_data)
        return Response(self._state(assessment), status=status.HTTP_201_CREATED)


class CaseApi(ApiView):
    """One case with its contact attempts and journey notes (the team and admins)."""

    serializer_class = CaseDetailSerializer

    def get(self, request, case_id: int):
        return Response(_case_detail(team_case(self, request, case_id).pk))


class CaseSampleApi(ApiView):
    """Add the case to the sample or drop it, with a reason."""

    serializer_class = CaseDetailSerializer

    @extend_schema(request=SampleChangeInputSerializer)
    def post(self, request, case_id: int):
        case = team_case(self, request, case_id, policy.can_draw_sample)
        data = SampleChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.sample_change(actor=request.user, case=case, **data.validated_data)
        return Response(_case_detail(case.pk))


class CaseConsentApi(ApiView):
    """Record consent: asked, given, declined or withdrawn, with the date."""

    serializer_class = CaseDetailSerializer

    @extend_schema(request=ConsentInputSerializer)
    def post(self, request, case_id: int):
        case = team_case(self, request, case_id, policy.can_track_cases)
        data = ConsentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_consent_record(actor=request.user, case=case, **data.validated_data)
        return Response(_case_detail(case.pk))


class CaseContactApi(ApiView):
    """Record a contact attempt (a repeated request with the same Idempotency-Key records
    nothing more)."""

    serializer_class = CaseDetailSerializer

    @extend_schema(request=ContactInputSerializer, parameters=[idempotency.API_PARAMETER],
                   responses={201: CaseDetailSerializer})  # fmt: skip
    def post(self, request, case_id: int):
        case = team_case(self, request, case_id, policy.can_track_cases)
        key = idempotency.api_key(request)
        data = ContactInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _, created = idempotency.run_once(
            user=request.user, scope=f"fieldwork.contact:{case.pk}", key=key,
            create=lambda: services.contact_attempt_create(
                actor=request.user, case=case, **data.validated_data
            ),
            find=lambda pk: ContactAttempt.objects.get(pk=pk),
        )  # fmt: skip
        return Response(
            _case_detail(case.pk), status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )  # fmt: skip


class CaseNoteApi(ApiView):
    """Write a journey note: people's-experience evidence marked as personal data."""

    serializer_class = CaseDetailSerializer

    @extend_schema(request=NoteInputSerializer, parameters=[idempotency.API_PARAMETER],
                   responses={201: CaseDetailSerializer})  # fmt: skip
    def post(self, request, case_id: int):
        case = team_case(self, request, case_id, policy.can_track_cases)
        key = idempotency.api_key(request)
        data = NoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["statements"] = statements_for(case.assessment, values["statements"])
        _, created = idempotency.run_once(
            user=request.user, scope=f"fieldwork.note:{case.pk}", key=key,
            create=lambda: services.journey_note_create(actor=request.user, case=case, **values),
            find=lambda pk: JourneyNote.objects.get(pk=pk),
        )  # fmt: skip
        return Response(
            _case_detail(case.pk), status=status.HTTP_201_CREATED,
            headers=idempotency.response_headers(created),
        )  # fmt: skip
