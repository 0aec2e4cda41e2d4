"""Removing a member from the calibration panel (issue 16): the service, the confirmation
page and the API; the removal shows in the panel's timeline."""

import datetime

import pytest
from django.urls import reverse

from assessments.errors import AssessmentError
from assessments.models import AssessmentStatus
from audit.models import AuditEvent
from calibration import selectors, services
from calibration.models import PanelMember
from tests.factories import AssessmentFactory, council, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_qa(assessment):
    assessment.status = AssessmentStatus.QUALITY_ASSURANCE
    assessment.save()
    score_all(assessment, (3, 3, 3, 3, 3, 2, 3, 3, 3))
    return assessment


@pytest.fixture
def member(in_qa, lead_assessor):
    return services.panel_member_add(
        actor=lead_assessor, assessment=in_qa, name="Synthetic External", role="Former DASS",
        membership="external",
    )  # fmt: skip


def test_removing_a_member_is_audited_and_shown_in_the_timeline(in_qa, member, lead_assessor):
    services.panel_member_remove(actor=lead_assessor, assessment=in_qa, member=member)
    assert not PanelMember.objects.exists()
    event = AuditEvent.objects.get(action="calibration.member_remove")
    assert event.assessment == in_qa and event.note == "Synthetic External, Former DASS"
    assert event.changes["name"] == ["Synthetic External", None]
    labels = [e.label for e in selectors.calibration_history(assessment=in_qa)]
    assert labels[-1] == "Calibration panel member removed"


def test_who_may_remove_and_when(in_qa, member, assessor, admin_user, lead_assessor):
    with pytest.raises(AssessmentError, match="Only the lead assessor or an admin"):
        services.panel_member_remove(actor=assessor, assessment=in_qa, member=member)
    other = AssessmentFactory(
        council=council("Nottingham"), status=AssessmentStatus.QUALITY_ASSURANCE
    )
    with pytest.raises(AssessmentError, match="not a member of this panel"):
        services.panel_member_remove(actor=admin_user, assessment=other, member=member)
    services.panel_save(
        actor=lead_assessor, assessment=in_qa, meeting_on=datetime.date(2025, 3, 3),
        chair=admin_user,
    )  # fmt: skip
    services.panel_propose(actor=lead_assessor, assessment=in_qa)
    for outcome in selectors.panel_of(assessment=in_qa).outcomes.all():
        services.panel_outcome_record(
            actor=admin_user, assessment=in_qa, statement=outcome.statement,
            agreed_score=outcome.proposed_score, reason="",
        )  # fmt: skip
    services.panel_sign_off(actor=admin_user, assessment=in_qa)
    with pytest.raises(AssessmentError, match="signed off"):
        services.panel_member_remove(actor=lead_assessor, assessment=in_qa, member=member)
    assert PanelMember.objects.filter(pk=member.pk).exists()


def test_the_confirmation_page_removes_the_member(client, in_qa, member, lead_assessor, assessor):
    url = reverse("calibration:member_remove", args=[in_qa.pk, member.pk])
    client.force_login(assessor)
    assert client.get(url).status_code == 403
    client.force_login(lead_assessor)
    panel = client.get(reverse("calibration:panel", args=[in_qa.pk])).content.decode()
    assert url in panel
    page = client.get(url).content.decode()
    assert "Remove Synthetic External from the panel?" in page and "govuk-button--warning" in page
    response = client.post(url, follow=True)
    assert "Synthetic External was removed from the panel." in response.content.decode()
    assert not PanelMember.objects.exists()
    assert client.get(url).status_code == 404


def test_the_api_removes_a_member(token_client, in_qa, member, lead_assessor, assessor):
    url = f"/api/v1/assessments/{in_qa.pk}/calibration/members/{member.pk}/"
    assert token_client(assessor).delete(url).status_code == 403
    lead = token_client(lead_assessor)
    assert lead.delete(url).status_code == 204
    assert lead.delete(url).status_code == 404
    assert not PanelMember.objects.exists()


def test_adding_a_member_twice_with_the_same_form_or_key_adds_one(
    client, token_client, in_qa, lead_assessor
):
    client.force_login(lead_assessor)
    url = reverse("calibration:member_add", args=[in_qa.pk])
    key = client.get(url).context["form"]["idempotency_key"].value()
    post = {"name": "Synthetic Internal", "role": "Head of assessment",
            "membership": "internal", "idempotency_key": key}  # fmt: skip
    assert client.post(url, post).status_code == 302
    assert client.post(url, post).status_code == 302
    assert PanelMember.objects.filter(name="Synthetic Internal").count() == 1
    api = token_client(lead_assessor)
    body = {"name": "Synthetic External", "role": "Former DASS", "membership": "external"}
    url = f"/api/v1/assessments/{in_qa.pk}/calibration/members/"
    first = api.post(url, body, format="json", headers={"Idempotency-Key": "member-0001"})
    again = api.post(url, body, format="json", headers={"Idempotency-Key": "member-0001"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert PanelMember.objects.filter(name="Synthetic External").count() == 1
