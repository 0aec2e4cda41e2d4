"""Periodic housekeeping of the generic plumbing (the beat schedule is in
config/settings/base.py, CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from core import idempotency


# Safe to run twice or at once: each run deletes what is older than the age, nothing else.
@shared_task(name="core.tasks.purge_idempotency_keys", ignore_result=True)
def purge_idempotency_keys() -> dict[str, int]:
    return idempotency.purge_expired()
