"""Helpers shared by the portal's pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.core.files.storage import storages
from django.http import FileResponse, Http404

import policy
from assessments.models import Assessment
from core import idempotency
from core.downloads import private_file_response
from returns import selectors
from returns.services import ReturnsError

T = TypeVar("T")


def or_404(select: Callable[..., T], *args, **kwargs) -> T:
    """What a selector finds, or 404 when there is no such row."""
    try:
        return select(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


def portal_assessment(request, pk: int) -> Assessment:
    """The assessment, or 404 when the user may not see its council portal."""
    assessment = or_404(selectors.assessment_for_portal, pk)
    policy.require(policy.can_view_council_portal(request.user, assessment), hide=True)
    return assessment


def add_service_error(form, exc: ReturnsError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def once(request, form, *, scope: str, create: Callable[[], T], find: Callable[[str], T]) -> T:
    """Run `create` once per the form's idempotency key (core.idempotency): a repeated post
    of the same form answers with what the first one made (`find` fetches it by id)."""
    result, _created = idempotency.run_once(
        user=request.user,
        scope=scope,
        key=form.cleaned_data["idempotency_key"] or None,
        create=create,
        find=find,
    )
    return result


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
