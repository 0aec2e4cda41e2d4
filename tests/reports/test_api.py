"""Report versions over the API: request, status, retry, and a download that answers 409
with Retry-After until the file is ready."""

from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from audit.models import AuditEvent
from reports import services, tasks
from reports.models import RenderStatus, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent():
    with mock.patch("reports.tasks.render_report.apply_async") as render:
        yield render


def reports_url(assessment):
    return f"/api/v1/assessments/{assessment.pk}/reports/"


def test_team_requests_a_draft_and_downloads_it_once_rendered(
    token_client, scored_assessment, lead_assessor, sent, django_capture_on_commit_callbacks
):
    client = token_client(lead_assessor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reports_url(scored_assessment), {"kind": "draft"}, format="json")
    assert response.status_code == 201, response.content
    report = response.json()
    assert report["status"] == "queued" and report["version"] == 1
    assert sent.called  # queued for a worker after commit; the request does not wait
    assert AuditEvent.objects.filter(action="report.request").exists()

    not_ready = client.get(report["download"])
    assert not_ready.status_code == 409
    assert not_ready["Retry-After"] == "10"
    assert not_ready.json()["code"] == "not_ready"

    tasks.render_report(report["id"])  # what the worker does
    status = client.get(f"/api/v1/reports/{report['id']}/").json()
    assert status["status"] == "ready" and len(status["sha256"]) == 64
    pdf = client.get(report["download"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    listed = client.get(reports_url(scored_assessment)).json()
    assert [row["id"] for row in listed["results"]] == [report["id"]]


def test_a_failed_report_is_409_without_retry_after_and_can_be_retried(
    token_client, scored_assessment, lead_assessor, sent
):
    report = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind="draft"
    )
    Report.objects.filter(pk=report.pk).update(status=RenderStatus.FAILED, error="Out of memory")
    client = token_client(lead_assessor)
    download = client.get(f"/api/v1/reports/{report.pk}/download/")
    assert download.status_code == 409
    assert "Retry-After" not in download
    assert download.json() == {
        "detail": "The report is not available: Out of memory. Retry it.",
        "code": "failed",
    }
    retried = client.post(f"/api/v1/reports/{report.pk}/retry/")
    assert retried.status_code == 200 and retried.json()["status"] == "queued"
    again = client.post(f"/api/v1/reports/{report.pk}/retry/")
    assert again.status_code == 409
    assert again.json()["detail"] == "Only a report that failed or is stuck can be retried."


def test_who_requests_and_downloads_is_the_policys_decision(
    token_client, scored_assessment, lead_assessor, council_lead, other_council_lead, api, sent
):
    assert (
        token_client(council_lead)
        .post(reports_url(scored_assessment), {"kind": "draft"}, format="json")
        .status_code
        == 403
    )
    published = token_client(lead_assessor).post(
        reports_url(scored_assessment), {"kind": "published"}, format="json"
    )
    assert published.status_code == 403  # not published yet: can_request_published_report
    scored_assessment.fa_sent_on = None
    scored_assessment.save()
    report = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind="draft"
    )
    name = storages["private"].save(report.stored_name, ContentFile(b"%PDF-1.7 test"))
    Report.objects.filter(pk=report.pk).update(
        status=RenderStatus.READY, sha256="0" * 64, stored_name=name
    )
    download = f"/api/v1/reports/{report.pk}/download/"
    assert token_client(council_lead).get(download).status_code == 403  # draft not sent yet
    assert token_client(other_council_lead).get(download).status_code == 404
    assert api.get(download).status_code == 404
    bad = token_client(lead_assessor).post(
        reports_url(scored_assessment), {"kind": "final"}, format="json"
    )
    assert bad.status_code == 400 and "kind" in bad.json()


def test_published_report_is_public_and_a_second_needs_a_correction_reason(
    token_client, published_assessment, lead_assessor, api, sent
):
    client = token_client(lead_assessor)
    first = client.post(reports_url(published_assessment), {"kind": "published"}, format="json")
    assert first.status_code == 201, first.content
    assert api.get(f"/api/v1/reports/{first.json()['id']}/").status_code == 200
    second = client.post(reports_url(published_assessment), {"kind": "published"}, format="json")
    assert second.status_code == 409
    assert "give the reason" in second.json()["detail"]
    # Issue 16: a reason alone re-renders the same frozen data, so it is refused...
    reason_only = client.post(
        reports_url(published_assessment),
        {"kind": "published", "correction_reason": "Figure in QS4 corrected."},
        format="json",
    )
    assert reason_only.status_code == 409 and "must change the data" in reason_only.json()["detail"]
    # ...and a correction says what changes.
    corrected = client.post(
        f"/api/v1/assessments/{published_assessment.pk}/corrections/",
        {"reason": "Figure in QS4 corrected.",
         "changes": [{"kind": "finding", "statement": 4, "field": "strengths",
                      "new_value": "78% of reviews were on time."}]},
        format="json",
    )  # fmt: skip
    assert corrected.status_code == 201 and corrected.json()["version"] == 2
    empty = client.post(
        f"/api/v1/assessments/{published_assessment.pk}/corrections/",
        {"reason": "x", "changes": []}, format="json",
    )  # fmt: skip
    assert empty.status_code == 400 and "changes" in empty.json()


@pytest.mark.parametrize("versions", [1, 5])
def test_report_list_query_count_does_not_grow(
    versions, token_client, scored_assessment, lead_assessor, sent, django_assert_max_num_queries
):
    for _ in range(versions):
        Report.objects.update(
            status=RenderStatus.READY, sha256="0" * 64
        )  # else the queued draft is reused
        services.report_request(actor=lead_assessor, assessment=scored_assessment, kind="draft")
    client = token_client(lead_assessor)
    with django_assert_max_num_queries(6):
        body = client.get(reports_url(scored_assessment)).json()
    assert body["count"] == versions
