"""The Celery app. Tasks are discovered in each Django app's tasks.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Each worker writes a heartbeat to the cache while it is connected (read by /healthz).
app.steps["consumer"].add("operations.worker.HeartbeatStep")
