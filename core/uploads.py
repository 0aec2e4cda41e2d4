"""Validating and storing uploaded attachments (shared by evidence and challenges).

A file is accepted only when its content (magic bytes), not its name, shows an allowed type,
and it is within `settings.ATTACHMENT_MAX_BYTES`. Accepted files are stored in the private
storage under a generated name; the uploaded name is kept only for display.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.template.defaultfilters import filesizeformat

from core import filetypes

ALLOWED_DESCRIPTION = filetypes.ALLOWED_LABELS


@dataclass(frozen=True)
class StoredUpload:
    original_name: str
    stored_name: str
    content_type: str
    size: int
    sha256: str


def detect_content_type(uploaded) -> str | None:
    """The allowed type the file's content shows (never its name), or None."""
    kind = filetypes.detect_kind(uploaded)
    return kind.content_type if kind else None


def size_limit_text(limit: int | None = None) -> str:
    """The upload limit (`settings.ATTACHMENT_MAX_BYTES` unless given) as people write it."""
    limit = settings.ATTACHMENT_MAX_BYTES if limit is None else limit
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit} bytes"


def validate_upload(uploaded) -> str:
    """Return the file's content type; raise ValidationError (a message for the user, in the
    GOV.UK file upload pattern's words) when it is empty, too large or not an allowed type.

    The one upload check: evidence and challenge attachments both use it (via `store_upload`).
    """
    name = filetypes.safe_display_name(uploaded.name or "", fallback="The selected file")
    if not uploaded.size:
        raise ValidationError(f"{name} is empty")
    if uploaded.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            f"{name} must be smaller than {size_limit_text()} "
            f"(it is {filesizeformat(uploaded.size)})"
        )
    content_type = detect_content_type(uploaded)
    if content_type is None:
        raise ValidationError(f"{name} must be a {ALLOWED_DESCRIPTION} file")
    return content_type


def store_upload(uploaded, *, folder: str) -> StoredUpload:
    """Validate and save `uploaded` in the private storage under a generated name.

    Raises ValidationError as `validate_upload`. The caller records the returned details on
    its model row, inside its transaction (and deletes the file if that fails).
    """
    content_type = validate_upload(uploaded)
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    extension = filetypes.KIND_BY_CONTENT_TYPE[content_type].extension
    stored_name = f"{folder}/{uuid.uuid4().hex}{extension}"
    stored_name = storages["private"].save(stored_name, uploaded)
    return StoredUpload(
        original_name=filetypes.safe_display_name(uploaded.name or "", fallback="attachment"),
        stored_name=stored_name,
        content_type=content_type,
        size=uploaded.size,
        sha256=digest.hexdigest(),
    )


def delete_stored(stored_name: str) -> None:
    storages["private"].delete(stored_name)
