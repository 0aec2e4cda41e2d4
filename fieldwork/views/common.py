"""Helpers shared by the fieldwork pages."""

from __future__ import annotations

from django.http import Http404

import policy
from assessments.models import Assessment
from fieldwork import selectors
from fieldwork.errors import FieldworkError
from fieldwork.models import Case, Session


def fieldwork_assessment(request, pk: int) -> Assessment:
    """The assessment, or 404 when its fieldwork pages do not exist for the user."""
    try:
        assessment = selectors.assessment_for_fieldwork(pk)
    except Assessment.DoesNotExist:
        raise Http404 from None
    policy.require(policy.can_view_fieldwork(request.user, assessment), hide=True)
    return assessment


def team_case(request, pk: int) -> Case:
    """A case: 404 unless the user may see the assessment's fieldwork, 403 unless case data."""
    try:
        case = selectors.case_for(pk)
    except Case.DoesNotExist:
        raise Http404 from None
    policy.require(policy.can_view_fieldwork(request.user, case.assessment), hide=True)
    policy.require(
        policy.can_view_cases(request.user, case.assessment),
        message="Case data is seen by the assessment team only.",
    )
    return case


def programme_session(request, pk: int) -> Session:
    try:
        session = selectors.session_for(pk)
    except Session.DoesNotExist:
        raise Http404 from None
    policy.require(policy.can_view_programme(request.user, session.assessment), hide=True)
    return session


def add_service_error(form, exc: FieldworkError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))
