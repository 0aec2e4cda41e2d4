"""Helpers shared by the fieldwork API views."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from rest_framework import serializers

import policy
from assessments.models import Assessment, QualityStatement
from fieldwork.models import Case, Session
from policy.api import require_policy


def fieldwork_assessment(view, request, assessment_id: int, check=None) -> Assessment:
    """404 unless the user may see the assessment's fieldwork; 403 unless `check`."""
    assessment = get_object_or_404(
        Assessment.objects.select_related("council", "framework").prefetch_related("assessors"),
        pk=assessment_id,
    )
    require_policy(
        view, request, assessment, check or (lambda user, obj: True),
        visible=policy.can_view_fieldwork,
    )  # fmt: skip
    return assessment


def team_case(view, request, case_id: int, check=None) -> Case:
    """A case: 404 unless the fieldwork is visible, 403 unless case data (and `check`)."""
    case = get_object_or_404(Case.objects.select_related("assessment"), pk=case_id)
    fieldwork_assessment(view, request, case.assessment_id, policy.can_view_cases)
    if check is not None:
        fieldwork_assessment(view, request, case.assessment_id, check)
    return case


def programme_session(view, request, session_id: int, check=None) -> Session:
    session = get_object_or_404(Session.objects.select_related("assessment"), pk=session_id)
    fieldwork_assessment(view, request, session.assessment_id, check)
    return session


def statements_for(assessment: Assessment, numbers: list[int]) -> list[QualityStatement]:
    numbers = sorted(set(numbers))
    statements = list(
        QualityStatement.objects.filter(framework_id=assessment.framework_id, number__in=numbers)
    )
    if len(statements) != len(numbers) or not numbers:
        raise serializers.ValidationError({"statements": ["No such quality statement."]})
    return statements


STATEMENTS = serializers.ListField(
    child=serializers.IntegerField(min_value=1, max_value=99), min_length=1, max_length=20,
    help_text="Quality statement numbers.",
)  # fmt: skip
