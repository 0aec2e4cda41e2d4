"""The sign-in lockout covers the admin's sign-in page too, and admins can unlock a user."""

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from accounts import selectors
from audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_three_tries")]

ADMIN_LOGIN = "/admin/login/"
GOOD = "pass-word-123"


@pytest.fixture
def _three_tries():
    with override_settings(AXES_FAILURE_LIMIT=3):
        yield


def _fail(client, url, username, times):
    return [
        client.post(url, {"username": username, "password": "wrong"}).status_code
        for _ in range(times)
    ]


def test_wrong_passwords_on_the_admin_sign_in_lock_the_account(client, admin_user):
    # Before the fix the admin's page answered 200 to every failure and then let the user in.
    statuses = _fail(client, ADMIN_LOGIN, "admin", 3)
    assert statuses[:2] == [200, 200]
    assert statuses[2] == 429
    response = client.post(ADMIN_LOGIN, {"username": "admin", "password": GOOD})
    assert response.status_code == 429
    assert "Too many failed attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # ... and the service's own sign-in page refuses the right password too.
    response = client.post(reverse("accounts:login"), {"username": "admin", "password": GOOD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_on_both_sign_in_pages_count_together(client, admin_user):
    _fail(client, ADMIN_LOGIN, "admin", 2)
    assert _fail(client, reverse("accounts:login"), "admin", 1) == [429]
    response = client.post(ADMIN_LOGIN, {"username": "admin", "password": GOOD})
    assert response.status_code == 429


def test_the_lockout_page_is_the_service_page_with_the_username_kept(client, assessor):
    _fail(client, ADMIN_LOGIN, "assessor", 3)
    html = client.post(ADMIN_LOGIN, {"username": "assessor", "password": GOOD}).content.decode()
    assert "govuk-error-summary" in html
    assert 'value="assessor"' in html
    assert GOOD not in html


def test_admin_unlocks_a_locked_out_user_on_the_page_and_it_is_audited(
    client, admin_user, assessor
):
    _fail(client, reverse("accounts:login"), "assessor", 3)
    client.force_login(admin_user)
    page = client.get(reverse("accounts:locked_users"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "assessor" in html and reverse("accounts:user_unlock", args=[assessor.pk]) in html

    response = client.post(reverse("accounts:user_unlock", args=[assessor.pk]))
    assert response.status_code == 302
    assert selectors.locked_out_users() == []
    event = AuditEvent.objects.get(action="user.unlock")
    assert event.actor == admin_user and event.target_id == str(assessor.pk)
    assert "Nobody is locked out" in client.get(reverse("accounts:locked_users")).content.decode()

    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "assessor", "password": GOOD})
    assert response.status_code == 302


def test_unlocking_a_user_who_is_not_locked_records_nothing(client, admin_user, assessor):
    client.force_login(admin_user)
    client.post(reverse("accounts:user_unlock", args=[assessor.pk]))
    assert not AuditEvent.objects.filter(action="user.unlock").exists()


def test_only_admins_may_see_or_unlock(client, assessor, lead_assessor):
    _fail(client, reverse("accounts:login"), "lead", 3)
    client.force_login(assessor)
    assert client.get(reverse("accounts:locked_users")).status_code == 403
    assert client.post(reverse("accounts:user_unlock", args=[lead_assessor.pk])).status_code == 403
    assert AccessAttempt.objects.filter(username="lead").exists()


def test_admin_unlocks_through_the_api(client, token_client, admin_user, assessor):
    _fail(client, reverse("accounts:login"), "assessor", 3)
    api = token_client(admin_user)
    listed = api.get(reverse("api:users-locked"))
    assert listed.status_code == 200
    assert [row["username"] for row in listed.json()["results"]] == ["assessor"]
    assert listed.json()["results"][0]["failures"] == 3

    response = api.post(reverse("api:user-unlock", args=[assessor.pk]))
    assert response.status_code == 200 and response.json() == {"unlocked": True}
    assert api.get(reverse("api:users-locked")).json()["results"] == []
    assert AuditEvent.objects.filter(action="user.unlock").count() == 1
    assert api.post(reverse("api:user-unlock", args=[assessor.pk])).json() == {"unlocked": False}


def test_the_unlock_api_refuses_everyone_but_admins(token_client, api, assessor):
    assert api.post(reverse("api:user-unlock", args=[assessor.pk])).status_code == 401
    other = token_client(assessor)
    assert other.get(reverse("api:users-locked")).status_code == 403
    assert other.post(reverse("api:user-unlock", args=[assessor.pk])).status_code == 403
