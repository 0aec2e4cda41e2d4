"""Opening an assessment and changing its dates and team: forms, versions and history."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse

from assessments import services
from assessments.models import Assessment, AssessmentKind, AssessmentStatus
from audit.models import AuditEvent
from tests.factories import AssessmentFactory
from tests.panels import panel_html, panel_response, panel_url

pytestmark = pytest.mark.django_db


def test_admin_opens_an_assessment_through_the_form(client, admin_user, lead_assessor, assessor):
    client.force_login(admin_user)
    response = client.post(
        reverse("assessments:create"),
        {
            "council": Assessment._meta.get_field("council")
            .related_model.objects.get(name="Lincolnshire")
            .pk,
            "kind": AssessmentKind.PILOT,
            "notified_on": "3/4/2023",
            "site_visit_on": "5/6/2023",
            "lead_assessor": lead_assessor.pk,
            "assessors": [assessor.pk],
        },
    )
    assessment = Assessment.objects.get(council__name="Lincolnshire")
    assert response.status_code == 302 and response.url == assessment.get_absolute_url()
    assert assessment.is_pilot and assessment.status == AssessmentStatus.PLANNED
    assert assessment.team_user_ids() == {lead_assessor.pk, assessor.pk}
    event = AuditEvent.objects.get(action="assessment.create")
    assert event.actor == admin_user and event.changes["notified_on"] == [None, "2023-04-03"]


def test_create_form_shows_errors_and_keeps_input(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("assessments:create"), {"kind": "", "notified_on": "40/4/2023"})
    html = response.content.decode()
    assert response.status_code == 400 and "<title>Error: " in html
    assert "Select the council to assess" in html
    assert "Date the council was notified must be a real date" in html
    assert 'value="40/4/2023"' in html


def test_second_open_assessment_for_a_council_is_refused(client, admin_user, assessment):
    client.force_login(admin_user)
    response = client.post(
        reverse("assessments:create"), {"council": assessment.council_id, "kind": "formal"}
    )
    assert response.status_code == 400
    assert "Suffolk already has an open assessment" in response.content.decode()
    assert Assessment.objects.filter(council=assessment.council).count() == 1


def test_database_allows_one_open_assessment_per_council(assessment):
    with pytest.raises(IntegrityError):
        AssessmentFactory(council=assessment.council, status=AssessmentStatus.PLANNED)


def test_published_assessments_stay_as_history_beside_an_open_one(suffolk):
    AssessmentFactory(council=suffolk, status=AssessmentStatus.PUBLISHED)
    AssessmentFactory(council=suffolk, status=AssessmentStatus.PUBLISHED)
    AssessmentFactory(council=suffolk, status=AssessmentStatus.EVIDENCE_GATHERING)
    assert Assessment.objects.filter(council=suffolk).count() == 3


@pytest.mark.parametrize(("fixture", "status"), [("assessor", 403), ("council_lead", 403)])
def test_only_admins_open_assessments(client, request, fixture, status):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("assessments:create")).status_code == status


def test_lead_assessor_changes_dates_and_team_and_history_shows_it(
    client, assessment, lead_assessor, assessor, outside_assessor
):
    client.force_login(lead_assessor)
    url = reverse("assessments:edit", args=[assessment.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "notified_on": "6/1/2025",
            "site_visit_on": "10/3/2025",
            "lead_assessor": lead_assessor.pk,
            "assessors": [assessor.pk, outside_assessor.pk],
            "version": assessment.version,
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.site_visit_on == datetime.date(2025, 3, 10) and assessment.version == 2
    event = AuditEvent.objects.get(action="assessment.update")
    assert event.actor == lead_assessor
    assert event.changes["site_visit_on"] == [None, "2025-03-10"]
    assert event.changes["assessors"][1] == sorted([str(assessor), str(outside_assessor)])
    html = panel_html(client, assessment, "history")
    assert "Change history" in html and "Assessment changed" in html
    assert "<del>–</del>" in html and "<ins>10 March 2025</ins>" in html


@pytest.mark.parametrize("fixture", ["assessor", "council_lead"])
def test_only_admin_or_lead_assessor_edits(client, assessment, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("assessments:edit", args=[assessment.pk])).status_code == 403


def test_admin_edits_any_open_assessment(client, assessment, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("assessments:edit", args=[assessment.pk])).status_code == 200


def test_site_visit_before_notification_is_refused(client, assessment, lead_assessor):
    client.force_login(lead_assessor)
    response = client.post(
        reverse("assessments:edit", args=[assessment.pk]),
        {"notified_on": "6/1/2025", "site_visit_on": "1/1/2025", "version": 1},
    )
    assert response.status_code == 400
    assert "Site visit date must be on or after" in response.content.decode()


def test_stale_assessment_edit_shows_both_versions(client, assessment, lead_assessor, admin_user):
    services.assessment_update(
        actor=admin_user,
        assessment=assessment,
        version=1,
        notified_on=datetime.date(2025, 1, 6),
        site_visit_on=datetime.date(2025, 4, 1),
        lead_assessor=lead_assessor,
        assessors=list(assessment.assessors.all()),
    )
    client.force_login(lead_assessor)
    response = client.post(
        reverse("assessments:edit", args=[assessment.pk]),
        {"notified_on": "6/1/2025", "site_visit_on": "2/5/2025", "version": 1},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "changed since you opened it" in html
    assert "1 April 2025" in html and "2 May 2025" in html
    assessment.refresh_from_db()
    assert assessment.site_visit_on == datetime.date(2025, 4, 1)


def test_closed_assessment_cannot_be_updated(assessment, admin_user):
    assessment.status = AssessmentStatus.WITHDRAWN
    assessment.save()
    with pytest.raises(services.AssessmentError, match="withdrawn assessment cannot be changed"):
        services.assessment_update(
            actor=admin_user,
            assessment=assessment,
            version=assessment.version,
            notified_on=None,
            site_visit_on=None,
            lead_assessor=None,
        )


def test_history_is_for_the_team_only(client, assessment, council_lead, assessor):
    client.force_login(council_lead)
    assert client.get(panel_url(assessment, "history")).status_code == 403
    assert (
        panel_url(assessment, "history")
        not in client.get(assessment.get_absolute_url()).content.decode()
    )
    client.force_login(assessor)
    assert panel_response(client, assessment, "history").context["assessment_history"] == []
