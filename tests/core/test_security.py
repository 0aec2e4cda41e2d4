"""Security hardening: append-only audit trail, headers, production cookie and HSTS settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from audit.actions import AuditAction
from audit.models import AuditEvent
from audit.services import audit_record

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def audit_event(admin_user, suffolk):
    return audit_record(actor=admin_user, action=AuditAction.ASSESSMENT_UPDATE, target=suffolk)


def test_audit_events_cannot_be_changed_or_deleted_in_code(audit_event):
    audit_event.note = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        audit_event.save()
    with pytest.raises(ValueError, match="append-only"):
        audit_event.delete()
    assert AuditEvent.objects.get(pk=audit_event.pk).note == ""


def test_audit_events_cannot_be_changed_or_deleted_in_the_admin(client, admin_user, audit_event):
    client.force_login(admin_user)
    change_url = reverse("admin:audit_auditevent_change", args=[audit_event.pk])
    delete_url = reverse("admin:audit_auditevent_delete", args=[audit_event.pk])
    response = client.post(change_url, {"note": "rewritten"})
    assert response.status_code in (200, 403)
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    event = AuditEvent.objects.get(pk=audit_event.pk)
    assert event.note == ""


def test_pages_send_hardening_headers(client):
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_production_uses_secure_cookies_and_hsts():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
        " s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="".join(chr(97 + (i * 7) % 26) for i in range(60)),
        DJANGO_ALLOWED_HOSTS="assess.example.org",
        CACHE_URL="redis://127.0.0.1:6379/1",
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "False"], result.stderr
