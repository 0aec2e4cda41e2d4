"""Issue 16's demo after publication: Herefordshire's published demo assessment, its
corrected report (v2 with the annex) and the council's action plan, labelled "Demo data"
everywhere it shows (bulk exports included) and left out of the national picture."""

import csv
import io
import zipfile
from unittest import mock

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from accounts.models import User
from actionplans.models import ActionStatus
from actionplans.selectors import action_plan
from assessments.models import Assessment, AssessmentStatus
from assessments.selectors import national_rating_counts
from demo.seed.base import PUBLISHED_DEMO_GSS_CODE
from national.selectors import NOT_YET_PUBLISHED, national_table
from reports import services, storage, tasks
from reports.models import RenderStatus, ReportKind
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    """The demo, with its queued reports rendered as the demo's worker renders them: after
    the whole seed, the correction included."""
    call_command("seed_demo", stdout=io.StringIO())
    hereford = Assessment.objects.get(status=AssessmentStatus.PUBLISHED, imported=False)
    for report in hereford.reports.order_by("kind", "version"):
        tasks.render_report(report.pk)
    return hereford


def test_published_demo_assessment_is_labelled_everywhere_and_left_out_nationally(seeded, client):
    hereford = seeded
    # The only published assessment the demo made: flagged, of a council with no real result.
    assert hereford.is_demo and hereford.council.gss_code == PUBLISHED_DEMO_GSS_CODE
    assert not Assessment.objects.filter(council=hereford.council, imported=True).exists()
    assert (hereford.published_rating, round(hereford.published_percentage)) == ("good", 72)

    # Both published versions are on file; v1, rendered after the correction, shows the data
    # of its request (the snapshot); the cover of each says demo data and v2 carries the
    # corrections annex.
    reports = {r.version: r for r in hereford.reports.filter(kind=ReportKind.PUBLISHED)}
    assert sorted(reports) == [1, 2]
    assert {r.status for r in reports.values()} == {RenderStatus.READY}
    assert hereford.reports.get(kind=ReportKind.DRAFT).status == RenderStatus.READY
    texts = {}
    for version, report in reports.items():
        with storage.open_file(report.stored_name) as handle:
            content = handle.read()
        texts[version] = pdf_text(content)
        assert "Demo data: this assessment was made up" in texts[version]
        # Every page after the cover says so in its running header.
        pages = PdfReader(io.BytesIO(content)).pages
        assert all("Herefordshire – demo data" in page.extract_text() for page in pages[1:])
    assert "81% of assessments" not in texts[1] and "Annex: corrections" not in texts[1]
    assert "81% of assessments" in texts[2] and "Annex: corrections" in texts[2]
    correction = hereford.report_corrections.get()
    assert (correction.report_id, correction.statement.number) == (reports[2].pk, 1)

    # The council's plan: one overdue, one in progress with notes, one done.
    rows = action_plan(assessment=hereford)
    assert sorted(r.status for r in rows) == sorted(
        [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.DONE]
    )
    assert [r.status for r in rows if r.overdue] == [ActionStatus.NOT_STARTED]
    in_progress = next(r for r in rows if r.status == ActionStatus.IN_PROGRESS)
    assert in_progress.notes.count() == 2
    assert all(r.action.startswith("Demo data:") for r in rows)

    # Every page showing it says "Demo data"; the API flags it.
    client.force_login(User.objects.get(username="admin"))
    base = hereford.get_absolute_url()
    for url in (
        base,
        f"{base}findings/",
        f"/action-plans/assessments/{hereford.pk}/",
        f"/calibration/assessments/{hereford.pk}/",
        hereford.council.get_absolute_url(),
        f"/national/councils/{hereford.council.gss_code}/",
        "/reports/exports/",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Demo data" in page.content.decode(), url
    api = client.get(f"/api/v1/assessments/{hereford.pk}/").json()
    assert api["is_demo"] is True

    # Left out of the national picture: the table, its CSV, the API and the counts.
    table = national_table()
    assert not [row for row in table.rows if row.assessment and row.assessment.is_demo]
    row = next(r for r in table.rows if r.council.pk == hereford.council_id)
    assert row.result_status == NOT_YET_PUBLISHED
    assert table.total == sum(national_rating_counts().values()) == 45
    csv_rows = list(csv.reader(io.StringIO(client.get("/national/ratings.csv").content.decode())))
    assert next(r for r in csv_rows if r[0] == "Herefordshire")[4] == "Not yet published"
    assert {r[-1] for r in csv_rows[1:] if len(r) > 1} <= {"no", ""}
    api_rows = client.get(
        "/api/v1/national-ratings/", {"region_code": hereford.council.region_code}
    ).json()["results"]
    assert next(
        r for r in api_rows if r["council"]["gss_code"] == PUBLISHED_DEMO_GSS_CODE
    )["result_status"] == "not_published"  # fmt: skip
    # The bulk export of published reports includes it, labelled in its name and manifest.
    admin = User.objects.filter(is_superuser=True).first()
    with mock.patch("reports.tasks.build_bulk_export.apply_async"):
        export = services.bulk_export_request(actor=admin)
    services.bulk_export_build(export_id=export.pk)
    export.refresh_from_db()
    with storage.open_file(export.stored_name) as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    rows = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode())))
    demo_rows = [r for r in rows if r["demo_data"] == "yes"]
    assert [(r["council"], r["report_version"]) for r in demo_rows] == [("Herefordshire", "2")]
    assert demo_rows[0]["file"].endswith("-published-v2-demo-data.pdf")
    assert demo_rows[0]["file"] in archive.namelist()
    assert {r["demo_data"] for r in rows if r["council"] != "Herefordshire"} <= {"no"}
