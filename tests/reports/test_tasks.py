"""The task bodies run in-process (not eager mode: the function is called directly) for
idempotency, failure handling and bulk exports. Real workers are in test_worker.py."""

import csv
import hashlib
import io
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import OperationalError

from reports import services, storage, tasks
from reports.models import BulkExport, RenderStatus, Report
from tests.reports.conftest import pdf_text


def _folder_files(report) -> list[Path]:
    folder = Path(storage.private_storage().path(report.stored_name)).parent
    return sorted(p for p in folder.iterdir()) if folder.exists() else []


def test_render_makes_one_ready_file_and_a_second_run_does_nothing(
    scored_assessment, lead_assessor, quiet_queue
):
    report = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind="draft"
    )
    for path in _folder_files(report):
        path.unlink()
    tasks.render_report(report.pk)
    report.refresh_from_db()
    assert report.status == RenderStatus.READY
    with storage.open_file(report.stored_name) as handle:
        content = handle.read()
    assert hashlib.sha256(content).hexdigest() == report.sha256
    assert report.file_size == len(content) and report.page_count > 5
    assert len(report.input_checksum) == 64 and report.attempts == 1
    assert "Suffolk" in pdf_text(content)
    first = (report.sha256, report.finished_at)

    tasks.render_report(report.pk)  # a duplicated delivery
    report.refresh_from_db()
    assert (report.sha256, report.finished_at) == first and report.attempts == 1
    # One PDF (and, for a draft, its Word copy: issue 16), whatever the number of runs.
    pdf = Path(storage.private_storage().path(report.stored_name))
    assert sorted(_folder_files(report)) == sorted([pdf, pdf.with_suffix(".docx")])
    assert Report.objects.filter(assessment=scored_assessment).count() == 1


def test_redelivery_after_a_crash_mid_render_replaces_the_same_single_file(
    scored_assessment, lead_assessor, quiet_queue
):
    report = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind="draft"
    )
    for path in _folder_files(report):
        path.unlink()

    def crash(_report):
        raise KeyboardInterrupt  # stands in for the worker dying before the file is stored

    with pytest.raises(KeyboardInterrupt):
        services.report_render(report_id=report.pk, before_store=crash)
    report.refresh_from_db()
    assert report.status == RenderStatus.RENDERING and not _folder_files(report)

    tasks.render_report(report.pk)  # the redelivered message
    report.refresh_from_db()
    assert report.status == RenderStatus.READY and report.attempts == 2
    assert len(_folder_files(report)) == 2  # the PDF and the draft's Word copy (issue 16)


def test_published_ready_report_is_never_rerendered(
    published_assessment, lead_assessor, quiet_queue
):
    report = services.report_request(
        actor=lead_assessor, assessment=published_assessment, kind="published"
    )
    tasks.render_report(report.pk)
    report.refresh_from_db()
    with storage.open_file(report.stored_name) as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == report.sha256
    with mock.patch("reports.rendering.html_to_pdf") as render:
        tasks.render_report(report.pk)
    render.assert_not_called()
    # Marking a ready report failed is refused too.
    services.report_mark_failed(report_id=report.pk, error="late failure")
    report.refresh_from_db()
    assert report.status == RenderStatus.READY and report.error == ""


def test_task_options_guard_delivery_and_retries():
    for task in (tasks.render_report, tasks.build_bulk_export):
        assert task.acks_late and task.reject_on_worker_lost
        assert set(task.autoretry_for) == {OperationalError, OSError}
        assert task.max_retries == tasks.MAX_RETRIES and task.retry_backoff
        assert 0 < task.soft_time_limit < task.time_limit
    assert tasks.render_report.name == "reports.tasks.render_report"


def test_final_failure_marks_the_report_failed_with_a_readable_error(
    scored_assessment, lead_assessor, quiet_queue
):
    report = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind="draft"
    )
    task = tasks.render_report
    task.on_failure(OperationalError("server closed"), "id", (report.pk,), {}, None)
    report.refresh_from_db()
    assert report.status == RenderStatus.FAILED
    assert report.error.startswith("The database was unavailable while rendering")
    assert "took longer than 4 minutes" in tasks.readable_error(SoftTimeLimitExceeded(), retries=0)
    assert tasks.readable_error(ValueError("bad"), retries=0) == "Rendering failed: ValueError: bad"


def test_bulk_export_zips_published_reports_with_a_manifest(
    published_assessment, scored_assessment, admin_user, lead_assessor, quiet_queue
):
    published = services.report_request(
        actor=lead_assessor, assessment=published_assessment, kind="published"
    )
    draft = services.report_request(actor=lead_assessor, assessment=scored_assessment, kind="draft")
    tasks.render_report(published.pk)
    tasks.render_report(draft.pk)
    published.refresh_from_db()
    export = services.bulk_export_request(actor=admin_user)
    tasks.build_bulk_export(export.pk)
    export.refresh_from_db()
    assert export.status == RenderStatus.READY
    assert (export.total, export.done) == (1, 1)
    with storage.open_file(export.stored_name) as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = archive.namelist()
    assert "manifest.csv" in names and len(names) == 2  # the draft is never exported
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
    assert rows == [
        {
            "council": "Nottingham",
            "gss_code": "E06000018",
            "rating": "Outstanding",
            "percentage": "89",
            "publication_date": "2025-06-02",
            "sha256": published.sha256,
            "file": "E06000018-nottingham-2025-06-02-published-v1.pdf",
            "report_version": "1",
            "status": "included",
            "demo_data": "no",
        }
    ]
    pdf = archive.read(rows[0]["file"])
    assert hashlib.sha256(pdf).hexdigest() == published.sha256

    # A region with no published reports gives an empty export with just the manifest.
    empty = services.bulk_export_request(actor=admin_user, region_code="E12000001")
    tasks.build_bulk_export(empty.pk)
    empty.refresh_from_db()
    assert (empty.status, empty.total) == (RenderStatus.READY, 0)


def test_bulk_export_started_while_a_published_report_renders_names_it_in_manifest_and_page(
    published_assessment, suffolk, admin_user, lead_assessor, quiet_queue, client
):
    """Right after publishing, a report is still queued or rendering: the export must not
    leave it out silently (issue 19)."""
    from django.urls import reverse

    from assessments.models import AssessmentStatus
    from reports.sample import build_assessment

    ready = services.report_request(
        actor=lead_assessor, assessment=published_assessment, kind="published"
    )
    tasks.render_report(ready.pk)
    just_published = build_assessment(
        council=suffolk, author=lead_assessor, status=AssessmentStatus.PUBLISHED, paragraphs=1
    )
    rendering = services.report_request(
        actor=lead_assessor, assessment=just_published, kind="published"
    )
    assert rendering.status == RenderStatus.QUEUED  # no worker has taken it yet
    # A correction of Nottingham's report, not rendered yet either: v1 goes in, v2 is named.
    from reports.corrections import Change, report_correct

    report_correct(
        actor=lead_assessor,
        assessment=published_assessment,
        reason="A typing error in the summary.",
        changes=[Change(kind="summary", new_value="The corrected summary.")],
    )

    export = services.bulk_export_request(actor=admin_user)
    tasks.build_bulk_export(export.pk)
    export.refresh_from_db()
    assert export.status == RenderStatus.READY and export.total == 1
    with storage.open_file(export.stored_name) as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
    assert [(r["council"], r["report_version"], r["status"]) for r in rows] == [
        ("Nottingham", "1", "included"),
        ("Nottingham", "2", "not yet rendered (version 2; version 1 is included)"),
        ("Suffolk", "1", "not yet rendered"),
    ]
    assert rows[2]["file"] == "" and rows[2]["sha256"] == ""
    assert len(archive.namelist()) == 2  # one PDF and the manifest
    assert [gap["council"] for gap in export.missing] == ["Nottingham", "Suffolk"]

    client.force_login(admin_user)
    html = client.get(reverse("reports:exports")).content.decode()
    assert "2 published reports not in this ZIP" in html
    assert "Suffolk: not yet rendered" in html
    assert "Nottingham: version 2 not yet rendered, version 1 included instead" in html


def test_bulk_export_fails_readably_when_a_stored_pdf_was_altered(
    published_assessment, admin_user, lead_assessor, quiet_queue
):
    report = services.report_request(
        actor=lead_assessor, assessment=published_assessment, kind="published"
    )
    tasks.render_report(report.pk)
    report.refresh_from_db()
    storage.put_file(report.stored_name, b"%PDF-1.7 tampered")
    export = services.bulk_export_request(actor=admin_user)
    with pytest.raises(services.ReportError):
        tasks.build_bulk_export(export.pk)
    tasks.build_bulk_export.on_failure(
        services.ReportError("does not match its recorded SHA-256"), "id", (export.pk,), {}, None
    )
    export = BulkExport.objects.get(pk=export.pk)
    assert export.status == RenderStatus.FAILED
    assert "SHA-256" in export.error


def test_worker_children_are_recycled_and_reports_have_their_own_queue():
    from django.conf import settings

    from config.celery import app

    assert 0 < app.conf.worker_max_tasks_per_child <= 100
    assert app.conf.worker_prefetch_multiplier == 1
    assert settings.CELERY_TASK_ROUTES["reports.tasks.*"] == {"queue": "reports"}
    route = app.amqp.router.route({}, "reports.tasks.render_report")
    assert route["queue"].name == "reports"


def test_failure_of_a_missing_row_is_ignored(db):
    tasks.render_report.on_failure(ValueError("gone"), "id", (987654,), {}, None)
    tasks.build_bulk_export.on_failure(ValueError("gone"), "id", (987654,), {}, None)


def test_a_queued_version_renders_the_data_of_its_request_not_a_later_change(
    scored_assessment, lead_assessor, quiet_queue
):
    from reviews.models import StatementFinding

    finding = StatementFinding.objects.filter(assessment=scored_assessment).first()
    finding.strengths = "Carers were offered a break within a week."
    finding.save()
    report = services.report_request(
        actor=lead_assessor, assessment=scored_assessment, kind="draft"
    )
    # Changed while the version waits in the queue: the version keeps what was asked for.
    finding.strengths = "Carers waited six months for a break."
    finding.save()
    tasks.render_report(report.pk)
    report.refresh_from_db()
    with storage.open_file(report.stored_name) as handle:
        text = " ".join(pdf_text(handle.read()).split())
    assert "Carers were offered a break within a week." in text
    assert "six months" not in text
    assert report.input_data["themes"] and report.input_checksum
    # The next version shows the change.
    later = services.report_request(actor=lead_assessor, assessment=scored_assessment, kind="draft")
    tasks.render_report(later.pk)
    later.refresh_from_db()
    with storage.open_file(later.stored_name) as handle:
        assert "six months" in " ".join(pdf_text(handle.read()).split())
