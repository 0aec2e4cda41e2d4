"""The assessment page's deferred panels: the page links them (htmx loads them in place), each
answers htmx with the panel alone and a browser without JavaScript with a page; the page's
queries do not grow with the case's evidence, steps or history."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import panels
from assessments.models import AssessmentStatus
from assessments.services import assessment_transition
from tests.factories import EvidenceItemFactory
from tests.panels import panel_response, panel_url

pytestmark = pytest.mark.django_db


def test_the_page_links_each_panel_the_user_may_open_and_htmx_loads_it_in_place(
    client, assessment, assessor
):
    client.force_login(assessor)
    html = client.get(assessment.get_absolute_url()).content.decode()
    for panel in panels.PANELS:
        url = panel_url(assessment, panel.slug)
        # The link works without JavaScript; hx-get swaps it for the panel on load.
        assert f'href="{url}"' in html and f'hx-get="{url}"' in html, panel.slug
        assert panel.title in html


def test_a_council_lead_sees_only_the_panels_the_policy_allows(client, assessment, council_lead):
    client.force_login(council_lead)
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert "/panels/" not in html  # evidence gathering: nothing for the council yet
    for panel in panels.PANELS:
        assert client.get(panel_url(assessment, panel.slug)).status_code == 403, panel.slug


def test_htmx_gets_the_fragment_and_a_browser_the_whole_page(client, assessment, assessor):
    EvidenceItemFactory(assessment=assessment, title="Carers' survey 2024")
    client.force_login(assessor)
    fragment = client.get(panel_url(assessment, "evidence"), headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert fragment.status_code == 200
    assert body.lstrip().startswith("<section") and "<html" not in body
    assert 'id="panel-evidence"' in body and "1 current evidence item" in body
    page = panel_response(client, assessment, "evidence").content.decode()
    assert "<html" in page and 'id="panel-evidence"' in page and "1 current evidence item" in page
    assert "govuk-breadcrumbs" in page and assessment.get_absolute_url() in page


def test_an_unknown_panel_is_not_found_and_anonymous_users_are_asked_to_sign_in(
    client, assessment, assessor
):
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_on = datetime.date(2025, 6, 2)
    assessment.save()
    response = client.get(panel_url(assessment, "timeline"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    # The change since an earlier assessment is public once published, like the findings.
    assert client.get(panel_url(assessment, "improvement")).status_code == 200
    client.force_login(assessor)
    assert client.get(panel_url(assessment, "no-such-panel")).status_code == 404


def test_the_assessment_page_queries_do_not_grow_with_the_case(client, assessment, assessor):
    client.force_login(assessor)
    client.get(assessment.get_absolute_url())
    with CaptureQueriesContext(connection) as small:
        client.get(assessment.get_absolute_url())
    EvidenceItemFactory.create_batch(30, assessment=assessment)
    assessment_transition(actor=assessor, assessment=assessment, action="start_scoring")
    with CaptureQueriesContext(connection) as large:
        client.get(assessment.get_absolute_url())
    assert len(large.captured_queries) == len(small.captured_queries) <= 12
