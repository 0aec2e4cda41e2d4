"""A repeated post creates one record: evidence, challenges (and their emails) and bulk
exports, through the pages and the API (core.idempotency).

Two kinds of test: the same form (same hidden key) posted twice, on every backend; and two
requests sent at the same moment from two threads against a live server, on PostgreSQL (the
PostgreSQL + Redis run), where each request has its own connection and transaction. SQLite's
in-memory test database is shared by the live server's threads through one connection, so two
requests there cannot overlap at all.
"""

from __future__ import annotations

import datetime
import re
import threading
import time

import pytest
import requests
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from assessments.models import AssessmentStatus, EvidenceCategory
from core import idempotency
from core.models import IdempotencyKey
from evidence.models import EvidenceItem
from reports.models import BulkExport
from reviews.models import Challenge

KEY = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"


def _key_in(html: str) -> str:
    match = re.search(r'name="idempotency_key" value="([^"]+)"', html)
    assert match, "the form carries no idempotency key"
    return match.group(1)


def _evidence_data(assessment, key: str) -> dict:
    statement = assessment.framework.quality_statements.get(number=1)
    category = EvidenceCategory.objects.get(
        framework=assessment.framework, code="peoples-experience"
    )
    return {
        "statements": [statement.pk],
        "category": category.pk,
        "route": "requested",
        "source_type": "information_return",
        "title": "Information return: waiting times",
        "narrative": "Median wait for a Care Act assessment was 28 days.",
        "direction": "neutral",
        "effective_date": "31/3/2025",
        "idempotency_key": key,
    }


def _challenge_data(key: str) -> dict:
    return {
        "on": "summary",
        "kind": "typo_or_number",
        "text_challenged": "72% of people",
        "proposed_correction": "75% of people",
        "idempotency_key": key,
    }


def _one_email_each(assessment) -> None:
    """Each team member was told of the challenge once (one message per recipient)."""
    recipients = sorted(address for message in mail.outbox for address in message.to)
    team = sorted(user.email for user in [assessment.lead_assessor, *assessment.assessors.all()])
    assert recipients == team and len(team) == len(set(team)) > 0


def _in_factual_accuracy(assessment):
    assessment.status = AssessmentStatus.FACTUAL_ACCURACY
    assessment.fa_sent_on = datetime.date.today()
    assessment.fa_due_on = datetime.date.today() + datetime.timedelta(days=14)
    assessment.save()
    return assessment


# ---- the mechanism --------------------------------------------------------------------------


@pytest.mark.django_db
def test_run_once_returns_the_first_result_and_a_failed_create_releases_the_key(assessor):
    calls = []

    def create():
        calls.append(1)
        return assessor

    first = idempotency.run_once(user=assessor, scope="s", key=KEY, create=create, find=None)
    again = idempotency.run_once(
        user=assessor, scope="s", key=KEY, create=create, find=lambda pk: f"found {pk}"
    )
    assert first == (assessor, True)
    assert again == (f"found {assessor.pk}", False)
    assert len(calls) == 1

    def refuse():
        raise ValueError("refused")

    with pytest.raises(ValueError):
        idempotency.run_once(user=assessor, scope="t", key=KEY, create=refuse, find=None)
    assert not IdempotencyKey.objects.filter(scope="t").exists()  # free to send again


# ---- the same form posted twice (every backend) ------------------------------------------


@pytest.mark.django_db
def test_the_evidence_form_posted_twice_records_one_item(client, assessment, assessor):
    client.force_login(assessor)
    url = reverse("evidence:create", args=[assessment.pk])
    key = _key_in(client.get(url).content.decode())
    first = client.post(url, _evidence_data(assessment, key))
    second = client.post(url, _evidence_data(assessment, key), follow=True)
    item = EvidenceItem.objects.get()
    assert first.status_code == 302 and first.url == item.get_absolute_url()
    assert second.redirect_chain[-1][0] == item.get_absolute_url()
    assert "was already recorded" in second.content.decode()
    # A new form is a new key: the same text posted from a fresh form is a second item.
    fresh = _key_in(client.get(url).content.decode())
    assert fresh != key
    client.post(url, _evidence_data(assessment, fresh))
    assert EvidenceItem.objects.count() == 2


@pytest.mark.django_db
def test_a_form_reshown_with_errors_keeps_its_key_and_then_records_once(
    client, assessment, assessor
):
    client.force_login(assessor)
    url = reverse("evidence:create", args=[assessment.pk])
    key = _key_in(client.get(url).content.decode())
    response = client.post(url, {**_evidence_data(assessment, key), "title": ""})
    assert response.status_code == 400 and _key_in(response.content.decode()) == key
    client.post(url, _evidence_data(assessment, key))
    client.post(url, _evidence_data(assessment, key))
    assert EvidenceItem.objects.count() == 1


@pytest.mark.django_db
def test_the_challenge_form_posted_twice_sends_one_challenge_and_one_email(
    client, assessment, council_lead, django_capture_on_commit_callbacks
):
    _in_factual_accuracy(assessment)
    client.force_login(council_lead)
    url = reverse("reviews:challenge_create", args=[assessment.pk])
    key = _key_in(client.get(url).content.decode())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with_capture = [client.post(url, _challenge_data(key)) for _ in range(2)]
    challenge = Challenge.objects.get()
    assert [r.status_code for r in with_capture] == [302, 302]
    assert with_capture[0].url == with_capture[1].url
    assert str(challenge.pk) in with_capture[1].url
    _one_email_each(assessment)


@pytest.mark.django_db
def test_the_bulk_export_form_posted_twice_queues_one_export(client, admin_user):
    client.force_login(admin_user)
    url = reverse("reports:exports")
    key = _key_in(client.get(url).content.decode())
    data = {"region": "", "published_from": "", "published_to": "", "idempotency_key": key}
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert BulkExport.objects.count() == 1
    assert "already requested" in response.content.decode()


@pytest.mark.django_db
def test_the_api_answers_a_repeated_create_with_the_first_result(
    token_client, assessment, assessor, council_lead, django_capture_on_commit_callbacks
):
    api = token_client(assessor)
    url = reverse("api:evidence-list", args=[assessment.pk])
    body = {
        "statements": [1],
        "category": "peoples-experience",
        "route": "requested",
        "source_type": "information_return",
        "title": "Survey",
        "narrative": "What people told us.",
        "direction": "positive",
        "effective_date": "2025-03-31",
    }
    first = api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    second = api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY=KEY)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert EvidenceItem.objects.count() == 1
    # Without a key every post is a new item, as before; a malformed key is a 400.
    assert api.post(url, body, format="json").status_code == 201
    bad = api.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="no spaces allowed")
    assert bad.status_code == 400 and "Idempotency-Key" in bad.json()
    assert EvidenceItem.objects.count() == 2

    _in_factual_accuracy(assessment)
    lead = token_client(council_lead)
    url = reverse("api:challenge-list", args=[assessment.pk])
    body = {"kind": "factual", "text_challenged": "A", "proposed_correction": "B",
            "evidence_note": "Annual report, p. 4."}  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [lead.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY=KEY) for _ in range(2)]
    assert [a.status_code for a in answers] == [201, 201]
    assert Challenge.objects.count() == 1
    _one_email_each(assessment)


# ---- two requests at the same moment (PostgreSQL) ----------------------------------------


def _signed_in_session(live_server, user, form_path: str) -> tuple[requests.Session, str]:
    """A requests session signed in as `user`, and the CSRF token of the form page."""
    django_client = Client()
    django_client.force_login(user)
    session = requests.Session()
    session.cookies.set(settings.SESSION_COOKIE_NAME, django_client.cookies["sessionid"].value)
    page = session.get(live_server.url + form_path, timeout=30)
    assert page.status_code == 200, page.text[:500]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session, token


def _post_together(session, url: str, data: dict, files=None) -> list[int]:
    """Post `data` twice at the same moment from two threads; the status codes."""
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def send():
        barrier.wait()
        response = session.post(
            url, data=data, files=files, headers={"Referer": url}, allow_redirects=False,
            timeout=60,
        )  # fmt: skip
        statuses.append(response.status_code)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return statuses


def _slow(monkeypatch, module, name: str, seconds: float = 0.6):
    """Hold the first create's transaction open a little, so the second request surely
    arrives while it is uncommitted (the live server runs in this process)."""
    original = getattr(module, name)

    def slowed(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(seconds)
        return result

    monkeypatch.setattr(module, name, slowed)


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two requests overlap only with a connection each: PostgreSQL (SQLite's in-memory "
    "test database is one connection shared by the live server's threads)",
)
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@postgres_only
@live
def test_two_concurrent_evidence_posts_record_one_item(live_server, monkeypatch, assessment):
    from evidence import services

    _slow(monkeypatch, services, "evidence_create")
    path = reverse("evidence:create", args=[assessment.pk])
    session, csrf = _signed_in_session(live_server, assessment.assessors.get(), path)
    data = {**_evidence_data(assessment, KEY), "csrfmiddlewaretoken": csrf}
    statuses = _post_together(session, live_server.url + path, data)
    assert statuses == [302, 302]
    assert EvidenceItem.objects.count() == 1
    assert IdempotencyKey.objects.get().result_id == str(EvidenceItem.objects.get().pk)


@postgres_only
@live
def test_two_concurrent_challenge_posts_send_one_challenge_and_one_email(
    live_server, monkeypatch, assessment, council_lead
):
    from reviews import services

    _in_factual_accuracy(assessment)
    _slow(monkeypatch, services, "challenge_raise")
    path = reverse("reviews:challenge_create", args=[assessment.pk])
    session, csrf = _signed_in_session(live_server, council_lead, path)
    mail.outbox.clear()
    data = {**_challenge_data(KEY), "csrfmiddlewaretoken": csrf}
    # Multipart, as the browser sends this form (it takes files).
    statuses = _post_together(session, live_server.url + path, data, files={"files": ("", b"")})
    assert statuses == [302, 302]
    assert Challenge.objects.count() == 1
    _one_email_each(assessment)


@postgres_only
@live
def test_two_concurrent_bulk_export_posts_queue_one_export(live_server, monkeypatch, admin_user):
    from reports import services

    _slow(monkeypatch, services, "bulk_export_request")
    path = reverse("reports:exports")
    session, csrf = _signed_in_session(live_server, admin_user, path)
    data = {"region": "", "published_from": "", "published_to": "", "idempotency_key": KEY}
    statuses = _post_together(
        session, live_server.url + path, {**data, "csrfmiddlewaretoken": csrf}
    )
    assert statuses == [302, 302]
    assert BulkExport.objects.count() == 1
