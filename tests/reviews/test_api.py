"""Findings, the summary, factual accuracy challenges and deadline extensions over the API."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import AssessmentStatus
from reviews.models import Challenge
from tests.factories import ChallengeFactory, score_all, write_summary

pytestmark = pytest.mark.django_db
S = AssessmentStatus
PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(assessment, tail=""):
    return f"/api/v1/assessments/{assessment.pk}/{tail}"


@pytest.fixture
def in_fa(assessment):
    score_all(assessment)
    write_summary(assessment)
    assessment.status = S.FACTUAL_ACCURACY
    assessment.fa_sent_on = datetime.date.today() - datetime.timedelta(days=2)
    assessment.fa_due_on = datetime.date.today() + datetime.timedelta(days=10)
    assessment.save()
    return assessment


# ---- findings and the summary ---------------------------------------------------------------


def test_team_writes_findings_with_optimistic_concurrency(
    token_client, assessment, assessor, lead_assessor
):
    assessment.status = S.SCORING
    assessment.save()
    first = token_client(assessor).put(
        url(assessment, "findings/7/"),
        {"strengths": "Enquiries are timely.", "direction": "improving", "version": 0},
        format="json",
    )
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 1 and first.json()["direction"] == "improving"
    stale = token_client(lead_assessor).put(
        url(assessment, "findings/7/"), {"strengths": "Other.", "version": 0}, format="json"
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    listed = token_client(lead_assessor).get(url(assessment, "findings/")).json()
    assert listed["count"] == 9
    assert listed["results"][6]["strengths"] == "Enquiries are timely."
    bad = token_client(assessor).put(
        url(assessment, "findings/7/"), {"direction": "sideways"}, format="json"
    )
    assert bad.status_code == 400 and {"direction", "version"} <= set(bad.json())


def test_summary_is_written_by_the_team_and_hidden_from_the_council_until_sent(
    token_client, assessment, assessor, council_lead
):
    assessment.status = S.SCORING
    assessment.save()
    written = token_client(assessor).put(
        url(assessment, "summary/"),
        {"summary": "Knows its communities.", "version": 0},
        format="json",
    )
    assert written.status_code == 200 and written.json()["version"] == 1
    assert token_client(council_lead).get(url(assessment, "summary/")).status_code == 403
    assert (
        token_client(council_lead)
        .put(url(assessment, "summary/"), {"summary": "x", "version": 1}, format="json")
        .status_code
        == 403
    )


@pytest.mark.parametrize("written", [1, 9])
def test_findings_list_query_count_does_not_grow(
    written, token_client, assessment, assessor, django_assert_max_num_queries
):
    from reviews.models import StatementFinding

    for statement in assessment.framework.quality_statements.all()[:written]:
        StatementFinding.objects.create(
            assessment=assessment, statement=statement, strengths="Good.", updated_by=assessor
        )
    client = token_client(assessor)
    with django_assert_max_num_queries(9):
        body = client.get(url(assessment, "findings/")).json()
    assert sum(1 for row in body["results"] if row["strengths"]) == written


# ---- challenges -----------------------------------------------------------------------------


def test_council_lead_raises_a_challenge_with_a_file_and_the_team_downloads_it(
    token_client, in_fa, council_lead, assessor, other_council_lead
):
    upload = SimpleUploadedFile("minutes.pdf", PDF_BYTES, content_type="application/pdf")
    response = token_client(council_lead).post(
        url(in_fa, "challenges/"),
        {
            "statement": 7,
            "kind": "factual",
            "text_challenged": "Waiting lists doubled.",
            "proposed_correction": "They fell by a third.",
            "files": [upload],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["statement"] == 7 and body["decision"] == "pending"
    attachment = body["attachments"][0]
    assert attachment["original_name"] == "minutes.pdf"
    download = token_client(assessor).get(attachment["download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Cache-Control"] == "private, no-store"
    assert token_client(other_council_lead).get(attachment["download"]).status_code == 404
    listed = token_client(assessor).get(url(in_fa, "challenges/"), {"decision": "pending"})
    assert listed.json()["count"] == 1


def test_a_file_that_is_not_allowed_is_a_field_error(token_client, in_fa, council_lead):
    bad = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = token_client(council_lead).post(
        url(in_fa, "challenges/"),
        {"kind": "omission", "text_challenged": "x", "proposed_correction": "y", "files": [bad]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "files" in response.json()
    assert not Challenge.objects.exists()


def test_only_the_councils_lead_raises_challenges_during_the_check(
    token_client, assessment, in_fa, assessor, other_council_lead
):
    payload = {"kind": "omission", "text_challenged": "x", "proposed_correction": "y"}
    assert (
        token_client(assessor).post(url(in_fa, "challenges/"), payload, format="json").status_code
        == 403
    )
    assert (
        token_client(other_council_lead)
        .post(url(in_fa, "challenges/"), payload, format="json")
        .status_code
        == 404
    )


def test_team_decides_a_challenge_and_changes_the_finding(
    token_client, in_fa, council_lead, assessor
):
    challenge = ChallengeFactory(
        assessment=in_fa,
        raised_by=council_lead,
        statement=in_fa.framework.quality_statements.get(number=7),
    )
    decision_url = url(in_fa, f"challenges/{challenge.pk}/decision/")
    missing = token_client(assessor).post(decision_url, {"decision": "accepted"}, format="json")
    assert missing.status_code == 409
    assert "Describe the change made" in missing.json()["detail"]
    response = token_client(assessor).post(
        decision_url,
        {
            "decision": "accepted",
            "change_made": "Corrected the figure.",
            "finding": {"strengths": "Waiting lists fell by a third."},
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["decision"] == "accepted"
    assert response.json()["decided_by"]["id"] == assessor.pk
    finding = token_client(assessor).get(url(in_fa, "findings/7/")).json()
    assert finding["strengths"] == "Waiting lists fell by a third."
    again = token_client(assessor).post(
        decision_url, {"decision": "not_accepted", "reason": "x"}, format="json"
    )
    assert again.status_code == 409 and "already decided" in again.json()["detail"]
    assert (
        token_client(council_lead)
        .post(decision_url, {"decision": "not_accepted", "reason": "x"}, format="json")
        .status_code
        == 403
    )


@pytest.mark.parametrize("count", [1, 6])
def test_challenge_list_query_count_does_not_grow(
    count, token_client, in_fa, council_lead, assessor, django_assert_max_num_queries
):
    for _ in range(count):
        ChallengeFactory(assessment=in_fa, raised_by=council_lead)
    client = token_client(assessor)
    with django_assert_max_num_queries(8):
        assert client.get(url(in_fa, "challenges/")).json()["count"] == count


def test_admin_extends_the_deadline(token_client, in_fa, admin_user, lead_assessor):
    new_due = (in_fa.fa_due_on + datetime.timedelta(days=5)).isoformat()
    payload = {"new_due_on": new_due, "reason": "Council elections."}
    assert (
        token_client(lead_assessor)
        .post(url(in_fa, "deadline/"), payload, format="json")
        .status_code
        == 403
    )
    response = token_client(admin_user).post(url(in_fa, "deadline/"), payload, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["fa_due_on"] == new_due
    past = token_client(admin_user).post(
        url(in_fa, "deadline/"), {"new_due_on": "2020-01-01", "reason": "x"}, format="json"
    )
    assert past.status_code == 409
