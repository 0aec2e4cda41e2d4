"""Pages of the council portal: who sees what, forms that keep what was typed, one record per
form however often it is posted."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import working_days
from evidence.models import EvidenceItem
from returns.models import DocumentRequest, Notification, ReturnFile
from returns.services import requests as request_services
from tests.panels import panel_html, panel_url
from tests.returns.conftest import pdf

pytestmark = pytest.mark.django_db


def _due(days=5):
    day = working_days.add_working_days(timezone.localdate(), days)
    return f"{day.day}/{day.month}/{day.year}"


def test_the_lead_assessor_issues_the_return_from_a_form(client, assessment, lead_assessor):
    client.force_login(lead_assessor)
    url = reverse("returns:issue", args=[assessment.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"20 working days" in page.content
    token = page.context["form"]["idempotency_key"].value()
    response = client.post(url, {"due_on": _due(20), "idempotency_key": token})
    assert response.status_code == 302
    task_list = client.get(response.url)
    assert b"govuk-task-list" in task_list.content and b"0 of 18 items" in task_list.content


def test_the_task_list_shows_the_council_its_items_and_hides_them_from_others(
    client, issued, council_contributor, other_council_lead, outside_assessor
):
    url = reverse("returns:task_list", args=[issued.assessment_id])
    client.force_login(council_contributor)
    page = client.get(url)
    assert page.status_code == 200
    assert b"Assessment and eligibility policies" in page.content
    assert b"Submit the return" not in page.content  # contributors do not submit
    for other in (other_council_lead, outside_assessor):
        client.force_login(other)
        assert client.get(url).status_code == 404


def test_a_contributor_answers_with_a_file_and_a_link_shown_as_text(
    client, issued, council_contributor, council_lead
):
    answer = issued.answers.get(item__number=1)
    url = reverse("returns:answer", args=[issued.assessment_id, answer.pk])
    client.force_login(council_contributor)
    response = client.post(
        url,
        {
            "version": answer.version,
            "status": "ready",
            "link": "https://www.suffolk.gov.uk/policy",
            "text": "Section 3.",
            "files": pdf(),
        },
    )
    assert response.status_code == 302
    stored = ReturnFile.objects.get(answer=answer)
    client.force_login(council_lead)
    download = client.get(reverse("returns:file", args=[stored.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_a_bad_link_keeps_what_was_typed(client, issued, council_contributor):
    answer = issued.answers.get(item__number=2)
    url = reverse("returns:answer", args=[issued.assessment_id, answer.pk])
    client.force_login(council_contributor)
    response = client.post(
        url,
        {"version": answer.version, "status": "ready", "link": "javascript:alert(1)",
         "text": "Waiting list figures typed here"},
    )  # fmt: skip
    assert response.status_code == 400
    assert b"Error: " in response.content and b"govuk-error-summary" in response.content
    assert b"starts with http:// or https://" in response.content
    assert b"Waiting list figures typed here" in response.content


def test_a_request_posted_twice_creates_one(client, assessment, assessor, council_lead):
    client.force_login(assessor)
    url = reverse("returns:request_create", args=[assessment.pk])
    token = client.get(url).context["form"]["idempotency_key"].value()
    statement = assessment.framework.quality_statements.get(number=7)
    data = {
        "title": "Safeguarding audit",
        "reason": "To see the latest audit.",
        "statements": [statement.pk],
        "due_on": _due(),
        "idempotency_key": token,
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert DocumentRequest.objects.filter(assessment=assessment).count() == 1
    assert Notification.objects.filter(user=council_lead, kind="request_raised").count() == 1


def test_answer_then_accept_as_evidence_in_one_step(client, assessment, assessor, council_lead):
    request = request_services.request_create(
        actor=assessor,
        assessment=assessment,
        title="Hospital discharge figures",
        reason="Latest quarter.",
        statements=assessment.framework.quality_statements.filter(number=6),
        due_on=working_days.add_working_days(timezone.localdate(), 5),
    )
    client.force_login(council_lead)
    answer_url = reverse("returns:request_answer", args=[request.pk])
    token = client.get(answer_url).context["form"]["idempotency_key"].value()
    posted = {"text": "Attached.", "idempotency_key": token}
    assert client.post(answer_url, {**posted, "files": pdf()}).status_code == 302
    assert client.post(answer_url, {**posted, "files": pdf()}).status_code == 302  # repeated
    assert request.responses.count() == 1
    response = request.responses.get()
    client.force_login(assessor)
    accept_url = reverse("returns:accept_response", args=[response.pk])
    page = client.get(accept_url)
    assert page.status_code == 200
    form = page.context["form"]
    category = assessment.framework.evidence_categories.get(code="processes")
    data = {
        "statements": [s.pk for s in form.initial["statements"]],
        "category": category.pk,
        "title": form.initial["title"],
        "narrative": form.initial["narrative"],
        "direction": "neutral",
        "effective_date": form.initial["effective_date"],
        "idempotency_key": form["idempotency_key"].value(),
    }
    done = client.post(accept_url, data)
    item = EvidenceItem.objects.get(assessment=assessment)
    assert done.url == item.get_absolute_url()
    detail = client.get(done.url)
    assert b"Answer to the document request" in detail.content
    statement_page = client.get(reverse("evidence:statement", args=[assessment.pk, 6]))
    assert b"Hospital discharge figures" in statement_page.content


def test_home_and_assessment_pages_show_tasks_and_completion(
    client, issued, council_contributor, lead_assessor
):
    client.force_login(council_contributor)
    home = client.get(reverse("pages:home"))
    assert b"Your open tasks" in home.content and b"Information return of Suffolk" in home.content
    client.force_login(lead_assessor)
    page = client.get(issued.assessment.get_absolute_url())
    assert panel_url(issued.assessment, "information-return").encode() in page.content
    html = panel_html(client, issued.assessment, "information-return")
    assert "Completion per quality statement" in html


def test_notifications_count_in_the_header_and_marking_read(client, issued, council_lead):
    client.force_login(council_lead)
    page = client.get(reverse("returns:notifications"))
    assert b'1<span class="govuk-visually-hidden"> unread' in page.content
    note = Notification.objects.get(user=council_lead)
    response = client.post(reverse("returns:notification_read", args=[note.pk]))
    assert response.status_code == 302 and response.url == note.url
    note.refresh_from_db()
    assert note.read_at is not None


def test_the_template_page_says_where_its_items_come_from(client, council_contributor):
    client.force_login(council_contributor)
    page = client.get(reverse("returns:template"))
    assert b"exact list of items was not found" in page.content


def test_self_assessment_draft_and_submit(client, assessment, council_contributor, council_lead):
    client.force_login(council_contributor)
    url = reverse("returns:self_assessment_edit", args=[assessment.pk, 1])
    assert client.post(url, {"text": "We assess needs well."}).status_code == 302
    page = client.get(reverse("returns:self_assessment", args=[assessment.pk]))
    assert b"Draft" in page.content and b"We assess needs well." in page.content
    client.force_login(council_lead)
    submitted = client.post(reverse("returns:self_assessment", args=[assessment.pk]))
    assert submitted.status_code == 302


def test_submit_page_refuses_with_the_reason(client, issued, council_lead):
    client.force_login(council_lead)
    response = client.post(reverse("returns:submit", args=[issued.assessment_id]))
    assert response.status_code == 400 and b"18 items still need" in response.content


def test_a_contributor_cannot_submit(client, issued, council_contributor):
    client.force_login(council_contributor)
    assert client.post(reverse("returns:submit", args=[issued.assessment_id])).status_code == 403


def test_contributors_page_invites(client, council_lead, suffolk):
    client.force_login(council_lead)
    url = reverse("returns:contributors", args=[suffolk.gss_code])
    token = client.get(url).context["form"]["idempotency_key"].value()
    data = {"full_name": "Ann Lee", "email": "ann@suffolk.gov.uk", "idempotency_key": token}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # a double click creates nothing twice
    assert b"ann@suffolk.gov.uk" in client.get(url).content


def test_admins_edit_the_template_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    template_url = "/admin/returns/returntemplate/"
    listing = client.get(template_url)
    assert listing.status_code == 200 and b"Local authority information return" in listing.content
    from returns.models import ReturnTemplate

    change = client.get(f"{template_url}{ReturnTemplate.objects.get().pk}/change/")
    assert change.status_code == 200 and b"Assessment and eligibility policies" in change.content
