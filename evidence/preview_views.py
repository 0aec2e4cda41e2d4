"""Looking at an attachment without downloading it: the file shown inline (PDFs and images)
and its first-page thumbnail. Both ask the same policy as the download, and both are sent by
the one `core.downloads.private_file_response` (CSP `sandbox`, `nosniff`, no-store), so a
hostile file cannot run script in the service's origin."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

import policy
from core.downloads import private_file_response
from evidence import previews, selectors, services


def _visible_attachment(request, pk: int):
    """The attachment, if the user may see its evidence item (404 otherwise, as downloads)."""
    attachment = get_object_or_404(selectors.attachment_queryset(), pk=pk)
    item = attachment.evidence_item
    policy.require(policy.can_view_assessment(request.user, item.assessment), hide=True)
    policy.require(policy.can_view_evidence_item(request.user, item), hide=True)
    return attachment


def attachment_inline(request, pk: int):
    """A PDF or image attachment, for the browser to show rather than save (404 for other
    kinds: those are previewed as their text on the evidence page)."""
    attachment = _visible_attachment(request, pk)
    if not previews.can_show_inline(attachment):
        raise Http404("This kind of file is shown as its text on the evidence page.")
    try:
        handle = services.private_storage().open(attachment.stored_name, "rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing from storage.") from exc
    return private_file_response(
        handle,
        filename=attachment.original_name,
        content_type=attachment.content_type,
        inline=True,
    )


def attachment_thumbnail(request, pk: int):
    """The first-page thumbnail (PNG) the worker made; 404 until it exists."""
    attachment = _visible_attachment(request, pk)
    preview = selectors.attachment_preview(attachment=attachment)
    if preview is None or not preview.thumbnail_name:
        raise Http404("There is no thumbnail of this file yet.")
    try:
        handle = services.private_storage().open(preview.thumbnail_name, "rb")
    except FileNotFoundError as exc:
        raise Http404("The thumbnail is missing from storage.") from exc
    return private_file_response(
        handle,
        filename=f"{attachment.original_name}-thumbnail.png",
        content_type="image/png",
        inline=True,
    )
