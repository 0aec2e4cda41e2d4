"""Helpers shared by the portal's pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.core.files.storage import storages
from django.http import FileResponse, Http404

import policy
from assessments.models import Assessment
from core import idempotency, uploads
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


def chosen_files(request, form, field: str = "files") -> list:
    """The files a post carries: those kept from an earlier failed post of the same form
    (less any the person ticked to remove) and the ones chosen now."""
    key = idempotency.form_key(form)
    uploads.pending_discard(user=request.user, key=key, ids=request.POST.getlist("remove_kept"))
    chosen = form.cleaned_data[field]  # called once the form is valid
    return [*uploads.pending_for(user=request.user, key=key), *chosen]


def keep_files(request, form, field: str = "files", *, add: bool = True) -> list:
    """After a failed post: keep each acceptable file chosen now so it need not be chosen
    again (a refused one gets its message on the field); return every kept file. With
    add=False (the row changed meanwhile, e.g. a double click saved it already) nothing new
    is kept: the person checks what is there now first."""
    key = idempotency.form_key(form)
    uploads.pending_discard(user=request.user, key=key, ids=request.POST.getlist("remove_kept"))
    files = request.FILES.getlist(field) if add else []
    refused = uploads.pending_keep(user=request.user, key=key, files=files)
    shown = set(form.errors[field]) if field in form.errors else set()
    for message in refused:
        if message not in shown:
            form.add_error(field, message)
    return uploads.pending_for(user=request.user, key=key)


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
