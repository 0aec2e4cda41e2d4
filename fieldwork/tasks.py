"""Celery tasks of the fieldwork app. The beat schedule (config/settings/base.py,
CELERY_BEAT_SCHEDULE) runs `purge_expired_case_data` daily."""

from celery import shared_task

from fieldwork.services import retention


# Safe to run twice or at once on two workers: each assessment is purged in its own
# transaction under a row lock, and a purged one is no longer due (RetentionPurge row).
@shared_task(name="fieldwork.tasks.purge_expired_case_data", ignore_result=True)
def purge_expired_case_data() -> int:
    """Purge every assessment whose case data is past the retention period; returns how many."""
    purged = 0
    for assessment_id in retention.fieldwork_purge_due():
        if retention.fieldwork_purge(assessment_id=assessment_id) is not None:
            purged += 1
    return purged
