"""Pages render in the GOV.UK layout and fit each role; the admin is for admins only."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def test_home_page_has_the_govuk_layout(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-skip-link"' in html
    # GOV.UK Frontend 6 layout: the header element holds the Generic header (this service is not on
    # GOV.UK), the service navigation and the phase banner; the footer element holds the footer.
    header = html[html.index('<header class="govuk-template__header">') : html.index("</header>")]
    assert "govuk-generic-header" in header
    assert "govuk-service-navigation" in header and "govuk-phase-banner" in header
    assert '<footer class="govuk-template__footer">' in html and 'class="govuk-footer"' in html
    assert "{#" not in html and "#}" not in html  # no template comment leaks onto the page
    assert "/static/build/app.css" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html


def test_pages_send_a_content_security_policy_without_inline_scripts(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("name", ["councils:list", "national:ratings", "pages:methods"])
def test_public_pages_open_without_signing_in(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_assessment_list_needs_sign_in(client):
    response = client.get(reverse("assessments:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_unknown_page_is_a_govuk_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_navigation_fits_each_role(client, assessor, council_lead, admin_user):
    client.force_login(assessor)
    html = client.get("/").content.decode()
    assert "Assessments" in html and ">Admin<" not in html
    client.force_login(council_lead)
    html = client.get("/").content.decode()
    assert "Your council" in html and ">Admin<" not in html
    client.force_login(admin_user)
    assert ">Admin<" in client.get("/").content.decode()


@pytest.mark.parametrize("fixture", ["assessor", "council_lead"])
def test_django_admin_is_closed_to_non_admins(client, request, fixture):
    user = request.getfixturevalue(fixture)
    user.is_staff = True  # even a staff flag set by mistake does not open it
    user.save()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_django_admin_opens_for_admins(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/assessments/qualitystatement/").status_code == 200


def test_links_styled_as_buttons_are_announced_and_work_as_buttons():
    """GOV.UK's button as a link: role="button" (so Space presses it, through GOV.UK
    Frontend's button module, and screen readers say "button") and draggable="false"."""
    templates = Path(__file__).resolve().parents[2] / "templates"
    found = []
    for path in templates.rglob("*.html"):
        for tag in re.findall(r"<a\s[^>]*>", path.read_text()):
            if re.search(r'class="govuk-button[ "]', tag):
                found.append((path.name, tag))
    assert found
    missing = [
        (name, tag)
        for name, tag in found
        if 'role="button"' not in tag or 'draggable="false"' not in tag
    ]
    assert missing == []


def test_your_assessments_lists_only_the_users_own_work(
    client, admin_user, assessor, council_lead, suffolk, nottingham
):
    """Not every published assessment the user may see: a council lead's council's, an
    assessor's teams', an admin's open ones."""
    published = AssessmentFactory(council=nottingham, status="published")
    suffolk_open = AssessmentFactory(council=suffolk, assessors=[assessor])
    suffolk_published = AssessmentFactory(council=suffolk, status="published")

    def listed(user) -> set[str]:
        client.force_login(user)
        return set(re.findall(r'href="/assessments/(\d+)/"', client.get("/").content.decode()))

    assert listed(council_lead) == {str(suffolk_open.pk), str(suffolk_published.pk)}
    assert listed(assessor) == {str(suffolk_open.pk)}
    assert listed(admin_user) == {str(suffolk_open.pk)}
    assert str(published.pk) not in listed(council_lead)
