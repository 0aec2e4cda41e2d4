"""API tokens over the API: create, inspect, revoke; admins revoke anyone's."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = "/api/v1/account/token/"


def test_a_signed_in_user_creates_and_revokes_their_token(assessor):
    session = APIClient()
    session.force_login(assessor)
    assert session.get(URL).json() == {"has_token": False, "created": None}
    created = session.post(URL)
    assert created.status_code == 201
    key = created.json()["key"]
    assert session.get(URL).json()["has_token"] is True
    by_token = APIClient()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert by_token.get(URL).status_code == 200
    assert by_token.delete(URL).status_code == 204
    assert by_token.get(URL).status_code == 401
    assert not Token.objects.filter(user=assessor).exists()
    actions = set(AuditEvent.objects.filter(actor=assessor).values_list("action", flat=True))
    assert {"token.create", "token.revoke"} <= actions


def test_an_admin_revokes_anyones_token(token_client, admin_user, assessor):
    victim = token_client(assessor)
    response = token_client(admin_user).delete(f"/api/v1/users/{assessor.pk}/token/")
    assert response.status_code == 204
    assert victim.get(URL).status_code == 401
    event = AuditEvent.objects.get(action="token.revoke")
    assert event.actor == admin_user and event.target_id == str(assessor.pk)


def test_others_cannot_revoke_someone_elses_token(token_client, assessor, council_lead):
    token_client(assessor)
    response = token_client(council_lead).delete(f"/api/v1/users/{assessor.pk}/token/")
    assert response.status_code == 404
    assert Token.objects.filter(user=assessor).exists()
    own = token_client(council_lead).delete(f"/api/v1/users/{council_lead.pk}/token/")
    assert own.status_code == 204


def test_token_endpoints_need_authentication(api):
    assert api.get(URL).status_code == 401
    assert api.post(URL).status_code == 401
