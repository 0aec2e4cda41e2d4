"""Improvement action plans and reassessment (issue 16)."""

import datetime

import pytest
from django.urls import reverse

from actionplans import selectors, services
from actionplans.models import ImprovementAction
from assessments.errors import AssessmentError
from assessments.models import AssessmentStatus, QualityStatement
from audit.models import AuditEvent
from tests.factories import AssessmentFactory, published_assessment, score_all
from tests.panels import panel_html

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def published(suffolk, lead_assessor, assessor):
    assessment = published_assessment(
        suffolk, [2, 2, 2, 3, 3, 2, 3, 3, 3],
        published_on=datetime.date(2025, 6, 2), lead_assessor=lead_assessor,
    )  # fmt: skip
    assessment.assessors.set([assessor])
    return assessment


def _statement(assessment, number):
    return QualityStatement.objects.get(framework=assessment.framework, number=number)


def test_the_council_records_and_updates_actions_overdue_flagged(published, council_lead):
    overdue = services.action_add(
        actor=council_lead, assessment=published, statement=_statement(published, 6),
        action="Plan transitions for young people at 16.", owner="Head of transitions",
        due_on=TODAY - datetime.timedelta(days=1),
    )  # fmt: skip
    services.action_add(
        actor=council_lead, assessment=published, statement=None,
        action="Publish waiting times monthly.", owner="Director", due_on=TODAY,
    )  # fmt: skip
    services.action_update(actor=council_lead, action=overdue, status="in_progress",
                           note="Pathway drafted with health partners.")  # fmt: skip
    rows = selectors.action_plan(assessment=published)
    assert [r.overdue for r in rows] == [True, False]
    assert rows[0].notes.get().text == "Pathway drafted with health partners."
    assert selectors.plan_outcome(rows) == {"total": 2, "overdue": 1, "in_progress": 1,
                                            "not_started": 1}  # fmt: skip
    assert AuditEvent.objects.filter(assessment=published, action__startswith="action_plan.")\
        .count() == 3  # fmt: skip
    with pytest.raises(AssessmentError, match="Change the status or add a progress note"):
        services.action_update(actor=council_lead, action=overdue, status="in_progress")


def test_only_council_leads_edit_and_only_after_publication(
    published, lead_assessor, other_council_lead, assessment, council_lead
):
    for actor in (lead_assessor, other_council_lead):
        with pytest.raises(AssessmentError, match="Only a council lead"):
            services.action_add(actor=actor, assessment=published, statement=None,
                                action="x", owner="y", due_on=TODAY)  # fmt: skip
    with pytest.raises(AssessmentError, match="after publication"):
        services.action_add(actor=council_lead, assessment=assessment, statement=None,
                            action="x", owner="y", due_on=TODAY)  # fmt: skip


def test_plan_page_form_and_update_from_the_finding(
    client, published, council_lead, lead_assessor, django_assert_max_num_queries
):
    client.force_login(council_lead)
    url = reverse("actionplans:plan", args=[published.pk])
    bad = client.post(url, {"statement": "6", "action": "", "owner": "Me"})
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    date = {"due_on-day": "1", "due_on-month": "1", "due_on-year": "2020"}
    ok = client.post(url, {"statement": "6", "action": "Plan transitions.", "owner": "Head",
                           **date})  # fmt: skip
    assert ok.status_code == 302, ok.content.decode()[:3000]
    action = ImprovementAction.objects.get()
    page = client.get(url).content.decode()
    assert "Overdue" in page and "Plan transitions." in page
    update = reverse("actionplans:update", args=[published.pk, action.pk])
    assert client.post(update, {"status": "done", "note": "Done in May."}).status_code == 302
    client.force_login(lead_assessor)  # the team sees, but does not edit
    assert client.get(url).status_code == 200
    assert client.get(update).status_code == 403
    for n in range(5):
        ImprovementAction.objects.create(assessment=published, action=f"A{n}", owner="o",
                                         due_on=TODAY, created_by=council_lead)  # fmt: skip
    with django_assert_max_num_queries(25):
        client.get(url)


def test_api_adds_and_updates_actions(token_client, published, council_lead, lead_assessor):
    client = token_client(council_lead)
    base = f"/api/v1/assessments/{published.pk}/action-plan/"
    assert client.post(base, {"action": "", "owner": "x", "due_on": "2026-01-01"},
                       format="json").status_code == 400  # fmt: skip
    made = client.post(base, {"statement": 6, "action": "Plan.", "owner": "Head",
                              "due_on": "2020-01-01"}, format="json")  # fmt: skip
    assert made.status_code == 201 and made.json()["overdue"] is True
    updated = client.post(f"{base}{made.json()['id']}/", {"status": "done"}, format="json")
    assert updated.status_code == 200 and updated.json()["overdue"] is False
    assert token_client(lead_assessor).post(base, {}, format="json").status_code == 403
    assert token_client(lead_assessor).get(base).json()["count"] == 1


def test_the_next_assessment_shows_the_previous_plan_and_the_change(
    client, published, council_lead, lead_assessor, suffolk
):
    services.action_add(actor=council_lead, assessment=published, statement=None,
                        action="Publish waits.", owner="Director", due_on=TODAY)  # fmt: skip
    again = AssessmentFactory(council=suffolk, lead_assessor=lead_assessor,
                              status=AssessmentStatus.SCORING)  # fmt: skip
    score_all(again, (3, 2, 2, 3, 3, 3, 3, 3, 3))
    assert selectors.previous_assessment(assessment=again) == published
    changes = selectors.reassessment_changes(assessment=again, previous=published)
    by_number = {row.number: row for row in changes["rows"]}
    assert (by_number[1].before, by_number[1].now, by_number[1].change) == (2, 3, 1)
    assert by_number[6].change == 1 and by_number[2].change == 0
    assert changes["overall_change"] == pytest.approx(100 * 25 / 36 - 100 * 23 / 36, abs=0.1)
    client.force_login(lead_assessor)
    page = panel_html(client, again, "improvement")
    assert 'id="improvement"' in page and "The previous action plan: 1 action" in page
    assert "Change per quality statement" in page and "+5.6 points" in page


def test_a_repeated_post_adds_one_action(client, token_client, published, council_lead):
    """A double click or a second tab (the form's key), or an API retry (the
    Idempotency-Key header), adds the action once."""
    client.force_login(council_lead)
    url = reverse("actionplans:plan", args=[published.pk])
    key = client.get(url).context["form"]["idempotency_key"].value()
    post = {"statement": "6", "action": "Plan transitions.", "owner": "Head",
            "due_on-day": "1", "due_on-month": "9", "due_on-year": "2026",
            "idempotency_key": key}  # fmt: skip
    assert client.post(url, post).status_code == 302
    assert client.post(url, post).status_code == 302
    assert ImprovementAction.objects.filter(assessment=published).count() == 1

    api = token_client(council_lead)
    base = f"/api/v1/assessments/{published.pk}/action-plan/"
    body = {"action": "Review the carers' offer.", "owner": "Head", "due_on": "2026-10-01"}
    first = api.post(base, body, format="json", headers={"Idempotency-Key": "retry-0001"})
    again = api.post(base, body, format="json", headers={"Idempotency-Key": "retry-0001"})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert ImprovementAction.objects.filter(assessment=published).count() == 2
