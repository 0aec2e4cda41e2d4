"""Over-size posts and a lost database answer with GOV.UK pages (413, 503), never Django's
debug page or a bare 400/500."""

import json
import re

import pytest
from django.db import OperationalError
from django.urls import reverse

from evidence.models import EvidenceItem

pytestmark = pytest.mark.django_db
SIX_MB = 6 * 1024 * 1024


def test_a_six_megabyte_form_post_gets_the_413_page_with_a_way_back(client, assessment, assessor):
    client.force_login(assessor)
    url = reverse("evidence:create", args=[assessment.pk])
    response = client.post(
        url,
        {"title": "Survey", "narrative": "x" * SIX_MB},
        HTTP_REFERER=f"http://testserver{url}",
    )
    html = response.content.decode()
    assert response.status_code == 413
    assert "What you sent is too large" in html and "nothing was saved" in html
    assert f'href="{url}"' in html  # back to the form
    assert "RequestDataTooBig" not in html and "Traceback" not in html
    assert EvidenceItem.objects.count() == 0


def test_the_413_page_never_links_to_another_site(client, assessor):
    client.force_login(assessor)
    response = client.post(
        reverse("accounts:token_create"),
        {"x": "y" * SIX_MB},
        HTTP_REFERER="https://evil.example/phish",
    )
    assert response.status_code == 413
    assert "evil.example" not in response.content.decode()


def test_an_over_size_api_body_gets_413_json(token_client, assessment, assessor):
    api = token_client(assessor)
    response = api.post(
        reverse("api:evidence-list", args=[assessment.pk]),
        data=json.dumps({"narrative": "x" * SIX_MB}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"


def _database_gone(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def test_a_page_that_meets_a_lost_database_answers_503_try_again(
    client, assessment, assessor, monkeypatch
):
    from evidence import selectors

    client.force_login(assessor)
    monkeypatch.setattr(selectors, "assessment_for_evidence_pages", _database_gone)
    url = reverse("evidence:create", args=[assessment.pk])
    response = client.post(url, {"title": "Survey"}, HTTP_REFERER=f"http://testserver{url}")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Sorry, the service is unavailable" in html and "Try again" in html
    assert "What you sent was not saved" in html and f'href="{url}"' in html


def test_the_503_page_shows_what_was_typed_in_a_form_that_sends_it_again(
    client, assessment, assessor, monkeypatch
):
    from evidence import selectors

    client.force_login(assessor)
    monkeypatch.setattr(selectors, "assessment_for_evidence_pages", _database_gone)
    url = reverse("evidence:create", args=[assessment.pk])
    narrative = "Waiting times fell <b>sharply</b> after the new triage team started."
    response = client.post(
        url,
        {
            "title": "Triage survey",
            "narrative": narrative,
            "statements": ["1", "6"],
            "idempotency_key": "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
            "password": "never-echoed",
        },
    )
    html = response.content.decode()
    assert response.status_code == 503
    assert "What you typed" in html and f'action="{url}"' in html
    # Every typed value is back in a labelled box, escaped; the form's key rides along hidden
    # so sending it again cannot record the item twice.
    assert ">Triage survey</textarea>" in html
    assert "Waiting times fell &lt;b&gt;sharply&lt;/b&gt;" in html and "<b>sharply" not in html
    assert html.count('name="statements"') == 2
    assert (
        '<input type="hidden" name="idempotency_key" value="a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6">'
        in html
    )
    assert 'name="csrfmiddlewaretoken"' in html
    assert "never-echoed" not in html
    for field_id in re.findall(r'<textarea[^>]*id="([^"]+)"', html):
        assert f'for="{field_id}"' in html  # each box has its label


def test_an_api_call_that_meets_a_lost_database_answers_503_json(
    token_client, assessment, assessor, monkeypatch
):
    from evidence import apis

    api = token_client(assessor)
    monkeypatch.setattr(apis, "_assessment", _database_gone)
    response = api.get(reverse("api:evidence-list", args=[assessment.pk]))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["code"] == "service_unavailable"


def test_a_lost_database_while_loading_the_session_is_a_503(assessor, monkeypatch):
    """Before the view runs (the sign-in check loads the session), the error reaches
    handler500, which answers 503 as well."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(assessor)
    monkeypatch.setattr(SessionStore, "load", _database_gone)
    response = client.get(reverse("assessments:list"))
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_the_handler_keeps_500_for_other_errors(rf):
    from core import failsafe

    request = rf.get("/assessments/")
    try:
        raise OperationalError("the database system is shutting down")
    except OperationalError:
        response = failsafe.server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    try:
        raise ValueError("a bug")
    except ValueError:
        response = failsafe.server_error(request)
    assert response.status_code == 500
