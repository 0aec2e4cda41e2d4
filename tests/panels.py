"""Reading the assessment page's deferred panels (assessments/panels.py) in tests."""

from django.urls import reverse


def panel_url(assessment, slug: str) -> str:
    return reverse("assessments:panel", args=[assessment.pk, slug])


def panel_response(client, assessment, slug: str):
    """The panel's own page, as a browser without JavaScript opens it from the assessment
    page (200 asserted)."""
    response = client.get(panel_url(assessment, slug))
    assert response.status_code == 200, (slug, response.status_code)
    return response


def panel_html(client, assessment, slug: str) -> str:
    return panel_response(client, assessment, slug).content.decode()
