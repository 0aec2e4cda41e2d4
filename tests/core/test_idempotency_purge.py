"""Old idempotency keys are purged by a Celery beat job (core.tasks.purge_idempotency_keys):
keys older than IDEMPOTENCY_KEY_MAX_AGE_DAYS (7 by default) go, with the files kept for forms
nobody came back to; newer ones stay. The task body runs here as a plain call; the schedule
entry is checked against the Celery app's registry."""

import datetime

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from config.celery import app
from core import idempotency, uploads
from core.models import IdempotencyKey, PendingUpload
from core.tasks import purge_idempotency_keys

pytestmark = pytest.mark.django_db


def _key(user, name: str, age: datetime.timedelta) -> IdempotencyKey:
    key = IdempotencyKey.objects.create(user=user, scope="s", key=name, result_id="1")
    IdempotencyKey.objects.filter(pk=key.pk).update(created_at=timezone.now() - age)
    return key


def test_keys_older_than_seven_days_are_purged(assessor):
    _key(assessor, "old-key-1", datetime.timedelta(days=7, minutes=1))
    _key(assessor, "old-key-2", datetime.timedelta(days=30))
    recent = _key(assessor, "recent-key", datetime.timedelta(days=6, hours=23))
    assert settings.IDEMPOTENCY_KEY_MAX_AGE_DAYS == 7
    assert purge_idempotency_keys() == {"keys": 2, "pending_uploads": 0}
    assert list(IdempotencyKey.objects.all()) == [recent]
    assert purge_idempotency_keys() == {"keys": 0, "pending_uploads": 0}  # safe to run again


def test_the_age_is_configurable(assessor, settings):
    settings.IDEMPOTENCY_KEY_MAX_AGE_DAYS = 1
    _key(assessor, "two-days-old", datetime.timedelta(days=2))
    kept = _key(assessor, "an-hour-old", datetime.timedelta(hours=1))
    assert idempotency.purge_expired()["keys"] == 1
    assert list(IdempotencyKey.objects.all()) == [kept]


def test_files_kept_for_abandoned_forms_go_with_their_files(assessor):
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4 kept", content_type="application/pdf")
    assert uploads.pending_keep(user=assessor, key="form-key-1", files=[pdf]) == []
    old = PendingUpload.objects.get()
    PendingUpload.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert storages["private"].exists(old.stored_name)
    assert purge_idempotency_keys()["pending_uploads"] == 1
    assert not PendingUpload.objects.exists()
    assert not storages["private"].exists(old.stored_name)


def test_beat_runs_the_purge():
    entry = settings.CELERY_BEAT_SCHEDULE["core-purge-idempotency-keys"]
    assert entry["task"] == "core.tasks.purge_idempotency_keys"
    assert entry["schedule"] > 0
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks
