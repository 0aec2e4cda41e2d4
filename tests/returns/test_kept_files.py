"""A file need not be chosen again after a form error: when a form with a file fails for
another field, each acceptable file is kept (core.uploads pending uploads keyed to the form's
idempotency key), the re-shown form says "You chose <name> — it will be kept", and the next
post saves it (or drops it, when ticked to remove)."""

import hashlib
import re

import pytest
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone

from assessments import working_days
from core import uploads
from core.models import PendingUpload
from returns.models import ReturnFile
from returns.services import requests as request_services
from tests.returns.conftest import exe, pdf

pytestmark = pytest.mark.django_db

BODY = b"%PDF-1.4 eligibility policy"


def _key(page) -> str:
    return re.search(r'name="idempotency_key" value="([^"]+)"', page.content.decode()).group(1)


def _answer_url(issued):
    answer = issued.answers.order_by("item__number").first()
    return answer, reverse("returns:answer", args=[issued.assessment_id, answer.pk])


def test_an_answers_file_is_kept_after_a_bad_link_and_saved_with_the_corrected_post(
    client, issued, council_contributor
):
    answer, url = _answer_url(issued)
    client.force_login(council_contributor)
    key = _key(client.get(url))
    posted = {"idempotency_key": key, "version": answer.version, "status": "ready",
              "text": "Sections 2 and 3.", "link": "ftp://example.org/policy",
              "not_held_reason": ""}  # fmt: skip
    failed = client.post(url, {**posted, "files": pdf("eligibility policy.pdf", BODY)})
    html = failed.content.decode()
    assert failed.status_code == 400 and "starts with http:// or https://" in html
    assert "You chose eligibility policy.pdf — it will be kept" in html
    assert f'value="{key}"' in html  # the same form key, so the next post finds the file
    assert "Choose the files again" not in html
    kept = PendingUpload.objects.get()
    assert kept.key == key and kept.uploaded_by == council_contributor
    assert not ReturnFile.objects.exists()

    saved = client.post(url, {**posted, "link": "https://www.example.org/policy"})  # no file
    assert saved.status_code == 302
    stored = ReturnFile.objects.get(answer=answer)
    assert stored.original_name == "eligibility policy.pdf"
    assert stored.sha256 == hashlib.sha256(BODY).hexdigest()
    assert stored.stored_name == kept.stored_name  # adopted, not stored twice
    assert storages["private"].exists(stored.stored_name)
    assert not PendingUpload.objects.exists()


def test_a_kept_file_ticked_to_remove_is_dropped_and_a_new_one_replaces_it(
    client, issued, council_contributor, django_capture_on_commit_callbacks
):
    answer, url = _answer_url(issued)
    client.force_login(council_contributor)
    key = _key(client.get(url))
    posted = {"idempotency_key": key, "version": answer.version, "status": "not_held",
              "text": "", "link": "", "not_held_reason": ""}  # fmt: skip
    assert client.post(url, {**posted, "files": pdf("old.pdf")}).status_code == 400
    old = PendingUpload.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(url, {**posted, "status": "ready", "remove_kept": [old.pk],
                                  "files": pdf("new.pdf", b"%PDF-1.4 new")})  # fmt: skip
    assert saved.status_code == 302
    assert [f.original_name for f in ReturnFile.objects.filter(answer=answer)] == ["new.pdf"]
    assert not PendingUpload.objects.exists()
    assert not storages["private"].exists(old.stored_name)  # the removed file is deleted


def test_a_refused_file_is_not_kept_and_says_why(client, issued, council_contributor):
    answer, url = _answer_url(issued)
    client.force_login(council_contributor)
    key = _key(client.get(url))
    posted = {"idempotency_key": key, "version": answer.version, "status": "ready",
              "text": "", "link": "", "not_held_reason": ""}  # fmt: skip
    failed = client.post(url, {**posted, "files": [exe("fake.pdf"), pdf("good.pdf")]})
    html = failed.content.decode()
    assert failed.status_code == 400 and "must be a" in html  # the refused file's message
    assert [p.original_name for p in PendingUpload.objects.all()] == ["good.pdf"]
    assert "You chose good.pdf — it will be kept" in html and "You chose fake.pdf" not in html


def test_a_request_answers_file_is_kept_after_a_bad_link(client, assessment, assessor,
                                                          council_lead):  # fmt: skip
    request = request_services.request_create(
        actor=assessor, assessment=assessment, title="Audit", reason="Latest",
        statements=assessment.framework.quality_statements.filter(number=7),
        due_on=working_days.add_working_days(timezone.localdate(), 5),
    )  # fmt: skip
    client.force_login(council_lead)
    url = reverse("returns:request_answer", args=[request.pk])
    key = _key(client.get(url))
    failed = client.post(url, {"idempotency_key": key, "text": "Here.", "link": "javascript:x",
                               "files": pdf("audit.pdf")})  # fmt: skip
    assert failed.status_code == 400
    assert "You chose audit.pdf — it will be kept" in failed.content.decode()
    saved = client.post(url, {"idempotency_key": key, "text": "Here.", "link": ""})
    assert saved.status_code == 302
    response = request.responses.get()
    assert [f.original_name for f in response.files.all()] == ["audit.pdf"]
    assert not PendingUpload.objects.exists()
    again = client.post(url, {"idempotency_key": key, "text": "Here.", "link": ""})
    assert again.status_code == 302 and request.responses.count() == 1  # one answer


def test_kept_files_are_only_their_uploaders(issued, council_contributor, council_lead):
    """Another user with the same form key finds nothing kept, and cannot remove it."""
    key = "a" * 32
    assert uploads.pending_keep(user=council_contributor, key=key, files=[pdf()]) == []
    assert uploads.pending_for(user=council_lead, key=key) == []
    mine = uploads.pending_for(user=council_contributor, key=key)
    assert uploads.pending_discard(user=council_lead, key=key, ids=[mine[0].pk]) == 0
    assert uploads.pending_for(user=council_contributor, key=key) == mine
    assert uploads.pending_for(user=council_contributor, key=None) == []


def test_a_double_click_keeps_no_second_copy(client, issued, council_contributor):
    """The second post of a saved form is stale: its file is not kept to be saved again."""
    answer, url = _answer_url(issued)
    client.force_login(council_contributor)
    key = _key(client.get(url))
    posted = {"idempotency_key": key, "version": answer.version, "status": "ready",
              "text": "", "link": "", "not_held_reason": ""}  # fmt: skip
    assert client.post(url, {**posted, "files": pdf("one.pdf")}).status_code == 302
    second = client.post(url, {**posted, "files": pdf("one.pdf")})
    assert second.status_code == 400 and b"Someone else changed this" in second.content
    assert not PendingUpload.objects.exists()
    assert ReturnFile.objects.filter(answer=answer).count() == 1


def test_a_challenges_file_is_kept_after_a_missing_correction(client, assessment, council_lead):
    """The same core helpers keep a factual accuracy challenge's file (reviews)."""
    from reviews.models import Challenge
    from tests.reviews.test_views import S, _set

    _set(assessment, S.FACTUAL_ACCURACY)
    client.force_login(council_lead)
    url = reverse("reviews:challenge_create", args=[assessment.pk])
    key = _key(client.get(url))
    posted = {"idempotency_key": key, "on": "summary", "kind": "factual",
              "text_challenged": "My typed words", "proposed_correction": ""}  # fmt: skip
    failed = client.post(url, {**posted, "files": [pdf("survey.pdf", BODY)]})
    html = failed.content.decode()
    assert "Enter your proposed correction" in html
    assert "You chose survey.pdf — it will be kept" in html and not Challenge.objects.exists()
    saved = client.post(url, {**posted, "proposed_correction": "Our words"})
    assert saved.status_code == 302
    attachment = Challenge.objects.get().attachments.get()
    assert attachment.original_name == "survey.pdf"
    assert attachment.sha256 == hashlib.sha256(BODY).hexdigest()
    assert not PendingUpload.objects.exists()
