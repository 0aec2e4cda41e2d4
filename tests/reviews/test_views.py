"""Web pages of the workflow, findings and factual accuracy check."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import AssessmentStatus
from reviews import forms as review_forms
from reviews.models import Challenge, StatementFinding
from tests.factories import ChallengeFactory, confirm_factual_accuracy, score_all, write_summary

pytestmark = pytest.mark.django_db
S = AssessmentStatus
PDF_BYTES = b"%PDF-1.7\n%%EOF\n"


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


def test_team_edits_findings_and_sees_history(client, assessment, assessor):
    _set(assessment, S.SCORING)
    client.force_login(assessor)
    url = reverse("reviews:finding_edit", args=[assessment.pk, 3])
    response = client.post(
        url,
        {
            "people_told_us": "People waited too long.",
            "strengths": "",
            "areas_for_development": "Waiting times",
            "direction": "improving",
        },
    )
    assert response.status_code == 302
    finding = StatementFinding.objects.get(assessment=assessment, statement__number=3)
    assert finding.people_told_us == "People waited too long."
    html = client.get(reverse("reviews:findings", args=[assessment.pk])).content.decode()
    assert "People waited too long." in html and "History of the findings" in html


def test_bad_finding_input_keeps_what_was_typed(client, assessment, assessor):
    _set(assessment, S.SCORING)
    client.force_login(assessor)
    url = reverse("reviews:finding_edit", args=[assessment.pk, 3])
    response = client.post(url, {"strengths": "Kept text", "direction": "sideways"})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html and "Kept text" in html


def test_findings_cannot_be_edited_after_publication(client, assessment, admin_user):
    _set(assessment, S.PUBLISHED)
    client.force_login(admin_user)
    response = client.post(reverse("reviews:summary_edit", args=[assessment.pk]), {"summary": "x"})
    assert response.status_code == 403
    assert "published: its findings can no longer change" in response.content.decode()


def test_council_lead_reads_the_draft_in_factual_accuracy_only(client, assessment, council_lead):
    score_all(assessment)
    write_summary(assessment, "Suffolk summary text")
    client.force_login(council_lead)
    url = reverse("reviews:findings", args=[assessment.pk])
    assert client.get(url).status_code == 403
    _set(assessment, S.FACTUAL_ACCURACY)
    html = client.get(url).content.decode()
    assert "Suffolk summary text" in html and "Change the summary" not in html
    assert "3 - Evidence shows a good standard" in html
    assert "Raise a challenge" in html and "History of the findings" not in html


def test_published_findings_are_public(client, assessment):
    _set(assessment, S.PUBLISHED, published_rating="good", published_percentage=75.0)
    write_summary(assessment, "Public summary")
    response = client.get(reverse("reviews:findings", args=[assessment.pk]))
    assert response.status_code == 200 and "Public summary" in response.content.decode()
    table = client.get(reverse("national:ratings")).content.decode()
    assert "Suffolk" in table


def test_council_lead_raises_a_challenge_with_a_file(client, assessment, council_lead):
    _set(assessment, S.FACTUAL_ACCURACY)
    client.force_login(council_lead)
    statement_id = assessment.framework.quality_statements.get(number=2).pk
    response = client.post(
        reverse("reviews:challenge_create", args=[assessment.pk]),
        {
            "on": str(statement_id),
            "kind": "typo_or_number",
            "text_challenged": "72% of people",
            "proposed_correction": "75% of people",
            "files": [SimpleUploadedFile("survey.pdf", PDF_BYTES)],
        },
    )
    assert response.status_code == 302
    challenge = Challenge.objects.get()
    attachment = challenge.attachments.get()
    download = client.get(
        reverse("reviews:challenge_attachment", args=[assessment.pk, challenge.pk, attachment.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert 'attachment; filename="survey.pdf"' in download.headers["Content-Disposition"]


def test_bad_challenge_input_shows_errors_and_keeps_text(client, assessment, council_lead):
    _set(assessment, S.FACTUAL_ACCURACY)
    client.force_login(council_lead)
    response = client.post(
        reverse("reviews:challenge_create", args=[assessment.pk]),
        {
            "on": "summary",
            "kind": "factual",
            "text_challenged": "My typed words",
            "proposed_correction": "",
            "files": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter your proposed correction" in html and "must be a PDF" in html
    assert "My typed words" in html and not Challenge.objects.exists()


def test_challenge_after_deadline_shows_a_message(client, assessment, council_lead):
    _set(assessment, S.FACTUAL_ACCURACY, fa_due_on=datetime.date.today() - datetime.timedelta(1))
    client.force_login(council_lead)
    url = reverse("reviews:challenge_create", args=[assessment.pk])
    assert "only if an admin extends the deadline" in client.get(url).content.decode()
    response = client.post(
        url,
        {"on": "summary", "kind": "factual", "text_challenged": "a", "proposed_correction": "b"},
    )
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Challenge.objects.exists()


def test_team_decides_and_edits_the_finding_in_one_step(
    client, assessment, lead_assessor, council_lead
):
    _set(assessment, S.FACTUAL_ACCURACY)
    statement = assessment.framework.quality_statements.get(number=5)
    challenge = ChallengeFactory(assessment=assessment, statement=statement, raised_by=council_lead)
    client.force_login(lead_assessor)
    url = reverse("reviews:challenge_detail", args=[assessment.pk, challenge.pk])
    assert "Record the decision" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "decision-decision": "accepted",
            "decision-change_made": "Partnership text corrected.",
            "finding-people_told_us": "",
            "finding-strengths": "Strong partnerships with the voluntary sector.",
            "finding-areas_for_development": "",
            "finding-direction": "not_judged",
        },
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.decision == "accepted"
    finding = StatementFinding.objects.get(assessment=assessment, statement=statement)
    assert finding.strengths == "Strong partnerships with the voluntary sector."
    client.force_login(council_lead)
    html = client.get(url).content.decode()
    assert "Partnership text corrected." in html and "Record the decision" not in html


def test_decision_without_reason_is_an_error(client, assessment, assessor, council_lead):
    _set(assessment, S.FACTUAL_ACCURACY)
    challenge = ChallengeFactory(assessment=assessment, raised_by=council_lead)
    client.force_login(assessor)
    url = reverse("reviews:challenge_detail", args=[assessment.pk, challenge.pk])
    response = client.post(url, {"decision-decision": "not_accepted", "summary-summary": ""})
    assert response.status_code == 200
    assert "Give the reason the challenge is not accepted" in response.content.decode()


def test_council_lead_cannot_decide(client, assessment, council_lead):
    _set(assessment, S.FACTUAL_ACCURACY)
    challenge = ChallengeFactory(assessment=assessment, raised_by=council_lead)
    client.force_login(council_lead)
    url = reverse("reviews:challenge_detail", args=[assessment.pk, challenge.pk])
    assert client.post(url, {"decision-decision": "accepted"}).status_code == 403


def test_admin_extends_the_deadline(client, assessment, admin_user):
    _set(assessment, S.FACTUAL_ACCURACY)
    client.force_login(admin_user)
    url = reverse("reviews:deadline_extend", args=[assessment.pk])
    response = client.post(url, {"new_due_on": "not a date", "reason": "Outage"})
    assert "New deadline must be a real date" in response.content.decode()
    new_due = assessment.fa_due_on + datetime.timedelta(days=5)
    response = client.post(url, {"new_due_on": new_due.isoformat(), "reason": "Outage"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.fa_due_on == new_due


def test_challenge_list_queries_do_not_grow_with_rows(
    client, assessment, lead_assessor, council_lead, django_assert_max_num_queries
):
    _set(assessment, S.FACTUAL_ACCURACY)
    client.force_login(lead_assessor)
    url = reverse("reviews:challenges", args=[assessment.pk])
    ChallengeFactory(assessment=assessment, raised_by=council_lead)
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for number in range(1, 8):
        ChallengeFactory(
            assessment=assessment,
            raised_by=council_lead,
            statement=assessment.framework.quality_statements.get(number=number),
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("govuk-tag--yellow") >= 8


def test_admin_publishes_and_everyone_then_sees_it(
    client, assessment, admin_user, council_lead, django_capture_on_commit_callbacks
):
    _set(assessment, S.FACTUAL_ACCURACY)
    score_all(assessment, (2, 2, 2, 3, 3, 2, 3, 3, 3))
    write_summary(assessment, "Published summary")
    pending = ChallengeFactory(assessment=assessment, raised_by=council_lead)
    client.force_login(admin_user)
    url = reverse("assessments:transition", args=[assessment.pk, "publish"])
    assert "1 is still awaiting one" in client.get(url).content.decode()
    response = client.post(url, {"note": ""})
    assert response.status_code == 200
    assert "Every challenge needs a decision before publication" in response.content.decode()
    pending.delete()
    # Issue 16: before the deadline only once the council has confirmed.
    assert "factual accuracy check runs until" in client.post(url, {"note": ""}).content.decode()
    confirm_factual_accuracy(assessment, council_lead)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"note": ""}).status_code == 302
    client.logout()
    table = client.get(reverse("national:ratings")).content.decode()
    assert "Suffolk" in table and "Good" in table
    assert client.get(assessment.get_absolute_url()).status_code == 200
    findings = client.get(reverse("reviews:findings", args=[assessment.pk]))
    assert "Published summary" in findings.content.decode()
    # Frozen: the team may no longer change findings.
    client.force_login(admin_user)
    edit = client.get(reverse("reviews:finding_edit", args=[assessment.pk, 1]))
    assert edit.status_code == 403


def test_text_that_is_too_long_gets_a_govuk_message():
    finding = review_forms.FindingForm({"strengths": "x" * 20001, "direction": "stable"})
    assert finding.errors["strengths"] == ["Strengths must be 20,000 characters or fewer"]
    challenge = review_forms.ChallengeForm({"evidence_note": "x" * 5001}, statements=[])
    assert challenge.errors["evidence_note"] == [
        "Supporting evidence must be 5,000 characters or fewer"
    ]


@pytest.mark.parametrize("is_api", [False, True], ids=["page", "API"])
def test_challenge_attachment_downloads_send_the_private_file_headers(
    client, token_client, assessment, assessor, council_lead, is_api
):
    """Both challenge attachment downloads go through core.downloads.private_file_response:
    nosniff, the sandbox CSP, no shared caching, a harmless offered name."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    from core.downloads import SANDBOX_CSP
    from reviews.models import ChallengeAttachment

    _set(assessment, S.FACTUAL_ACCURACY)
    challenge = ChallengeFactory(assessment=assessment, raised_by=council_lead)
    stored = storages["private"].save(f"challenges/{assessment.pk}/h.pdf", ContentFile(PDF_BYTES))
    attachment = ChallengeAttachment.objects.create(
        challenge=challenge, original_name="../Evidence <1>.pdf", stored_name=stored,
        content_type="application/pdf", size=len(PDF_BYTES), sha256="0" * 64,
        uploaded_by=council_lead,
    )  # fmt: skip
    if is_api:
        url = (
            f"/api/v1/assessments/{assessment.pk}/challenges/{challenge.pk}/files/{attachment.pk}/"
        )
        response = token_client(assessor).get(url)
    else:
        client.force_login(assessor)
        response = client.get(
            reverse(
                "reviews:challenge_attachment", args=[assessment.pk, challenge.pk, attachment.pk]
            )
        )
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX_CSP
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert "/" not in disposition and "<" not in disposition
    assert b"".join(response.streaming_content) == PDF_BYTES
    storages["private"].delete(stored)
