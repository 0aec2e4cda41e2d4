import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sign_in_and_out(client, assessor):
    response = client.post(
        reverse("accounts:login"), {"username": "assessor", "password": "pass-word-123"}
    )
    assert response.status_code == 302
    assert client.get(reverse("assessments:list")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("assessments:list")).status_code == 302


def test_wrong_password_shows_error_summary_and_keeps_the_username(client, assessor):
    response = client.post(reverse("accounts:login"), {"username": "assessor", "password": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'value="assessor"' in html


def test_a_failed_sign_in_never_sends_the_password_back(client, assessor):
    response = client.post(
        reverse("accounts:login"), {"username": "assessor", "password": "typed-Secret-42"}
    )
    html = response.content.decode()
    assert "typed-Secret-42" not in html
    assert 'type="password" value=""' in html
    # The form-wide error links to the first field, not to the top of the page.
    assert '<a href="#id_username">Enter a correct username and password.' in html


def test_empty_form_names_each_missing_field(client):
    html = client.post(reverse("accounts:login"), {}).content.decode()
    assert "Enter your username" in html and "Enter your password" in html


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_username_even_with_the_right_password(client, assessor):
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "assessor", "password": "nope"})
    assert AccessAttempt.objects.get(username="assessor").failures_since_start == 3
    response = client.post(
        reverse("accounts:login"), {"username": "assessor", "password": "pass-word-123"}
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed attempts" in html and "ask an admin to unlock your account" in html
    assert 'value="assessor"' in html  # the page re-shows the name that was typed
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lockout_ignores_the_case_of_the_username(client, assessor):
    for name in ("Assessor", "ASSESSOR", "assessor"):
        client.post(reverse("accounts:login"), {"username": name, "password": "nope"})
    response = client.post(
        reverse("accounts:login"), {"username": "assessor", "password": "pass-word-123"}
    )
    assert response.status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_sign_in_clears_earlier_failures(client, assessor):
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": "assessor", "password": "nope"})
    response = client.post(
        reverse("accounts:login"), {"username": "assessor", "password": "pass-word-123"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="assessor").exists()


def test_api_token_created_and_revoked_on_the_account_page(client, assessor):
    client.force_login(assessor)
    client.post(reverse("accounts:token_create"))
    from rest_framework.authtoken.models import Token

    assert Token.objects.filter(user=assessor).exists()
    client.post(reverse("accounts:token_revoke"))
    assert not Token.objects.filter(user=assessor).exists()
