"""What the assessment APIs share: rating choices, loading an assessment (or one of its
statements) through the policy, and (re-exported from core.serializers) the references to
users and councils."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated

import policy
from assessments import scoring, selectors
from assessments.models import (
    Assessment,
    QualityStatement,
)
from core.serializers import CouncilRefSerializer, UserRefSerializer
from policy.api import require_policy

__all__ = [
    "RATING_CHOICES",
    "CouncilRefSerializer",
    "UserRefSerializer",
    "WritesNeedSignIn",
    "assessment_for",
    "statement_for",
]

RATING_CHOICES = list(scoring.RATING_LABELS.items())


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
