"""Downloading a challenge's supporting file: one implementation for the page and the API."""

from __future__ import annotations

from django.http import Http404

from core.downloads import private_file_response
from reviews import selectors


def challenge_attachment_response(*, assessment, challenge_id: int, attachment_id: int):
    """The attachment as a private-file download, for the page and the API alike (after the
    caller asked the policy); 404 when there is no such file (DRF answers Http404 as 404)."""
    attachment = selectors.challenge_attachment_for(
        assessment=assessment, challenge_id=challenge_id, attachment_id=attachment_id
    )
    if attachment is None:
        raise Http404("No such file.")
    try:
        handle = selectors.challenge_attachment_file(attachment)
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    return private_file_response(
        handle, filename=attachment.original_name, content_type=attachment.content_type
    )
