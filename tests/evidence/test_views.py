"""Evidence pages: forms with GOV.UK errors, uploads kept across errors, conflicts,
permissions and attachment downloads."""

import hashlib
import re

import pytest
from django.urls import reverse

from assessments.models import AssessmentStatus, StatementCategory
from audit.models import AuditEvent
from evidence import services
from evidence.models import Attachment, EvidenceItem, PendingUpload
from tests.evidence.conftest import CSV_BYTES, PDF_BYTES, office_bytes, upload
from tests.factories import AssessmentFactory, EvidenceItemFactory
from tests.panels import panel_response, panel_url

pytestmark = pytest.mark.django_db


def _post_data(statements, category, **overrides):
    data = {
        "statements": [s.pk for s in statements],
        "category": category.pk,
        "route": "requested",
        "source_type": "information_return",
        "title": "Information return: waiting times",
        "narrative": "Median wait for a Care Act assessment was 28 days.",
        "direction": "neutral",
        "effective_date": "31/3/2025",
    }
    data.update(overrides)
    return data


def _tokens(html: str) -> str:
    match = re.search(r'name="upload_tokens" value="([^"]*)"', html)
    return match.group(1) if match else ""


# ---- create ----------------------------------------------------------------------------


def test_team_member_adds_evidence_with_attachments(
    client, assessment, assessor, statement1, peoples_experience
):
    client.force_login(assessor)
    data = _post_data([statement1], peoples_experience)
    data["attachments"] = [upload("return.pdf", PDF_BYTES), upload("waits.csv", CSV_BYTES)]
    response = client.post(reverse("evidence:create", args=[assessment.pk]), data)
    item = EvidenceItem.objects.get()
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert item.author == assessor and item.effective_date.isoformat() == "2025-03-31"
    assert sorted(a.original_name for a in item.attachments.all()) == ["return.pdf", "waits.csv"]


def test_create_form_offers_only_categories_in_use(client, assessment, assessor):
    client.force_login(assessor)
    response = client.get(reverse("evidence:create", args=[assessment.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "People&#x27;s experience" in html and "Feedback from partners" in html
    assert "Observation" not in html and ">Outcomes<" not in html


def test_category_options_follow_the_chosen_statements(
    client, assessment, assessor, statement1, statement7, processes
):
    StatementCategory.objects.filter(statement=statement7, category=processes).delete()
    client.force_login(assessor)
    url = reverse("evidence:category_options", args=[assessment.pk])
    only_one = client.get(url, {"statements": [statement1.pk]}).content.decode()
    both = client.get(url, {"statements": [statement1.pk, statement7.pk]}).content.decode()
    assert "Processes" in only_one
    assert "Processes" not in both and "People&#x27;s experience" in both


def test_category_invalid_for_statements_is_refused_server_side(
    client, assessment, assessor, statement1, statement7, processes
):
    StatementCategory.objects.filter(statement=statement7, category=processes).delete()
    client.force_login(assessor)
    response = client.post(
        reverse("evidence:create", args=[assessment.pk]),
        _post_data([statement1, statement7], processes),
    )
    assert response.status_code == 400
    assert "Select a category that applies to the selected statements" in response.content.decode()
    assert not EvidenceItem.objects.exists()


def test_bad_input_shows_error_summary_and_keeps_what_was_typed_and_uploaded(
    client, assessment, assessor, statement1, peoples_experience
):
    client.force_login(assessor)
    data = _post_data(
        [statement1], peoples_experience, title="", effective_date="31/2/2025", route=""
    )
    data["narrative"] = "Typed <narrative> kept"
    data["attachments"] = [upload("accepted.docx", office_bytes("word"))]
    response = client.post(reverse("evidence:create", args=[assessment.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in html and "govuk-error-summary" in html
    assert 'href="#id_title">Enter a title' in html
    assert "Date of the evidence must be a real date" in html
    assert "Select how the evidence was obtained" in html
    assert "Typed &lt;narrative&gt; kept" in html
    assert "accepted.docx" in html and "Files ready to attach" in html
    assert not EvidenceItem.objects.exists()
    token = _tokens(html)
    assert token and PendingUpload.objects.get().token == token

    # Correcting the fields saves the item with the file accepted earlier; no re-upload.
    fixed = _post_data([statement1], peoples_experience, upload_tokens=token)
    response = client.post(reverse("evidence:create", args=[assessment.pk]), fixed)
    assert response.status_code == 302
    item = EvidenceItem.objects.get()
    assert [a.original_name for a in item.attachments.all()] == ["accepted.docx"]
    assert not PendingUpload.objects.exists()


def test_wrong_type_upload_is_refused_and_nothing_saved(
    client, assessment, assessor, statement1, peoples_experience
):
    client.force_login(assessor)
    data = _post_data([statement1], peoples_experience)
    data["attachments"] = [upload("script.pdf", b"#!/bin/sh\nrm -rf /\n\x00")]
    response = client.post(reverse("evidence:create", args=[assessment.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "script.pdf must be a PDF, DOCX, XLSX, CSV, PNG or JPEG file" in html
    assert 'value="Information return: waiting times"' in html
    assert not EvidenceItem.objects.exists() and not Attachment.objects.exists()


def test_oversize_upload_message_names_the_limit(
    client, assessment, assessor, statement1, peoples_experience, settings
):
    settings.ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024
    client.force_login(assessor)
    data = _post_data([statement1], peoples_experience)
    data["attachments"] = [upload("huge.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024))]
    response = client.post(reverse("evidence:create", args=[assessment.pk]), data)
    assert response.status_code == 400
    assert "huge.pdf must be smaller than 2 MB (it is 2.0\xa0MB)" in response.content.decode()
    assert not EvidenceItem.objects.exists()


def test_future_effective_date_is_refused(
    client, assessment, assessor, statement1, peoples_experience
):
    client.force_login(assessor)
    response = client.post(
        reverse("evidence:create", args=[assessment.pk]),
        _post_data([statement1], peoples_experience, effective_date="1/1/2999"),
    )
    assert response.status_code == 400
    assert "must be today or in the past" in response.content.decode()


# ---- permissions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "status"),
    [("outside_assessor", 404), ("other_council_lead", 404), ("council_lead", 403)],
)
def test_only_the_team_can_add_evidence(client, assessment, request, fixture, status):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("evidence:create", args=[assessment.pk])).status_code == status


def test_admin_outside_the_team_can_add_evidence(client, assessment, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("evidence:create", args=[assessment.pk])).status_code == 200


# Issue 16: before the draft is sent, council leads do not see evidence items at all (404).
@pytest.mark.parametrize(("fixture", "status"), [("outside_assessor", 404), ("council_lead", 404)])
def test_only_the_team_can_change_or_withdraw(client, assessment, request, fixture, status):
    item = EvidenceItemFactory(assessment=assessment)
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("evidence:edit", args=[item.pk])).status_code == status
    assert client.post(reverse("evidence:withdraw", args=[item.pk]), {}).status_code == status


def test_council_lead_sees_evidence_but_never_personal_data(
    client, assessment, council_lead, statement1
):
    public = EvidenceItemFactory(assessment=assessment, title="Survey summary")
    personal = EvidenceItemFactory(
        assessment=assessment, title="Case of Mrs A", contains_personal_data=True
    )
    attachment = Attachment.objects.create(
        evidence_item=personal,
        original_name="mrs-a.pdf",
        stored_name="evidence/x.pdf",
        content_type="application/pdf",
        size=3,
        sha256="0" * 64,
        uploaded_by=assessment.lead_assessor,
    )
    client.force_login(council_lead)
    statement_url = reverse("evidence:statement", args=[assessment.pk, 1])
    assert client.get(statement_url).status_code == 403  # not before the draft is sent
    assert client.get(public.get_absolute_url()).status_code == 404
    assessment.status = "factual_accuracy"  # council leads see evidence from the sending
    assessment.save()
    html = client.get(statement_url).content.decode()
    assert "Survey summary" in html and "Case of Mrs A" not in html
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(personal.get_absolute_url()).status_code == 404
    assert client.get(reverse("evidence:attachment", args=[attachment.pk])).status_code == 404
    overview = panel_response(client, assessment, "evidence").context["evidence_overview"]
    assert overview.total == 1


def test_team_sees_personal_data(client, assessment, assessor):
    EvidenceItemFactory(assessment=assessment, title="Case of Mrs A", contains_personal_data=True)
    client.force_login(assessor)
    html = client.get(reverse("evidence:statement", args=[assessment.pk, 1])).content.decode()
    assert "Case of Mrs A" in html and "Personal data" in html


@pytest.mark.parametrize("fixture", ["outside_assessor", "other_council_lead"])
def test_unpublished_assessment_and_its_evidence_are_hidden_from_outsiders(
    client, assessment, request, fixture
):
    item = EvidenceItemFactory(assessment=assessment)
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(assessment.get_absolute_url()).status_code == 404
    assert client.get(reverse("evidence:statement", args=[assessment.pk, 1])).status_code == 404
    assert client.get(item.get_absolute_url()).status_code == 404


def test_published_assessment_evidence_stays_with_team_and_council(
    client, suffolk, lead_assessor, outside_assessor
):
    published = AssessmentFactory(
        council=suffolk, lead_assessor=lead_assessor, status=AssessmentStatus.PUBLISHED
    )
    item = EvidenceItemFactory(assessment=published)
    client.force_login(outside_assessor)
    page = client.get(published.get_absolute_url())
    assert page.status_code == 200 and panel_url(published, "evidence") not in page.content.decode()
    assert client.get(panel_url(published, "evidence")).status_code == 403
    assert client.get(reverse("evidence:statement", args=[published.pk, 1])).status_code == 403
    assert client.get(item.get_absolute_url()).status_code == 404


# ---- attachments ------------------------------------------------------------------------


def test_attachment_is_served_only_through_the_checked_view(
    client, assessment, lead_assessor, outside_assessor
):
    item = EvidenceItemFactory(assessment=assessment)
    pending = services.pending_upload_create(
        actor=lead_assessor, upload=upload("..\\..\\evil\\Plan.pdf", PDF_BYTES)
    )
    services.evidence_update(
        actor=lead_assessor,
        item=item,
        version=1,
        statements=list(item.statements.all()),
        category=item.category,
        route=item.route,
        source_type=item.source_type,
        title=item.title,
        narrative=item.narrative,
        direction=item.direction,
        effective_date=item.effective_date,
        contains_personal_data=False,
        uploads=[pending],
    )
    attachment = item.attachments.get()
    client.force_login(lead_assessor)
    response = client.get(reverse("evidence:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="Plan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert attachment.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    client.force_login(outside_assessor)
    assert client.get(reverse("evidence:attachment", args=[attachment.pk])).status_code == 404


def test_detail_page_shows_attachments_and_change_history(client, assessment, lead_assessor):
    item = EvidenceItemFactory(assessment=assessment, title="Before")
    client.force_login(lead_assessor)
    edit = client.get(reverse("evidence:edit", args=[item.pk]))
    data = _post_data(
        list(item.statements.all()), item.category, title="After", version=1, upload_tokens=""
    )
    data["attachments"] = [upload("notes.xlsx", office_bytes("xl"))]
    assert edit.status_code == 200
    response = client.post(reverse("evidence:edit", args=[item.pk]), data)
    assert response.status_code == 302
    html = client.get(item.get_absolute_url()).content.decode()
    assert "notes.xlsx" in html and "Change history" in html
    assert "<del>Before</del>" in html and "<ins>After</ins>" in html
    assert "<del>Points to a strength</del>" in html and "<ins>Neutral</ins>" in html
    assert str(lead_assessor) in html


# ---- concurrent editing -----------------------------------------------------------------


def test_second_save_gets_the_changed_since_you_opened_it_page(
    client, assessment, lead_assessor, assessor
):
    item = EvidenceItemFactory(assessment=assessment, title="Original")
    statements = list(item.statements.all())
    first, second = client, client.__class__()
    first.force_login(lead_assessor)
    second.force_login(assessor)
    first.get(reverse("evidence:edit", args=[item.pk]))
    second.get(reverse("evidence:edit", args=[item.pk]))
    ok = first.post(
        reverse("evidence:edit", args=[item.pk]),
        _post_data(statements, item.category, title="Lead's title", version=1),
    )
    assert ok.status_code == 302
    data = _post_data(statements, item.category, title="Assessor's title", version=1)
    data["attachments"] = [upload("late.pdf", PDF_BYTES)]
    refused = second.post(reverse("evidence:edit", args=[item.pk]), data)
    html = refused.content.decode()
    assert refused.status_code == 409
    assert "changed since you opened it" in html
    assert "Assessor&#x27;s title" in html and "Lead&#x27;s title" in html
    item.refresh_from_db()
    assert item.title == "Lead's title" and item.version == 2
    assert not item.attachments.exists()
    assert AuditEvent.objects.filter(action="evidence.update").count() == 1
    # Reopening offers the kept upload again.
    token = PendingUpload.objects.get().token
    assert f"?uploads={token}" in html
    reopened = second.get(reverse("evidence:edit", args=[item.pk]), {"uploads": token})
    assert "late.pdf" in reopened.content.decode()


def test_withdraw_marks_the_item_and_it_leaves_the_counts(client, assessment, lead_assessor):
    item = EvidenceItemFactory(assessment=assessment, title="Duplicate survey")
    client.force_login(lead_assessor)
    missing = client.post(reverse("evidence:withdraw", args=[item.pk]), {"version": 1})
    assert missing.status_code == 400
    assert "Enter why the evidence is being withdrawn" in missing.content.decode()
    response = client.post(
        reverse("evidence:withdraw", args=[item.pk]), {"version": 1, "reason": "Duplicate"}
    )
    assert response.status_code == 302
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Withdrawn by" in html and "Duplicate" in html and "app-withdrawn" in html
    overview = panel_response(client, assessment, "evidence").context["evidence_overview"]
    assert overview.total == 0 and overview.withdrawn == 1
    listing = client.get(reverse("evidence:statement", args=[assessment.pk, 1]))
    assert "Duplicate survey" not in listing.content.decode()
    with_withdrawn = client.get(
        reverse("evidence:statement", args=[assessment.pk, 1]), {"withdrawn": "on"}
    )
    assert "Duplicate survey" in with_withdrawn.content.decode()


# ---- statement page ---------------------------------------------------------------------


def test_evidence_cannot_be_changed_once_closed(client, assessment, lead_assessor):
    item = EvidenceItemFactory(assessment=assessment)
    assessment.status = AssessmentStatus.FACTUAL_ACCURACY
    assessment.save()
    client.force_login(lead_assessor)
    assert client.get(reverse("evidence:edit", args=[item.pk])).status_code == 403
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200 and page.context["can_edit"] is False


def test_saving_an_item_withdrawn_meanwhile_shows_the_conflict_page(
    client, assessment, lead_assessor, assessor
):
    item = EvidenceItemFactory(assessment=assessment)
    client.force_login(assessor)
    client.get(reverse("evidence:edit", args=[item.pk]))
    services.evidence_withdraw(actor=lead_assessor, item=item, version=1, reason="Duplicate")
    response = client.post(
        reverse("evidence:edit", args=[item.pk]),
        _post_data(list(item.statements.all()), item.category, title="Too late", version=1),
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "It has since been withdrawn" in html and "Duplicate" in html
    item.refresh_from_db()
    assert item.title != "Too late"


def test_edit_form_shows_dates_as_people_type_them(client, assessment, lead_assessor):
    item = EvidenceItemFactory(assessment=assessment)
    client.force_login(lead_assessor)
    html = client.get(reverse("evidence:edit", args=[item.pk])).content.decode()
    # The GOV.UK date input: day, month and year boxes.
    assert 'name="effective_date-day" type="text" inputmode="numeric" value="3"' in html
    assert 'name="effective_date-month" type="text" inputmode="numeric" value="2"' in html
    assert 'name="effective_date-year" type="text" inputmode="numeric" value="2025"' in html
