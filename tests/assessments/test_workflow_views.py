"""Workflow steps through the pages: the actions panel, the timeline, confirming a step."""

import datetime

import pytest
from django.urls import reverse

from assessments.models import AssessmentStatus, StatusTransition
from assessments.services import assessment_transition
from tests.panels import panel_html, panel_url

pytestmark = pytest.mark.django_db
S = AssessmentStatus


def _set(assessment, status, **fields):
    assessment.status = status
    if status == S.PUBLISHED:
        assessment.published_on = datetime.date(2025, 6, 2)
    if status == S.FACTUAL_ACCURACY:
        assessment.fa_sent_on = datetime.date.today()
        assessment.fa_due_on = datetime.date.today() + datetime.timedelta(days=14)
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.save()
    return assessment


def test_assessment_page_shows_actions_and_timeline(client, assessment, assessor):
    _set(assessment, S.PLANNED)
    assessment_transition(actor=assessor, assessment=assessment, action="start_evidence")
    client.force_login(assessor)
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert reverse("assessments:transition", args=[assessment.pk, "start_scoring"]) in html
    assert "Withdraw the assessment" not in html  # admins only
    assert panel_url(assessment, "timeline") in html  # loaded on its own (htmx) or a link
    timeline = panel_html(client, assessment, "timeline")
    assert 'id="timeline"' in timeline and "Planned to evidence gathering" in timeline


def test_council_lead_sees_no_timeline_or_actions(client, assessment, council_lead):
    client.force_login(council_lead)
    html = client.get(assessment.get_absolute_url()).content.decode()
    assert 'id="timeline"' not in html and "/steps/" not in html


def test_transition_through_the_page(client, assessment, assessor):
    client.force_login(assessor)
    url = reverse("assessments:transition", args=[assessment.pk, "start_scoring"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"note": "All evidence in."})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == S.SCORING
    assert StatusTransition.objects.get(assessment=assessment).note == "All evidence in."


def test_refused_transition_shows_the_reason_on_the_page(client, assessment, assessor):
    _set(assessment, S.SCORING)
    client.force_login(assessor)
    url = reverse("assessments:transition", args=[assessment.pk, "submit_for_qa"])
    response = client.post(url, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "9 of 9 are not scored yet" in html
    assert html.count("<title>Error: ") == 1


def test_transition_from_the_wrong_status_redirects_with_a_message(client, assessment, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("assessments:transition", args=[assessment.pk, "publish"]), follow=True
    )
    assert response.status_code == 200
    assert "while the assessment is evidence gathering" in response.content.decode()


def test_transition_not_allowed_for_the_role_is_403(client, assessment, assessor):
    _set(assessment, S.FACTUAL_ACCURACY)
    client.force_login(assessor)
    response = client.post(reverse("assessments:transition", args=[assessment.pk, "publish"]))
    assert response.status_code == 403
    assert "Only an admin" in response.content.decode()


def test_withdraw_without_a_reason_keeps_the_page_with_an_error(client, assessment, admin_user):
    client.force_login(admin_user)
    url = reverse("assessments:transition", args=[assessment.pk, "withdraw"])
    response = client.post(url, {"note": ""})
    assert response.status_code == 200
    assert "Enter the reason for withdrawing" in response.content.decode()
