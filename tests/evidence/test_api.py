"""Evidence over the API: the list with the statement page's filters, record with uploaded
files, change with its version, withdraw, and permission-checked downloads."""

import pytest

from audit.models import AuditEvent
from evidence.models import EvidenceItem
from tests.evidence.conftest import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def list_url(assessment):
    return f"/api/v1/assessments/{assessment.pk}/evidence/"


def payload(**overrides):
    values = {
        "statements": [1, 7],
        "category": "peoples-experience",
        "route": "collected",
        "source_type": "case_tracking",
        "title": "Case tracking: six people",
        "narrative": "Assessments started within four weeks for five of six people.",
        "direction": "positive",
        "effective_date": "2025-02-03",
        "contains_personal_data": False,
    }
    values.update(overrides)
    return values


def test_team_uploads_a_file_records_evidence_and_downloads_the_file(
    token_client, assessment, assessor, council_lead, other_council_lead
):
    client = token_client(assessor)
    sent = client.post(
        f"{list_url(assessment)}uploads/",
        {"file": upload("../../notes.pdf", PDF_BYTES)},
        format="multipart",
    )
    assert sent.status_code == 201, sent.content
    token = sent.json()["token"]
    assert sent.json()["content_type"] == "application/pdf"
    created = client.post(list_url(assessment), payload(uploads=[token]), format="json")
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["statements"] == [1, 7]
    assert item["category"]["code"] == "peoples-experience"
    assert item["version"] == 1
    attachment = item["attachments"][0]
    assert "/" not in attachment["original_name"]
    # Issue 16: council leads see no evidence before the draft is sent to them...
    assert token_client(council_lead).get(attachment["download"]).status_code == 404
    assessment.status = "factual_accuracy"
    assessment.save()
    # ...and, from the sending, evidence without personal data.
    download = token_client(council_lead).get(attachment["download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert token_client(other_council_lead).get(attachment["download"]).status_code == 404
    assert AuditEvent.objects.filter(action="evidence.create").exists()


def test_a_file_that_is_not_allowed_or_an_unknown_token_is_a_field_error(
    token_client, assessment, assessor
):
    client = token_client(assessor)
    bad = client.post(
        f"{list_url(assessment)}uploads/",
        {"file": upload("virus.pdf", b"MZ\x90\x00 not a pdf")},
        format="multipart",
    )
    assert bad.status_code == 400 and "attachments" in bad.json()
    unknown = client.post(list_url(assessment), payload(uploads=["nope"]), format="json")
    assert unknown.status_code == 400 and "uploads" in unknown.json()
    malformed = client.post(
        list_url(assessment),
        payload(statements=[], category="astrology", route="post", effective_date="soon"),
        format="json",
    )
    assert malformed.status_code == 400
    assert {"statements", "route", "effective_date"} <= set(malformed.json())
    wrong_category = client.post(list_url(assessment), payload(category="astrology"), format="json")
    assert wrong_category.status_code == 400 and "category" in wrong_category.json()
    assert not EvidenceItem.objects.exists()


def test_list_filters_like_the_statement_page_and_hides_personal_data(
    token_client, assessment, assessor, council_lead
):
    client = token_client(assessor)
    client.post(list_url(assessment), payload(), format="json")
    client.post(
        list_url(assessment),
        payload(
            statements=[4],
            title="Partner survey",
            direction="negative",
            category="partners-feedback",
            route="requested",
            source_type="survey",
            contains_personal_data=True,
        ),
        format="json",
    )
    assert client.get(list_url(assessment)).json()["count"] == 2
    assert client.get(list_url(assessment), {"statement": 7}).json()["count"] == 1
    assert client.get(list_url(assessment), {"direction": "negative"}).json()["count"] == 1
    assert client.get(list_url(assessment), {"q": "survey"}).json()["count"] == 1
    assert client.get(list_url(assessment), {"category": "partners-feedback"}).json()["count"] == 1
    bad = client.get(list_url(assessment), {"route": "post", "statement": 0})
    assert bad.status_code == 400 and {"route", "statement"} <= set(bad.json())
    # The council sees the evidence from the sending, but never items marked as personal data.
    assert token_client(council_lead).get(list_url(assessment)).status_code == 403
    assessment.status = "factual_accuracy"  # council leads see evidence from the sending
    assessment.save()
    lead_view = token_client(council_lead).get(list_url(assessment)).json()
    assert [row["title"] for row in lead_view["results"]] == ["Case tracking: six people"]


def test_change_needs_the_current_version_and_withdraw_keeps_the_record(
    token_client, assessment, assessor, lead_assessor, council_lead
):
    item = token_client(assessor).post(list_url(assessment), payload(), format="json").json()
    url = f"/api/v1/evidence/{item['id']}/"
    changed = token_client(lead_assessor).put(
        url, payload(title="Case tracking: seven people", version=1), format="json"
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == 2
    stale = token_client(assessor).put(url, payload(title="Mine", version=1), format="json")
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    # Issue 16: before the draft is sent the council does not even see the item.
    assert token_client(council_lead).put(url, payload(version=2), format="json").status_code == 404
    no_reason = token_client(assessor).post(f"{url}withdraw/", {"version": 2}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    withdrawn = token_client(assessor).post(
        f"{url}withdraw/", {"version": 2, "reason": "Duplicate of item 4."}, format="json"
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["is_withdrawn"] is True
    listed = token_client(assessor).get(list_url(assessment)).json()
    assert listed["count"] == 0
    assert (
        token_client(assessor).get(list_url(assessment), {"withdrawn": True}).json()["count"] == 1
    )


@pytest.mark.parametrize("items", [1, 8])
def test_evidence_list_query_count_does_not_grow(
    items, token_client, assessment, assessor, django_assert_max_num_queries
):
    client = token_client(assessor)
    for number in range(items):
        client.post(list_url(assessment), payload(title=f"Item {number}"), format="json")
    with django_assert_max_num_queries(9):
        body = client.get(list_url(assessment)).json()
    assert body["count"] == items
