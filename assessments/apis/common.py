"""What the assessment APIs share: references to users and councils, rating choices, and
loading an assessment (or one of its statements) through the policy."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated

from accounts.models import User
from assessments import scoring, selectors
from assessments.models import (
    Assessment,
    QualityStatement,
)
from core import policy
from core.api import (
    require_policy,
)
from councils.models import Council

RATING_CHOICES = list(scoring.RATING_LABELS.items())


class UserRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")

    class Meta:
        model = User
        fields = ["id", "name"]


class CouncilRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Council
        fields = ["gss_code", "name"]


def assessment_for(view, request, assessment_id: int, check=None) -> Assessment:
    """The assessment, after the policy: 404 unless visible, then 403 unless `check`."""
    assessment = get_object_or_404(selectors.assessment_queryset(), pk=assessment_id)
    require_policy(view, request, assessment, check or policy.can_view_assessment)
    return assessment


def statement_for(assessment: Assessment, number: int) -> QualityStatement:
    """The assessment's quality statement `number`, or 404."""
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
