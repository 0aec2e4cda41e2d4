"""Requesting, retrying and failing reports; versions and the immutability of published ones."""

import datetime
from unittest import mock

import pytest
from kombu.exceptions import OperationalError as BrokerError

from assessments.models import AssessmentStatus
from audit.models import AuditEvent
from reports import services
from reports.corrections import Change, report_correct
from reports.models import BulkExport, RenderStatus, Report, ReportKind
from tests.factories import AssessmentFactory


@pytest.fixture
def sent():
    """Capture what is sent to the broker instead of sending it."""
    with (
        mock.patch("reports.tasks.render_report.apply_async") as render,
        mock.patch("reports.tasks.build_bulk_export.apply_async") as export,
    ):
        yield {"render": render, "export": export}


def test_draft_request_records_a_queued_version_and_enqueues_after_commit(
    scored_assessment, lead_assessor, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = services.report_request(
            actor=lead_assessor, assessment=scored_assessment, kind=ReportKind.DRAFT
        )
        assert not sent["render"].called  # nothing is sent before the commit
    assert len(callbacks) == 1
    sent["render"].assert_called_once()
    assert sent["render"].call_args.kwargs["args"] == [report.pk]
    report.refresh_from_db()
    assert (report.kind, report.version, report.status) == ("draft", 1, RenderStatus.QUEUED)
    assert report.requested_by == lead_assessor
    assert report.stored_name.startswith(f"reports/{scored_assessment.pk}/")
    assert AuditEvent.objects.filter(action="report.request", target_id=str(report.pk)).exists()


def test_versions_count_up_per_kind(scored_assessment, lead_assessor, sent):
    first = services.report_request(actor=lead_assessor, assessment=scored_assessment, kind="draft")
    Report.objects.filter(pk=first.pk).update(status=RenderStatus.READY, sha256="0" * 64)
    second = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind="draft"
    )
    assert (first.version, second.version) == (1, 2)


def test_a_draft_still_in_the_queue_is_returned_instead_of_queuing_another(
    scored_assessment, lead_assessor, assessor, sent
):
    first = services.report_request(actor=lead_assessor, assessment=scored_assessment, kind="draft")
    again = services.report_request(actor=assessor, assessment=scored_assessment, kind="draft")
    assert again.pk == first.pk
    Report.objects.filter(pk=first.pk).update(
        status=RenderStatus.RENDERING, started_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    # A render stuck for far longer than any render takes no longer holds new requests back.
    replacement = services.report_request(
        actor=assessor, assessment=scored_assessment, kind="draft"
    )
    assert replacement.version == 2
    assert Report.objects.filter(kind="draft").count() == 2
    assert AuditEvent.objects.filter(action="report.request").count() == 2


def test_published_report_needs_a_published_assessment(scored_assessment, lead_assessor, sent):
    with pytest.raises(services.ReportError, match="once the assessment is published"):
        services.report_request(
            actor=lead_assessor, assessment=scored_assessment, kind=ReportKind.PUBLISHED
        )
    assert not Report.objects.exists()


def test_published_report_cannot_be_redone_only_corrected_with_a_reason(
    published_assessment, lead_assessor, sent
):
    first = services.report_request(
        actor=lead_assessor, assessment=published_assessment, kind=ReportKind.PUBLISHED
    )
    with pytest.raises(services.ReportError, match="give the reason"):
        services.report_request(
            actor=lead_assessor, assessment=published_assessment, kind=ReportKind.PUBLISHED
        )
    with pytest.raises(services.ReportError, match="must change the data"):
        services.report_request(
            actor=lead_assessor, assessment=published_assessment, kind=ReportKind.PUBLISHED,
            correction_reason="Nothing changes.",
        )  # fmt: skip
    correction = report_correct(
        actor=lead_assessor,
        assessment=published_assessment,
        reason="  The spend figure in statement 8 was wrong.  ",
        changes=[Change(kind="finding", statement_number=8, field="strengths",
                        new_value="Spend rose by 4% in 2024 to 2025.")],
    )  # fmt: skip
    assert correction.version == first.version + 1
    assert correction.correction_reason == "The spend figure in statement 8 was wrong."
    assert correction.stored_name != first.stored_name
    assert AuditEvent.objects.filter(action="report.correct").count() == 1
    assert AuditEvent.objects.filter(action="report.correction_record").count() == 1


def test_correction_reason_refused_on_drafts_and_before_a_published_report(
    published_assessment, scored_assessment, lead_assessor, sent
):
    with pytest.raises(services.ReportError, match="Only a published report"):
        services.report_request(
            actor=lead_assessor,
            assessment=scored_assessment,
            kind="draft",
            correction_reason="x",
        )
    with pytest.raises(services.ReportError, match="no published report to correct"):
        services.report_request(
            actor=lead_assessor,
            assessment=published_assessment,
            kind="published",
            correction_reason="x",
        )


def test_queue_down_keeps_the_row_and_marks_it_failed_with_a_reason(
    scored_assessment, lead_assessor, sent, django_capture_on_commit_callbacks
):
    sent["render"].side_effect = BrokerError("Error 111 connecting to 127.0.0.1:6379.")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(
            actor=lead_assessor, assessment=scored_assessment, kind="draft"
        )
    report.refresh_from_db()
    assert report.status == RenderStatus.FAILED
    assert report.error == services.QUEUE_UNAVAILABLE
    assert AuditEvent.objects.filter(action="report.failed", target_id=str(report.pk)).exists()


def test_retry_requeues_only_failed_reports(
    scored_assessment, lead_assessor, sent, django_capture_on_commit_callbacks
):
    report = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind="draft"
    )
    with pytest.raises(services.ReportError, match="Only a report that failed or is stuck"):
        services.report_retry(actor=lead_assessor, report=report)
    services.report_mark_failed(report_id=report.pk, error="The database was unavailable.")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(actor=lead_assessor, report=report)
    report.refresh_from_db()
    assert (report.status, report.error, report.version) == (RenderStatus.QUEUED, "", 1)
    assert sent["render"].call_count == 1
    assert AuditEvent.objects.filter(action="report.retry").count() == 1


def test_bulk_export_request_records_filters(admin_user, sent, django_capture_on_commit_callbacks):
    import datetime

    with django_capture_on_commit_callbacks(execute=True):
        export = services.bulk_export_request(
            actor=admin_user,
            region_code="E12000006",
            published_from=datetime.date(2025, 1, 1),
        )
    assert export.filters == {"region_code": "E12000006", "published_from": "2025-01-01"}
    assert export.status == RenderStatus.QUEUED
    sent["export"].assert_called_once()
    with pytest.raises(services.ReportError):
        services.bulk_export_request(
            actor=admin_user,
            published_from=datetime.date(2025, 2, 1),
            published_to=datetime.date(2025, 1, 1),
        )
    assert BulkExport.objects.count() == 1


def test_published_assessment_status_is_checked_at_request_time(
    scored_assessment, lead_assessor, sent
):
    scored_assessment.status = AssessmentStatus.PUBLISHED
    scored_assessment.published_on = scored_assessment.notified_on
    scored_assessment.save()
    report = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind=ReportKind.PUBLISHED
    )
    assert report.version == 1


def test_a_stuck_render_can_be_retried_but_a_slow_one_cannot(
    scored_assessment, lead_assessor, sent
):
    import datetime

    from django.utils import timezone

    report = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind="draft"
    )
    Report.objects.filter(pk=report.pk).update(
        status=RenderStatus.RENDERING, started_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    report.refresh_from_db()
    assert not services.report_is_stuck(report)
    with pytest.raises(services.ReportError, match="failed or is stuck"):
        services.report_retry(actor=lead_assessor, report=report)
    Report.objects.filter(pk=report.pk).update(
        started_at=timezone.now() - services.STUCK_RENDERING_AFTER - datetime.timedelta(seconds=1)
    )
    report.refresh_from_db()
    assert services.report_is_stuck(report)
    services.report_retry(actor=lead_assessor, report=report)
    report.refresh_from_db()
    assert report.status == RenderStatus.QUEUED and report.version == 1


def test_file_names_of_a_councils_published_reports_differ_by_publication_date(db, nottingham):
    """The pilot and the formal assessment of a council both have a 'published, version 1'
    report; one bulk ZIP holds both, so their names must differ."""
    pilot = AssessmentFactory.build(council=nottingham, status="published")
    pilot.published_on = datetime.date(2023, 9, 4)
    formal = AssessmentFactory.build(council=nottingham, status="published")
    draft = AssessmentFactory.build(council=nottingham)
    names = [
        services.export_file_name(Report(assessment=assessment, kind=kind, version=1))
        for assessment, kind in ((pilot, "published"), (formal, "published"), (draft, "draft"))
    ]
    assert names == [
        "E06000018-nottingham-2023-09-04-published-v1.pdf",
        "E06000018-nottingham-2025-06-02-published-v1.pdf",
        "E06000018-nottingham-draft-v1.pdf",
    ]
