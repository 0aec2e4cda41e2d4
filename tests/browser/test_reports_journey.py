"""Reports in a real browser with a real worker: a draft requested from the assessment page
renders while the panel polls (htmx), then downloads; an admin publishes an assessment,
downloads its published PDF and builds a bulk export that includes it."""

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.conftest import check_accessibility, click_through, screenshot, sign_in

pytestmark = pytest.mark.browser

SUFFOLK = "E10000029"


def test_lead_assessor_produces_and_downloads_a_draft_report(page):
    sign_in(page, "lead.assessor")
    page.goto("/councils/E08000025/")  # Birmingham: a formal assessment in scoring
    check_accessibility(page, "report-council-page")
    click_through(page.get_by_role("link", name="Formal assessment"))
    panel = page.locator("#reports")
    panel.get_by_role("button", name="Produce a draft report").click()
    page.locator("#reports").get_by_text("Draft, version 1").wait_for()
    # The panel polls itself until the worker has rendered the PDF: no reload here.
    link = page.locator("#reports").get_by_role("link", name="Download PDF")
    link.wait_for(timeout=120_000)
    check_accessibility(page, "assessment-report-panel")
    screenshot(page, "report-panel-ready")
    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    assert content.startswith(b"%PDF")
    assert "Birmingham" in text and "DRAFT" in text


def test_admin_publishes_an_assessment_downloads_its_pdf_and_a_bulk_export_includes_it(
    page, arrange
):
    """Suffolk's formal assessment (demo: in its factual accuracy check, the summary's
    challenge awaiting a decision) is published once every challenge is decided; its
    published PDF, the bulk export and the national table then carry its rating."""
    arrange("open_assessment", gss_code=SUFFOLK)  # still open: nobody published it yet
    sign_in(page, "admin")
    page.goto(f"/councils/{SUFFOLK}/")
    check_accessibility(page, "publish-council-page")
    click_through(page.get_by_role("link", name="Formal assessment"))
    check_accessibility(page, "publish-assessment")
    click_through(page.get_by_role("button", name="Publish"))
    assert (
        "Every challenge needs a decision before publication: 1 is still awaiting one."
        in page.locator("main").inner_text()
    )
    check_accessibility(page, "publish-blocked")
    screenshot(page, "publish-blocked")

    click_through(page.get_by_role("link", name="Cancel"))
    click_through(page.get_by_role("link", name="Factual accuracy challenges"))
    check_accessibility(page, "publish-challenges")
    click_through(page.get_by_role("link", name="Summary", exact=True))
    check_accessibility(page, "publish-challenge-decide")
    page.get_by_label("Accepted: the draft will be changed").check()
    page.get_by_label("Change made (if accepted)").fill("The carers' hub added to the summary.")
    summary = page.get_by_label("Summary", exact=True)
    summary.fill(summary.input_value() + " The carers' hub opened in June 2025.")
    click_through(page.get_by_role("button", name="Record the decision"))
    assert "Decision recorded." in page.locator(".govuk-notification-banner").inner_text()

    click_through(page.locator(".govuk-breadcrumbs").get_by_role("link", name="Suffolk"))
    click_through(page.get_by_role("button", name="Publish"))
    assert "cannot be taken yet" not in page.locator("main").inner_text()
    click_through(page.get_by_role("button", name="Publish"))
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "The assessment was published." in banner
    assert "Published" in page.locator("main .govuk-tag").first.inner_text()

    # Publishing requested the published report; the panel polls until the worker is done.
    panel = page.locator("#reports")
    # The draft sent to the council (issue 16) is listed too: the published version by name.
    link = panel.get_by_role("link", name="Download PDF of the published report version 1")
    link.wait_for(timeout=120_000)
    assert "Published, version 1" in panel.inner_text()
    check_accessibility(page, "published-assessment")
    screenshot(page, "publish-report-ready")
    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
    text = " ".join(text.split())
    assert content.startswith(b"%PDF") and "DRAFT" not in text
    assert "Suffolk: Good, score 64%" in text
    assert "The carers' hub opened in June 2025." in text  # the accepted challenge's change

    click_through(page.get_by_role("link", name="Exports").first)
    assert page.get_by_role("heading", name="Exports").is_visible()
    check_accessibility(page, "exports")
    assert "Suffolk" in page.locator("table").last.inner_text()
    click_through(page.get_by_role("button", name="Start a bulk export"))
    zip_link = page.locator("#bulk-export-list").get_by_role("link", name="Download ZIP")
    zip_link.wait_for(timeout=120_000)
    screenshot(page, "exports-bulk-ready")
    with page.expect_download() as download:
        zip_link.first.click()
    archive = zipfile.ZipFile(download.value.path())
    manifest = archive.read("manifest.csv").decode()
    assert manifest.startswith("council,gss_code,rating,percentage,publication_date,sha256")
    rows = list(csv.DictReader(io.StringIO(manifest)))
    # The formal assessment just published (demo data) has its PDF; Suffolk's real 2023 pilot
    # is an imported result, with no report rendered here.
    suffolk = [row for row in rows if row["gss_code"] == SUFFOLK]
    assert [(row["rating"], row["percentage"]) for row in suffolk] == [("Good", "64")]
    # Rows of reports still rendering name no file (status "not yet rendered").
    names = [row["file"] for row in rows if row["status"] == "included"]
    assert len(set(names)) == len(names) and set(names) | {"manifest.csv"} == set(
        archive.namelist()
    )
    assert hashlib.sha256(archive.read(suffolk[0]["file"])).hexdigest() == suffolk[0]["sha256"]
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the national ratings table (CSV)").click()
    table = Path(download.value.path()).read_text(encoding="utf-8")
    assert table.startswith("council,gss_code")
    suffolk_row = next(row for row in table.splitlines() if row.startswith(f"Suffolk,{SUFFOLK},"))
    # Published demo work is left out of the national table: Suffolk's row is still its
    # real 2023 pilot result, not demo data.
    assert "Indicative (pilot)" in suffolk_row and suffolk_row.endswith(",no")
