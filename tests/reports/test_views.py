"""The report panel, requests, retries, downloads and the admin exports pages."""

import csv
import datetime
import io
from unittest import mock

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError as BrokerError
from openpyxl import load_workbook

from reports import services, tasks
from reports.models import BulkExport, RenderStatus, Report


@pytest.fixture
def sent():
    with (
        mock.patch("reports.tasks.render_report.apply_async") as render,
        mock.patch("reports.tasks.build_bulk_export.apply_async") as export,
    ):
        yield {"render": render, "export": export}


def _ready(report):
    tasks.render_report(report.pk)
    report.refresh_from_db()
    return report


def test_assessment_page_shows_the_panel_with_a_draft_button_for_the_team(
    client, scored_assessment, lead_assessor
):
    client.force_login(lead_assessor)
    response = client.get(scored_assessment.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="reports"' in html and "Produce a draft report" in html
    assert "No reports have been produced yet." in html


def test_requesting_a_draft_shows_it_queued_and_the_panel_polls(
    client, scored_assessment, lead_assessor, sent, django_capture_on_commit_callbacks
):
    client.force_login(lead_assessor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:request_draft", args=[scored_assessment.pk]), HTTP_HX_REQUEST="true"
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Queued" in html and "Draft, version 1" in html
    assert 'hx-trigger="every 2s"' in html  # polls while queued
    report = Report.objects.get()
    _ready(report)
    panel = client.get(reverse("reports:panel", args=[scored_assessment.pk])).content.decode()
    assert "Ready" in panel and "every 2s" not in panel
    assert reverse("reports:download", args=[report.pk]) in panel


def test_queue_down_gives_a_failed_row_with_the_reason_and_a_retry_button_not_a_500(
    client, scored_assessment, lead_assessor, sent, django_capture_on_commit_callbacks
):
    sent["render"].side_effect = BrokerError("Error 111 connecting")
    client.force_login(lead_assessor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:request_draft", args=[scored_assessment.pk]))
    assert response.status_code == 302
    response = client.get(response["Location"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "Failed" in html and services.QUEUE_UNAVAILABLE in html
    report = Report.objects.get()
    assert reverse("reports:retry", args=[report.pk]) in html
    sent["render"].side_effect = None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:retry", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == RenderStatus.QUEUED


def test_only_the_team_may_request_drafts(
    client, scored_assessment, council_lead, outside_assessor, sent
):
    client.force_login(council_lead)
    url = reverse("reports:request_draft", args=[scored_assessment.pk])
    assert client.post(url).status_code == 403
    client.force_login(outside_assessor)
    assert client.post(url).status_code == 404
    assert not Report.objects.exists()


def test_download_answers_not_ready_until_ready_then_streams_the_pdf(
    client, scored_assessment, lead_assessor, sent
):
    report = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind="draft"
    )
    client.force_login(lead_assessor)
    url = reverse("reports:download", args=[report.pk])
    response = client.get(url)
    assert response.status_code == 409
    assert "not ready yet" in response.content.decode()
    _ready(report)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_council_lead_downloads_only_the_drafts_sent_to_it(
    client, scored_assessment, lead_assessor, council_lead, other_council_lead, sent
):
    """Issue 16: the council's draft access is exactly the versions sent for factual
    accuracy. A draft made in scoring stays hidden even while `fa_sent_on` is set (it stays
    set after a return to scoring: the defect on main); one made during the check is sent."""
    from assessments.models import AssessmentStatus

    in_scoring = _ready(
        services.report_request(actor=lead_assessor, assessment=scored_assessment, kind="draft")
    )
    assert in_scoring.sent_to_council_on is None
    url = reverse("reports:download", args=[in_scoring.pk])
    client.force_login(council_lead)
    assert client.get(url).status_code == 403
    scored_assessment.fa_sent_on = datetime.date(2025, 4, 14)
    scored_assessment.save()
    assert client.get(url).status_code == 403
    scored_assessment.status = AssessmentStatus.FACTUAL_ACCURACY
    scored_assessment.save()
    assert client.get(url).status_code == 403  # made before the sending: never sent
    sent_draft = _ready(
        services.report_request(actor=lead_assessor, assessment=scored_assessment, kind="draft")
    )
    assert sent_draft.sent_to_council_on == datetime.date.today()
    sent_url = reverse("reports:download", args=[sent_draft.pk])
    assert client.get(sent_url).status_code == 200
    client.force_login(other_council_lead)
    assert client.get(sent_url).status_code == 404
    client.logout()
    assert client.get(sent_url).status_code == 404


def test_published_report_is_public_and_corrections_need_a_reason(
    client, published_assessment, lead_assessor, sent
):
    report = _ready(
        services.report_request(
            actor=lead_assessor, assessment=published_assessment, kind="published"
        )
    )
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 200
    page = client.get(published_assessment.get_absolute_url()).content.decode()
    assert "Published, version 1" in page and "Produce a draft report" not in page

    client.force_login(lead_assessor)
    url = reverse("reports:request_published", args=[published_assessment.pk])
    response = client.post(url, {"reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Error: Correct the published report" in html
    assert "Enter the reason for the correction" in html
    response = client.post(
        url,
        {"kind": "finding", "statement": "8", "field": "strengths",
         "new_value": "The strategy ran from 2024.",
         "reason": "Statement 8 quoted the wrong year."},
    )  # fmt: skip
    assert response.status_code == 302
    correction = Report.objects.get(version=2)
    assert correction.correction_reason == "Statement 8 quoted the wrong year."
    report.refresh_from_db()
    assert report.status == RenderStatus.READY  # the first version is untouched


def test_exports_page_is_for_admins(client, lead_assessor, admin_user):
    client.force_login(lead_assessor)
    assert client.get(reverse("reports:exports")).status_code == 403
    assert client.get(reverse("national:ratings_xlsx")).status_code == 403
    client.force_login(admin_user)
    response = client.get(reverse("reports:exports"))
    assert response.status_code == 200
    assert "Bulk export of published reports" in response.content.decode()


def test_admin_lists_and_downloads_any_published_pdf(
    client, admin_user, published_assessment, lead_assessor, sent, django_assert_max_num_queries
):
    report = _ready(
        services.report_request(
            actor=lead_assessor, assessment=published_assessment, kind="published"
        )
    )
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("reports:exports")).content.decode()
    assert reverse("reports:download", args=[report.pk]) in html
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 200


def test_bulk_export_form_errors_keep_input_and_success_queues(
    client, admin_user, sent, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    response = client.post(
        reverse("reports:exports"),
        {
            "region": "",
            **{"published_from-day": "1", "published_from-month": "6"},
            "published_from-year": "2025",
            **{"published_to-day": "1", "published_to-month": "1", "published_to-year": "2025"},
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'id="id_published_from-month" name="published_from-month"' in html
    assert 'name="published_from-month" type="text" inputmode="numeric" value="6"' in html
    assert not BulkExport.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:exports"), {"region": "E12000004", "published_from": "2025-01-01"}
        )
    assert response.status_code == 302
    export = BulkExport.objects.get()
    sent["export"].assert_called_once()
    panel = client.get(reverse("reports:bulk_panel")).content.decode()
    assert "<progress" in panel and 'hx-trigger="every 2s"' in panel
    assert client.get(reverse("reports:bulk_download", args=[export.pk])).status_code == 409


def test_exports_link_the_one_national_table_and_old_addresses_redirect(
    client, admin_user, published_assessment
):
    """The exports page links the national table's own downloads (national/); the addresses
    the exports had before redirect there."""
    client.force_login(admin_user)
    html = client.get(reverse("reports:exports")).content.decode()
    assert reverse("national:ratings_csv") in html and reverse("national:ratings_xlsx") in html
    old_csv = client.get(reverse("reports:national_csv"))
    assert (old_csv.status_code, old_csv.url) == (301, reverse("national:ratings_csv"))
    old_xlsx = client.get(reverse("reports:national_xlsx"))
    assert (old_xlsx.status_code, old_xlsx.url) == (301, reverse("national:ratings_xlsx"))
    response = client.get(old_csv.url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["council", "gss_code", "region", "council_type", "result", "rating"]
    assert len(rows) == 1 + 153  # every council, with or without a published result
    nottingham = next(row for row in rows if row[1] == "E06000018")
    assert nottingham[4:7] == ["Published", "Outstanding", "89"]
    assert nottingham[-3:] == ["2025-06-02", "no", "no"]
    assert next(row for row in rows if row[1] == "E06000001")[4] == "Not yet published"
    response = client.get(old_xlsx.url)
    workbook = load_workbook(io.BytesIO(response.content))
    values = [[cell.value for cell in row] for row in workbook.active.iter_rows()]
    assert values[0] == rows[0]
    notts = next(row for row in values if row[1] == "E06000018")
    assert notts[5] == "Outstanding" and notts[6] == 89
    assert "CQC" in workbook["About"]["A1"].value


def test_panel_queries_do_not_grow_with_report_versions(
    client, scored_assessment, lead_assessor, sent, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(lead_assessor)
    url = reverse("reports:panel", args=[scored_assessment.pk])
    services.report_request(actor=lead_assessor, assessment=scored_assessment, kind="draft")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(4):
        Report.objects.update(status=RenderStatus.READY, sha256="0" * 64)
        services.report_request(actor=lead_assessor, assessment=scored_assessment, kind="draft")
    with django_assert_num_queries(len(one)):
        html = client.get(url).content.decode()
    assert "Draft, version 5" in html
