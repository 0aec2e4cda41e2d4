"""Starting evidence gathering issues the information return (the workflow map's `then`
effect on "start_evidence"), with the default due date, in the lead assessor's name; the
explicit step stays for the other cases."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessments import working_days
from assessments.models import AssessmentStatus
from assessments.services import assessment_transition
from assessments.workflow import ACTIONS, issue_information_return
from audit.models import AuditEvent
from returns.models import InformationReturn, Notification
from returns.services import returns as services
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(suffolk, lead_assessor, assessor):
    return AssessmentFactory(council=suffolk, lead_assessor=lead_assessor, assessors=[assessor],
                             status=AssessmentStatus.PLANNED)  # fmt: skip


def test_the_step_is_in_the_map():
    assert issue_information_return in ACTIONS["start_evidence"].then


def test_starting_evidence_gathering_issues_the_return(
    planned, assessor, lead_assessor, council_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assessment_transition(actor=assessor, assessment=planned, action="start_evidence")
    information_return = InformationReturn.objects.get(assessment=planned)
    assert information_return.issued_by == lead_assessor  # the lead assessor issues it
    assert information_return.due_on == working_days.add_working_days(timezone.localdate(), 20)
    assert information_return.answers.count() == 18
    assert [m.to for m in mail.outbox] == [[council_lead.email]]
    assert Notification.objects.filter(user=council_lead, kind="return_issued").count() == 1
    event = AuditEvent.objects.get(action="return.issue")
    assert event.actor == assessor  # who took the step


def test_a_return_issued_before_is_kept_as_it_is(planned, assessor, lead_assessor):
    due = working_days.add_working_days(timezone.localdate(), 30)
    first = services.return_issue(actor=lead_assessor, assessment=planned, due_on=due)
    assessment_transition(actor=assessor, assessment=planned, action="start_evidence")
    assert InformationReturn.objects.get(assessment=planned) == first
    assert InformationReturn.objects.get(assessment=planned).due_on == due
    assert AuditEvent.objects.filter(action="return.issue").count() == 1


def test_a_historic_step_issues_nothing(planned, assessor):
    """The demo and imports record steps taken on past days; no council is asked now."""
    on = timezone.localdate() - datetime.timedelta(days=400)
    assessment_transition(actor=assessor, assessment=planned, action="start_evidence", on=on)
    assert not InformationReturn.objects.filter(assessment=planned).exists()


def test_the_explicit_step_then_says_it_is_issued(client, planned, assessor, lead_assessor):
    assessment_transition(actor=assessor, assessment=planned, action="start_evidence")
    client.force_login(lead_assessor)
    response = client.get(reverse("returns:issue", args=[planned.pk]))
    assert response.status_code == 302
    assert response.url == reverse("returns:task_list", args=[planned.pk])


def test_the_councils_home_tasks_end_when_it_can_no_longer_answer(planned, assessor, council_lead):
    """An issued return stays with the assessment; once past quality assurance the council
    can no longer answer it, so it leaves the council's open tasks."""
    from returns import selectors

    assessment_transition(actor=assessor, assessment=planned, action="start_evidence")
    assert [t.label for t in selectors.open_tasks(council_lead)] == [
        "Information return of Suffolk"
    ]
    type(planned).objects.filter(pk=planned.pk).update(status=AssessmentStatus.FACTUAL_ACCURACY)
    assert selectors.open_tasks(council_lead) == []
