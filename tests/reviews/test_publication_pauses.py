"""Ending a pre-election publication pause early, or removing one not begun (issue 16):
the service, the confirmation page and the API."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.errors import AssessmentError
from audit.models import AuditEvent
from reviews.models import PublicationPause
from reviews.selectors import publication_pause_for
from reviews.services import publication_pause_create, publication_pause_end
from tests.factories import council

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _pause(admin_user, starts: int, ends: int, **extra) -> PublicationPause:
    today = timezone.localdate()
    return publication_pause_create(
        actor=admin_user, name="Local elections pre-election period",
        starts_on=today + starts * DAY, ends_on=today + ends * DAY, **extra,
    )  # fmt: skip


def test_a_pause_under_way_ends_yesterday_so_publishing_may_go_ahead_today(admin_user):
    pause = _pause(admin_user, -3, 20, councils=[council("Suffolk")])
    today = timezone.localdate()
    assert publication_pause_for(council_id=council("Suffolk").pk, on=today) == pause
    ended = publication_pause_end(actor=admin_user, pause=pause)
    assert ended.ends_on == today - DAY and ended.starts_on == today - 3 * DAY
    assert publication_pause_for(council_id=council("Suffolk").pk, on=today) is None
    event = AuditEvent.objects.get(action="publication.pause_end")
    assert event.changes == {"ends_on": [(today + 20 * DAY).isoformat(), (today - DAY).isoformat()]}


def test_a_pause_not_begun_is_removed_and_the_audit_keeps_it(admin_user):
    pause = _pause(admin_user, 0, 10)
    assert publication_pause_end(actor=admin_user, pause=pause) is None
    assert not PublicationPause.objects.exists()
    event = AuditEvent.objects.get(action="publication.pause_end")
    assert event.target_repr.startswith("Local elections pre-election period")
    assert "removed before it began" in event.note


def test_only_admins_end_pauses_and_one_already_over_stays(admin_user, lead_assessor):
    over = _pause(admin_user, -30, -1)
    with pytest.raises(AssessmentError, match="Only an admin"):
        publication_pause_end(actor=lead_assessor, pause=over)
    with pytest.raises(AssessmentError, match="stays as the record"):
        publication_pause_end(actor=admin_user, pause=over)
    assert PublicationPause.objects.get().ends_on == over.ends_on
    assert not AuditEvent.objects.filter(action="publication.pause_end").exists()


def test_the_confirmation_page_ends_the_pause_for_admins_only(client, admin_user, lead_assessor):
    pause = _pause(admin_user, -1, 5)
    later = _pause(admin_user, 3, 5)
    url = reverse("reviews:publication_pause_end", args=[pause.pk])
    client.force_login(lead_assessor)
    assert client.get(url).status_code == 403
    client.force_login(admin_user)
    listing = client.get(reverse("reviews:publication_pauses")).content.decode()
    assert url in listing and reverse("reviews:publication_pause_end", args=[later.pk]) in listing
    assert ">End now<" in listing and ">Remove<" in listing
    page = client.get(url).content.decode()
    assert "End Local elections pre-election period?" in page
    assert "may be published from today" in page
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("reviews:publication_pauses")
    assert "publishing may go ahead" in response.content.decode()
    pause.refresh_from_db()
    assert pause.ends_on == timezone.localdate() - DAY
    # Now over: the page says so, offers no button, and a forced post is refused on the page.
    page = client.get(url).content.decode()
    assert "The period is over" in page and "End the period now" not in page
    refused = client.post(url).content.decode()
    assert "<title>Error:" in refused and "stays as the record" in refused
    assert client.get(reverse("reviews:publication_pause_end", args=[999])).status_code == 404


def test_the_api_ends_or_removes_a_pause(token_client, admin_user, lead_assessor):
    under_way, later = _pause(admin_user, -1, 5), _pause(admin_user, 2, 5)
    admin = token_client(admin_user)
    assert token_client(lead_assessor).post(
        f"/api/v1/publication-pauses/{under_way.pk}/end/"
    ).status_code == 403  # fmt: skip
    ended = admin.post(f"/api/v1/publication-pauses/{under_way.pk}/end/").json()
    assert ended["action_taken"] == "ended"
    assert ended["pause"]["ends_on"] == (timezone.localdate() - DAY).isoformat()
    removed = admin.post(f"/api/v1/publication-pauses/{later.pk}/end/").json()
    assert removed == {"action_taken": "removed", "pause": None}
    again = admin.post(f"/api/v1/publication-pauses/{under_way.pk}/end/")
    assert again.status_code == 409 and "stays as the record" in str(again.json())
    assert admin.post("/api/v1/publication-pauses/999/end/").status_code == 404


def test_adding_a_pause_twice_with_the_same_form_or_key_adds_one(client, token_client, admin_user):
    client.force_login(admin_user)
    url = reverse("reviews:publication_pauses")
    key = client.get(url).context["form"]["idempotency_key"].value()
    today = timezone.localdate() + 10 * DAY
    post = {"name": "Local elections pre-election period", "idempotency_key": key,
            "starts_on-day": today.day, "starts_on-month": today.month,
            "starts_on-year": today.year, "ends_on-day": today.day,
            "ends_on-month": today.month, "ends_on-year": today.year}  # fmt: skip
    assert client.post(url, post).status_code == 302
    assert client.post(url, post).status_code == 302
    assert PublicationPause.objects.count() == 1
    api = token_client(admin_user)
    body = {"name": "By-election", "starts_on": str(today), "ends_on": str(today)}
    first = api.post("/api/v1/publication-pauses/", body, format="json",
                     headers={"Idempotency-Key": "pause-00001"})  # fmt: skip
    again = api.post("/api/v1/publication-pauses/", body, format="json",
                     headers={"Idempotency-Key": "pause-00001"})  # fmt: skip
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert PublicationPause.objects.count() == 2
