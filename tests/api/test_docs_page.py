"""The API docs page sits inside the service's own layout (header, navigation, footer)."""

import re

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/docs/"


def test_the_api_docs_page_has_the_service_header_and_footer(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>\s*API documentation - Assess adult social care\s*</title>", html)
    assert 'class="govuk-template__header"' in html and 'class="govuk-footer"' in html
    assert 'class="govuk-service-navigation"' in html and 'id="main-content"' in html
    assert '<div id="swagger-ui"' in html
    # Swagger UI from local files; its start-up script is a same-origin file (no inline code).
    assert "<script>" not in html and "<style>" not in html
    assert re.search(r'<script src="[^"]*\?[^"]*script=[^"]*"></script>', html)


def test_a_signed_in_user_sees_their_navigation_on_the_api_docs(client, admin_user):
    client.force_login(admin_user)
    html = client.get(URL).content.decode()
    assert "Your account" in html and "Sign out" in html


def test_the_start_up_script_is_still_served(client):
    response = client.get(URL, {"script": ""})
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
