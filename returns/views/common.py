"""Helpers shared by the portal's pages."""

from __future__ import annotations

from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

import policy
from assessments.models import Assessment
from core.downloads import private_file_response
from returns import selectors
from returns.services import ReturnsError
from returns.services.common import submission_once


def portal_assessment(request, pk: int) -> Assessment:
    """The assessment, or 404 when the user may not see its council portal."""
    try:
        assessment = selectors.assessment_for_portal(pk)
    except Assessment.DoesNotExist:
        raise Http404 from None
    policy.require(policy.can_view_council_portal(request.user, assessment), hide=True)
    return assessment


def add_service_error(form, exc: ReturnsError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def once(request, form, create):
    """Run `create` once per the form's hidden token; returns the URL to go to."""
    return submission_once(
        actor=request.user, token=form.cleaned_data.get("form_token") or "", create=create
    ).url


def stream_file(stored) -> FileResponse:
    """A stored council file as a download (never shown inline), with the private-file
    headers of `core.downloads`."""
    try:
        handle = storages["private"].open(stored.stored_name, "rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing from storage.") from exc
    return private_file_response(
        handle, filename=stored.original_name, content_type=stored.content_type
    )


__all__ = ["get_object_or_404"]
