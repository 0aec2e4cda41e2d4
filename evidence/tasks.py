"""Celery tasks of the evidence app: they take ids and call a service."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from evidence import previews


@shared_task(
    # Database restarts and storage hiccups are worth retrying; an unreadable file is not
    # (the service records that as the preview's note instead of raising).
    autoretry_for=(OperationalError, OSError),
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=5,
    # Acknowledge after the preview is stored: remaking it on redelivery is harmless.
    acks_late=True,
    # A damaged or hostile file must not hold a worker for long.
    soft_time_limit=60,
    time_limit=90,
)
def make_attachment_preview(attachment_id: int) -> None:
    """Make the thumbnail and text of attachment `attachment_id` (evidence.previews)."""
    previews.attachment_preview_make(attachment_id=attachment_id)
