"""Attachment previews: made by the worker after an upload, read by the evidence page.

The worker reads the stored file, asks `evidence.extraction` for its text and a first-page
thumbnail, stores the thumbnail in the private storage next to the file
(`<stored name>.thumb.png`) and keeps the text on an AttachmentPreview row. Making a preview
twice replaces the first, so a redelivered task is harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction

from evidence import extraction
from evidence.models import Attachment, AttachmentPreview, PreviewStatus

logger = logging.getLogger(__name__)

THUMBNAIL_SUFFIX = ".thumb.png"


def thumbnail_name_for(attachment: Attachment) -> str:
    return f"{attachment.stored_name}{THUMBNAIL_SUFFIX}"


def can_show_inline(attachment: Attachment) -> bool:
    """PDFs and images are shown by the browser itself (sandboxed); others as their text."""
    return attachment.content_type in extraction.INLINE_TYPES


def previews_request(*, attachment_ids: Iterable[int]) -> None:
    """Queue the making of each attachment's preview once the current transaction commits."""
    from evidence import tasks

    for attachment_id in attachment_ids:
        tasks.make_attachment_preview.delay_on_commit(attachment_id)


def attachment_preview_make(*, attachment_id: int) -> AttachmentPreview | None:
    """Make (or remake) the preview of attachment `attachment_id`: its thumbnail (PDF, PNG,
    JPEG) and its text (PDF, DOCX, XLSX, CSV). A file that cannot be read gets a preview
    that says why, not an error. None if the attachment no longer exists."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        return None
    storage = storages["private"]
    with storage.open(attachment.stored_name, "rb") as handle:
        data = handle.read()
    notes = []
    thumbnail_name = ""
    if attachment.content_type in extraction.THUMBNAIL_TYPES:
        try:
            png = extraction.make_thumbnail(data, attachment.content_type)
        except extraction.ExtractionError as exc:
            notes.append(str(exc))
        else:
            thumbnail_name = thumbnail_name_for(attachment)
            if storage.exists(thumbnail_name):
                storage.delete(thumbnail_name)
            thumbnail_name = storage.save(thumbnail_name, ContentFile(png))
    text, truncated = "", False
    if attachment.content_type in extraction.TEXT_TYPES:
        try:
            extracted = extraction.extract_text(data, attachment.content_type)
        except extraction.ExtractionError as exc:
            notes.append(str(exc))
        else:
            text, truncated = extracted.text, extracted.truncated
    status = PreviewStatus.READY if (text or thumbnail_name) else PreviewStatus.UNAVAILABLE
    with transaction.atomic():
        preview, _ = AttachmentPreview.objects.update_or_create(
            attachment=attachment,
            defaults={
                "status": status,
                "thumbnail_name": thumbnail_name,
                "text": text,
                "text_truncated": truncated,
                "note": " ".join(notes)[:300],
            },
        )
    logger.info("Preview of attachment %s: %s", attachment_id, status)
    return preview


PAGE_TEXT_CHARS = 20_000  # shown on the evidence page; the whole text stays on the row


def attachments_with_previews(*, item) -> list[dict]:
    """The item's attachments, each with its preview (or None while the worker makes it) and
    what the page shows of it. Two queries."""
    rows = []
    for attachment in item.attachments.select_related("preview", "uploaded_by"):
        preview = getattr(attachment, "preview", None)
        text = preview.text if preview else ""
        rows.append(
            {
                "attachment": attachment,
                "preview": preview,
                "inline": can_show_inline(attachment),
                "shows_text": attachment.content_type in extraction.TEXT_TYPES
                and not can_show_inline(attachment),
                "text": text[:PAGE_TEXT_CHARS],
                "text_cut": len(text) > PAGE_TEXT_CHARS or bool(preview and preview.text_truncated),
            }
        )
    return rows
