"""The council portal over the API: the same services and policy as the pages."""

import pytest
from django.utils import timezone

from assessments import working_days
from evidence.models import EvidenceItem
from returns.models import DocumentRequest
from tests.returns.conftest import pdf

pytestmark = pytest.mark.django_db


def _due(days=5):
    return working_days.add_working_days(timezone.localdate(), days).isoformat()


def test_issue_answer_submit_and_accept_through_the_api(
    token_client, assessment, lead_assessor, council_lead, council_contributor, assessor
):
    team, council = token_client(lead_assessor), token_client(council_contributor)
    url = f"/api/v1/assessments/{assessment.pk}/information-return/"
    assert council.post(url, {}, format="json").status_code == 403
    issued = team.post(url, {"due_on": _due(20)}, format="json")
    assert issued.status_code == 201 and len(issued.data["answers"]) == 18
    answer = issued.data["answers"][0]
    bad = council.put(
        f"/api/v1/return-answers/{answer['id']}/",
        {"status": "ready", "link": "javascript:alert(1)", "version": answer["version"]},
        format="json",
    )
    assert bad.status_code == 400 and "http" in bad.data["link"][0]
    uploaded = council.post(
        f"/api/v1/return-answers/{answer['id']}/files/", {"file": pdf()}, format="multipart"
    )
    assert uploaded.status_code == 201 and uploaded.data["files"][0]["sha256"]
    for row in council.get(url).data["answers"]:
        done = council.put(
            f"/api/v1/return-answers/{row['id']}/",
            {"status": "ready", "text": "See the policy.", "version": row["version"]},
            format="json",
        )
        assert done.status_code == 200, done.data
    assert council.post(f"{url}submit/").status_code == 403  # contributors do not submit
    submitted = token_client(council_lead).post(f"{url}submit/")
    assert submitted.status_code == 200 and submitted.data["status"] == "submitted"
    accepted = token_client(assessor).post(
        f"/api/v1/return-answers/{answer['id']}/accept/",
        {"category": "processes", "statements": [1], "title": "Policies", "narrative": "Policy",
         "direction": "neutral", "effective_date": timezone.localdate().isoformat()},
        format="json", HTTP_IDEMPOTENCY_KEY="accept-key-1",
    )  # fmt: skip
    assert accepted.status_code == 201
    item = EvidenceItem.objects.get(pk=accepted.data["evidence_id"])
    assert item.attachments.get().sha256 == uploaded.data["files"][0]["sha256"]


def test_requests_through_the_api_with_an_idempotency_key(
    token_client, assessment, assessor, council_lead, other_council_lead
):
    team = token_client(assessor)
    url = f"/api/v1/assessments/{assessment.pk}/document-requests/"
    body = {"title": "Audit", "reason": "Latest", "statements": [7], "due_on": _due()}
    first = team.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="request-key-1")
    second = team.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="request-key-1")
    assert first.status_code == second.status_code == 201
    assert first.data["id"] == second.data["id"]
    assert DocumentRequest.objects.count() == 1
    assert token_client(other_council_lead).get(url).status_code == 404
    council = token_client(council_lead)
    assert council.get(url).data["count"] == 1
    request_id = first.data["id"]
    answered = council.post(
        f"/api/v1/document-requests/{request_id}/responses/",
        {"text": "Here it is", "file": pdf()},
        format="multipart",
    )
    assert answered.status_code == 201 and answered.data["status"] == "answered"
    review = team.post(
        f"/api/v1/document-requests/{request_id}/review/",
        {"decision": "more_needed", "version": answered.data["version"]},
        format="json",
    )
    assert review.status_code == 400 and "note" in review.data
    notes = council.get("/api/v1/notifications/")
    assert notes.status_code == 200 and notes.data["count"] >= 1


def test_a_contributor_is_invited_through_the_api(token_client, council_lead, suffolk, api):
    url = f"/api/v1/councils/{suffolk.gss_code}/contributors/"
    assert api.get(url).status_code == 401
    made = token_client(council_lead).post(
        url, {"full_name": "Ann", "email": "ann@suffolk.gov.uk"}, format="json"
    )
    assert made.status_code == 201
    bad = token_client(council_lead).post(url, {"full_name": "B", "email": "x"}, format="json")
    assert bad.status_code == 400 and "email" in bad.data


def test_the_self_assessment_is_listed_in_pages_like_every_list(
    token_client, assessment, council_contributor
):
    council = token_client(council_contributor)
    url = f"/api/v1/assessments/{assessment.pk}/self-assessment/"
    empty = council.get(url)
    assert empty.status_code == 200 and empty.data["count"] == 0 and empty.data["results"] == []
    saved = council.put(url, {"theme": 1, "text": "We know our communities."},
                        format="json")  # fmt: skip
    assert saved.status_code == 200, saved.data
    listed = council.get(url).data
    assert listed["count"] == 1 and listed["results"][0]["text"] == "We know our communities."
    assert {"next", "previous"} <= set(listed)
