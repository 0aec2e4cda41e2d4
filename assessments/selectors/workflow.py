"""The workflow's timeline: the recorded status moves of an assessment."""

from __future__ import annotations

from django.db.models import QuerySet

from assessments.models import (
    Assessment,
    StatusTransition,
)


def assessment_timeline(*, assessment: Assessment) -> QuerySet:
    """The assessment's recorded status moves in the order they were made."""
    return (
        StatusTransition.objects.filter(assessment=assessment)
        .select_related("actor")
        .order_by("pk")
    )
