"""Celery tasks of the council portal. The beat schedule (config/settings/base.py,
CELERY_BEAT_SCHEDULE) runs `send_due_reminders` periodically."""

from celery import shared_task

from returns.services import requests


# Safe to run twice or at once on two workers: each reminder is a unique row recorded
# before it is sent (services.requests.reminder_send), so nothing is sent twice.
@shared_task(name="returns.tasks.send_due_reminders", ignore_result=True)
def send_due_reminders() -> int:
    return requests.reminders_send_due()
